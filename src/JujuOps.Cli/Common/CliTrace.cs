using System.Diagnostics;
using System.Globalization;

namespace JujuOps.Cli.Common;

/// <summary>
/// Where a cold start spends its time: with <c>KUBECTL_JUJU_TRACE=1</c> each mark prints the milliseconds since the
/// process started (so the runtime's own start-up shows as the first figure) on stderr. Off, a mark costs one check.
/// </summary>
public static class CliTrace
{
    public const string Variable = "KUBECTL_JUJU_TRACE";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";

    private static readonly DateTime ProcessStart = Enabled ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : default;

    public static void Mark(string what)
    {
        if (Enabled)
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trace {(DateTime.UtcNow - ProcessStart).TotalMilliseconds,7:F1} ms  {what}"));
    }
}
