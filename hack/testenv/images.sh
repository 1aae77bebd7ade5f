#!/usr/bin/env bash
# Container images without a registry or a daemon, built with buildah (vfs storage, chroot isolation).
#   images.sh base                      build busybox:local and pause:local once (cached), print the folder of their archives
#   images.sh build <context> <name>    build <context>/Dockerfile as <name>:local (ARG BASE defaults to busybox:local;
#       [--build-arg K=V]...            pass --build-arg BASE=localhost/debian:local for a libc base), print the archive path
#   images.sh debian-base               a Debian bookworm minbase root filesystem (debootstrap) as localhost/debian:local
#   images.sh dotnet-base               the host's .NET runtime (Microsoft.NETCore.App + AspNetCore.App) on the host's
#                                       Debian libraries (libc6, libgcc-s1, libstdc++6, libssl3) as localhost/dotnet-aspnet:local,
#                                       offline and in seconds; the operator's Dockerfile builds on it (RUNTIME_IMAGE)
#   images.sh import <index> <archive>... import OCI archives into cluster <index>'s node (containerd namespace k8s.io)
# Every archive names its image docker.io/library/<name>:local, so a pod says `image: <name>:local` with
# `imagePullPolicy: Never` (or IfNotPresent) and nothing is ever pulled.
source "$(dirname "$0")/lib.sh"

IMAGES_VERSION="1"
images_cache="${XDG_CACHE_HOME:-$HOME/.cache}/jujuops/images-i$IMAGES_VERSION"
store="$images_cache/buildah"
buildah_() { buildah --root "$store/root" --runroot "$store/run" --storage-driver vfs "$@"; }

# Writes the image named localhost/<name>:local in buildah's store to <archive> under the name pods use.
export_archive() {
  local name="$1" archive="$2"
  rm -f "$archive.new"
  buildah_ push --quiet "localhost/$name:local" "oci-archive:$archive.new:docker.io/library/$name:local" >/dev/null
  mv "$archive.new" "$archive"
}

# An image from a root filesystem folder, with no layers beneath it.
image_from_rootfs() {
  local name="$1" rootfs="$2"; shift 2
  local ctr
  ctr="$(buildah_ from --quiet scratch)"
  buildah_ copy --quiet "$ctr" "$rootfs" / >/dev/null
  buildah_ config "$@" "$ctr"
  buildah_ commit --quiet --rm "$ctr" "localhost/$name:local" >/dev/null
}

busybox_rootfs() {
  local root="$1" applet
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  # One link per applet, where busybox itself would install it (bin/sh, usr/bin/env, sbin/ifconfig, ...).
  while read -r applet; do
    [[ "$applet" == bin/busybox ]] && continue
    mkdir -p "$root/$(dirname "$applet")"
    ln -sf /bin/busybox "$root/$applet"
  done < <(/bin/busybox --list-full)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
}

base() {
  mkdir -p "$images_cache"
  exec 8>"$images_cache.lock"
  flock 8
  if [[ -f "$images_cache/busybox.tar" && -f "$images_cache/pause.tar" ]]; then echo "$images_cache"; return 0; fi
  bash "$(dirname "$0")/build-kube.sh" --node
  local tmp; tmp="$(mktemp -d)"
  busybox_rootfs "$tmp/busybox"
  image_from_rootfs busybox "$tmp/busybox" --cmd '["sh"]' --env PATH=/usr/sbin:/usr/bin:/sbin:/bin
  export_archive busybox "$images_cache/busybox.tar"
  mkdir -p "$tmp/pause"
  cp "$KUBE_NODE_CACHE/pause" "$tmp/pause/pause"
  image_from_rootfs pause "$tmp/pause" --entrypoint '["/pause"]' --user 65535:65535
  export_archive pause "$images_cache/pause.tar"
  rm -rf "$tmp"
  log "images busybox:local and pause:local in $images_cache"
  echo "$images_cache"
}

