using BenchmarkDotNet.Attributes;
using JujuOps.Domain.Configuration;
using JujuOps.Domain.Defaults;
using JujuConstraints = JujuOps.Domain.Constraints.Constraints;

namespace JujuOps.Benchmarks;

/// <summary>
/// Parsing a realistic constraints string, against splitting the same string on spaces (the baseline) so that the
/// figures read as ratios.
/// </summary>
[MemoryDiagnoser]
public class ConstraintsParseBenchmarks
{
    // A field, not a constant: benchmarks must be instance methods, and the input must not be folded away.
    private readonly string input = "arch=amd64 cores=4 mem=16G root-disk=100G tags=fast,^slow spaces=db,^dmz zones=us-east-1a,us-east-1b allocate-public-ip=true";

    [Benchmark(Baseline = true)]
    public string[] SplitOnSpaces() => input.Split(' ');

    [Benchmark]
    public JujuConstraints Parse() => JujuConstraints.Parse(input);

    [Benchmark]
    public string ParseAndFormat() => JujuConstraints.Parse(input).ToString();
}

/// <summary>
/// Resolving a new model's effective config from all four layers (defaults, controller, region, model) with
/// validation, against copying the same key/value pairs into one dictionary (the baseline).
/// </summary>
[MemoryDiagnoser]
public class EffectiveConfigBenchmarks
{
    private readonly Dictionary<string, string> controller = new()
    {
        ["image-stream"] = "daily",
        ["juju-http-proxy"] = "http://proxy:3128",
        ["logging-config"] = "<root>=INFO;unit=DEBUG",
        ["max-status-history-age"] = "72h",
    };

    private readonly Dictionary<string, string> region = new()
    {
        ["juju-https-proxy"] = "http://proxy:3129",
        ["resource-tags"] = "team=ops cost-centre=42",
    };

    private readonly Dictionary<string, string> model = new()
    {
        ["name"] = "web",
        ["type"] = "kubernetes",
        ["uuid"] = "6b1f4a52-0d3c-4c1e-8a53-7f0e2a7a8d11",
        ["development"] = "true",
        ["update-status-hook-interval"] = "10m",
        ["workload-storage"] = "fast",
    };

    private ConfigDefaults layers = null!;

    [GlobalSetup]
    public void Setup() => layers = new ConfigDefaults(ModelConfigCatalog.ForProvider("kubernetes"), controller, region);

    [Benchmark(Baseline = true)]
    public Dictionary<string, string> CopyLayersIntoOneDictionary()
    {
        var merged = new Dictionary<string, string>(layers.Catalog.Defaults, StringComparer.Ordinal);
        foreach (var layer in new[] { controller, region, model })
        {
            foreach (var (key, value) in layer)
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    [Benchmark]
    public ModelSettings ResolveEffectiveConfig() => ModelSettings.Create(layers, model);
}
