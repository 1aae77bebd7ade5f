#!/usr/bin/env bash
# Brings up the whole test environment: packages, kube binaries, N clusters, LXD.
# Idempotent: anything already running is left as it is. Writes $TESTENV_DIR/env.sh to source.
#   up.sh [--clusters N] [--no-lxd]
source "$(dirname "$0")/lib.sh"

clusters="${JUJUOPS_TESTENV_CLUSTERS:-2}"; with_lxd=1
while (($#)); do
  case "$1" in
    --clusters) clusters="$2"; shift 2 ;;
    --no-lxd) with_lxd=0; shift ;;
    *) die "unknown option '$1' (usage: up.sh [--clusters N] [--no-lxd])" ;;
  esac
done
here="$(dirname "$0")"
mkdir -p "$TESTENV_DIR"
bash "$here/install.sh"
bash "$here/build-kube.sh"

{
  echo "# Written by hack/testenv/up.sh; source it to reach the test environment."
  echo "export JUJUOPS_TESTENV_DIR='$TESTENV_DIR'"
  for i in $(seq 1 "$clusters"); do
    kc="$(bash "$here/cluster.sh" up "$i")"
    suffix=""; ((i > 1)) && suffix="_$i"
    echo "export JUJUOPS_TEST_KUBECONFIG$suffix='$kc'"
  done
  if ((with_lxd)); then
    echo "export JUJUOPS_TEST_LXD_SOCKET='$(bash "$here/lxd.sh" up)'"
    echo "export JUJUOPS_TEST_LXD_IMAGE='$LXD_IMAGE_ALIAS'"
  fi
} >"$TESTENV_DIR/env.sh.new"
mv "$TESTENV_DIR/env.sh.new" "$TESTENV_DIR/env.sh"
log "environment ready; source $TESTENV_DIR/env.sh"
