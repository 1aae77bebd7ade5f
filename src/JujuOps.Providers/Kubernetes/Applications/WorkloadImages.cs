using System.Globalization;

namespace JujuOps.Providers.Kubernetes.Applications;

/// <summary>
/// The workload containers of an application, from its charm resources. No charm store is reachable, so a resource
/// given as a revision number (a Charmhub resource) cannot be resolved to an image; a resource given as an OCI image
/// reference becomes one container, named after the resource without Juju's <c>-image</c> suffix
/// (<c>mediawiki-image</c> → <c>mediawiki</c>), in name order as Juju sorts a charm's containers.
/// </summary>
public static class WorkloadImages
{
    private const string ImageSuffix = "-image";

    /// <param name="resources">The application's resources, name to revision or image.</param>
    /// <returns>Container name and image, in name order; empty when no resource names an image.</returns>
    public static IReadOnlyList<(string Container, string Image)> From(IReadOnlyDictionary<string, string> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return
        [
            .. resources
                .Where(resource => IsImage(resource.Value))
                .Select(resource => (ContainerName(resource.Key), resource.Value.Trim()))
                .OrderBy(container => container.Item1, StringComparer.Ordinal),
        ];
    }

    /// <summary>Why an application gets no pods, as its status says it; null when it has an image.</summary>
    public static string? Missing(IReadOnlyDictionary<string, string> resources) =>
        From(resources).Count > 0 ? null : "no workload image: give a resource as an OCI image reference (no charm store is reachable)";

    private static bool IsImage(string value) =>
        !string.IsNullOrWhiteSpace(value) && !ulong.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static string ContainerName(string resource)
    {
        var name = resource.EndsWith(ImageSuffix, StringComparison.Ordinal) && resource.Length > ImageSuffix.Length
            ? resource[..^ImageSuffix.Length]
            : resource;
        // A container name is a DNS label; resource names are Juju names, lower case with hyphens already.
        return name.ToLowerInvariant();
    }
}
