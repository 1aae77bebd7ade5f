using JujuOps.Api.V1Alpha1.Defaults;
using k8s.Models;

namespace JujuOps.Operator.Defaults;

/// <summary>
/// What a ModelDefaults applies to: a controller, optionally narrowed to one of its clouds and one region. Juju's
/// layers are the cloud ("controller") and the region; the controller-wide scope is ours and feeds every cloud's layer.
/// </summary>
public sealed record DefaultsScope(string Controller, string? Cloud, string? Region)
{
    public static DefaultsScope Of(ModelDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new DefaultsScope(defaults.Spec.Controller, NullIfEmpty(defaults.Spec.Cloud), NullIfEmpty(defaults.Spec.Region));
    }

    /// <summary>The Juju layer the values land in: <c>region</c> with a region, <c>controller</c> otherwise.</summary>
    public string Layer => Region is null ? "controller" : "region";

    public override string ToString() =>
        $"controller \"{Controller}\"" + (Cloud is null ? "" : $", cloud \"{Cloud}\"") + (Region is null ? "" : $", region \"{Region}\"");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>Two ModelDefaults claiming the same scope: reported on both, never resolved silently.</summary>
public static class DefaultsConflicts
{
    /// <summary>The other objects that claim the scope of <paramref name="defaults"/>, sorted by name.</summary>
    public static IReadOnlyList<ModelDefaults> Rivals(ModelDefaults defaults, IEnumerable<ModelDefaults> all)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var scope = DefaultsScope.Of(defaults);
        return [.. all
            .Where(other => other.Name() != defaults.Name() && other.Metadata.DeletionTimestamp is null && DefaultsScope.Of(other) == scope)
            .OrderBy(other => other.Name(), StringComparer.Ordinal)];
    }

    /// <summary>The message both sides show, naming every claimant in name order.</summary>
    public static string Message(ModelDefaults defaults, IReadOnlyList<ModelDefaults> rivals)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(rivals);
        var names = rivals.Select(r => r.Name()).Append(defaults.Name()).Order(StringComparer.Ordinal).Select(n => $"\"{n}\"");
        return $"ModelDefaults {string.Join(" and ", names)} claim the same scope ({DefaultsScope.Of(defaults)}); delete or narrow all but one";
    }
}
