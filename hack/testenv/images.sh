#!/usr/bin/env bash
# Container images without a registry or a daemon, built with buildah (vfs storage, chroot isolation).
#   images.sh base                      build busybox:local and pause:local once (cached), print the folder of their archives
#   images.sh build <context> <name>    build <context>/Dockerfile as <name>:local (ARG BASE defaults to busybox:local;
#       [--build-arg K=V]...            pass --build-arg BASE=localhost/debian:local for a libc base), print the archive path
#   images.sh debian-base               a Debian bookworm minbase root filesystem (debootstrap) as localhost/debian:local
#   images.sh import <index> <archive>... import OCI archives into cluster <index>'s node (containerd namespace k8s.io)
# Every archive names its image docker.io/library/<name>:local, so a pod says `image: <name>:local` with
# `imagePullPolicy: Never` (or IfNotPresent) and nothing is ever pulled.
source "$(dirname "$0")/lib.sh"

IMAGES_VERSION="1"
images_cache="${XDG_CACHE_HOME:-$HOME/.cache}/jujuops/images-i$IMAGES_VERSION"
store="$images_cache/buildah"
buildah_() { buildah --root "$store/root" --runroot "$store/run" --storage-driver vfs "$@"; }

# Writes the image named localhost/<name>:local in buildah's store to <archive> under the name pods use.
export_archive() {
  local name="$1" archive="$2"
  rm -f "$archive.new"
  buildah_ push --quiet "localhost/$name:local" "oci-archive:$archive.new:docker.io/library/$name:local" >/dev/null
  mv "$archive.new" "$archive"
}

# An image from a root filesystem folder, with no layers beneath it.
image_from_rootfs() {
  local name="$1" rootfs="$2"; shift 2
  local ctr
  ctr="$(buildah_ from --quiet scratch)"
  buildah_ copy --quiet "$ctr" "$rootfs" / >/dev/null
  buildah_ config "$@" "$ctr"
  buildah_ commit --quiet --rm "$ctr" "localhost/$name:local" >/dev/null
}

busybox_rootfs() {
  local root="$1" applet
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  # One link per applet, where busybox itself would install it (bin/sh, usr/bin/env, sbin/ifconfig, ...).
  while read -r applet; do
    [[ "$applet" == bin/busybox ]] && continue
    mkdir -p "$root/$(dirname "$applet")"
    ln -sf /bin/busybox "$root/$applet"
  done < <(/bin/busybox --list-full)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
}

base() {
  mkdir -p "$images_cache"
  exec 8>"$images_cache.lock"
  flock 8
  if [[ -f "$images_cache/busybox.tar" && -f "$images_cache/pause.tar" ]]; then echo "$images_cache"; return 0; fi
  bash "$(dirname "$0")/build-kube.sh" --node
  local tmp; tmp="$(mktemp -d)"
  busybox_rootfs "$tmp/busybox"
  image_from_rootfs busybox "$tmp/busybox" --cmd '["sh"]' --env PATH=/usr/sbin:/usr/bin:/sbin:/bin
  export_archive busybox "$images_cache/busybox.tar"
  mkdir -p "$tmp/pause"
  cp "$KUBE_NODE_CACHE/pause" "$tmp/pause/pause"
  image_from_rootfs pause "$tmp/pause" --entrypoint '["/pause"]' --user 65535:65535
  export_archive pause "$images_cache/pause.tar"
  rm -rf "$tmp"
  log "images busybox:local and pause:local in $images_cache"
  echo "$images_cache"
}

debian_base() {
  command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
  local tmp; tmp="$(mktemp -d)"
  debootstrap --variant=minbase bookworm "$tmp/rootfs" http://deb.debian.org/debian >"$tmp/debootstrap.log" 2>&1 \
    || die "debootstrap failed; see $tmp/debootstrap.log"
  rm -rf "$tmp/rootfs/var/cache/apt/archives"/*.deb "$tmp/rootfs/var/lib/apt/lists"/*
  image_from_rootfs debian "$tmp/rootfs" --cmd '["bash"]'
  export_archive debian "$images_cache/debian.tar"
  rm -rf "$tmp"
  echo "$images_cache/debian.tar"
}

build() {
  local context="${1:?usage: images.sh build <context> <name> [--build-arg K=V]...}" name="${2:?usage: images.sh build <context> <name>}"
  shift 2
  [[ -f "$context/Dockerfile" ]] || die "no Dockerfile in $context"
  [[ "$name" =~ ^[a-z0-9][a-z0-9._-]*$ ]] || die "image name '$name' must be lower case letters, digits, '.', '_' or '-'"
  base >/dev/null
  buildah_ bud --quiet --isolation chroot --build-arg BASE=localhost/busybox:local "$@" \
    -t "localhost/$name:local" "$context" >/dev/null
  mkdir -p "$images_cache/built"
  export_archive "$name" "$images_cache/built/$name.tar"
  echo "$images_cache/built/$name.tar"
}

case "${1:-}" in
  base) base ;;
  build) shift; build "$@" ;;
  debian-base) debian_base ;;
  import) shift; exec bash "$(dirname "$0")/node.sh" import "$@" ;;
  *) die "usage: images.sh base | build <context> <name> [--build-arg K=V]... | debian-base | import <index> <archive>..." ;;
esac
