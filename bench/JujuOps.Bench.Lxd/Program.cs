using System.Globalization;
using JujuOps.Bench.Lxd;

// bench-lxd (issue 12): N machines (20) provisioned through the operator, from the creation of one model to its Ready,
// against the same N `POST /1.0/instances` + start issued directly to LXD with the same concurrency, in one run.
// The operator makes up to --concurrency (4) of one model's machines at once (JujuOps:Lxd:MaxConcurrentInstanceOperations,
// set to the same value), and the direct baseline issues its creates + starts with that concurrency too. Round 0 is the
// operator's first model (its code not yet compiled by the JIT: about 1 s more); `kubectl apply` is timed apart.
//   bench/JujuOps.Bench.Lxd/run.sh [--machines 20] [--rounds 2] [--concurrency 4]
var arguments = BenchArguments.Parse(args);
var direct = new List<double>();
var operatorRuns = new List<LxdProvisioning.OperatorRun>();
await using var bench = await LxdProvisioning.StartAsync(arguments, CancellationToken.None);
for (var round = 0; round < arguments.Rounds; round++)
{
    direct.Add(await bench.DirectAsync(round, CancellationToken.None));
    operatorRuns.Add(await bench.ThroughOperatorAsync(round, CancellationToken.None));
}

Console.WriteLine();
Console.WriteLine("| round | machines | concurrency | direct s | operator s | ratio | kubectl apply s | ratio with kubectl | LXD API calls by the operator | of which per machine |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
for (var i = 0; i < direct.Count; i++)
{
    var run = operatorRuns[i];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {i} | {arguments.Machines} | {arguments.Concurrency} | {direct[i]:F2} | {run.Seconds:F2} | {run.Seconds / direct[i]:F2}x | {run.KubectlSeconds:F2} | {(run.Seconds + run.KubectlSeconds) / direct[i]:F2}x | {run.LxdRequests:F0} | {run.LxdRequests / arguments.Machines:F1} |"));
}

return 0;

internal sealed record BenchArguments(string Kubeconfig, string LxdSocket, int Machines, int Rounds, int Concurrency)
{
    public static BenchArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => int.Parse(Value(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return new BenchArguments(
            Value("--kubeconfig") ?? throw new ArgumentException("--kubeconfig <path> is required"),
            Value("--lxd-socket") ?? JujuOps.Providers.Lxd.LxdClient.DefaultSocket,
            Number("--machines", 20),
            Number("--rounds", 2),
            Number("--concurrency", 4));
    }
}
