using System.Globalization;
using JujuOps.Bench.Models;

// bench-models (issue 19): on a private cluster, the API server's raw write rate, then the built operator as its own
// process bringing N JujuModels (created at once) to Ready; requests per model from the operator's own counters, its
// CPU and peak RSS, and its requests per minute at rest. Every time is also given as a ratio to the raw rate.
//   bench/JujuOps.Bench.Models/run.sh [--counts 1000,10000] [--workers 4] [--concurrency 64] [--rest-seconds 60] [--operator-env K=V]...
var arguments = BenchArguments.Parse(args);
var raw = await JujuOps.Bench.Scale.RawWriteRate.MeasureAsync(arguments.Kubeconfig, Math.Min(arguments.Count, 5000), arguments.Concurrency, CancellationToken.None);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw write rate {raw:F0} creates/s ({arguments.Concurrency} in flight)"));
var result = await ModelConvergence.MeasureAsync(arguments, raw, CancellationToken.None);
Console.WriteLine();
Console.WriteLine(ModelResult.Header);
Console.WriteLine(result.Row());
Console.WriteLine();
Console.WriteLine("requests per model, by verb and resource:");
foreach (var (key, perModel) in result.RequestsPerModel.OrderByDescending(r => r.Value))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key,-40} {perModel,6:F2}"));
Console.WriteLine("requests per minute at rest:");
foreach (var (key, perMinute) in result.RestPerMinute.OrderByDescending(r => r.Value))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key,-40} {perMinute,6:F1}"));
return 0;

internal sealed record BenchArguments(string Kubeconfig, int Count, int Workers, int Concurrency, int RestSeconds,
    IReadOnlyList<KeyValuePair<string, string>> OperatorEnvironment)
{
    public static BenchArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => int.Parse(Value(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var kubeconfig = Value("--kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new ArgumentException("--kubeconfig <path> is required");
        // --operator-env K=V (repeatable): e.g. DOTNET_gcServer=0 to compare garbage collectors.
        var operatorEnvironment = args.Zip(args.Skip(1)).Where(pair => pair.First == "--operator-env")
            .Select(pair => pair.Second.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0], kv[1])).ToList();
        return new BenchArguments(kubeconfig, Number("--count", 1000), Number("--workers", 4), Number("--concurrency", 64), Number("--rest-seconds", 60),
            operatorEnvironment);
    }
}
