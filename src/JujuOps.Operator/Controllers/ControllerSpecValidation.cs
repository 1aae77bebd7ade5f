using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Domain;
using JujuOps.Domain.Controllers;
using JujuOps.Domain.Names;
using JujuOps.Providers.Kubernetes;

namespace JujuOps.Operator.Controllers;

/// <summary>
/// The shape of a JujuController spec as bootstrap, add-cloud and add-user would take it: a name whose controller
/// model namespace fits, at least one cloud, each declared once, Juju names for clouds, regions and users, and the
/// controller config as the domain's <see cref="ControllerConfig"/> checks it (reference §1.1, §9.7). Throws
/// <see cref="JujuValidationException"/>; nothing about the cloud is contacted here.
/// </summary>
public static class ControllerSpecValidation
{
    public static void Validate(string controllerName, JujuControllerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        JujuNames.ValidateCloudName(controllerName);
        // The controller model lives in namespace controller-<name>, which Kubernetes limits to 63 characters.
        var controllerNamespace = ModelNamespace.ControllerModelPrefix + controllerName;
        if (controllerNamespace.Length > JujuNames.MaxKubernetesNamespaceLength)
            throw new JujuValidationException($"controller name too long: its controller model's namespace \"{controllerNamespace[..40]}...\" would have {controllerNamespace.Length} characters, at most {JujuNames.MaxKubernetesNamespaceLength} are allowed");
        // Juju's cloud-name rule admits capitals, dots and underscores, which a namespace name does not: refused here,
        // or the controller model's namespace would be refused by the API server on every reconcile.
        if (!JujuNames.IsValidModelName(controllerNamespace) || controllerNamespace.EndsWith('-'))
            throw new JujuValidationException($"controller name \"{controllerName}\" cannot be used in a Kubernetes namespace: its controller model's namespace may hold only lowercase letters, digits and hyphens");
        if (spec.Clouds.Count == 0)
            throw new JujuValidationException("no clouds declared");
        foreach (var duplicate in spec.Clouds.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            throw new JujuValidationException($"cloud \"{duplicate.Key}\" declared more than once");
        foreach (var cloud in spec.Clouds)
        {
            JujuNames.ValidateCloudName(cloud.Name);
            foreach (var region in cloud.Regions ?? [])
                JujuNames.ValidateCloudName(region.Name);
        }

        foreach (var user in spec.Users ?? [])
            JujuNames.ValidateUserName(user.Name);
        ControllerConfig.Validate(spec.Config ?? []);
    }
}
