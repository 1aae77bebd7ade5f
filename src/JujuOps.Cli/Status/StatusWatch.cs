namespace JujuOps.Cli.Status;

/// <summary>
/// <c>juju status --watch &lt;duration&gt;</c>: render, wait, render again until interrupted. On a terminal each frame
/// replaces the last (clear screen, cursor home), as <c>watch</c> does; into a pipe or file the frames follow one another.
/// </summary>
public static class StatusWatch
{
    /// <summary>The shortest interval accepted: each frame reads the model from the API server.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);

    private const string ClearScreen = "\u001b[H\u001b[2J";

    public static async Task RunAsync(Func<CancellationToken, Task<string>> frame, TimeSpan interval, TextWriter output, bool terminal,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(output);
        if (interval < Minimum)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "the watch interval is at least 100ms");
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                var text = await frame(cancellationToken).ConfigureAwait(false);
                await output.WriteAsync(terminal ? ClearScreen + text : text).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends a watch; that is its normal way out, not an error.
        }
    }
}
