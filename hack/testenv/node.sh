#!/usr/bin/env bash
# One node that runs pods for cluster <index>: kube-scheduler, and kubelet + containerd + runc on loopback.
#   node.sh up <index>                  start it (idempotent; cluster <index> must be up), wait until the node is Ready
#   node.sh down <index>                stop it: no process, mount, cgroup or network namespace of its own is left
#   node.sh import <index> <archive>... import OCI image archives into its containerd (namespace k8s.io)
#   node.sh ctr <index> <args>...       run ctr against its containerd (for debugging)
# containerd and kubelet run in a private mount namespace with their own tmpfs on /run, /var/lib and /var/log, so
# the paths kubelet 1.20 and containerd 1.6 hard-code (/var/log/pods, /var/lib/kubelet/device-plugins,
# /run/containerd/s, /var/lib/cni) never touch the host and two environments never share them; every mount they make
# (volumes, overlay snapshots, network-namespace files) lives and dies with that namespace.
# Pods get a network namespace with loopback only (see docs/test-environment.md for what a pod can reach).
# Ports: $JUJUOPS_TESTENV_PORT_BASE (23000) + 10*index + {4 scheduler, 5 kubelet, 6 kubelet healthz, 7 containerd streaming}.
source "$(dirname "$0")/lib.sh"

action="${1:?usage: node.sh up|down|import|ctr <index>}"
index="${2:?usage: node.sh up|down|import|ctr <index>}"
[[ "$index" =~ ^[0-9]+$ ]] || die "cluster index must be a number, got '$index'"
shift 2
base=$(( ${JUJUOPS_TESTENV_PORT_BASE:-23000} + 10 * index ))
scheduler_port=$((base + 4)); kubelet_port=$((base + 5)); healthz_port=$((base + 6)); stream_port=$((base + 7))
cluster_dir="$TESTENV_DIR/cluster-$index"
kubeconfig="$cluster_dir/kubeconfig"
node="$cluster_dir/node"
node_name="127.0.0.1"
# The cgroup every pod of this node lives under, in each hierarchy; named by the kubelet port, which only we hold.
cgroup_root="jujuops-node-$kubelet_port"
storage_class="jujuops-hostpath"
socket=/run/containerd/containerd.sock   # inside the node's mount namespace only

kctl() { kubectl --kubeconfig "$kubeconfig" "$@"; }

# The cgroup v1 hierarchies (and a v2 one, if mounted) the host has.
cgroup_mounts() { awk '$3 == "cgroup" || $3 == "cgroup2" {print $2}' /proc/mounts; }

in_node() {
  pid_alive "$node/containerd.pid" || die "the node of cluster $index is not running"
  nsenter -t "$(cat "$node/containerd.pid")" -m -- "$@"
}

node_ready() {
  [[ "$(kctl get node "$node_name" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}{.spec.taints}' 2>/dev/null)" == "True" ]]
}

write_config() {
  mkdir -p "$node/containerd" "$node/cni" "$node/kubelet" "$node/volume-plugins"
  cat >"$node/containerd.toml" <<TOML
version = 2
root = "$node/containerd/root"
state = "$node/containerd/state"
[grpc]
  address = "$socket"
[ttrpc]
  address = "$socket.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$node/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "docker.io/library/pause:local"
  stream_server_address = "127.0.0.1"
  stream_server_port = "$stream_port"
  disable_apparmor = true
  # This machine kind lacks CAP_SYS_RESOURCE: without this runc fails writing /proc/self/oom_score_adj.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$node/cni"
TOML
  # Loopback alone is refused by containerd 1.6 (it wants an IP in the CNI result); static IPAM reports 127.0.0.1
  # and configures nothing, so the pod's namespace holds only lo.
  cat >"$node/cni/10-lo-only.conflist" <<'CNI'
{"cniVersion":"0.4.0","name":"lo-only","plugins":[{"type":"loopback"},{"type":"static","ipam":{"type":"static","addresses":[{"address":"127.0.0.1/8"}]}}]}
CNI
}

