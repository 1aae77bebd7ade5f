#!/usr/bin/env bash
# Installs the Debian packages the test environment needs, only those that are missing.
source "$(dirname "$0")/lib.sh"

need=()
command -v etcd >/dev/null || need+=(etcd-server)
command -v go >/dev/null || need+=(golang-go)
command -v rsync >/dev/null || need+=(rsync)
command -v jq >/dev/null || need+=(jq)
[[ -d /usr/share/gocode/src/github.com/modern-go/reflect2 ]] || need+=(golang-github-modern-go-reflect2-dev)
command -v lxd >/dev/null || need+=(lxd)
command -v lxc >/dev/null || need+=(lxd-client)
[[ -x /bin/busybox ]] && file -L /bin/busybox 2>/dev/null | grep -q static || dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
command -v openssl >/dev/null || need+=(openssl)
command -v etcdctl >/dev/null || need+=(etcd-client)
command -v dpkg-source >/dev/null || need+=(dpkg-dev)
# The node that runs pods, and images built without a daemon or registry.
command -v containerd >/dev/null || need+=(containerd)
command -v runc >/dev/null || need+=(runc)
[[ -x /usr/lib/cni/loopback && -x /usr/lib/cni/static ]] || need+=(containernetworking-plugins)
command -v buildah >/dev/null || need+=(buildah)
command -v gcc >/dev/null || need+=(gcc libc6-dev)
command -v nsenter >/dev/null || need+=(util-linux)
# Install and operate (issue 17): the Argo CD health check's tests run Lua; the chart is rendered with Go's
# text/template and sprig, as Helm renders it (no helm binary is installable here).
command -v lua5.4 >/dev/null || need+=(lua5.4)
[[ -d /usr/share/gocode/src/github.com/Masterminds/sprig ]] || need+=(golang-github-masterminds-sprig-dev)
[[ -d /usr/share/gocode/src/gopkg.in/yaml.v3 ]] || need+=(golang-gopkg-yaml.v3-dev)

if ((${#need[@]})); then
  log "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
command -v kubectl >/dev/null || die "kubectl is not on PATH (the machine image provides it; do not install Debian's kubernetes-client)"
log "packages present"
