# Shared helpers for the test-environment scripts. Sourced, never run.
# shellcheck shell=bash
set -euo pipefail

TESTENV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TESTENV_DIR="${JUJUOPS_TESTENV_DIR:-$TESTENV_ROOT/.testenv}"
KUBE_VERSION="1.20.2"
# Bumped whenever build-kube.sh patches the source differently, so that a cached build of older patches is not used.
KUBE_PATCHES="2"
KUBE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/jujuops/kube-$KUBE_VERSION-p$KUBE_PATCHES"
# The node's binaries (kubelet, kube-scheduler, the sandbox's pause) sit beside the control plane's, keyed apart so
# that adding or changing them never invalidates a cached kube-apiserver.
KUBE_NODE_PATCHES="1"
KUBE_NODE_CACHE="$KUBE_CACHE/node-n$KUBE_NODE_PATCHES"
LXD_IMAGE_ALIAS="${JUJUOPS_LXD_IMAGE_ALIAS:-jujuops-busybox}"

log() { printf '[testenv] %s\n' "$*" >&2; }
die() { printf '[testenv] error: %s\n' "$*" >&2; exit 1; }

# The process recorded in a pid file is ours only while it is alive and still runs the command we started.
pid_alive() {
  local pidfile="$1" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  local want; want="$(cat "$pidfile.cmd" 2>/dev/null || true)"
  [[ -z "$want" ]] && return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$want"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_port_free() {
  port_in_use "$1" && die "port $1 on 127.0.0.1 is in use by a process we did not start (set JUJUOPS_TESTENV_PORT_BASE to move)"
  return 0
}

# Starts a command in the background with its own log and pid file; remembers its command line to recognise it later.
start_bg() {
  local name="$1" dir="$2"; shift 2
  mkdir -p "$dir"
  setsid "$@" >"$dir/$name.log" 2>&1 < /dev/null &
  echo $! >"$dir/$name.pid"
  basename "$1" >"$dir/$name.pid.cmd"
}

stop_pidfile() {
  local pidfile="$1" pid i
  if pid_alive "$pidfile"; then
    pid="$(cat "$pidfile")"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile" "$pidfile.cmd"
}

wait_for() {
  local what="$1" timeout="$2" logfile="$3"; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || die "$what not ready after ${timeout}s; see $logfile"
    sleep 0.3
  done
}
