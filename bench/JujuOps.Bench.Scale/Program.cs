using System.Globalization;
using JujuOps.Bench.Scale;

// bench-scale: for each N, the apiserver's raw write rate (N ConfigMap creates, many in flight), then the Foo
// controller converging N pre-created Foos; prints both and their ratio.
//   dotnet run -c Release --project bench/JujuOps.Bench.Scale -- --kubeconfig <path> [--counts 2000,10000] [--workers 64] [--concurrency 64]
var arguments = Arguments.Parse(args);
var results = new List<ScaleResult>();
foreach (var count in arguments.Counts)
{
    var raw = await RawWriteRate.MeasureAsync(arguments.Kubeconfig, count, arguments.Concurrency, CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N={count}: raw write rate {raw:F0} creates/s ({arguments.Concurrency} in flight)"));
    var direct = await DirectWrites.MeasureAsync(arguments.Kubeconfig, count, arguments.Concurrency, CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N={count}: the controller's writes issued directly: {direct:F1} s"));
    var converge = await FooConvergence.MeasureAsync(arguments.Kubeconfig, count, arguments.Workers, arguments.Concurrency, CancellationToken.None);
    var result = new ScaleResult(count, raw, direct, converge);
    results.Add(result);
    Console.WriteLine(result.Describe());
}
Console.WriteLine();
Console.WriteLine("| N | raw writes/s | writes needed | ideal s | same writes direct s | converge s | ratio to ideal | ratio to direct | CPU s | peak RSS MiB |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in results)
    Console.WriteLine(r.Row());
return results.All(r => r.Ratio <= 1.5) ? 0 : 2;

internal sealed record Arguments(string Kubeconfig, int[] Counts, int Workers, int Concurrency)
{
    public static Arguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var kubeconfig = Value("--kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new ArgumentException("--kubeconfig <path> is required");
        var counts = (Value("--counts") ?? "2000,10000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var workers = int.Parse(Value("--workers") ?? "64", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Value("--concurrency") ?? "64", CultureInfo.InvariantCulture);
        return new Arguments(kubeconfig, counts, workers, concurrency);
    }
}

internal sealed record ScaleResult(int Count, double RawRate, double DirectSeconds, ConvergeResult Converge)
{
    // One Deployment create and one status patch per Foo.
    public int WritesNeeded => Count * 2;

    public double IdealSeconds => WritesNeeded / RawRate;

    public double Ratio => Converge.Seconds / IdealSeconds;

    /// <summary>The runtime's own overhead: converge time over the same writes issued directly.</summary>
    public double DirectRatio => Converge.Seconds / DirectSeconds;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"N={Count}: converged in {Converge.Seconds:F1} s (ideal {IdealSeconds:F1} s at the raw rate, ratio {Ratio:F2}; same writes direct {DirectSeconds:F1} s, ratio {DirectRatio:F2}), CPU {Converge.CpuSeconds:F1} s, peak RSS {Converge.PeakRssMiB:F0} MiB");

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Count} | {RawRate:F0} | {WritesNeeded} | {IdealSeconds:F1} | {DirectSeconds:F1} | {Converge.Seconds:F1} | {Ratio:F2} | {DirectRatio:F2} | {Converge.CpuSeconds:F1} | {Converge.PeakRssMiB:F0} |");
}
