using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JujuOps.Api.Crds;
using JujuOps.Testing;
using Xunit.Abstractions;

namespace JujuOps.EndToEnd.Deployment;

/// <summary>
/// The operator's own RBAC (<c>config/rbac</c>) is enough, proven the hard way: <c>config/default</c> installed with
/// <c>kubectl apply -k</c>, then the built operator started with a kubeconfig of its ServiceAccount, so every request
/// it makes is checked against those rules, through one lifecycle that reaches every rule: two controllers with
/// ModelDefaults; two models created with constraints, budget and access (Roles it may only write by
/// <c>escalate</c> and <c>bind</c>); changes that replace, delete and create those objects, declare an application
/// (a StatefulSet) and relabel the namespace; a restart, whose successor replaces the webhook configurations; hand
/// edits of a Role and a StatefulSet put back; a migration of one model to the other controller; and destroy with
/// applications, claims and volumes to remove (destroy-storage) or label (release-storage). A private cluster, so
/// this operator is the only one there. A missing permission shows as a "forbidden" in the operator's log or as an
/// object that never gets Ready or never goes: fix config/rbac, not this test.
/// </summary>
[Trait("Category", "Integration")]
[Collection(InstallCluster.Name)]
public sealed partial class OperatorRbacTests(PrivateClusterFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const string OperatorNamespace = "jujuops-system";
    private const string ServiceAccount = "jujuops-operator";
    private const string Controller = "rbac";
    private const string Target = "rbac-target";
    private const string ObjectsNamespace = "team";

    private static readonly string ConfigFolder = Path.Combine(TestEnvironment.RepositoryRoot, "config");

    private readonly string temp = Directory.CreateTempSubdirectory("jujuops-rbac-").FullName;

    /// <summary>Every operator process of the run, the running one last: a restart is part of the lifecycle.</summary>
    private readonly List<OperatorProcess> processes = [];

    private OperatorProcess? Running => processes.Count == 0 ? null : processes[^1];

    private string Admin => cluster.KubeconfigPath;

    [Fact]
    public async Task The_operator_runs_a_model_lifecycle_with_only_its_own_rbac()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        TestClusterOverlay.Write(temp);
        (await KubectlAsync(ct, "apply", "-k", temp)).EnsureSuccess();
        (await KubectlAsync(ct, "wait", "--for=condition=Established", "crd", "--all", "--timeout=60s")).EnsureSuccess();
        var kubeconfig = await ServiceAccountKubeconfig.WriteAsync(Admin, OperatorNamespace, ServiceAccount, temp, TimeSpan.FromSeconds(60), ct);
        // The kubeconfig really is the ServiceAccount and not admin: it may not even list the cluster's nodes.
        var whoami = await Kubectl.RunAsync(kubeconfig, ["get", "nodes"], cancellationToken: ct);
        Assert.Contains("system:serviceaccount:jujuops-system:jujuops-operator", whoami.StandardError, StringComparison.Ordinal);

        processes.Add(await OperatorProcess.StartAsync(kubeconfig, environment: null, arguments: null, waitForReady: true, ct));
        await CreateAsync(ct);
        await ChangeAsync(ct);
        await RestartAsync(ct);
        await HandEditsArePutBackAsync(ct);
        await MigrateAsync(ct);
        await DestroyAsync(ct);

        // Events are written in the background: the model's last one proves events.k8s.io create, and a graceful
        // stop releases the Lease (get + update) before the log is read.
        Assert.Contains("ModelDestroyed", await EventReasonsAsync("web", ct));
        Assert.Equal(0, await Running!.StopAsync());
        AssertNeverRefused();
        await AssertEveryPermissionUsedAsync(ct);
    }

    /// <summary>Two controllers (the second is the migration's target), defaults for the first's cloud, two models.</summary>
    private async Task CreateAsync(CancellationToken ct)
    {
        await ApplyAsync($"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {ObjectsNamespace}
            ---
            {ControllerYaml(Controller)}
            ---
            {ControllerYaml(Target, users: "[{name: bob, access: login}, {name: alice, access: login}]")}
            ---
            apiVersion: jujuops.io/v1alpha1
            kind: ModelDefaults
            metadata:
              name: {Controller}-k8s
            spec:
              controller: {Controller}
              cloud: k8s
              config:
                update-status-hook-interval: 15m
            """, ct);
        await WaitAsync(["jc/" + Controller, "jc/" + Target, $"md/{Controller}-k8s"], null, "condition=Ready", ct);
        await ApplyAsync(Model("web", "destroy") + "\n---\n" + Model("kept", "release"), ct);
        await WaitAsync(["jm/web", "jm/kept"], ObjectsNamespace, "condition=Ready", ct);

        // What the operator made: all of it needs its rules, the Roles also escalate and bind.
        Assert.NotNull(await GetAsync("namespace/web", null, ct));
        var limits = (await GetAsync("limitrange/juju-constraints", "web", ct))!["spec"]!["limits"]![0]!;
        Assert.Equal("512Mi", limits["max"]!["memory"]!.GetValue<string>());
        var hard = (await GetAsync("resourcequota/juju-budget", "web", ct))!["spec"]!["hard"]!;
        Assert.Equal("1Gi", hard["limits.memory"]!.GetValue<string>());
        var readers = (await GetAsync("rolebinding/juju-model-read", "web", ct))!["subjects"]!.AsArray();
        Assert.Equal(["bob"], readers.Select(s => s!["name"]!.GetValue<string>()));
        Assert.NotNull(await GetAsync("rolebinding/juju-model-admin", "web", ct));
        Assert.NotNull(await GetAsync("rolebinding/jujumodel-web-read", ObjectsNamespace, ct));
        Assert.Equal("yes", (await KubectlAsync(ct, "auth", "can-i", "list", "pods", "-n", "web", "--as", "bob")).StandardOutput.Trim());
        Assert.Equal("yes", (await KubectlAsync(ct, "auth", "can-i", "create", "pods", "--subresource=exec", "-n", "web", "--as", "admin")).StandardOutput.Trim());
    }

    /// <summary>
    /// web: the LimitRange replaced, the ResourceQuota deleted, bob's binding moved from read to write (one deleted,
    /// one created), an application declared (its StatefulSet created; no pods, this cluster runs no StatefulSet
    /// controller, so the model stays settling) and the namespace's lost label put back by patch. kept: the
    /// LimitRange deleted, the ResourceQuota replaced, alice added to bob's binding (replaced).
    /// </summary>
    private async Task ChangeAsync(CancellationToken ct)
    {
        (await KubectlAsync(ct, "label", "namespace", "web", "model.juju.is/name-")).EnsureSuccess();
        await PatchModelAsync("web", """
            {"spec":{"constraints":"mem=1G","budget":null,"access":[{"user":"bob","access":"write"}],
             "applications":{"app":{"charm":"app","numUnits":0,"resources":{"app-image":"busybox"}}}}}
            """, ct);
        await PatchModelAsync("kept", """
            {"spec":{"constraints":null,"budget":{"memory":"2Gi"},"access":[{"user":"bob","access":"read"},{"user":"alice","access":"read"}]}}
            """, ct);
        await WaitAsync(["jm/web", "jm/kept"], ObjectsNamespace, "jsonpath={.status.observedGeneration}=2", ct);
        await WaitAsync(["jm/kept"], ObjectsNamespace, "condition=Ready", ct);

        var limits = (await GetAsync("limitrange/juju-constraints", "web", ct))!["spec"]!["limits"]![0]!;
        Assert.Equal("1Gi", limits["max"]!["memory"]!.GetValue<string>());
        Assert.Null(await GetAsync("resourcequota/juju-budget", "web", ct));
        Assert.Null(await GetAsync("rolebinding/juju-model-read", "web", ct));
        Assert.NotNull(await GetAsync("rolebinding/juju-model-write", "web", ct));
        Assert.Equal("web", (await GetAsync("namespace/web", null, ct))!["metadata"]!["labels"]!["model.juju.is/name"]!.GetValue<string>());
        Assert.Equal(0, (await GetAsync("statefulset/app", "web", ct))!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Null(await GetAsync("limitrange/juju-constraints", "kept", ct));
        Assert.Equal("2Gi", (await GetAsync("resourcequota/juju-budget", "kept", ct))!["spec"]!["hard"]!["limits.memory"]!.GetValue<string>());
        var readers = (await GetAsync("rolebinding/juju-model-read", "kept", ct))!["subjects"]!.AsArray();
        Assert.Equal(["alice", "bob"], readers.Select(s => s!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// An operator upgrade as the Deployment does it: a graceful stop (the Lease released), a new process. It finds
    /// its webhook configurations and replaces them (with the same CA, read from its Secret), and the models as left.
    /// </summary>
    private async Task RestartAsync(CancellationToken ct)
    {
        var first = Running!;
        Assert.Equal(0, await first.StopAsync());
        processes.Add(await first.StartAgainAsync(ct));
        await EventuallyAsync("the new operator's webhook registration", () =>
            Task.FromResult(Running!.Logs.Contains("Registered webhook configurations", StringComparison.Ordinal)), ct);
    }

    /// <summary>Drift: a Role's rules emptied and the application scaled by hand; the operator replaces both.</summary>
    private async Task HandEditsArePutBackAsync(CancellationToken ct)
    {
        var rules = (await GetAsync("role/juju-model-read", "kept", ct))!["rules"]!.ToJsonString();
        (await KubectlAsync(ct, "patch", "role", "juju-model-read", "-n", "kept", "--type=merge", "-p", """{"rules":[]}""")).EnsureSuccess();
        (await KubectlAsync(ct, "scale", "statefulset", "app", "-n", "web", "--replicas=2")).EnsureSuccess();
        // Created, scaled by hand, put back: generation 3.
        await WaitAsync(["statefulset/app"], "web", "jsonpath={.metadata.generation}=3", ct);
        Assert.Equal(0, (await GetAsync("statefulset/app", "web", ct))!["spec"]!["replicas"]!.GetValue<int>());
        await EventuallyAsync("the Role's rules put back", async () =>
            (await GetAsync("role/juju-model-read", "kept", ct))!["rules"]?.ToJsonString() == rules, ct);
    }

    /// <summary><c>juju migrate kept rbac-target</c>: through every phase to DONE; the model then belongs to the target.</summary>
    private async Task MigrateAsync(CancellationToken ct)
    {
        await ApplyAsync($"""
            apiVersion: jujuops.io/v1alpha1
            kind: ModelMigration
            metadata:
              name: kept
              namespace: {ObjectsNamespace}
            spec:
              model: kept
              targetController: {Target}
            """, ct);
        await WaitAsync(["mm/kept"], ObjectsNamespace, "jsonpath={.status.phase}=DONE", ct);
        await WaitAsync(["jm/kept"], ObjectsNamespace, $"jsonpath={{.status.controller}}={Target}", ct);
        await WaitAsync(["jm/kept"], ObjectsNamespace, "condition=Ready", ct);
        Assert.Equal(Target, (await GetAsync("jm/kept", ObjectsNamespace, ct))!["spec"]!["controller"]!.GetValue<string>());
    }

    /// <summary>destroy-model with something to remove (web: destroy-storage) or keep and label (kept: release-storage), then both controllers.</summary>
    private async Task DestroyAsync(CancellationToken ct)
    {
        await ApplyAsync(Deployment("web"), ct);
        await AddVolumeAsync("web", ct);
        await AddVolumeAsync("kept", ct);

        (await KubectlAsync(ct, "delete", "jm", "web", "kept", "-n", ObjectsNamespace, "--wait=false")).EnsureSuccess();
        await WaitAsync(["jm/web", "jm/kept"], ObjectsNamespace, "delete", ct);
        await WaitAsync(["namespace/web", "namespace/kept"], null, "delete", ct);
        Assert.Null(await GetAsync("pv/web", null, ct));
        var released = (await GetAsync("pv/kept", null, ct))!;
        Assert.Equal("kept", released["metadata"]!["labels"]!["jujuops.io/released-from-model"]!.GetValue<string>());
        Assert.Empty((await KubectlAsync(ct, "get", "role,rolebinding", "-n", ObjectsNamespace, "-o", "name")).EnsureSuccess().StandardOutput.Trim());

        (await KubectlAsync(ct, "delete", "jc", Controller, Target, "--wait=false")).EnsureSuccess();
        await WaitAsync(["jc/" + Controller, "jc/" + Target], null, "delete", ct);
        await WaitAsync(["namespace/controller-" + Controller, "namespace/controller-" + Target], null, "delete", ct);
    }

    /// <summary>No process of the run was refused anything (its log would say "forbidden"), and each stopped cleanly.</summary>
    private void AssertNeverRefused()
    {
        var log = string.Join("\n", processes.Select(p => p.Logs));
        output.WriteLine(log.Length > 6000 ? log[^6000..] : log);
        var forbidden = Forbidden().Matches(log).Select(m => LineAround(log, m.Index)).Distinct().ToList();
        Assert.True(forbidden.Count == 0, "the operator was refused:\n" + string.Join("\n", forbidden));
        Assert.All(processes, p => Assert.Contains("Released lease jujuops-leader on shutdown", p.Logs, StringComparison.Ordinal));
    }

    /// <summary>
    /// The other half of least privilege: nothing granted goes unused. The API server's audit log
    /// (hack/testenv/cluster.sh logs this namespace's ServiceAccounts only) holds every request the operator made
    /// above; each verb on each resource of config/rbac/role.yaml must appear there, as the request the rule is for.
    /// <c>escalate</c> and <c>bind</c> are no requests but checks on Role and RoleBinding writes: they are proven used
    /// by those writes succeeding for Roles that grant what the ServiceAccount itself may not do.
    /// </summary>
    /// <summary>
    /// Granted and used, but only on a path no lifecycle can take on purpose: ObjectSync reads an object live (get)
    /// only after a 409 or 404 shows that the informer's copy is behind the server (a hand edit or delete whose watch
    /// event has not arrived yet), and the operator's informers are never behind long enough here to provoke it.
    /// Without the grant that read would fail and the reconcile would be retried until the watch caught up. The path
    /// itself is proven against a real API server, with a cache made stale by hand, by
    /// <c>CachedReadsTests.Missing_stale_and_deleted_cache_entries_still_converge_in_one_call</c> (Providers tests).
    /// Anything else unused fails the test.
    /// </summary>
    private static readonly Dictionary<string, string> UsedOnlyWhenACacheIsBehind = new(StringComparer.Ordinal)
    {
        ["apps statefulsets get"] = "ModelApplications, through ObjectSync",
        [" limitranges get"] = "ConstraintLimitRange, through ObjectSync",
        [" resourcequotas get"] = "BudgetResourceQuota, through ObjectSync",
        ["rbac.authorization.k8s.io roles get"] = "ModelAccessRoles and ModelObjectAccessRoles, through ObjectSync",
        ["rbac.authorization.k8s.io rolebindings get"] = "ModelAccessRoles and ModelObjectAccessRoles, through ObjectSync",
    };

    private async Task AssertEveryPermissionUsedAsync(CancellationToken ct)
    {
        var user = $"system:serviceaccount:{OperatorNamespace}:{ServiceAccount}";
        var audit = Path.Combine(Path.GetDirectoryName(Admin)!, "audit.log");
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(audit, ct))
        {
            var entry = JsonNode.Parse(line)!;
            if (entry["user"]?["username"]?.GetValue<string>() != user || entry["objectRef"] is not { } target)
                continue;
            var resource = target["resource"]!.GetValue<string>() + (target["subresource"] is { } sub ? "/" + sub.GetValue<string>() : "");
            used.Add($"{target["apiGroup"]?.GetValue<string>() ?? ""} {resource} {entry["verb"]!.GetValue<string>()}");
        }
        var rules = await Charts.ChartRenderer.ToObjectsAsync(await File.ReadAllTextAsync(Path.Combine(ConfigFolder, "rbac", "role.yaml"), ct), ct);
        var granted = rules.SelectMany(role => role["rules"]!.AsArray()).SelectMany(rule =>
            from g in rule!["apiGroups"]!.AsArray()
            from r in rule["resources"]!.AsArray()
            from v in rule["verbs"]!.AsArray()
            select $"{g!.GetValue<string>()} {r!.GetValue<string>()} {v!.GetValue<string>()}").ToList();
        var unused = granted.Where(g => !used.Contains(g) && !g.EndsWith(" escalate", StringComparison.Ordinal) && !g.EndsWith(" bind", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{granted.Count} permissions granted, {used.Count} distinct requests audited:\n" + string.Join("\n", used.Order(StringComparer.Ordinal)));
        output.WriteLine("used only when a cache is behind, not seen here: " + string.Join(", ", unused.Intersect(UsedOnlyWhenACacheIsBehind.Keys)));
        var unexplained = unused.Except(UsedOnlyWhenACacheIsBehind.Keys).ToList();
        Assert.True(unexplained.Count == 0, "granted in config/rbac/role.yaml but never used by the operator:\n" + string.Join("\n", unexplained));

        // escalate and bind: the model Roles grant pods/exec, which the ServiceAccount does not hold.
        Assert.Contains("rbac.authorization.k8s.io roles create", used);
        Assert.Contains("rbac.authorization.k8s.io rolebindings create", used);
        Assert.Equal("no", (await KubectlAsync(ct, "auth", "can-i", "create", "pods", "--subresource=exec", "-n", ObjectsNamespace, "--as", user)).StandardOutput.Trim());
    }

    [Fact]
    public void The_crd_kustomization_names_every_generated_crd()
    {
        // config/crd/Kustomization is written by hand beside generated files: a new kind must be added to it.
        var listed = File.ReadAllLines(Path.Combine(ConfigFolder, "crd", "Kustomization"))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l[2..].Trim())
            .Order(StringComparer.Ordinal);
        var generated = CrdGenerator.GenerateAll().Select(CrdGenerator.FileName).Order(StringComparer.Ordinal);
        Assert.Equal(generated, listed);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // The private cluster goes with the class fixture; the operators and the ServiceAccount's token go here.
        foreach (var process in processes)
            await process.DisposeAsync();
        Directory.Delete(temp, recursive: true);
    }

    /// <summary>A controller whose one cloud is this cluster; <paramref name="users"/> (flow YAML) when it must know some.</summary>
    private static string ControllerYaml(string name, string? users = null) => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuController
        metadata:
          name: {name}
        spec:
          clouds:
          - name: k8s
            type: kubernetes
            regions:
            - name: default
        """ + (users is null ? "" : "\n  users: " + users);

    private static string Model(string name, string storage) => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuModel
        metadata:
          name: {name}
          namespace: {ObjectsNamespace}
        spec:
          controller: {Controller}
          constraints: mem=512M
          budget:
            memory: 1Gi
          access:
          - user: bob
            access: read
          destroy:
            storage: {storage}
        """;

    /// <summary>
    /// A Deployment with no pods (the test cluster runs none): not the operator's (it never writes Deployments), but
    /// destroy-model removes what is in the namespace. The model's own application is its StatefulSet.
    /// </summary>
    private static string Deployment(string ns) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: deployment
          namespace: {ns}
        spec:
          replicas: 0
          selector:
            matchLabels:
              app: deployment
          template:
            metadata:
              labels:
                app: deployment
            spec:
              containers:
              - name: app
                image: busybox
        """;

    /// <summary>
    /// One claim bound to one volume named after the model (cluster-scoped, so the operator lists volumes
    /// cluster-wide). Bound through claimRef and without protection finalizers, because this cluster runs neither
    /// the volume binder nor the protection controllers (as in ModelDestroyTests).
    /// </summary>
    private async Task AddVolumeAsync(string ns, CancellationToken ct)
    {
        await ApplyAsync($"""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
              namespace: {ns}
            spec:
              accessModes: [ReadWriteOnce]
              volumeName: {ns}
              resources:
                requests:
                  storage: 1Gi
            """, ct);
        var claimUid = (await GetAsync("pvc/data", ns, ct))!["metadata"]!["uid"]!.GetValue<string>();
        await ApplyAsync($"""
            apiVersion: v1
            kind: PersistentVolume
            metadata:
              name: {ns}
            spec:
              capacity:
                storage: 1Gi
              accessModes: [ReadWriteOnce]
              persistentVolumeReclaimPolicy: Retain
              hostPath:
                path: /tmp/{ns}
              claimRef:
                kind: PersistentVolumeClaim
                namespace: {ns}
                name: data
                uid: {claimUid}
            """, ct);
        const string NoFinalizers = """{"metadata":{"finalizers":null}}""";
        (await KubectlAsync(ct, "patch", "pvc", "data", "-n", ns, "--type=merge", "-p", NoFinalizers)).EnsureSuccess();
        (await KubectlAsync(ct, "patch", "pv", ns, "--type=merge", "-p", NoFinalizers)).EnsureSuccess();
    }

    private async Task<List<string>> EventReasonsAsync(string model, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var events = await GetAsync("events.events.k8s.io", ObjectsNamespace, ct);
            var reasons = events!["items"]!.AsArray()
                .Where(e => e!["regarding"]?["name"]?.GetValue<string>() == model)
                .Select(e => e!["reason"]!.GetValue<string>())
                .ToList();
            if (reasons.Contains("ModelDestroyed") || attempt == 50)
                return reasons;
            await Task.Delay(100, ct);
        }
    }

    private Task<KubectlResult> KubectlAsync(CancellationToken ct, params string[] args) => Kubectl.RunAsync(Admin, args, cancellationToken: ct);

    private async Task ApplyAsync(string yaml, CancellationToken ct) => (await Kubectl.ApplyAsync(Admin, yaml, ct)).EnsureSuccess();

    private async Task<JsonNode?> GetAsync(string resource, string? ns, CancellationToken ct)
    {
        var result = await KubectlAsync(ct, ["get", resource, "-o", "json", .. ns is null ? Array.Empty<string>() : ["-n", ns]]);
        return result.Succeeded ? JsonNode.Parse(result.StandardOutput) : null;
    }

    private async Task PatchModelAsync(string name, string patch, CancellationToken ct) =>
        (await KubectlAsync(ct, "patch", "jm", name, "-n", ObjectsNamespace, "--type=merge", "-p", patch.ReplaceLineEndings(""))).EnsureSuccess();

    /// <summary><c>kubectl wait</c>; on timeout fails with the objects and the operator's log, where a refusal shows.</summary>
    private async Task WaitAsync(string[] resources, string? ns, string condition, CancellationToken ct)
    {
        string[] scope = ns is null ? [] : ["-n", ns];
        var result = await KubectlAsync(ct, ["wait", "--for=" + condition, .. resources, "--timeout=60s", .. scope]);
        if (result.Succeeded)
            return;
        var state = await KubectlAsync(ct, ["get", .. resources, "-o", "yaml", .. scope]);
        var log = Running?.Logs ?? "";
        throw new TimeoutException($"kubectl wait --for={condition} {string.Join(' ', resources)}: {result.StandardError}\n{state.StandardOutput}\noperator log tail:\n{log[Math.Max(0, log.Length - 6000)..]}");
    }

    /// <summary>For what <c>kubectl wait</c> cannot say: polled every 100 ms for up to 60 s.</summary>
    private async Task EventuallyAsync(string what, Func<Task<bool>> probe, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await probe())
        {
            if (DateTime.UtcNow > deadline)
            {
                var log = Running?.Logs ?? "";
                throw new TimeoutException($"no {what} after 60 s; operator log tail:\n{log[Math.Max(0, log.Length - 6000)..]}");
            }
            await Task.Delay(100, ct);
        }
    }

    private static string LineAround(string text, int index)
    {
        var start = text.LastIndexOf('\n', index) + 1;
        var end = text.IndexOf('\n', index);
        return text[start..(end < 0 ? text.Length : end)];
    }

    [GeneratedRegex("forbidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Forbidden();
}
