using JujuOps.Api.V1Alpha1.Controllers;

namespace JujuOps.Operator.Clouds;

/// <summary>Where a model goes: the controller's cloud, its region and the credential, as add-model resolves them.</summary>
public sealed record Placement(CloudSpec Cloud, string? Region, CloudCredential? Credential)
{
    /// <summary><c>cloud/region</c> as <c>juju models</c> prints it, the slash trimmed without a region.</summary>
    public string CloudRegion => Region is null ? Cloud.Name : Cloud.Name + "/" + Region;

    /// <summary>
    /// add-model's resolution (reference §1.2): the named cloud, else the controller's only cloud; the named region,
    /// else the cloud's first (default) region; the named credential, else the cloud's only one; no credential on a
    /// cloud that declares none. Throws <see cref="PlacementException"/> with Juju's text.
    /// </summary>
    public static Placement Resolve(JujuControllerSpec controller, string? cloudName, string? regionName, string? credentialName, string owner)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var cloud = ResolveCloud(controller, cloudName);
        var region = ResolveRegion(cloud, regionName);
        return new Placement(cloud, region, ResolveCredential(cloud, credentialName, owner));
    }

    private static CloudSpec ResolveCloud(JujuControllerSpec controller, string? cloudName)
    {
        if (cloudName is not null)
        {
            return controller.Clouds.FirstOrDefault(c => c.Name == cloudName) ?? throw new PlacementException(
                controller.Clouds.Count == 1
                    ? $"\"{cloudName}\" is neither a cloud supported by this controller,\nnor a region in the controller's default cloud \"{controller.Clouds[0].Name}\"."
                    : $"cloud \"{cloudName}\" not found");
        }

        if (controller.Clouds.Count == 1)
            return controller.Clouds[0];
        var table = string.Join("\n", controller.Clouds.Select(c => $"{c.Name}  {string.Join(", ", c.Regions?.Select(r => r.Name) ?? [])}"));
        throw new PlacementException($"this controller manages more than one cloud.\nPlease specify which cloud/region to use:\n\nCloud  Regions\n{table}");
    }

    private static string? ResolveRegion(CloudSpec cloud, string? regionName)
    {
        var regions = cloud.Regions ?? [];
        if (regionName is null)
            return regions.FirstOrDefault()?.Name;
        if (regions.Any(r => r.Name == regionName))
            return regionName;
        var expected = string.Join(" ", regions.Select(r => $"\"{r.Name}\""));
        throw new PlacementException($"getting cloud region: region \"{regionName}\" not found (expected one of [{expected}])");
    }

    private static CloudCredential? ResolveCredential(CloudSpec cloud, string? credentialName, string owner)
    {
        var credentials = cloud.Credentials ?? [];
        if (credentialName is not null)
        {
            return credentials.FirstOrDefault(c => c.Name == credentialName) ?? throw new PlacementException(
                $"getting credential: cloud credential \"{cloud.Name}/{owner}/{credentialName}\" not found\nSee `juju add-credential {cloud.Name} --help` for instructions");
        }

        return credentials.Count switch
        {
            0 => null,
            1 => credentials[0],
            _ => throw new PlacementException("no credential specified"),
        };
    }
}

/// <summary>add-model refuses the placement; the message is Juju's.</summary>
public sealed class PlacementException : Exception
{
    public PlacementException()
    {
    }

    public PlacementException(string message) : base(message)
    {
    }

    public PlacementException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
