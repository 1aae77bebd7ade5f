#!/usr/bin/env bash
# `make bench-scale`: the Foo scale benchmark on a private cluster of its own (never the shared clusters 1 and 2),
# removed afterwards. Extra arguments go to the benchmark (e.g. --counts 2000 --workers 32).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export JUJUOPS_TESTENV_DIR="${JUJUOPS_BENCH_DIR:-$(mktemp -d /tmp/jujuops-bench-XXXXXX)}"
export JUJUOPS_TESTENV_PORT_BASE="${JUJUOPS_BENCH_PORT_BASE:-25950}"
trap '"$root/hack/testenv/cluster.sh" down 1 || true; rm -rf "$JUJUOPS_TESTENV_DIR"' EXIT
kubeconfig="$("$root/hack/testenv/cluster.sh" up 1)"
dotnet run -c Release --project "$root/bench/JujuOps.Bench.Scale" -- --kubeconfig "$kubeconfig" "$@"
