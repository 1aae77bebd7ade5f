#!/usr/bin/env bash
# `make test`: the environment's own script tests, then the real environment (left as found), build, all tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source hack/testenv/lib.sh

started_here=0
if [[ ! -f "$TESTENV_DIR/env.sh" ]]; then started_here=1; fi
cleanup() { if ((started_here)); then hack/testenv/down.sh || true; fi; }
trap cleanup EXIT

hack/testenv/install.sh
hack/testenv/build-kube.sh --node
hack/testenv/test-scripts.sh
hack/testenv/up.sh
# shellcheck disable=SC1091
source "$TESTENV_DIR/env.sh"

dotnet build Operator.sln -c "${CONFIGURATION:-Debug}"
mkdir -p "$root/artifacts/test-results"
dotnet test Operator.sln -c "${CONFIGURATION:-Debug}" --no-build \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$root/artifacts/test-results"
