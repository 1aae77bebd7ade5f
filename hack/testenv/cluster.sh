#!/usr/bin/env bash
# One Kubernetes control plane on loopback: etcd + kube-apiserver + kube-controller-manager.
#   cluster.sh up <index> [--node]   start cluster <index> (idempotent), print its kubeconfig path; with --node also
#                                    the controllers a node needs and the node itself (node.sh: scheduler, kubelet, containerd)
#   cluster.sh down <index>          stop what `up` started for it (its node first), remove its data
# Faults, for the runtime's tests (only ever on a private cluster, never on the shared clusters 1 and 2):
#   cluster.sh kill-apiserver|start-apiserver|pause-apiserver|resume-apiserver <index>   SIGKILL / start / SIGSTOP / SIGCONT
#   cluster.sh compact-etcd <index>   compact etcd at its current revision, print the revision
# Ports: $JUJUOPS_TESTENV_PORT_BASE (23000) + 10*index + {0 etcd client, 1 etcd peer, 2 apiserver, 3 controller-manager};
# the node takes 4 to 7 (node.sh).
# kube-controller-manager 1.20 also serves plain HTTP on 10252 by default: --port=0 turns that off, so clusters never collide.
source "$(dirname "$0")/lib.sh"

action="${1:?usage: cluster.sh up|down <index>}"
index="${2:?usage: cluster.sh up|down <index>}"
[[ "$index" =~ ^[0-9]+$ ]] || die "cluster index must be a number, got '$index'"
base=$(( ${JUJUOPS_TESTENV_PORT_BASE:-23000} + 10 * index ))
etcd_port=$base; peer_port=$((base + 1)); api_port=$((base + 2)); kcm_port=$((base + 3))
dir="$TESTENV_DIR/cluster-$index"
kubeconfig="$dir/kubeconfig"
with_node=0
[[ "${3:-}" == --node ]] && with_node=1
# Without a node nothing would use the workload controllers but load; with one, they turn Deployments and
# StatefulSets into pods, lift the node's not-ready taint (nodelifecycle) and bind claims (host-path provisioner).
# clusterrole-aggregation fills the built-in edit/view/admin ClusterRoles from aggregate-to-* labelled ones
# (config/rbac/aggregate_roles.yaml, AggregatedRolesTests).
controllers=namespace,garbagecollector,resourcequota,serviceaccount-token,serviceaccount,clusterrole-aggregation
((with_node)) && controllers+=,deployment,replicaset,statefulset,podgc,nodelifecycle,persistentvolume-binder,pvc-protection,pv-protection

api_ready() {
  curl -ksf --max-time 2 -H "Authorization: Bearer $(cat "$dir/token")" "https://127.0.0.1:$api_port/readyz" | grep -q '^ok$'
}

write_kubeconfig() {
  cat >"$kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: jujuops-test-$index
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority: $dir/certs/apiserver.crt
users:
- name: admin
  user:
    token: $(cat "$dir/token")
contexts:
- name: jujuops-test-$index
  context: {cluster: jujuops-test-$index, user: admin}
current-context: jujuops-test-$index
KC
}

# The API server's audit log records the requests of the operator's ServiceAccounts only (any ServiceAccount of
# jujuops-system), at Metadata level: who, verb, resource, answer. OperatorRbacTests reads it to prove every
# permission of config/rbac is used; nothing else is logged, so it costs the other tests nothing.
write_audit_policy() {
  cat >"$dir/audit-policy.yaml" <<'POLICY'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
  userGroups: ["system:serviceaccounts:jujuops-system"]
- level: None
POLICY
}

start_apiserver() {
  write_audit_policy
  start_bg kube-apiserver "$dir" "$KUBE_CACHE/kube-apiserver" \
    --audit-policy-file="$dir/audit-policy.yaml" --audit-log-path="$dir/audit.log" --audit-log-maxsize=50 --audit-log-maxbackup=1 \
    --etcd-servers="http://127.0.0.1:$etcd_port" --bind-address=127.0.0.1 --secure-port="$api_port" \
    --advertise-address=127.0.0.1 --cert-dir="$dir/certs" --token-auth-file="$dir/tokens.csv" \
    --authorization-mode=RBAC --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$dir/sa.pub" --service-account-signing-key-file="$dir/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 --allow-privileged=true
  # 5 s when the machine is quiet; once seen over 90 s with two test runs and their builds on 2 cores.
  wait_for "kube-apiserver (cluster $index)" 180 "$dir/kube-apiserver.log" api_ready
}

