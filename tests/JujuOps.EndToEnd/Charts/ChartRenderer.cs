using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Charts;

/// <summary>
/// <c>helm template</c> without helm (none is installable here): <c>hack/helm-render</c>, Go's text/template with
/// Debian's sprig, built once per test run from the repository, offline, against Debian's Go sources
/// (<c>hack/testenv/install.sh</c> installs them). Like <c>helm install</c>, a render first checks the merged values
/// against the chart's <c>values.schema.json</c> (with JsonSchema.Net, as Helm does with its own validator) and
/// fails on any violation.
/// </summary>
public static class ChartRenderer
{
    public static readonly string ChartDirectory = Path.Combine(TestEnvironment.RepositoryRoot, "charts", "jujuops");

    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    /// <summary>The rendered chart as YAML (what <c>kubectl apply -f</c> takes) and as JSON objects (what tests compare).</summary>
    public static async Task<RenderedChart> RenderAsync(ChartRender request, CancellationToken ct)
    {
        var valuesFile = Path.Combine(Path.GetTempPath(), "jujuops-values-" + TestEnvironment.UniqueSuffix() + ".json");
        try
        {
            List<string> args = ["--namespace", request.Namespace, "--values-out", valuesFile];
            if (request.IncludeCrds)
                args.Add("--include-crds");
            if (request.ApiVersions is { Count: > 0 } versions)
                args.AddRange(["--api-versions", string.Join(',', versions)]);
            foreach (var set in request.Sets)
                args.AddRange(["--set", set]);
            args.Add(ChartDirectory);
            var yaml = (await RunAsync(args, null, ct)).EnsureSuccess().StandardOutput;
            var values = JsonNode.Parse(await File.ReadAllTextAsync(valuesFile, ct))!;
            var problems = SchemaProblems(values);
            if (problems.Count > 0)
                throw new ChartValuesException(problems);
            return new RenderedChart(yaml, await ToObjectsAsync(yaml, ct));
        }
        finally
        {
            File.Delete(valuesFile);
        }
    }

    /// <summary>Renders and expects the renderer itself to refuse (a template's <c>fail</c> or <c>required</c>); returns its message.</summary>
    public static async Task<string> RenderFailureAsync(ChartRender request, CancellationToken ct)
    {
        List<string> args = ["--namespace", request.Namespace];
        foreach (var set in request.Sets)
            args.AddRange(["--set", set]);
        args.Add(ChartDirectory);
        var result = await RunAsync(args, null, ct);
        return result.Succeeded ? throw new InvalidOperationException("the chart rendered, a failure was expected") : result.StandardError;
    }

    /// <summary>Multi-document YAML (<c>kubectl kustomize</c> output, say) as JSON objects, decoded as the chart's are.</summary>
    public static async Task<List<JsonObject>> ToObjectsAsync(string yaml, CancellationToken ct)
    {
        var json = (await RunAsync(["yaml2json"], yaml, ct)).EnsureSuccess().StandardOutput;
        return [.. JsonNode.Parse(json)!.AsArray().Select(n => n!.AsObject())];
    }

    /// <summary>Every place the values break <c>values.schema.json</c>, as "path: message".</summary>
    public static List<string> SchemaProblems(JsonNode values)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(ChartDirectory, "values.schema.json")));
        using var document = JsonDocument.Parse(values.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
            return [];
        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct()];
    }

    private static async Task<KubectlResult> RunAsync(IEnumerable<string> args, string? input, CancellationToken ct)
    {
        var start = new ProcessStartInfo(await Binary.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return await RunProcessAsync(start, input, ct);
    }

    /// <summary>GOPATH mode against /usr/share/gocode: no module download, no network.</summary>
    private static async Task<string> BuildAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "jujuops-helm-render-" + TestEnvironment.UniqueSuffix());
        var start = new ProcessStartInfo("go", ["build", "-o", output, "./hack/helm-render"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPATH"] = "/usr/share/gocode";
        start.Environment["GOFLAGS"] = "";
        start.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "jujuops-helm-render-gocache");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var result = await RunProcessAsync(start, null, timeout.Token);
        if (!result.Succeeded)
            throw new InvalidOperationException($"go build ./hack/helm-render failed (hack/testenv/install.sh installs golang-go and the sprig sources):\n{result.StandardError}");
        return output;
    }

    private static async Task<KubectlResult> RunProcessAsync(ProcessStartInfo start, string? input, CancellationToken ct)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + start.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), ct);
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync(ct);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>One render: the release namespace, <c>--set</c> overrides, and what the target cluster serves.</summary>
public sealed record ChartRender(string Namespace = "jujuops-system", bool IncludeCrds = true)
{
    public IReadOnlyList<string> Sets { get; init; } = [];

    /// <summary><c>kubectl api-versions</c> of the target cluster; empty for <c>helm template</c>'s current-cluster default.</summary>
    public IReadOnlyList<string> ApiVersions { get; init; } = [];
}

public sealed record RenderedChart(string Yaml, List<JsonObject> Objects)
{
    public JsonObject Find(string kind, string name) => Objects.Single(o => o["kind"]!.GetValue<string>() == kind && o["metadata"]!["name"]!.GetValue<string>() == name);
}

/// <summary>The values broke values.schema.json; Helm refuses such an install before rendering anything.</summary>
public sealed class ChartValuesException(IReadOnlyList<string> problems)
    : Exception("values don't meet the specifications of the schema(s): " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
