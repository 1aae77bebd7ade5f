namespace JujuOps.Domain.Clouds;

/// <summary>A cloud as add-model sees it on a controller: its name, its regions (the first is the default) and the
/// names of the credentials models on it may use.</summary>
/// <param name="Name">The cloud name.</param>
/// <param name="Regions">Its region names, default first; empty for a cloud without regions.</param>
/// <param name="Credentials">The names of its credentials; empty for a cloud that needs none.</param>
public sealed record ControllerCloud(string Name, IReadOnlyList<string> Regions, IReadOnlyList<string> Credentials);

/// <summary>Where a model goes, as add-model resolves it: a cloud of the controller, its region and credential.</summary>
/// <param name="Cloud">The cloud chosen.</param>
/// <param name="Region">The region chosen; null on a cloud without regions.</param>
/// <param name="Credential">The credential name chosen; null on a cloud that declares none.</param>
public sealed record ModelPlacement(ControllerCloud Cloud, string? Region, string? Credential)
{
    /// <summary><c>cloud/region</c> as <c>juju models</c> prints it, the slash trimmed without a region.</summary>
    public string CloudRegion => Region is null ? Cloud.Name : Cloud.Name + "/" + Region;

    /// <summary>
    /// add-model's resolution (reference §1.2): the named cloud, else the controller's only cloud; the named region,
    /// else the cloud's first (default) region; the named credential, else the cloud's only one; no credential on a
    /// cloud that declares none. Throws <see cref="JujuValidationException"/> with Juju's text.
    /// </summary>
    /// <param name="clouds">The controller's clouds, in declaration order.</param>
    /// <param name="cloudName">add-model's cloud, or null.</param>
    /// <param name="regionName">add-model's region, or null.</param>
    /// <param name="credentialName">add-model's <c>--credential</c>, or null.</param>
    /// <param name="owner">The model owner, whose credential Juju looks up.</param>
    public static ModelPlacement Resolve(IReadOnlyList<ControllerCloud> clouds, string? cloudName, string? regionName, string? credentialName, string owner)
    {
        ArgumentNullException.ThrowIfNull(clouds);
        var cloud = ResolveCloud(clouds, cloudName);
        return new ModelPlacement(cloud, ResolveRegion(cloud, regionName), ResolveCredential(cloud, credentialName, owner));
    }

    private static ControllerCloud ResolveCloud(IReadOnlyList<ControllerCloud> clouds, string? cloudName)
    {
        if (cloudName is not null)
        {
            return clouds.FirstOrDefault(c => c.Name == cloudName) ?? throw new JujuValidationException(
                clouds.Count == 1
                    ? $"\"{cloudName}\" is neither a cloud supported by this controller,\nnor a region in the controller's default cloud \"{clouds[0].Name}\"."
                    : $"cloud \"{cloudName}\" not found");
        }

        if (clouds.Count == 1)
            return clouds[0];
        var table = string.Join("\n", clouds.Select(c => $"{c.Name}  {string.Join(", ", c.Regions)}"));
        throw new JujuValidationException($"this controller manages more than one cloud.\nPlease specify which cloud/region to use:\n\nCloud  Regions\n{table}");
    }

    private static string? ResolveRegion(ControllerCloud cloud, string? regionName)
    {
        if (regionName is null)
            return cloud.Regions.Count == 0 ? null : cloud.Regions[0];
        if (cloud.Regions.Contains(regionName, StringComparer.Ordinal))
            return regionName;
        var expected = string.Join(" ", cloud.Regions.Select(r => $"\"{r}\""));
        throw new JujuValidationException($"getting cloud region: region \"{regionName}\" not found (expected one of [{expected}])");
    }

    private static string? ResolveCredential(ControllerCloud cloud, string? credentialName, string owner)
    {
        if (credentialName is not null)
        {
            return cloud.Credentials.Contains(credentialName, StringComparer.Ordinal) ? credentialName : throw new JujuValidationException(
                $"getting credential: cloud credential \"{cloud.Name}/{owner}/{credentialName}\" not found\nSee `juju add-credential {cloud.Name} --help` for instructions");
        }

        return cloud.Credentials.Count switch
        {
            0 => null,
            1 => cloud.Credentials[0],
            _ => throw new JujuValidationException("no credential specified"),
        };
    }
}
