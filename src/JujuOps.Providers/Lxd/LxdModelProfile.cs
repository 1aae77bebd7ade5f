using System.Text.Json.Nodes;

namespace JujuOps.Providers.Lxd;

/// <summary>
/// The profile Juju makes for every model on LXD (reference §14.1, §14.3): <c>juju-&lt;model name&gt;</c>, with
/// <c>boot.autostart</c> and <c>security.nesting</c>, which every machine of the model gets after <c>default</c>.
/// It lives where the model's project takes its profiles from (the default project for ours). Ours carries the model's
/// UUID, so destroy removes it (Juju 3.6 leaves it behind; we leave nothing of the model's) when no instance uses it;
/// a profile of that name without our key is used as it is and never written or deleted.
/// </summary>
public static class LxdModelProfile
{
    /// <summary><c>juju-&lt;model name&gt;</c>, Juju's <c>profileName</c>.</summary>
    public static string NameFor(ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return "juju-" + identity.Name;
    }

    /// <summary>The <c>POST /1.0/profiles</c> body: Juju's two keys and the model's UUID.</summary>
    public static JsonObject Create(ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new JsonObject
        {
            ["name"] = NameFor(identity),
            ["description"] = $"Juju model {identity.Name}",
            ["config"] = new JsonObject
            {
                ["boot.autostart"] = "true",
                ["security.nesting"] = "true",
                [LxdInstances.ModelUuidKey] = identity.ModelUuid,
            },
        };
    }

    /// <summary>True when the profile is the model's own and no instance uses it: destroy may delete it.</summary>
    public static bool IsRemovable(JsonNode? profile, ModelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return profile?["config"]?[LxdInstances.ModelUuidKey]?.GetValue<string>() == identity.ModelUuid
            && profile["used_by"]?.AsArray().Count is null or 0;
    }
}
