#!/usr/bin/env bash
# Builds the Kubernetes binaries from Debian's kubernetes source package, once per version.
#   build-kube.sh          kube-apiserver and kube-controller-manager ($KUBE_CACHE)
#   build-kube.sh --node   also kubelet, kube-scheduler and the sandbox's pause binary ($KUBE_NODE_CACHE)
# The binaries are cached outside the checkout; a second run finds them and returns at once. Whatever is missing is
# built in one `make`, so a cold machine compiles the shared packages once.
source "$(dirname "$0")/lib.sh"

with_node=0
case "${1:-}" in
  "") ;;
  --node) with_node=1 ;;
  *) die "unknown option '$1' (usage: build-kube.sh [--node])" ;;
esac

# One build at a time: a second caller waits for the first and then finds the cache.
mkdir -p "$(dirname "$KUBE_CACHE")"
exec 9>"$KUBE_CACHE.lock"
flock 9

what=()
[[ -x "$KUBE_CACHE/kube-apiserver" && -x "$KUBE_CACHE/kube-controller-manager" ]] \
  || what+=(cmd/kube-apiserver cmd/kube-controller-manager)
if ((with_node)); then
  [[ -x "$KUBE_NODE_CACHE/kubelet" && -x "$KUBE_NODE_CACHE/kube-scheduler" && -x "$KUBE_NODE_CACHE/pause" ]] \
    || what+=(cmd/kubelet cmd/kube-scheduler)
fi
if ((${#what[@]} == 0)); then
  log "kube $KUBE_VERSION binaries cached in $KUBE_CACHE"
  exit 0
fi

work="${XDG_CACHE_HOME:-$HOME/.cache}/jujuops/kube-src"
buildlog="$work/build.log"
mkdir -p "$work" "$KUBE_CACHE"
log "building ${what[*]} $KUBE_VERSION (a few minutes); log: $buildlog"

# Debian's source index is needed once: add a deb-src stanza beside the existing debian.sources.
if ! ls /etc/apt/sources.list.d/*.sources 2>/dev/null | xargs grep -l 'deb-src' >/dev/null 2>&1; then
  cat >/etc/apt/sources.list.d/jujuops-deb-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt-get update -q >/dev/null
fi

cd "$work"
orig="$(ls kubernetes_*.orig.tar.gz 2>/dev/null | head -n1 || true)"
if [[ -z "$orig" ]]; then
  apt-get source --download-only kubernetes >"$buildlog" 2>&1 || die "apt-get source kubernetes failed; see $buildlog"
  orig="$(ls kubernetes_*.orig.tar.gz | head -n1)"
fi
rm -rf tree && mkdir tree
tar -xzf "$orig" -C tree --strip-components=1

# Go >= 1.18 crashes the vendored reflect2 v1.0.1 on the first JSON the apiserver encodes: use Debian's 1.0.2.
rm -rf tree/vendor/github.com/modern-go/reflect2
cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 tree/vendor/github.com/modern-go/reflect2
find tree/vendor/github.com/modern-go/reflect2 -name '*_test.go' -delete

# Go >= 1.16 makes the vendored OpenAPI validators treat every empty string as null, so a custom resource with
# `key: ""` is refused ("must be of type string: \"null\""). Kubernetes 1.21 fixed it by dropping that zero-value
# check (kubernetes/kubernetes#99804, kubernetes/kube-openapi#230); do the same here.
for validator in tree/vendor/k8s.io/kube-openapi/pkg/validation/validate/type.go tree/vendor/github.com/go-openapi/validate/type.go; do
  grep -q 'reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data))' "$validator" \
    || die "$validator no longer has the zero-value check this script removes"
  sed -i 's/if data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data)) {/if data == nil {/' "$validator"
done

# kubelet (node patch 1): by default it rewrites host sysctls (vm.overcommit_memory, kernel.panic,
# kernel.panic_on_oops) for the whole machine; make it only warn. Only pkg/kubelet links this file.
cm=tree/pkg/kubelet/cm/container_manager_linux.go
grep -q '	b := KernelTunableModify' "$cm" || die "$cm no longer has the kernel-tunable default this script changes"
sed -i 's/	b := KernelTunableModify/	b := KernelTunableWarn/' "$cm"

cd tree
mkdir -p .go/src/k8s.io && ln -sfn ../../.. .go/src/k8s.io/kubernetes
mkdir -p "$work/home"
if ! GOPATH="$PWD/.go" CGO_ENABLED=0 HOME="$work/home" GOFLAGS=-mod=vendor \
     make WHAT="${what[*]}" >>"$buildlog" 2>&1; then
  die "kube build failed; see $buildlog"
fi
bin="$(dirname "$(find _output -type f -path '*/bin/*' -name "$(basename "${what[0]}")" | head -n1)")"
for w in "${what[@]}"; do
  case "$w" in
    cmd/kube-apiserver|cmd/kube-controller-manager) install -m 0755 "$bin/${w#cmd/}" "$KUBE_CACHE/" ;;
    *) mkdir -p "$KUBE_NODE_CACHE" && install -m 0755 "$bin/${w#cmd/}" "$KUBE_NODE_CACHE/" ;;
  esac
done
# The pod sandbox's image holds only this: the same tree's pause, static, so the image needs no libc.
if ((with_node)); then
  gcc -Os -static -o "$KUBE_NODE_CACHE/pause" build/pause/linux/pause.c >>"$buildlog" 2>&1 || die "pause build failed; see $buildlog"
  strip "$KUBE_NODE_CACHE/pause"
fi
cd "$work" && rm -rf tree
log "built; cached in $KUBE_CACHE"
