# JujuOps developer entry points. `make test` and `make run` work on a fresh machine of our kind:
# the scripts under hack/ install what they need from Debian and NuGet.
SHELL := /bin/bash
.DEFAULT_GOAL := build
DOTNET ?= dotnet
CONFIGURATION ?= Debug
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: build test test-unit test-scripts testenv-up testenv-down run crds bench clean bench-scale bench-models bench-lxd bench-admission bench-cli test-runtime test-fuzz install-plugin image test-install

build:
	$(DOTNET) build Operator.sln -c $(CONFIGURATION)

## The kubectl plugin: `kubectl juju ...` once $(PLUGIN_BIN) is on PATH. ReadyToRun on the shared runtime, the fastest
## form verified so far; PLUGIN_NATIVE=1 publishes native AOT instead (needs a C linker; not yet verified, docs/cli.md).
PLUGIN_LIB ?= $(HOME)/.local/lib/kubectl-juju
PLUGIN_BIN ?= $(HOME)/.local/bin
PLUGIN_NATIVE ?=
install-plugin:
	$(DOTNET) publish src/JujuOps.Cli -c Release -r linux-x64 -o $(PLUGIN_LIB) \
	  $(if $(PLUGIN_NATIVE),-p:KubectlJujuNative=true,--self-contained false -p:PublishReadyToRun=true)
	mkdir -p $(PLUGIN_BIN) && ln -sf $(PLUGIN_LIB)/kubectl-juju $(PLUGIN_BIN)/kubectl-juju

## Everything: environment (started only if not running, stopped only if started here), build, all tests.
test:
	hack/run-tests.sh

## Pure tests only: no environment needed.
test-unit:
	$(DOTNET) test Operator.sln -c $(CONFIGURATION) --filter "Category!=Integration"

## The test-environment scripts' own tests, on a private cluster and ports.
test-scripts:
	hack/testenv/test-scripts.sh

testenv-up:
	hack/testenv/up.sh

testenv-down:
	hack/testenv/down.sh

## Runs the operator in the foreground; without KUBECONFIG it starts and uses the local environment.
run:
	hack/run-operator.sh

bench:
	$(DOTNET) run -c Release --project bench/JujuOps.Benchmarks -- --filter '*'

clean:
	$(DOTNET) clean Operator.sln
	rm -rf .testenv

## Regenerates the CRD YAML under config/crd from the types in src/JujuOps.Api.
crds:
	$(DOTNET) run --project tools/JujuOps.CrdGen -c $(CONFIGURATION) -- config/crd
	cp config/crd/jujuops.io_*.yaml charts/jujuops/crds/

## The runtime's scale benchmark (Foo -> Deployment, N = 2,000 and 10,000) against the raw write rate, on a private cluster.
bench-scale:
	bench/JujuOps.Bench.Scale/run.sh

## Issue 19's model benchmark: the Release operator bringing N JujuModels to Ready on a private cluster (ports 25900+),
## against the raw write rate of the same run. BENCH_ARGS e.g. "--counts 1000 --workers 16 --operator-env DOTNET_gcServer=0".
BENCH_ARGS ?= --counts 1000,10000
bench-models:
	bench/JujuOps.Bench.Models/run.sh $(BENCH_ARGS)

## Issue 12's LXD benchmark: 20 machines through the Release operator (a private cluster, ports 25700+, and the
## environment's LXD) against the same 20 instance creates + starts issued directly, as a ratio in one run.
## BENCH_LXD_ARGS e.g. "--concurrency 1 --rounds 3" (JUJUOPS_BENCH_PORT_BASE moves the cluster's ports).
bench-lxd:
	bench/JujuOps.Bench.Lxd/run.sh $(BENCH_LXD_ARGS)

## Issue 13's admission benchmark: AdmissionReview POSTs over HTTPS on loopback at 200 and 1,000/s (open loop), p50/p99
## against a minimal ASP.NET Core endpoint in the same run. No cluster. BENCH_ADMISSION_ARGS e.g. "--seconds 20 --http 1.1".
BENCH_ADMISSION_ARGS ?=
bench-admission:
	$(DOTNET) run -c Release --project bench/JujuOps.Bench.Admission -- $(BENCH_ADMISSION_ARGS)

## Issue 16's plugin benchmark: cold `kubectl juju models` (200 models) and `kubectl juju status` (20 applications)
## against `kubectl get jm -A` in the same run, the plugin as built and as ReadyToRun, on a private cluster (ports 25800+).
bench-cli:
	bench/JujuOps.Bench.Cli/run.sh $(BENCH_CLI_ARGS)

## The runtime's tests only (unit, and integration: fault tests start a private cluster on ports 25010-25013, moving up by 100 if taken).
test-runtime:
	$(DOTNET) test tests/JujuOps.Runtime.Tests -c $(CONFIGURATION)

## The long fuzz run of issue 10: 600 seeded hostile objects against the operator on the environment (JUJUOPS_FUZZ_SEED
## picks another run; the short run of 150 is part of `make test`). Every object's fate lands in artifacts/fuzz/.
JUJUOPS_FUZZ_COUNT ?= 600
test-fuzz:
	source .testenv/env.sh || { echo "the environment is not running: make testenv-up" >&2; exit 1; }; \
	JUJUOPS_FUZZ_COUNT=$(JUJUOPS_FUZZ_COUNT) $(DOTNET) test tests/JujuOps.EndToEnd -c $(CONFIGURATION) --filter "FullyQualifiedName~Fuzz"

## The operator's image without a registry (hack/build-image.sh: host publish, buildah, a runtime base made here);
## IMPORT=<cluster> also loads it into that test cluster's node. With a registry: `docker build .`.
image:
	hack/build-image.sh $(if $(IMPORT),--import $(IMPORT))

## Issue 17's install tests on the environment's node cluster: the image, `kubectl apply -k`, webhooks, samples,
## leader handover, uninstall; the Argo CD health check. Part of `make test` too.
test-install:
	source .testenv/env.sh || { echo "the environment is not running: make testenv-up" >&2; exit 1; }; \
	$(DOTNET) build tests/JujuOps.EndToEnd -c $(CONFIGURATION) && \
	$(DOTNET) test tests/JujuOps.EndToEnd -c $(CONFIGURATION) --no-build --filter "FullyQualifiedName~JujuOps.EndToEnd.Deployment"
