using System.Text.Json.Nodes;
using JujuOps.Providers.Lxd;

namespace JujuOps.Testing;

/// <summary>
/// Juju's local image aliases (<c>juju/&lt;base&gt;/&lt;arch&gt;</c>, reference §14.5) pointed at the environment's
/// busybox image, so a machine of any base starts in well under a second. Aliases are names only: they are left for
/// the next run, and deleting the image (hack/testenv) takes them with it.
/// </summary>
public static class LxdTestImages
{
    public static async Task EnsureAliasAsync(LxdClient lxd, string alias)
    {
        ArgumentNullException.ThrowIfNull(lxd);
        if (await lxd.TryGetAsync("/1.0/images/aliases/" + Uri.EscapeDataString(alias), default) is not null)
            return;
        var image = await lxd.GetAsync("/1.0/images/aliases/" + Uri.EscapeDataString(TestEnvironment.LxdImage), default);
        try
        {
            await lxd.PostAsync("/1.0/images/aliases", new JsonObject { ["name"] = alias, ["target"] = image!["target"]!.GetValue<string>() }, default);
        }
        catch (LxdException e) when (e.StatusCode == 409)
        {
            // Another test class made it at the same moment.
        }
    }
}
