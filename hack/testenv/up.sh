#!/usr/bin/env bash
# Brings up the whole test environment: packages, kube binaries, N clusters, a node that runs pods on cluster 1, LXD.
# Idempotent: anything already running is left as it is. Writes $TESTENV_DIR/env.sh to source.
#   up.sh [--clusters N] [--no-lxd] [--no-node]
# --no-node: cluster 1 gets no scheduler, kubelet or containerd (pods stay Pending), which saves about 20 s at start
# and a little idle CPU; `make test` needs the node, so it is the default.
source "$(dirname "$0")/lib.sh"

clusters="${JUJUOPS_TESTENV_CLUSTERS:-2}"; with_lxd=1; with_node=1
while (($#)); do
  case "$1" in
    --clusters) clusters="$2"; shift 2 ;;
    --no-lxd) with_lxd=0; shift ;;
    --no-node) with_node=0; shift ;;
    *) die "unknown option '$1' (usage: up.sh [--clusters N] [--no-lxd] [--no-node])" ;;
  esac
done
here="$(dirname "$0")"
mkdir -p "$TESTENV_DIR"
bash "$here/install.sh"
if ((with_node)); then bash "$here/build-kube.sh" --node; else bash "$here/build-kube.sh"; fi

{
  echo "# Written by hack/testenv/up.sh; source it to reach the test environment."
  echo "export JUJUOPS_TESTENV_DIR='$TESTENV_DIR'"
  for i in $(seq 1 "$clusters"); do
    node_flag=()
    ((i == 1 && with_node)) && node_flag=(--node)
    kc="$(bash "$here/cluster.sh" up "$i" "${node_flag[@]}")"
    suffix=""; ((i > 1)) && suffix="_$i"
    echo "export JUJUOPS_TEST_KUBECONFIG$suffix='$kc'"
  done
  # The clusters with a node that runs pods (only cluster 1, to spare the CPU); empty when there is none.
  if ((with_node)); then echo "export JUJUOPS_TEST_NODE_CLUSTERS='1'"; else echo "export JUJUOPS_TEST_NODE_CLUSTERS=''"; fi
  if ((with_lxd)); then
    echo "export JUJUOPS_TEST_LXD_SOCKET='$(bash "$here/lxd.sh" up)'"
    echo "export JUJUOPS_TEST_LXD_IMAGE='$LXD_IMAGE_ALIAS'"
  fi
} >"$TESTENV_DIR/env.sh.new"
mv "$TESTENV_DIR/env.sh.new" "$TESTENV_DIR/env.sh"
log "environment ready; source $TESTENV_DIR/env.sh"
