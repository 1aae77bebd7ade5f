using System.Diagnostics;

namespace JujuOps.Bench.Admission;

/// <summary>
/// Open-loop load: request i is due at start + i/rate whatever happened to the others, so a slow answer cannot slow
/// the offered load (no coordinated omission). Latency is counted from when the request was due, and also from when
/// it was sent (the service time); the pacer wakes about every millisecond and sends all that are due.
/// </summary>
public static class OpenLoop
{
    public sealed record Result(int Rate, int Sent, int Failed, double[] FromDueMs, double[] FromSendMs, double AchievedRate);

    public static async Task<Result> RunAsync(int rate, TimeSpan duration, Func<CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var fromDue = new double[total];
        var fromSend = new double[total];
        var failed = 0;
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        var next = 0;
        while (next < total)
        {
            var now = clock.Elapsed.TotalSeconds;
            while (next < total && next / (double)rate <= now)
            {
                var i = next++;
                var due = i / (double)rate;
                inFlight.Add(Task.Run(async () =>
                {
                    var sent = clock.Elapsed.TotalSeconds;
                    var ok = await send(cancellationToken).ConfigureAwait(false);
                    var done = clock.Elapsed.TotalSeconds;
                    fromDue[i] = (done - due) * 1000;
                    fromSend[i] = (done - sent) * 1000;
                    if (!ok)
                        Interlocked.Increment(ref failed);
                }, cancellationToken));
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalSeconds;
        Array.Sort(fromDue);
        Array.Sort(fromSend);
        return new Result(rate, total, failed, fromDue, fromSend, total / elapsed);
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
