#!/usr/bin/env bash
# The operator's image without a registry or a daemon: publish on the host, then build the Dockerfile's `prebuilt`
# target with buildah on the .NET runtime base made here (hack/testenv/images.sh dotnet-base).
#   hack/build-image.sh [--name NAME] [--no-build] [--import CLUSTER]
#     --name NAME       image NAME:local (default jujuops-operator), archive docker.io/library/NAME:local
#     --no-build        publish what `dotnet build` already built (same CONFIGURATION), as the tests do
#     --import CLUSTER  also import it into that test cluster's node
# Prints the OCI archive's path. CONFIGURATION (Debug) picks the build; users with a registry use `docker build .`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source hack/testenv/lib.sh

name=jujuops-operator no_build=() cluster=""
while (($#)); do
  case "$1" in
    --name) name="${2:?--name needs a value}"; shift 2 ;;
    --no-build) no_build=(--no-build); shift ;;
    --import) cluster="${2:?--import needs a cluster index}"; shift 2 ;;
    *) die "unknown argument '$1' (--name NAME, --no-build, --import CLUSTER)" ;;
  esac
done

publish="artifacts/image/operator"
rm -rf "$publish"
dotnet publish src/JujuOps.Operator -c "${CONFIGURATION:-Debug}" "${no_build[@]}" -o "$publish" >&2
base="$(bash hack/testenv/images.sh dotnet-base)"
archive="$(bash hack/testenv/images.sh build . "$name" --target prebuilt --build-arg RUNTIME_IMAGE="$base" --build-arg PUBLISH_DIR="$publish")"
[[ -n "$cluster" ]] && bash hack/testenv/images.sh import "$cluster" "$archive"
echo "$archive"
