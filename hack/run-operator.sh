#!/usr/bin/env bash
# `make run`: the operator in the foreground, against $KUBECONFIG or, when unset, the local test environment.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source hack/testenv/lib.sh
# The operator runs outside the cluster here, so the API server must reach its admission webhooks at an address
# of this machine: loopback for the local environment. For another cluster, set JujuOps__Webhooks__Url to an https
# address that cluster's API server can reach; without one the webhooks stay off (a webhook nobody can reach would
# refuse every change to our kinds), and the reconcilers still refuse bad input in status.
if [[ -z "${KUBECONFIG:-}" ]]; then
  hack/testenv/up.sh --clusters 1 --no-node
  export KUBECONFIG="$TESTENV_DIR/cluster-1/kubeconfig"
  export JujuOps__Webhooks__Url="${JujuOps__Webhooks__Url:-https://127.0.0.1:9443}"
  log "no KUBECONFIG given: using the local environment ($KUBECONFIG); stop it with 'make testenv-down'"
elif [[ -z "${JujuOps__Webhooks__Url:-}" ]]; then
  export JujuOps__Webhooks__Enabled="${JujuOps__Webhooks__Enabled:-false}"
  log "admission webhooks off: set JujuOps__Webhooks__Url=https://<address the API server reaches>:9443 to serve them"
fi
if compgen -G "config/crd/*.yaml" >/dev/null; then
  kubectl apply --server-side --force-conflicts -f config/crd/
fi
exec dotnet run --project src/JujuOps.Operator -- "$@"