make_cgroup_root() {
  local mount
  for mount in $(cgroup_mounts); do
    mkdir -p "$mount/$cgroup_root"
    # A new cpuset cgroup starts with no CPUs and no memory nodes: give it its parent's.
    if [[ -f "$mount/cpuset.cpus" && -f "$mount/$cgroup_root/cpuset.cpus" ]]; then
      [[ -n "$(cat "$mount/$cgroup_root/cpuset.cpus")" ]] || cat "$mount/cpuset.cpus" >"$mount/$cgroup_root/cpuset.cpus"
      [[ -n "$(cat "$mount/$cgroup_root/cpuset.mems")" ]] || cat "$mount/cpuset.mems" >"$mount/$cgroup_root/cpuset.mems"
    fi
  done
}

# Every process in the node's cgroups (the pods' containers and sandboxes), in any hierarchy.
cgroup_pids() {
  local mount
  for mount in $(cgroup_mounts); do
    if [[ -d "$mount/$cgroup_root" ]]; then find "$mount/$cgroup_root" -name cgroup.procs -exec cat {} + 2>/dev/null || true; fi
  done | sort -u
}

# Every process in the node's mount namespace (containerd, kubelet, the runc shims): only what this script started.
namespace_pids() {
  local want pid; want="$(cat "$node/mntns" 2>/dev/null || true)"
  [[ -n "$want" ]] || return 0
  for pid in /proc/[0-9]*; do
    [[ "$(readlink "$pid/ns/mnt" 2>/dev/null)" == "$want" ]] && echo "${pid#/proc/}"
  done
  return 0
}

kill_until_gone() {
  local lister="$1" i pids
  for i in $(seq 1 50); do
    pids="$($lister)"
    [[ -z "$pids" ]] && return 0
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.1
  done
  die "processes of the node of cluster $index survive SIGKILL: $($lister | tr '\n' ' ')"
}

remove_cgroup_root() {
  local mount
  for mount in $(cgroup_mounts); do
    [[ -d "$mount/$cgroup_root" ]] || continue
    # Children before parents; a cgroup holds only pseudo-files, so rmdir is the way to remove it.
    find "$mount/$cgroup_root" -depth -type d -exec rmdir {} + 2>/dev/null || true
    [[ -d "$mount/$cgroup_root" ]] && die "cannot remove cgroup $mount/$cgroup_root"
  done
  return 0
}