debian_base() {
  command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
  local tmp; tmp="$(mktemp -d)"
  debootstrap --variant=minbase bookworm "$tmp/rootfs" http://deb.debian.org/debian >"$tmp/debootstrap.log" 2>&1 \
    || die "debootstrap failed; see $tmp/debootstrap.log"
  rm -rf "$tmp/rootfs/var/cache/apt/archives"/*.deb "$tmp/rootfs/var/lib/apt/lists"/*
  image_from_rootfs debian "$tmp/rootfs" --cmd '["bash"]'
  export_archive debian "$images_cache/debian.tar"
  rm -rf "$tmp"
  echo "$images_cache/debian.tar"
}

# What a framework-dependent .NET app needs, taken from this host (offline, no debootstrap): the files of a few Debian
# packages, CA certificates, a non-root user 65532, and the host's .NET runtime. No ICU: images built on it run with
# invariant globalization (the Dockerfile says so). Rebuilt when the host's runtime version changes.
DOTNET_BASE_PACKAGES=(libc6 libgcc-s1 libstdc++6 libssl3)

dotnet_runtime_version() {
  local dotnet_root; dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -1
}

# Copies every file and link of a Debian package to the same place under <root>, keeping the host's merged /usr.
copy_package_files() {
  local root="$1" package="$2" path real
  while read -r path; do
    [[ -f "$path" || -L "$path" ]] || continue
    case "$path" in /usr/share/doc/*|/usr/share/man/*|/usr/share/lintian/*|/usr/share/locale/*|/usr/share/bug/*) continue ;; esac
    real="$(readlink -f "$(dirname "$path")")/$(basename "$path")"
    mkdir -p "$root$(dirname "$real")"
    cp -a "$real" "$root$real"
  done < <(dpkg -L "$package")
}

dotnet_base() {
  mkdir -p "$images_cache"
  exec 8>"$images_cache.lock"
  flock 8
  local version; version="$(dotnet_runtime_version)"
  [[ -n "$version" ]] || die "no ASP.NET Core runtime next to $(command -v dotnet)"
  if [[ "$(buildah_ inspect --format '{{index .ImageAnnotations "io.jujuops.dotnet-runtime"}}' localhost/dotnet-aspnet:local 2>/dev/null)" == "$version" ]]; then
    echo "localhost/dotnet-aspnet:local"; return 0
  fi
  local dotnet_root; dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  local tmp; tmp="$(mktemp -d)"
  local root="$tmp/rootfs" package
  mkdir -p "$root/usr/bin" "$root/usr/lib" "$root/usr/lib64" "$root/usr/sbin" "$root/etc/ssl/certs" "$root/tmp" "$root/home/nonroot"
  ln -s usr/bin "$root/bin"; ln -s usr/lib "$root/lib"; ln -s usr/lib64 "$root/lib64"; ln -s usr/sbin "$root/sbin"
  chmod 1777 "$root/tmp"
  for package in "${DOTNET_BASE_PACKAGES[@]}"; do copy_package_files "$root" "$package"; done
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"
  chown 65532:65532 "$root/home/nonroot"
  mkdir -p "$root/usr/share/dotnet/host/fxr" "$root/usr/share/dotnet/shared/Microsoft.NETCore.App" "$root/usr/share/dotnet/shared/Microsoft.AspNetCore.App"
  cp "$dotnet_root/dotnet" "$root/usr/share/dotnet/"
  cp -a "$dotnet_root/host/fxr/$(ls "$dotnet_root/host/fxr" | sort -V | tail -1)" "$root/usr/share/dotnet/host/fxr/"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$version" "$root/usr/share/dotnet/shared/Microsoft.NETCore.App/"
  cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$version" "$root/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
  ln -s /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
  image_from_rootfs dotnet-aspnet "$root" --annotation "io.jujuops.dotnet-runtime=$version" \
    --env PATH=/usr/bin:/bin --env DOTNET_ROOT=/usr/share/dotnet --env DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true \
    --user 65532:65532
  rm -rf "$tmp"
  log "image dotnet-aspnet:local (.NET $version on the host's Debian libraries) in $store"
  echo "localhost/dotnet-aspnet:local"
}

build() {
  local context="${1:?usage: images.sh build <context> <name> [--build-arg K=V]...}" name="${2:?usage: images.sh build <context> <name>}"
  shift 2
  [[ -f "$context/Dockerfile" ]] || die "no Dockerfile in $context"
  [[ "$name" =~ ^[a-z0-9][a-z0-9._-]*$ ]] || die "image name '$name' must be lower case letters, digits, '.', '_' or '-'"
  base >/dev/null
  buildah_ bud --quiet --isolation chroot --build-arg BASE=localhost/busybox:local "$@" \
    -t "localhost/$name:local" "$context" >/dev/null
  mkdir -p "$images_cache/built"
  export_archive "$name" "$images_cache/built/$name.tar"
  echo "$images_cache/built/$name.tar"
}

case "${1:-}" in
  base) base ;;
  build) shift; build "$@" ;;
  debian-base) debian_base ;;
  dotnet-base) dotnet_base ;;
  import) shift; exec bash "$(dirname "$0")/node.sh" import "$@" ;;
  *) die "usage: images.sh base | build <context> <name> [--build-arg K=V]... | debian-base | dotnet-base | import <index> <archive>..." ;;
esac
