#!/usr/bin/env bash
# `make bench-models`: issue 19's model benchmark. For each N, a private cluster of its own (never the shared test
# clusters), the Release operator as its own process, then the cluster is removed.
#   bench/JujuOps.Bench.Models/run.sh [--counts 1000,10000] [--workers 4] [--concurrency 64] [--rest-seconds 60]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
counts=1000,10000
pass=()
while (($#)); do
  case "$1" in
    --counts) counts="$2"; shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
"$root/hack/testenv/install.sh" >/dev/null
"$root/hack/testenv/build-kube.sh"
dotnet build -c Release "$root/src/JujuOps.Operator" >/dev/null
dotnet build -c Release "$root/bench/JujuOps.Bench.Models" >/dev/null
export JUJUOPS_TESTENV_DIR="${JUJUOPS_BENCH_DIR:-$(mktemp -d /tmp/jujuops-bench-models-XXXXXX)}"
export JUJUOPS_TESTENV_PORT_BASE="${JUJUOPS_BENCH_PORT_BASE:-25900}"
trap '"$root/hack/testenv/cluster.sh" down 1 || true; rm -rf "$JUJUOPS_TESTENV_DIR"' EXIT
for count in ${counts//,/ }; do
  kubeconfig="$("$root/hack/testenv/cluster.sh" up 1)"
  echo "=== N=$count ==="
  dotnet "$root/bench/JujuOps.Bench.Models/bin/Release/net10.0/JujuOps.Bench.Models.dll" --kubeconfig "$kubeconfig" --count "$count" "${pass[@]}"
  "$root/hack/testenv/cluster.sh" down 1
done