# kube-controller-manager's host-path provisioner keeps each volume in /tmp/hostpath_pv/<uid> on this host; the
# ones of this cluster are dropped with it.
remove_provisioned_volumes() {
  local path
  [[ -f "$kubeconfig" ]] || return 0
  for path in $(kctl get pv -o jsonpath='{range .items[*]}{.spec.hostPath.path}{"\n"}{end}' --request-timeout=5s 2>/dev/null); do
    [[ "$path" == /tmp/hostpath_pv/* ]] && rm -rf "$path"
  done
  return 0
}

down_quiet() {
  remove_provisioned_volumes
  stop_pidfile "$node/kubelet.pid"
  kill_until_gone cgroup_pids
  stop_pidfile "$node/containerd.pid"
  kill_until_gone namespace_pids
  stop_pidfile "$node/kube-scheduler.pid"
  # A Node object left behind would still read Ready to the next `up` before its kubelet registered again.
  [[ -f "$kubeconfig" ]] && kctl delete node "$node_name" --ignore-not-found --request-timeout=5s >/dev/null 2>&1 || true
  remove_cgroup_root
  rm -f "$node/mntns"
}

start_containerd() {
  case "$TESTENV_DIR/" in
    /run/*|/var/lib/*|/var/log/*) die "the test environment's folder $TESTENV_DIR must not be under /run, /var/lib or /var/log (the node hides them)" ;;
  esac
  start_bg containerd "$node" unshare --mount --propagation private -- sh -c '
    mount -t tmpfs -o mode=0755,size=256m jujuops-node-run /run &&
    mount -t tmpfs -o mode=0755,size=256m jujuops-node-lib /var/lib &&
    mount -t tmpfs -o mode=0755,size=512m jujuops-node-log /var/log &&
    exec containerd --config "$1"' sh "$node/containerd.toml"
  echo containerd >"$node/containerd.pid.cmd"
  wait_for "containerd (cluster $index)" 30 "$node/containerd.log" in_node ctr -a "$socket" version
  readlink "/proc/$(cat "$node/containerd.pid")/ns/mnt" >"$node/mntns"
}

import_images() {
  local archive
  for archive in "$@"; do
    [[ -f "$archive" ]] || die "no image archive at $archive"
    in_node ctr -a "$socket" -n k8s.io images import --all-platforms "$archive" >/dev/null \
      || die "importing $archive into the node of cluster $index failed"
  done
}

start_kubelet() {
  start_bg kubelet "$node" nsenter -t "$(cat "$node/containerd.pid")" -m -- "$KUBE_NODE_CACHE/kubelet" \
    --kubeconfig="$kubeconfig" --hostname-override="$node_name" \
    --container-runtime=remote --container-runtime-endpoint="unix://$socket" --runtime-request-timeout=2m \
    --pod-infra-container-image=docker.io/library/pause:local \
    --cgroup-driver=cgroupfs --cgroup-root="/$cgroup_root" --fail-swap-on=false \
    --root-dir="$node/kubelet" --cert-dir="$node/kubelet/pki" --volume-plugin-dir="$node/volume-plugins" \
    --authentication-token-webhook=false --anonymous-auth=true --authorization-mode=AlwaysAllow \
    --address=127.0.0.1 --port="$kubelet_port" --read-only-port=0 \
    --healthz-bind-address=127.0.0.1 --healthz-port="$healthz_port" \
    --make-iptables-util-chains=false --enable-controller-attach-detach=false \
    --eviction-hard='memory.available<64Mi,nodefs.available<1%,imagefs.available<1%' \
    --image-gc-high-threshold=100 --image-gc-low-threshold=99 \
    --serialize-image-pulls=false --max-pods=50 --resolv-conf=/etc/resolv.conf
  echo kubelet >"$node/kubelet.pid.cmd"
}

create_storage_class() {
  kctl apply -f - >/dev/null <<SC
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: $storage_class
provisioner: kubernetes.io/host-path
reclaimPolicy: Delete
volumeBindingMode: Immediate
SC
}

up() {
  [[ -f "$kubeconfig" ]] || die "cluster $index is not up (run cluster.sh up $index --node first)"
  if pid_alive "$node/containerd.pid" && pid_alive "$node/kubelet.pid" && pid_alive "$node/kube-scheduler.pid" && node_ready; then
    return 0
  fi
  local t0=$SECONDS
  down_quiet
  for p in $scheduler_port $kubelet_port $healthz_port $stream_port; do require_port_free "$p"; done
  bash "$(dirname "$0")/build-kube.sh" --node
  local images; images="$(bash "$(dirname "$0")/images.sh" base)"
  write_config
  make_cgroup_root

  start_bg kube-scheduler "$node" "$KUBE_NODE_CACHE/kube-scheduler" \
    --kubeconfig="$kubeconfig" --authentication-kubeconfig="$kubeconfig" --authorization-kubeconfig="$kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$scheduler_port" --port=0 --leader-elect=false
  start_containerd
  import_images "$images/pause.tar" "$images/busybox.tar"
  start_kubelet
  create_storage_class
  wait_for "kube-scheduler (cluster $index)" 60 "$node/kube-scheduler.log" \
    curl -ksf --max-time 2 "https://127.0.0.1:$scheduler_port/healthz"
  wait_for "node $node_name Ready without taints (cluster $index)" 90 "$node/kubelet.log" node_ready
  log "node of cluster $index Ready in $((SECONDS - t0)) s (kubelet on 127.0.0.1:$kubelet_port)"
}

case "$action" in
  up) up ;;
  down) down_quiet; rm -rf "$node"; log "node of cluster $index stopped" ;;
  import) import_images "$@" ;;
  ctr) in_node ctr -a "$socket" -n k8s.io "$@" ;;
  *) die "unknown action '$action' (up|down|import|ctr)" ;;
esac
