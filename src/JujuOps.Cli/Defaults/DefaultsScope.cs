using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Cli.Common;

namespace JujuOps.Cli.Defaults;

/// <summary>
/// The cloud and optional region <c>model-defaults</c> works on (reference §3.2), and the ModelDefaults objects
/// that make up its layers: the controller layer is the controller-wide object with the cloud's own over it, the
/// region layer one object per region. Conflicting or refused objects are left out, as the operator leaves them out.
/// </summary>
public sealed record DefaultsScope(JujuController Controller, CloudSpec Cloud, string? Region)
{
    public static DefaultsScope Resolve(JujuController controller, string? cloud, string? region)
    {
        if (region is not null && region.Contains('/', StringComparison.Ordinal))
        {
            if (cloud is not null)
                throw new CliException("cannot specify cloud using both --cloud and --region flags; use either");
            var slash = region.IndexOf('/', StringComparison.Ordinal);
            (cloud, region) = (region[..slash], region[(slash + 1)..]);
        }

        var clouds = controller.Spec.Clouds;
        CloudSpec chosen;
        if (cloud is not null)
        {
            chosen = clouds.FirstOrDefault(c => c.Name == cloud) ?? throw new CliException($"cloud \"{cloud}\" not found");
        }
        else
        {
            chosen = clouds.Count switch
            {
                0 => throw new CliException("You don't have access to any clouds on this controller.\nOnly controller administrators can set default model values."),
                1 => clouds[0],
                _ => throw new CliException("You haven't specified a cloud and more than one exists on this controller.\nSpecify one with --cloud."),
            };
        }

        if (region is not null && !(chosen.Regions ?? []).Any(r => r.Name == region))
            throw new CliException($"invalid region specified: \"{region}\"");
        return new DefaultsScope(controller, chosen, region);
    }

    /// <summary>The values of Juju's controller layer for this cloud: controller-wide, with the cloud's own winning.</summary>
    public IReadOnlyDictionary<string, string> ControllerLayer(IEnumerable<ModelDefaults> all)
    {
        var usable = Usable(all).Where(d => string.IsNullOrEmpty(d.Spec.Region)).ToList();
        var layer = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var defaults in usable.OrderBy(d => string.IsNullOrEmpty(d.Spec.Cloud) ? 0 : 1))
        {
            foreach (var (key, value) in defaults.Spec.Config)
                layer[key] = value;
        }

        return layer;
    }

    /// <summary>Each region's values, region by region in the cloud's order (only the chosen region with <c>--region</c>).</summary>
    public IReadOnlyList<(string Region, IReadOnlyDictionary<string, string> Values)> RegionLayers(IEnumerable<ModelDefaults> all)
    {
        var regional = Usable(all).Where(d => !string.IsNullOrEmpty(d.Spec.Region)).ToList();
        return [.. (Cloud.Regions ?? [])
            .Where(r => Region is null || r.Name == Region)
            .Select(r => (r.Name, (IReadOnlyDictionary<string, string>)(regional.FirstOrDefault(d => d.Spec.Region == r.Name)?.Spec.Config ?? [])))
            .Where(layer => layer.Item2.Count > 0)];
    }

    /// <summary>The object a write goes to: the region's, else the cloud's, else the controller-wide one, if it exists.</summary>
    public ModelDefaults? WriteTarget(IEnumerable<ModelDefaults> all)
    {
        var mine = all.Where(d => d.Spec.Controller == ControllerName).ToList();
        if (Region is not null)
            return mine.FirstOrDefault(d => d.Spec.Cloud == Cloud.Name && d.Spec.Region == Region);
        return mine.FirstOrDefault(d => d.Spec.Cloud == Cloud.Name && string.IsNullOrEmpty(d.Spec.Region))
            ?? mine.FirstOrDefault(d => string.IsNullOrEmpty(d.Spec.Cloud) && string.IsNullOrEmpty(d.Spec.Region));
    }

    /// <summary>The name of a new ModelDefaults for this scope: <c>&lt;controller&gt;-&lt;cloud&gt;[-&lt;region&gt;]</c>.</summary>
    public string NewObjectName => string.Join('-', new[] { ControllerName, Cloud.Name, Region }.OfType<string>()).ToLowerInvariant();

    private string ControllerName => k8s.Models.ModelExtensions.Name(Controller);

    private IEnumerable<ModelDefaults> Usable(IEnumerable<ModelDefaults> all) => all.Where(d =>
        d.Spec.Controller == ControllerName
        && (string.IsNullOrEmpty(d.Spec.Cloud) || d.Spec.Cloud == Cloud.Name)
        && d.Metadata.DeletionTimestamp is null
        && d.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Stalled)?.Status != ConditionStatus.True);
}
