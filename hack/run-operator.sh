#!/usr/bin/env bash
# `make run`: the operator in the foreground, against $KUBECONFIG or, when unset, the local test environment.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source hack/testenv/lib.sh
if [[ -z "${KUBECONFIG:-}" ]]; then
  hack/testenv/up.sh --clusters 1
  export KUBECONFIG="$TESTENV_DIR/cluster-1/kubeconfig"
  log "no KUBECONFIG given: using the local environment ($KUBECONFIG); stop it with 'make testenv-down'"
fi
if compgen -G "config/crd/*.yaml" >/dev/null; then
  kubectl apply --server-side --force-conflicts -f config/crd/
fi
exec dotnet run --project src/JujuOps.Operator -- "$@"
