#!/usr/bin/env bash
# `make bench-cli`: issue 16's plugin benchmark on a private cluster of its own (ports 25800+, never the shared test
# clusters): the plugin published as is, as ReadyToRun and as native AOT, each against `kubectl get jm -A` in the same run.
#   bench/JujuOps.Bench.Cli/run.sh [--models 200] [--applications 20] [--runs 7]
#   JUJUOPS_BENCH_KUBECONFIG=<path> uses that cluster instead of starting one.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mktemp -d /tmp/jujuops-bench-cli-XXXXXX)"
dotnet publish -c Release "$root/src/JujuOps.Cli" -o "$out/jit" >/dev/null
dotnet publish -c Release "$root/src/JujuOps.Cli" -o "$out/r2r" -p:PublishReadyToRun=true -r linux-x64 --self-contained false >/dev/null
plugins=(--plugin "jit=$out/jit" --plugin "r2r=$out/r2r")
# Native AOT (what `make install-plugin` installs) needs a C linker; without one the AOT row is left out, said so.
if dotnet publish -c Release "$root/src/JujuOps.Cli" -o "$out/aot" -r linux-x64 -p:KubectlJujuNative=true >"$out/aot.log" 2>&1; then
  plugins+=(--plugin "aot=$out/aot")
else
  echo "bench-cli: no native AOT build here (last lines of its log follow); measuring jit and r2r only" >&2
  tail -5 "$out/aot.log" >&2
fi
dotnet build -c Release "$root/bench/JujuOps.Bench.Cli" >/dev/null
cleanup() { rm -rf "$out"; }
if [[ -z "${JUJUOPS_BENCH_KUBECONFIG:-}" ]]; then
  "$root/hack/testenv/install.sh" >/dev/null
  "$root/hack/testenv/build-kube.sh"
  export JUJUOPS_TESTENV_DIR="$out/env"
  export JUJUOPS_TESTENV_PORT_BASE="${JUJUOPS_BENCH_PORT_BASE:-25800}"
  cleanup() { "$root/hack/testenv/cluster.sh" down 1 || true; rm -rf "$out"; }
  JUJUOPS_BENCH_KUBECONFIG="$("$root/hack/testenv/cluster.sh" up 1)"
fi
trap cleanup EXIT
dotnet "$root/bench/JujuOps.Bench.Cli/bin/Release/net10.0/JujuOps.Bench.Cli.dll" --kubeconfig "$JUJUOPS_BENCH_KUBECONFIG" \
  "${plugins[@]}" "$@"
