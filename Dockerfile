# The JujuOps operator image. Two ways to build it, one file:
#
#   With a registry (users, CI with Docker/BuildKit/buildah/kaniko): the SDK stage publishes, the default target copies
#   the result onto ASP.NET Core's chiseled runtime (no shell, no package manager).
#     docker build -t jujuops-operator .
#
#   Without a registry (our test environment): publish on the host, then build the `prebuilt` target, which never
#   reaches the SDK stage, on a runtime base made here (hack/testenv/images.sh dotnet-base):
#     dotnet publish src/JujuOps.Operator -c Release -o artifacts/image/operator
#     hack/testenv/images.sh build . jujuops-operator --target prebuilt \
#       --build-arg RUNTIME_IMAGE=localhost/dotnet-aspnet:local
#
# The app is framework-dependent (the runtime comes from the base) and runs with invariant globalization
# (Directory.Build.props), so the base needs glibc, libstdc++, libgcc and OpenSSL, but no ICU.
# Non-root (65532), and friendly to readOnlyRootFilesystem: the process writes nothing but /tmp (give it an emptyDir),
# and the webhook server keeps its certificates in memory or reads them from a mounted folder.
# Ports: 8081 health and metrics (/healthz, /readyz, /metrics; the Deployment's probes), 9443 admission webhooks (HTTPS).
# No HEALTHCHECK: there is no shell or HTTP client in the image; Kubernetes probes call /healthz and /readyz directly.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled

# What every target shares: the runtime base, the user, the ports and the entry point.
FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8081 \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true \
    DOTNET_NOLOGO=1
USER 65532:65532
EXPOSE 8081 9443
ENTRYPOINT ["dotnet", "/app/jujuops-operator.dll"]

# The operator as published on the host (PUBLISH_DIR, inside the build context). Stages after this one are never
# built for this target, so the SDK image is not needed.
FROM runtime AS prebuilt
ARG PUBLISH_DIR=artifacts/image/operator
COPY --chown=0:0 ${PUBLISH_DIR}/ /app/

# The conventional path: restore (cached while project files stay the same), then publish.
FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/JujuOps.Domain/JujuOps.Domain.csproj src/JujuOps.Domain/
COPY src/JujuOps.Api/JujuOps.Api.csproj src/JujuOps.Api/
COPY src/JujuOps.Runtime/JujuOps.Runtime.csproj src/JujuOps.Runtime/
COPY src/JujuOps.Providers/JujuOps.Providers.csproj src/JujuOps.Providers/
COPY src/JujuOps.Operator/JujuOps.Operator.csproj src/JujuOps.Operator/
RUN dotnet restore src/JujuOps.Operator/JujuOps.Operator.csproj
COPY src/ src/
RUN dotnet publish src/JujuOps.Operator/JujuOps.Operator.csproj -c Release --no-restore -o /out -p:UseAppHost=false

# The default target.
FROM runtime AS final
COPY --from=build --chown=0:0 /out/ /app/
