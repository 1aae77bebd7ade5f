namespace JujuOps.Runtime.Informers;

internal static class Delays
{
    /// <summary>Waits, returning early (without throwing) when <paramref name="cancellationToken"/> fires; loops check it next.</summary>
    public static async Task QuietlyAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
