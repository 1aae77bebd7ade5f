using System.Text.Json.Nodes;
using JujuOps.EndToEnd.Deployment;
using JujuOps.Testing;
using Xunit.Abstractions;

namespace JujuOps.EndToEnd.Charts;

/// <summary>
/// <c>charts/jujuops</c>: rendered as <c>helm template</c> renders it (<see cref="ChartRenderer"/>), it holds the
/// objects of <c>config/default</c> (the kustomize install that InstallTests runs on the node) and differs only where
/// a chart should, listed in <see cref="NormalizeIntendedDifferences"/>; the API server accepts every object of every
/// mode (server dry run); values.schema.json refuses bad values. Integration: it needs the environment's Go, sprig
/// and a private cluster.
/// </summary>
[Trait("Category", "Integration")]
[Collection(InstallCluster.Name)]
public sealed class ChartTests(PrivateClusterFixture cluster, ITestOutputHelper output)
{
    private const string AppVersion = "0.1.0";

    /// <summary>Labels the chart adds to every templated object (and the pod template), beside config/default's name and component.</summary>
    private static readonly string[] HelmLabels = ["app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart"];

    private static readonly string[] ServiceMonitorAndCertManager = ["webhook.certificates=certManager", "metrics.serviceMonitor.enabled=true"];

    [Fact]
    public async Task The_chart_holds_the_objects_of_config_default_except_the_intended_differences()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var chart = await ChartRenderer.RenderAsync(new ChartRender(), timeout.Token);
        var kustomize = await KustomizeAsync("default", timeout.Token);

        // Intended: no Namespace in the chart. Helm installs into the release namespace (`helm install -n
        // jujuops-system --create-namespace`); a chart that templates its own namespace would own it and take it along
        // on uninstall before the objects in it.
        Assert.Equal(["Namespace//jujuops-system"], kustomize.Keys.Except(chart.Objects.Select(Key)));
        kustomize.Remove("Namespace//jujuops-system");

