using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using JujuOps.Testing;
using k8s;

// bench-cli (issue 16): on a cluster with the JujuOps CRDs and no operator, N JujuModels with Juju's status and one
// model with A applications; then each command started cold (a new process per run) R times, the median reported,
// and the plugin's figures as a ratio to `kubectl get jm -A` measured in the same run.
//   bench/JujuOps.Bench.Cli/run.sh [--models 200] [--applications 20] [--runs 7]
//   dotnet JujuOps.Bench.Cli.dll --kubeconfig K --plugin name=folder [--plugin name=folder]... [--models N] [--applications A] [--runs R]
string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int Number(string name, int fallback) => int.Parse(Value(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
var kubeconfig = Value("--kubeconfig") ?? throw new ArgumentException("--kubeconfig <path> is required");
var plugins = args.Zip(args.Skip(1)).Where(p => p.First == "--plugin").Select(p => p.Second.Split('=', 2)).Select(p => (Name: p[0], Folder: p[1])).ToList();
if (plugins.Count == 0)
    throw new ArgumentException("--plugin name=folder is required (a folder holding kubectl-juju)");
var (models, applications, runs) = (Number("--models", 200), Number("--applications", 20), Number("--runs", 7));

var ns = "bench-cli-" + Guid.NewGuid().ToString("N")[..6];
var controller = "bench-cli";
(await Kubectl.RunAsync(kubeconfig, "apply", "--server-side", "--force-conflicts", "-f", Path.Combine(TestEnvironment.RepositoryRoot, "config", "crd"))).EnsureSuccess();
(await Kubectl.RunAsync(kubeconfig, "wait", "--for=condition=Established", "crd", "--all", "--timeout=60s")).EnsureSuccess();
(await Kubectl.RunAsync(kubeconfig, "create", "namespace", ns)).EnsureSuccess();
try
{
    await SeedAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{models} models, one with {applications} applications; median of {runs} cold runs each"));
    Console.WriteLine($"{"command",-44} {"median ms",10} {"min ms",8} {"x kubectl",10}");
    var kubectl = await MeasureAsync(null, ["get", "jm", "-A"]);
    Print("kubectl get jm -A", kubectl, kubectl);
    foreach (var (name, folder) in plugins)
    {
        Print($"kubectl juju models ({name})", await MeasureAsync(folder, ["juju", "models"]), kubectl);
        Print($"kubectl juju status ({name})", await MeasureAsync(folder, ["juju", "status", "-m", "apps"]), kubectl);
    }
}
finally
{
    await Kubectl.RunAsync(kubeconfig, "delete", "namespace", ns, "--wait=false");
    await Kubectl.RunAsync(kubeconfig, "delete", "jc", controller, "--wait=false");
}

return 0;

void Print(string what, (double Median, double Min) figures, (double Median, double Min) baseline) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-44} {figures.Median,10:F0} {figures.Min,8:F0} {figures.Median / baseline.Median,10:F2}"));

// The objects as the operator would leave them: spec applied in one request, status written through the client.
async Task SeedAsync()
{
    var yaml = new StringBuilder($"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuController
        metadata:
          name: {controller}
        spec:
          agentVersion: 3.6.1
          clouds:
          - name: k8s
            type: kubernetes
            regions:
            - name: default

        """);
    for (var i = 0; i < models; i++)
        yaml.Append(CultureInfo.InvariantCulture, $"---\napiVersion: jujuops.io/v1alpha1\nkind: JujuModel\nmetadata:\n  name: {(i == 0 ? "apps" : $"m{i:D3}")}\n  namespace: {ns}\nspec:\n  controller: {controller}\n")
            .Append(i == 0 ? ApplicationsSpec() : "");
    (await Kubectl.ApplyAsync(kubeconfig, yaml.ToString())).EnsureSuccess();
    using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    await Parallel.ForAsync(0, models, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
    {
        var name = i == 0 ? "apps" : $"m{i:D3}";
        var patch = new JsonObject { ["status"] = Status(i == 0) };
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new k8s.Models.V1Patch(patch.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch),
            "jujuops.io", "v1alpha1", ns, "jujumodels", name, cancellationToken: cancellationToken);
    });
}

string ApplicationsSpec()
{
    var spec = new StringBuilder("  applications:\n");
    for (var a = 0; a < applications; a++)
        spec.Append(CultureInfo.InvariantCulture, $"    app{a:D2}:\n      charm: app{a:D2}\n      numUnits: 2\n");
    spec.Append("  relations:\n");
    for (var a = 1; a < applications; a++)
        spec.Append(CultureInfo.InvariantCulture, $"  - [app{a:D2}:db, app00:db]\n");
    return spec.ToString();
}

JsonObject Status(bool withApplications)
{
    var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    JsonObject Since(string current) => new() { ["current"] = current, ["since"] = now };
    var status = new JsonObject
    {
        ["uuid"] = Guid.NewGuid().ToString(),
        ["modelType"] = "caas",
        ["providerType"] = "kubernetes",
        ["cloudRegion"] = "k8s/default",
        ["controller"] = controller,
        ["life"] = "alive",
        ["agentVersion"] = "3.6.1",
        ["modelStatus"] = Since("available"),
        ["users"] = new JsonArray(new JsonObject { ["name"] = "admin", ["access"] = "admin" }),
    };
    if (withApplications)
    {
        status["applications"] = new JsonArray([.. Enumerable.Range(0, applications).Select(a => (JsonNode)new JsonObject
        {
            ["name"] = $"app{a:D2}",
            ["charm"] = $"app{a:D2}",
            ["status"] = Since("active"),
            ["scale"] = 2,
            ["units"] = new JsonArray([.. Enumerable.Range(0, 2).Select(u => (JsonNode)new JsonObject
            {
                ["name"] = $"app{a:D2}/{u}",
                ["workloadStatus"] = Since("active"),
                ["agentStatus"] = Since("idle"),
                ["address"] = "10.1.0." + (a * 2 + u + 1).ToString(CultureInfo.InvariantCulture),
            })]),
        })]);
        status["relations"] = new JsonArray([.. Enumerable.Range(1, applications - 1).Select(a => (JsonNode)new JsonObject
        {
            ["id"] = a - 1,
            ["endpoints"] = new JsonArray($"app{a:D2}:db", "app00:db"),
            ["interface"] = "db",
            ["type"] = "regular",
            ["status"] = Since("joined"),
        })]);
    }

    return status;
}

// A new process per run, as a user's shell starts it; the first run warms the disk cache and is not counted.
async Task<(double Median, double Min)> MeasureAsync(string? pluginFolder, string[] command)
{
    var configHome = Directory.CreateTempSubdirectory("bench-cli-").FullName;
    try
    {
        var times = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var start = new ProcessStartInfo(Kubectl.Binary()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in command)
                start.ArgumentList.Add(arg);
            if (pluginFolder is not null)
                start.Environment["PATH"] = pluginFolder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            start.Environment["KUBECONFIG"] = kubeconfig;
            start.Environment["XDG_CONFIG_HOME"] = configHome;
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            watch.Stop();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"kubectl {string.Join(' ', command)} exited {process.ExitCode}: {error}");
            _ = await output;
            if (run > 0)
                times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[0]);
    }
    finally
    {
        Directory.Delete(configHome, recursive: true);
    }
}
