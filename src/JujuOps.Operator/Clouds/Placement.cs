using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Domain;
using JujuOps.Domain.Clouds;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// The domain's <see cref="ModelPlacement"/> of a model together with the controller's objects it names: the cloud
/// and credential declarations a connection is made from.
/// </summary>
/// <param name="Resolved">add-model's decision, in Juju's terms.</param>
/// <param name="Cloud">The declared cloud it chose.</param>
/// <param name="Credential">The declared credential it chose, or null.</param>
public sealed record Placement(ModelPlacement Resolved, CloudSpec Cloud, CloudCredential? Credential)
{
    /// <summary>The region chosen; null on a cloud without regions.</summary>
    public string? Region => Resolved.Region;

    /// <summary><c>cloud/region</c> as <c>juju models</c> prints it.</summary>
    public string CloudRegion => Resolved.CloudRegion;

    /// <summary>
    /// add-model's resolution (<see cref="ModelPlacement.Resolve"/>) over the controller's declared clouds. Throws
    /// <see cref="JujuValidationException"/> with Juju's text.
    /// </summary>
    public static Placement Resolve(JujuControllerSpec controller, string? cloudName, string? regionName, string? credentialName, string owner)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var clouds = controller.Clouds
            .Select(c => new ControllerCloud(c.Name, [.. (c.Regions ?? []).Select(r => r.Name)], [.. (c.Credentials ?? []).Select(k => k.Name)]))
            .ToList();
        var resolved = ModelPlacement.Resolve(clouds, cloudName, regionName, credentialName, owner);
        // The domain chose the first cloud and credential of that name, so the first match is the one it chose.
        var cloud = controller.Clouds.First(c => c.Name == resolved.Cloud.Name);
        var credential = resolved.Credential is null ? null : cloud.Credentials!.First(c => c.Name == resolved.Credential);
        return new Placement(resolved, cloud, credential);
    }
}
