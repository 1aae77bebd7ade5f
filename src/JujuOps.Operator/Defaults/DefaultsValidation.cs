using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Domain;
using JujuOps.Domain.Configuration;

namespace JujuOps.Operator.Defaults;

/// <summary>
/// <c>juju model-defaults</c>'s checks for one ModelDefaults against its controller: the cloud and region exist, and
/// every value passes the catalog of the cloud it is for (every cloud's, for the controller-wide scope).
/// </summary>
public static class DefaultsValidation
{
    /// <summary>Throws <see cref="JujuValidationException"/> with Juju's text; returns the warnings about unknown keys.</summary>
    public static IReadOnlyList<ConfigWarning> Validate(ModelDefaultsSpec spec, JujuControllerSpec controller)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(controller);
        var clouds = CloudsInScope(spec, controller);
        var results = clouds.Select(cloud => ModelConfigCatalog.ForProvider(cloud.Type).ValidateDefaults(spec.Config)).ToList();
        // A key one cloud knows is no misspelling: warn only about keys no cloud in scope knows.
        return [.. results[0].Warnings.Where(w => results.All(r => r.Warnings.Any(other => other.Key == w.Key)))];
    }

    private static List<CloudSpec> CloudsInScope(ModelDefaultsSpec spec, JujuControllerSpec controller)
    {
        if (string.IsNullOrEmpty(spec.Cloud))
        {
            if (!string.IsNullOrEmpty(spec.Region))
                throw new JujuValidationException("You haven't specified a cloud and more than one exists on this controller.\nSet spec.cloud together with spec.region.");
            return controller.Clouds.Count > 0 ? controller.Clouds : throw new JujuValidationException("You don't have access to any clouds on this controller.");
        }

        var cloud = controller.Clouds.FirstOrDefault(c => c.Name == spec.Cloud)
            ?? throw new JujuValidationException($"cloud \"{spec.Cloud}\" not found");
        if (!string.IsNullOrEmpty(spec.Region) && cloud.Regions?.Any(r => r.Name == spec.Region) != true)
            throw new JujuValidationException($"invalid region specified: \"{spec.Region}\"");
        return [cloud];
    }
}