        var normalized = chart.Objects.Select(o => NormalizeIntendedDifferences(o.DeepClone().AsObject())).ToDictionary(Key);
        Assert.Equal(kustomize.Keys.Order(), normalized.Keys.Order());
        foreach (var (key, expected) in kustomize)
            Assert.True(JsonNode.DeepEquals(expected, normalized[key]), $"{key} differs:\nkustomize: {expected.ToJsonString()}\nchart:     {normalized[key].ToJsonString()}");
        output.WriteLine($"{normalized.Count} objects equal to config/default's after the intended differences");
    }

    [Fact]
    public async Task Cert_manager_mode_holds_config_webhook_certmanager_and_drops_the_rights_only_self_managed_certificates_need()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var chart = await ChartRenderer.RenderAsync(new ChartRender { Sets = ["webhook.certificates=certManager"] }, timeout.Token);
        var kustomize = await KustomizeAsync(Path.Combine("webhook", "certmanager"), timeout.Token);
        var normalized = chart.Objects.Select(o => NormalizeIntendedDifferences(o.DeepClone().AsObject())).ToDictionary(Key);
        foreach (var (key, expected) in kustomize)
            Assert.True(normalized.TryGetValue(key, out var actual) && JsonNode.DeepEquals(expected, actual), $"{key} differs:\nkustomize: {expected.ToJsonString()}\nchart:     {actual?.ToJsonString()}");

        // The operator reads cert-manager's files and registers nothing: it gets neither the webhook configurations
        // nor the CA Secret.
        var deployment = chart.Find("Deployment", "jujuops-operator");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Contains(container["env"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "JujuOps__Webhooks__CertificateMode" && e["value"]!.GetValue<string>() == "CertManager");
        Assert.Contains(container["volumeMounts"]!.AsArray(), m => m!["mountPath"]!.GetValue<string>() == "/tmp/k8s-webhook-server/serving-certs");
        var clusterRules = chart.Find("ClusterRole", "jujuops-operator")["rules"]!.AsArray();
        Assert.DoesNotContain(clusterRules, r => r!["apiGroups"]![0]!.GetValue<string>() == "admissionregistration.k8s.io");
        var roleRules = chart.Find("Role", "jujuops-leader-election")["rules"]!.AsArray();
        Assert.Equal(["leases"], roleRules.Select(r => r!["resources"]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_credentials_namespace_moves_the_right_to_read_secrets_from_the_cluster_role_to_a_role_there()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var chart = await ChartRenderer.RenderAsync(new ChartRender { Sets = ["credentials.namespace=cloud-creds", "credentials.labelValue=prod"] }, timeout.Token);

        var env = chart.Find("Deployment", "jujuops-operator")["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()
            .ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]?.GetValue<string>());
        Assert.Equal("cloud-creds", env["JujuOps__Credentials__Namespace"]);
        Assert.Equal("prod", env["JujuOps__Credentials__LabelValue"]);
        var clusterRules = chart.Find("ClusterRole", "jujuops-operator")["rules"]!.AsArray();
        Assert.DoesNotContain(clusterRules, r => r!["resources"]!.AsArray().Any(x => x!.GetValue<string>() == "secrets"));
        var role = chart.Find("Role", "jujuops-credentials");
        Assert.Equal("cloud-creds", role["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("""[{"apiGroups":[""],"resources":["secrets"],"verbs":["list","watch"]}]""", role["rules"]!.ToJsonString());
        var binding = chart.Find("RoleBinding", "jujuops-credentials");
        Assert.Equal("cloud-creds", binding["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("""[{"kind":"ServiceAccount","name":"jujuops-operator","namespace":"jujuops-system"}]""", binding["subjects"]!.ToJsonString());

        // Everything else is as without it: the same objects and rules but for that one.
        var plain = await ChartRenderer.RenderAsync(new ChartRender(), timeout.Token);
        Assert.Equal(plain.Objects.Select(Key).Append("Role/cloud-creds/jujuops-credentials").Append("RoleBinding/cloud-creds/jujuops-credentials").Order(),
            chart.Objects.Select(Key).Order());
        var plainRules = plain.Find("ClusterRole", "jujuops-operator")["rules"]!.AsArray();
        Assert.Equal(plainRules.Count - 1, clusterRules.Count);
    }

    [Fact]
    public async Task The_rendered_chart_passes_a_server_dry_run_in_any_release_namespace()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        var ns = "jujuops-chart-" + TestEnvironment.UniqueSuffix();
        var chart = await ChartRenderer.RenderAsync(new ChartRender(ns) { ApiVersions = await ApiVersionsAsync(ct) }, ct);
        // This cluster (1.20) predates policy/v1: the chart asks, as Helm does, and picks policy/v1beta1.
        Assert.Equal("policy/v1beta1", chart.Find("PodDisruptionBudget", "jujuops-operator")["apiVersion"]!.GetValue<string>());
        Assert.All(chart.Objects.Where(o => o["metadata"]!["namespace"] is not null), o => Assert.Equal(ns, o["metadata"]!["namespace"]!.GetValue<string>()));
        await DryRunAsync(ns, chart, ct);
    }

    [Fact]
    public async Task The_chart_with_every_option_on_passes_a_server_dry_run_against_the_crds_it_needs()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        var ns = "jujuops-chart-" + TestEnvironment.UniqueSuffix();
        // The credentials Role and RoleBinding go into the release namespace, the one the dry run creates.
        var chart = await ChartRenderer.RenderAsync(new ChartRender(ns)
        {
            Sets = [.. ServiceMonitorAndCertManager, "credentials.namespace=" + ns, "credentials.labelValue=prod"],
            ApiVersions = await ApiVersionsAsync(ct),
        }, ct);
        Assert.NotNull(chart.Find("Role", "jujuops-credentials"));
        Assert.Equal(["Certificate", "Issuer", "MutatingWebhookConfiguration", "ServiceMonitor", "ValidatingWebhookConfiguration"],
            chart.Objects.Select(o => o["kind"]!.GetValue<string>()).Where(k => k is "Certificate" or "Issuer" or "ServiceMonitor" or "MutatingWebhookConfiguration" or "ValidatingWebhookConfiguration").Order());
        // cert-manager and the Prometheus Operator are not on the test cluster: their CRDs, cut down to the fields
        // the chart writes (with their required fields, types and enums), stand in for them during this test.
        (await Kubectl.ApplyAsync(cluster.KubeconfigPath, StandInCrds, ct)).EnsureSuccess();
        try
        {
            (await KubectlAsync(ct, "wait", "--for=condition=Established", "crd/certificates.cert-manager.io", "crd/issuers.cert-manager.io", "crd/servicemonitors.monitoring.coreos.com", "--timeout=60s")).EnsureSuccess();
            await DryRunAsync(ns, chart, ct);
            // A cluster issuer of the user's own instead of the chart's self-signed Issuer.
            var issued = await ChartRenderer.RenderAsync(new ChartRender(ns) { Sets = [.. ServiceMonitorAndCertManager, "webhook.certManager.issuerRef.kind=ClusterIssuer", "webhook.certManager.issuerRef.name=corp-ca"] }, ct);
            Assert.DoesNotContain(issued.Objects, o => o["kind"]!.GetValue<string>() == "Issuer");
            Assert.Equal("""{"kind":"ClusterIssuer","name":"corp-ca"}""", issued.Find("Certificate", "jujuops-webhook")["spec"]!["issuerRef"]!.ToJsonString());
        }
        finally
        {
            await Kubectl.RunAsync(cluster.KubeconfigPath, ["delete", "-f", "-", "--ignore-not-found", "--wait=true", "--timeout=60s"], StandInCrds, cancellationToken: CancellationToken.None);
        }
    }

    [Fact]
    public void The_default_values_and_every_documented_mode_meet_the_schema()
    {
        Assert.Empty(ChartRenderer.SchemaProblems(JsonNode.Parse("""
            {"image": {"repository": "ghcr.io/jujuops/jujuops-operator", "tag": "", "pullPolicy": "IfNotPresent"},
             "replicas": 2, "leaderElection": {"enabled": true, "leaseName": "jujuops-leader"},
             "resources": {"requests": {"cpu": "100m", "memory": "192Mi"}, "limits": {"memory": "512Mi"}},
             "logging": {"level": "Debug", "format": "json"},
             "webhook": {"port": 9443, "certificates": "certManager", "certManager": {"issuerRef": {"kind": "ClusterIssuer", "name": "ca"}}},
             "metrics": {"port": 8081, "serviceMonitor": {"enabled": true, "interval": "1m30s", "labels": {"release": "prom"}}},
             "credentials": {"namespace": "cloud-creds", "labelValue": "team-a.prod"},
             "podDisruptionBudget": {"enabled": true, "maxUnavailable": "50%"}}
            """)!));
    }

    [Theory]
    [InlineData("replicas=0", "/replicas")]
    [InlineData("logging.format=xml", "/logging/format")]
    [InlineData("webhook.certificates=vault", "/webhook/certificates")]
    [InlineData("image.pullPolicy=Sometimes", "/image/pullPolicy")]
    [InlineData("metrics.serviceMonitor.interval=often", "/metrics/serviceMonitor/interval")]
    [InlineData("webhook.port=70000", "/webhook/port")]
    [InlineData("replica=3", "/replica")]
    [InlineData("credentials.namespace=Cloud_Creds", "/credentials/namespace")]
    [InlineData("credentials.labelValue=-prod", "/credentials/labelValue")]
    public async Task A_bad_value_is_refused_before_anything_renders(string set, string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var refused = await Assert.ThrowsAsync<ChartValuesException>(() => ChartRenderer.RenderAsync(new ChartRender { Sets = [set] }, timeout.Token));
        output.WriteLine(refused.Message);
        Assert.Contains(refused.Problems, p => p.StartsWith(path + ":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_replicas_without_leader_election_are_refused_with_the_reason()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var message = await ChartRenderer.RenderFailureAsync(new ChartRender { Sets = ["leaderElection.enabled=false"] }, timeout.Token);
        Assert.Contains("replicas > 1 needs leaderElection.enabled: two replicas without it would both reconcile", message, StringComparison.Ordinal);
        var single = await ChartRenderer.RenderAsync(new ChartRender { Sets = ["leaderElection.enabled=false", "replicas=1"] }, timeout.Token);
        var env = single.Find("Deployment", "jujuops-operator")["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.Contains(env, e => e!["name"]!.GetValue<string>() == "JujuOps__LeaderElection__Enabled" && e["value"]!.GetValue<string>() == "false");
    }

    /// <summary>
    /// The chart's intended differences from config/default, undone so the rest must be equal:
    /// <list type="bullet">
    /// <item>Helm's labels (<see cref="HelmLabels"/>) on every templated object and on the pod template: they tell
    /// releases apart and say which chart version made an object. Selectors keep config/default's two labels only,
    /// since a Deployment's selector is immutable and a switch from kustomize to Helm must keep it.</item>
    /// <item>The image tag: the chart's appVersion (a chart release pins its image), where config/default says
    /// <c>latest</c> for an overlay to replace.</item>
    /// </list>
    /// (The Namespace object, the third difference, is checked by the caller.) CRDs come from crds/ unchanged.
    /// </summary>
    private static JsonObject NormalizeIntendedDifferences(JsonObject o)
    {
        if (o["kind"]!.GetValue<string>() == "CustomResourceDefinition")
            return o;
        RemoveHelmLabels(o["metadata"]!["labels"]!.AsObject(), Key(o));
        if (o["kind"]!.GetValue<string>() == "Deployment")
        {
            var template = o["spec"]!["template"]!;
            RemoveHelmLabels(template["metadata"]!["labels"]!.AsObject(), Key(o) + " pod template");
            var container = template["spec"]!["containers"]![0]!.AsObject();
            Assert.Equal("ghcr.io/jujuops/jujuops-operator:" + AppVersion, container["image"]!.GetValue<string>());
            container["image"] = "ghcr.io/jujuops/jujuops-operator:latest";
        }
        return o;
    }

    private static void RemoveHelmLabels(JsonObject labels, string where)
    {
        foreach (var label in HelmLabels)
            Assert.True(labels.Remove(label), $"{where} lacks the label {label}");
    }

    private async Task<Dictionary<string, JsonObject>> KustomizeAsync(string folder, CancellationToken ct)
    {
        var yaml = (await KubectlAsync(ct, "kustomize", Path.Combine(TestEnvironment.RepositoryRoot, "config", folder))).EnsureSuccess().StandardOutput;
        return (await ChartRenderer.ToObjectsAsync(yaml, ct)).ToDictionary(Key);
    }

    /// <summary>
    /// <c>kubectl apply --dry-run=server</c>: every object goes through the API server's validation and admission
    /// and is stored nowhere. The release namespace is really made first, as <c>--create-namespace</c> would.
    /// </summary>
    private async Task DryRunAsync(string ns, RenderedChart chart, CancellationToken ct)
    {
        (await KubectlAsync(ct, "create", "namespace", ns)).EnsureSuccess();
        try
        {
            var result = (await Kubectl.ApplyAsync(cluster.KubeconfigPath, chart.Yaml, ct, "--dry-run=server")).EnsureSuccess();
            var accepted = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(chart.Objects.Count, accepted.Count(l => l.EndsWith("(server dry run)", StringComparison.Ordinal)));
            output.WriteLine($"{accepted.Length} objects accepted by the API server (dry run) in {ns}");
        }
        finally
        {
            await KubectlAsync(CancellationToken.None, "delete", "namespace", ns, "--wait=false");
        }
    }

    private async Task<IReadOnlyList<string>> ApiVersionsAsync(CancellationToken ct) =>
        (await KubectlAsync(ct, "api-versions")).EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Key(JsonObject o) =>
        $"{o["kind"]!.GetValue<string>()}/{o["metadata"]!["namespace"]?.GetValue<string>()}/{o["metadata"]!["name"]!.GetValue<string>()}";

    private Task<KubectlResult> KubectlAsync(CancellationToken ct, params string[] args) => Kubectl.RunAsync(cluster.KubeconfigPath, args, cancellationToken: ct);

    private const string StandInCrds = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: certificates.cert-manager.io}
        spec:
          group: cert-manager.io
          scope: Namespaced
          names: {kind: Certificate, listKind: CertificateList, plural: certificates, singular: certificate}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                required: [spec]
                properties:
                  spec:
                    type: object
                    required: [secretName, issuerRef]
                    properties:
                      secretName: {type: string, minLength: 1}
                      dnsNames: {type: array, items: {type: string}}
                      issuerRef:
                        type: object
                        required: [name]
                        properties: {name: {type: string}, kind: {type: string}, group: {type: string}}
                      privateKey:
                        type: object
                        properties:
                          algorithm: {type: string, enum: [RSA, ECDSA, Ed25519]}
                          size: {type: integer}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: issuers.cert-manager.io}
        spec:
          group: cert-manager.io
          scope: Namespaced
          names: {kind: Issuer, listKind: IssuerList, plural: issuers, singular: issuer}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                required: [spec]
                properties:
                  spec:
                    type: object
                    properties:
                      selfSigned: {type: object, x-kubernetes-preserve-unknown-fields: true}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: servicemonitors.monitoring.coreos.com}
        spec:
          group: monitoring.coreos.com
          scope: Namespaced
          names: {kind: ServiceMonitor, listKind: ServiceMonitorList, plural: servicemonitors, singular: servicemonitor}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                required: [spec]
                properties:
                  spec:
                    type: object
                    required: [selector, endpoints]
                    properties:
                      selector:
                        type: object
                        properties: {matchLabels: {type: object, additionalProperties: {type: string}}}
                      namespaceSelector:
                        type: object
                        properties: {matchNames: {type: array, items: {type: string}}}
                      endpoints:
                        type: array
                        items:
                          type: object
                          properties:
                            port: {type: string}
                            path: {type: string}
                            interval: {type: string, pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$'}
        """;
}
