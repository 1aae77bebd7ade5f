using System.Collections.Concurrent;

namespace JujuOps.Runtime.Hosting;

/// <summary>
/// Extra conditions for <c>/readyz</c> besides synced caches, such as "the webhook server is listening": declare
/// a gate with <see cref="Require"/> at startup and open it with <see cref="MarkReady"/> when the thing is up.
/// </summary>
public sealed class ReadinessGates
{
    private readonly ConcurrentDictionary<string, bool> _gates = new(StringComparer.Ordinal);

    public void Require(string name) => _gates.TryAdd(name, false);

    public void MarkReady(string name) => _gates[name] = true;

    public void MarkNotReady(string name) => _gates[name] = false;

    /// <summary>The gates still closed.</summary>
    public IReadOnlyList<string> Pending => [.. _gates.Where(g => !g.Value).Select(g => g.Key).Order(StringComparer.Ordinal)];
}
