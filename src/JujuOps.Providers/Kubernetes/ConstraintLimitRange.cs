using System.Globalization;
using JujuOps.Domain.Constraints;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes;

/// <summary>
/// Model constraints as a LimitRange. On Kubernetes a Juju constraint is a per-unit maximum (reference §4.4), and
/// Juju turns <c>mem</c> and <c>cpu-power</c> into container limits with the same quantities we use here (§13.5):
/// <c>mem=N</c> → <c>&lt;N&gt;Mi</c>, <c>cpu-power=N</c> → <c>&lt;N&gt;m</c>. The range makes them the default and the
/// maximum of every container in the model's namespace, so the API server enforces them.
/// </summary>
public static class ConstraintLimitRange
{
    public const string Name = "juju-constraints";

    /// <summary>
    /// The per-container quantities for the constraints, or an empty map when no constraint maps to a limit.
    /// Other keys (<c>arch</c>, <c>tags</c>, <c>zones</c>) place pods rather than limit them and are not part of it;
    /// an explicit empty value (<c>mem=</c>) means no limit.
    /// </summary>
    public static Dictionary<string, ResourceQuantity> ContainerLimits(Constraints constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        var limits = new Dictionary<string, ResourceQuantity>();
        if (constraints.HasValue(ConstraintKey.Mem))
            limits["memory"] = new ResourceQuantity(constraints.Mem!.Value.ToString(CultureInfo.InvariantCulture) + "Mi");
        if (constraints.HasValue(ConstraintKey.CpuPower))
            limits["cpu"] = new ResourceQuantity(constraints.CpuPower!.Value.ToString(CultureInfo.InvariantCulture) + "m");
        return limits;
    }

    /// <summary>The LimitRange for the model, or null when the constraints limit nothing (then none should exist).</summary>
    public static V1LimitRange? For(ModelIdentity identity, Constraints constraints)
    {
        var limits = ContainerLimits(constraints);
        if (limits.Count == 0)
            return null;

        return new V1LimitRange
        {
            Metadata = ModelObjects.Metadata(identity, Name),
            Spec = new V1LimitRangeSpec
            {
                Limits =
                [
                    new V1LimitRangeItem
                    {
                        Type = "Container",
                        // A container that states no limit gets the constraint, and one that states more is refused.
                        DefaultProperty = Copy(limits),
                        Max = Copy(limits),
                        // Juju requests the full constraint for the charm container (§13.5). Setting it ourselves also
                        // keeps the server from filling it in, so what we read back equals what we wrote.
                        DefaultRequest = Copy(limits),
                    },
                ],
            },
        };
    }

    private static Dictionary<string, ResourceQuantity> Copy(Dictionary<string, ResourceQuantity> limits) => new(limits);
}
