#!/usr/bin/env bash
# `make bench-lxd`: issue 12's LXD benchmark. A private cluster of its own (never the shared test clusters), the
# environment's LXD (unique projects, all deleted), the Release operator as its own process.
#   bench/JujuOps.Bench.Lxd/run.sh [--machines 20] [--rounds 2] [--concurrency 4]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$root/hack/testenv/install.sh" >/dev/null
"$root/hack/testenv/build-kube.sh"
socket="$("$root/hack/testenv/lxd.sh" up | tail -1)"
dotnet build -c Release "$root/src/JujuOps.Operator" >/dev/null
dotnet build -c Release "$root/bench/JujuOps.Bench.Lxd" >/dev/null
export JUJUOPS_TESTENV_DIR="${JUJUOPS_BENCH_DIR:-$(mktemp -d /tmp/jujuops-bench-lxd-XXXXXX)}"
export JUJUOPS_TESTENV_PORT_BASE="${JUJUOPS_BENCH_PORT_BASE:-25700}"
trap '"$root/hack/testenv/cluster.sh" down 1 || true; rm -rf "$JUJUOPS_TESTENV_DIR"' EXIT
kubeconfig="$("$root/hack/testenv/cluster.sh" up 1)"
dotnet "$root/bench/JujuOps.Bench.Lxd/bin/Release/net10.0/JujuOps.Bench.Lxd.dll" --kubeconfig "$kubeconfig" --lxd-socket "$socket" "$@"
