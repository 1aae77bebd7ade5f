#!/usr/bin/env bash
# Brings up the whole test environment: packages, kube binaries, N clusters, one more cluster (N+1) with a node that
# runs pods, LXD.
# Idempotent: anything already running is left as it is. Writes $TESTENV_DIR/env.sh to source.
#   up.sh [--clusters N] [--no-lxd] [--no-node]
# The node's cluster is a cluster of its own because its workload controllers (Deployments, StatefulSets, claims)
# would change what tests of clusters 1..N see. --no-node leaves it out, which saves about 30 s at start and a
# little idle CPU; `make test` needs it, so it is the default.
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
    kc="$(bash "$here/cluster.sh" up "$i")"
    suffix=""; ((i > 1)) && suffix="_$i"
    echo "export JUJUOPS_TEST_KUBECONFIG$suffix='$kc'"
  done
  node_cluster=$((clusters + 1))
  if ((with_node)); then
    echo "export JUJUOPS_TEST_KUBECONFIG_$node_cluster='$(bash "$here/cluster.sh" up "$node_cluster" --node)'"
  elif [[ -d "$TESTENV_DIR/cluster-$node_cluster/node" ]]; then
    bash "$here/cluster.sh" down "$node_cluster"
  fi
  # The clusters with a node that runs pods (one, to spare the CPU); empty when there is none.
  if ((with_node)); then echo "export JUJUOPS_TEST_NODE_CLUSTERS='$node_cluster'"; else echo "export JUJUOPS_TEST_NODE_CLUSTERS=''"; fi
  if ((with_lxd)); then
    echo "export JUJUOPS_TEST_LXD_SOCKET='$(bash "$here/lxd.sh" up)'"
    echo "export JUJUOPS_TEST_LXD_IMAGE='$LXD_IMAGE_ALIAS'"
  fi
} >"$TESTENV_DIR/env.sh.new"
mv "$TESTENV_DIR/env.sh.new" "$TESTENV_DIR/env.sh"
log "environment ready; source $TESTENV_DIR/env.sh"