# Faults for the runtime's tests, on the processes this script started for <index> only (found by pid file).
signal_apiserver() {
  pid_alive "$dir/kube-apiserver.pid" || die "kube-apiserver of cluster $index is not running"
  kill "-$1" "$(cat "$dir/kube-apiserver.pid")"
}

kill_apiserver() {
  signal_apiserver KILL
  local pid; pid="$(cat "$dir/kube-apiserver.pid")"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$dir/kube-apiserver.pid" "$dir/kube-apiserver.pid.cmd"
}

compact_etcd() {
  local rev
  rev="$(ETCDCTL_API=3 etcdctl --endpoints "http://127.0.0.1:$etcd_port" endpoint status --write-out=json | jq -r '.[0].Status.header.revision')"
  ETCDCTL_API=3 etcdctl --endpoints "http://127.0.0.1:$etcd_port" compact "$rev" >&2
  echo "$rev"
}

start_controller_manager() {
  local extra=()
  ((with_node)) && extra+=(--enable-hostpath-provisioner=true)
  start_bg kube-controller-manager "$dir" "$KUBE_CACHE/kube-controller-manager" \
    --kubeconfig="$kubeconfig" --authentication-kubeconfig="$kubeconfig" --authorization-kubeconfig="$kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$kcm_port" --port=0 --leader-elect=false \
    --controllers="$controllers" "${extra[@]}" \
    --service-account-private-key-file="$dir/sa.key" --root-ca-file="$dir/certs/apiserver.crt"
  echo "$controllers" >"$dir/kube-controller-manager.controllers"
  wait_for "kube-controller-manager (cluster $index)" 60 "$dir/kube-controller-manager.log" \
    curl -ksf --max-time 2 "https://127.0.0.1:$kcm_port/healthz"
}

# A running cluster asked for a node it lacks (or told to drop one) only swaps its controller manager.
reconcile_node() {
  if [[ "$(cat "$dir/kube-controller-manager.controllers" 2>/dev/null)" != "$controllers" ]]; then
    stop_pidfile "$dir/kube-controller-manager.pid"
    start_controller_manager
  fi
  if ((with_node)); then bash "$(dirname "$0")/node.sh" up "$index"
  elif [[ -d "$dir/node" ]]; then bash "$(dirname "$0")/node.sh" down "$index"; fi
}

up() {
  if pid_alive "$dir/etcd.pid" && pid_alive "$dir/kube-apiserver.pid" && pid_alive "$dir/kube-controller-manager.pid" && api_ready; then
    reconcile_node
    echo "$kubeconfig"; return 0
  fi
  # A half-started cluster of ours is stopped first; ports held by anything else are an error.
  down_quiet
  for p in $etcd_port $peer_port $api_port $kcm_port; do require_port_free "$p"; done
  bash "$(dirname "$0")/build-kube.sh"
  mkdir -p "$dir/certs"

  [[ -f "$dir/token" ]] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/token"
  echo "$(cat "$dir/token"),admin,admin,system:masters" >"$dir/tokens.csv"
  if [[ ! -f "$dir/sa.key" ]]; then
    openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null
    openssl rsa -in "$dir/sa.key" -pubout -out "$dir/sa.pub" 2>/dev/null
  fi

  start_bg etcd "$dir" etcd --name "test-$index" --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "test-$index=http://127.0.0.1:$peer_port"
  wait_for "etcd (cluster $index)" 30 "$dir/etcd.log" curl -sf "http://127.0.0.1:$etcd_port/health"

  start_apiserver
  write_kubeconfig

  start_controller_manager
  ((with_node)) && bash "$(dirname "$0")/node.sh" up "$index"
  log "cluster $index ready: https://127.0.0.1:$api_port (kubeconfig $kubeconfig)"
  echo "$kubeconfig"
}

down_quiet() {
  [[ -d "$dir/node" ]] && bash "$(dirname "$0")/node.sh" down "$index"
  stop_pidfile "$dir/kube-controller-manager.pid"
  stop_pidfile "$dir/kube-apiserver.pid"
  stop_pidfile "$dir/etcd.pid"
}

case "$action" in
  up) up ;;
  down) down_quiet; rm -rf "$dir"; log "cluster $index stopped" ;;
  kill-apiserver) kill_apiserver ;;
  start-apiserver) pid_alive "$dir/kube-apiserver.pid" || start_apiserver ;;
  pause-apiserver) signal_apiserver STOP ;;
  resume-apiserver) signal_apiserver CONT ;;
  compact-etcd) compact_etcd ;;
  *) die "unknown action '$action' (up|down|kill-apiserver|start-apiserver|pause-apiserver|resume-apiserver|compact-etcd)" ;;
esac
