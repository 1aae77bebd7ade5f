using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Bundles;

namespace JujuOps.Operator.Models;

/// <summary>
/// A model's applications, machines and relations checked as Juju checks a bundle (reference §6.6), in the plan, so
/// that the admission webhook and the reconciler refuse a bad one with Juju's texts before anything is deployed.
/// </summary>
public static class ModelContentsValidation
{
    /// <summary>The reason a refused model's ConstraintsApplied condition carries, as invalid machine ids do.</summary>
    public const string Reason = "InvalidBundle";

    /// <summary>
    /// Throws <see cref="ModelPlanException"/> with Juju's message (<c>&lt;first&gt; (and N more errors)</c>). A spec that
    /// declares no applications is not a bundle (an LXD model may declare only machines), so it is not checked here.
    /// </summary>
    public static void Check(JujuModelSpec spec, bool kubernetes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Applications is not { Count: > 0 })
            return;
        var problems = BundleValidator.Validate(ToBundle(spec, kubernetes));
        if (problems.Count > 0)
            throw new ModelPlanException(JujuModelConditions.ConstraintsApplied, Reason, BundleValidator.Describe(problems));
    }

    /// <summary>The spec in the domain's bundle shape: the fields line up one to one.</summary>
    public static BundleData ToBundle(JujuModelSpec spec, bool kubernetes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new BundleData
        {
            Type = kubernetes ? BundleData.KubernetesType : null,
            Applications = (spec.Applications ?? []).ToDictionary(a => a.Key, a => Application(a.Value), StringComparer.Ordinal),
            Machines = (spec.Machines ?? []).ToDictionary(m => m.Key, m => new BundleMachine
            {
                Base = m.Value.Base,
                Constraints = m.Value.Constraints,
                Annotations = m.Value.Annotations ?? [],
            }, StringComparer.Ordinal),
            Relations = [.. (spec.Relations ?? []).Select(r => (IReadOnlyList<string>)r)],
        };
    }

    private static BundleApplication Application(ApplicationSpec application) => new()
    {
        Charm = application.Charm,
        Channel = application.Channel,
        Revision = application.Revision,
        Base = application.Base,
        NumUnits = application.NumUnits,
        To = application.To ?? [],
        Placement = application.Placement,
        Expose = application.Expose ?? false,
        Options = (application.Options ?? []).ToDictionary(o => o.Key, o => (object?)o.Value, StringComparer.Ordinal),
        Annotations = application.Annotations ?? [],
        Constraints = application.Constraints,
        Storage = application.Storage ?? [],
        Bindings = application.Bindings ?? [],
        Resources = (application.Resources ?? []).ToDictionary(r => r.Key, r => (object)r.Value, StringComparer.Ordinal),
        Trust = application.Trust ?? false,
    };
}
