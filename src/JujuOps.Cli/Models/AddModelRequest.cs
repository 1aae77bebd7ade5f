using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Cli.Common;
using JujuOps.Cli.Config;
using JujuOps.Domain.Clouds;
using JujuOps.Domain.Names;
using Version = JujuOps.Domain.Versions.AgentVersion;

namespace JujuOps.Cli.Models;

/// <summary>
/// add-model's arguments checked and resolved the way Juju's client and server do, before anything is written:
/// the name, the owner, cloud/region/credential on the controller, and the <c>--config</c> values in order.
/// </summary>
public sealed record AddModelRequest(string Name, string Owner, ModelPlacement Placement, string CloudType, Dictionary<string, string> Config, string? AgentVersion)
{
    public const string MissingName =
        "kubectl juju: no model name was passed. See \"kubectl juju add-model --help\".\n\nDid you mean:\n\tkubectl juju add-model <model name>";

    /// <summary>
    /// The config as Juju's add-model validates it: the user's values with the model's own name, type and a uuid (the
    /// operator makes the real one; any UUID checks the same).
    /// </summary>
    public static Dictionary<string, string> WholeConfig(AddModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Dictionary<string, string>(request.Config, StringComparer.Ordinal)
        {
            ["name"] = request.Name,
            ["type"] = request.CloudType,
            ["uuid"] = Guid.Empty.ToString(),
        };
    }

    public static AddModelRequest Resolve(string? name, string? cloudRegion, string? credential, string? owner,
        IReadOnlyList<string> configs, JujuController controller, Func<string, Dictionary<string, string>> readFile)
    {
        if (string.IsNullOrEmpty(name))
            throw new CliException(MissingName, CliException.Usage);
        JujuNames.ValidateModelName(name);
        JujuNames.ValidateKubernetesNamespace(name);
        owner ??= Context.ModelIdentity.DefaultOwner;
        JujuNames.ValidateUserName(owner);

        var clouds = controller.Spec.Clouds
            .Select(c => new ControllerCloud(c.Name, [.. (c.Regions ?? []).Select(r => r.Name)], [.. (c.Credentials ?? []).Select(k => k.Name)]))
            .ToList();
        var (cloud, region) = SplitCloudRegion(cloudRegion, clouds);
        var placement = ModelPlacement.Resolve(clouds, cloud, region, credential, owner);
        var cloudType = controller.Spec.Clouds.First(c => c.Name == placement.Cloud.Name).Type;

        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in configs)
        {
            // Later values win, as Juju applies --config in order.
            var pairs = ConfigFile.SplitPair(item) is { } pair ? new Dictionary<string, string> { [pair.Key] = pair.Value } : readFile(item);
            foreach (var (key, value) in pairs)
                config[key] = value;
        }

        if (config.ContainsKey("uuid"))
            throw new CliException("uuid is generated, you cannot specify one");
        if (config.ContainsKey("name"))
            throw new CliException("name must not be specified in config");
        if (config.ContainsKey("default-series") && config.ContainsKey("default-base"))
            throw new CliException("default-base and default-series cannot both be set");
        config.Remove("agent-version", out var agentVersion);
        CheckAgentVersion(agentVersion, controller);
        return new AddModelRequest(name, owner, placement, cloudType, config, agentVersion);
    }

    /// <summary>Juju's add-model check: a model's agents never run ahead of its controller's.</summary>
    private static void CheckAgentVersion(string? agentVersion, JujuController controller)
    {
        if (agentVersion is null)
            return;
        var requested = Version.Parse(agentVersion);
        if (Version.TryParse(controller.Status?.AgentVersion ?? controller.Spec.AgentVersion, out var running) && requested > running)
            throw new CliException($"agent-version ({requested}) cannot be greater than the controller ({running})");
    }

    /// <summary>
    /// <c>cloud/region</c> is explicit; a bare word is a cloud if the controller has one of that name, else a region
    /// of its only cloud.
    /// </summary>
    public static (string? Cloud, string? Region) SplitCloudRegion(string? text, IReadOnlyList<ControllerCloud> clouds)
    {
        if (string.IsNullOrEmpty(text))
            return (null, null);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
            return (text[..slash], text[(slash + 1)..]);
        if (clouds.Any(c => c.Name == text))
            return (text, null);
        if (clouds.Count == 1 && clouds[0].Regions.Contains(text, StringComparer.Ordinal))
            return (clouds[0].Name, text);
        if (clouds.Count == 1)
            throw new CliException($"\"{text}\" is neither a cloud supported by this controller,\nnor a region in the controller's default cloud \"{clouds[0].Name}\".");
        return (text, null);
    }

    /// <summary>Juju's success line: <c>Added 'm' model on cloud/region with credential 'c' for user 'u'</c>.</summary>
    public string AddedMessage =>
        $"Added '{Name}' model on {Placement.CloudRegion}" + (Placement.Credential is { } c ? $" with credential '{c}'" : "") + $" for user '{Owner}'";
}
