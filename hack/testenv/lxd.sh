#!/usr/bin/env bash
# LXD without systemd and without networking, plus a busybox image under a fixed alias.
#   lxd.sh up     start lxd if it is not running (idempotent), preseed it, import the image
#   lxd.sh down   stop lxd only if `up` started it, and unmount what it left behind
#   lxd.sh private-up DIR       a private daemon of a test's own (LXD_DIR=DIR), preseeded, with the image; prints its socket
#   lxd.sh private-restart DIR  stops that daemon's process (SIGTERM: its instances keep running) and starts it again
#   lxd.sh private-down DIR     stops it with its instances, unmounts what it left under DIR and removes DIR
# A private daemon is for tests that stop LXD itself: the shared one is never restarted.
source "$(dirname "$0")/lib.sh"

dir="$TESTENV_DIR/lxd"
socket="${LXD_DIR:-/var/lib/lxd}/unix.socket"

lxd_ready() { lxc query /1.0 >/dev/null 2>&1; }

preseed() {
  # No bridge: instances get no NIC, and the test host opens no private address range.
  if ! lxc storage show default >/dev/null 2>&1; then
    lxd init --preseed <<'YAML'
config: {}
networks: []
storage_pools:
- name: default
  driver: dir
profiles:
- name: default
  devices:
    root:
      path: /
      pool: default
      type: disk
YAML
  fi
}

import_image() {
  lxc image info "$LXD_IMAGE_ALIAS" >/dev/null 2>&1 && return 0
  local work; work="$(mktemp -d)"
  mkdir -p "$work/rootfs"/{bin,sbin,etc,proc,sys,dev,tmp,root,var,run}
  cp /bin/busybox "$work/rootfs/bin/busybox"
  for tool in sh ls cat echo sleep mkdir rm touch ps grep env hostname id uname mount true false; do
    ln -s busybox "$work/rootfs/bin/$tool"
  done
  ln -s ../bin/busybox "$work/rootfs/sbin/init"
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$work/rootfs/etc/passwd"
  printf 'root:x:0:\n' >"$work/rootfs/etc/group"
  cat >"$work/metadata.yaml" <<YAML
architecture: x86_64
creation_date: $(date +%s)
properties:
  description: busybox-static test image for JujuOps
  os: busybox
  release: static
YAML
  tar -C "$work" -czf "$work/meta.tar.gz" metadata.yaml
  tar -C "$work/rootfs" -czf "$work/rootfs.tar.gz" .
  lxc image import "$work/meta.tar.gz" "$work/rootfs.tar.gz" --alias "$LXD_IMAGE_ALIAS" >/dev/null
  rm -rf "$work"
  log "imported LXD image $LXD_IMAGE_ALIAS"
}

up() {
  mkdir -p "$dir"
  if lxd_ready; then
    log "lxd already running"
  else
    start_bg lxd "$dir" lxd --group root
    lxd waitready --timeout 60 || die "lxd not ready after 60s; see $dir/lxd.log"
    log "lxd started"
  fi
  preseed
  import_image
  echo "$socket"
}

down() {
  if pid_alive "$dir/lxd.pid"; then
    # Stop instances we may have left, then the daemon itself; `lxd shutdown` waits for both.
    timeout 60 lxd shutdown >/dev/null 2>&1 || true
    stop_pidfile "$dir/lxd.pid"
    # LXD keeps a few mounts under its state dir after the daemon is gone; leave none behind.
    { grep -E " ${LXD_DIR:-/var/lib/lxd}[/ ]" /proc/mounts || true; } | awk '{print $2}' | sort -r | while read -r m; do
      umount -l "$m" 2>/dev/null || true
    done
    log "lxd stopped"
  else
    rm -f "$dir/lxd.pid" "$dir/lxd.pid.cmd"
  fi
}

unmount_under() {
  { grep -E " $1[/ ]" /proc/mounts || true; } | awk '{print $2}' | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
}

private_start() {
  local root="$1"
  export LXD_DIR="$root/dir"
  mkdir -p "$LXD_DIR"
  pid_alive "$root/lxd.pid" || start_bg lxd "$root" lxd --group root --logfile "$root/lxd-daemon.log"
  lxd waitready --timeout 60 || die "private lxd not ready after 60s; see $root/lxd.log"
}

private_up() {
  local root="${1:?private-up DIR}"
  private_start "$root"
  preseed >/dev/null
  import_image >/dev/null
  echo "$LXD_DIR/unix.socket"
}

private_restart() {
  local root="${1:?private-restart DIR}"
  stop_pidfile "$root/lxd.pid"
  private_start "$root"
}

private_down() {
  local root="${1:?private-down DIR}"
  if pid_alive "$root/lxd.pid"; then
    LXD_DIR="$root/dir" timeout 60 lxd shutdown >/dev/null 2>&1 || true
    stop_pidfile "$root/lxd.pid"
  fi
  unmount_under "$root/dir"
  rm -rf "$root"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  private-up) private_up "${2:-}" ;;
  private-restart) private_restart "${2:-}" ;;
  private-down) private_down "${2:-}" ;;
  *) die "usage: lxd.sh up|down|private-up DIR|private-restart DIR|private-down DIR" ;;
esac
