#!/usr/bin/env bash
# Stops everything up.sh started (by recorded pid files) and nothing else.
source "$(dirname "$0")/lib.sh"
here="$(dirname "$0")"
for d in "$TESTENV_DIR"/cluster-*; do
  [[ -d "$d" ]] || continue
  bash "$here/cluster.sh" down "${d##*/cluster-}"
done
bash "$here/lxd.sh" down
rm -f "$TESTENV_DIR/env.sh"
