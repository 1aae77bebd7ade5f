using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Deployment;

/// <summary>
/// The Argo CD health check (<c>charts/jujuops/files/argocd-health.lua</c>) run by Debian's Lua 5.4, as Argo CD runs
/// it: the object as the global <c>obj</c>, the script's returned table read back. The statuses are shaped as the
/// operator writes them (Operator/Status/KStatus.cs: Ready, Reconciling, Stalled, each with its generation).
/// </summary>
public sealed class ArgoCdHealthTests
{
    private static readonly string Script = Path.Combine(TestEnvironment.RepositoryRoot, "charts", "jujuops", "files", "argocd-health.lua");

    [Theory]
    [InlineData("JujuModel", 1, null, "Progressing", "Waiting for the operator to report status")]
    [InlineData("JujuModel", 2, "1:Ready=True:ModelAvailable", "Progressing", "Waiting for the operator to observe generation 2")]
    [InlineData("JujuModel", 2, "2:Ready=False:Provisioning,Reconciling=True:Provisioning,Stalled=False:NotStalled", "Progressing", "Provisioning: being worked on")]
    [InlineData("JujuModel", 3, "3:Ready=False:ConfigInvalid,Reconciling=False:Idle,Stalled=True:ConfigInvalid", "Degraded", "ConfigInvalid: being worked on")]
    [InlineData("JujuController", 1, "1:Ready=True:ControllerReady,Reconciling=False:Idle,Stalled=False:NotStalled", "Healthy", "ControllerReady: being worked on")]
    [InlineData("ModelDefaults", 1, "1:Ready=False:Waiting,Reconciling=False:Idle,Stalled=False:NotStalled", "Progressing", "Waiting: being worked on")]
    [InlineData("ModelMigration", 4, "4:Ready=True:Done", "Healthy", "Done: being worked on")]
    public async Task Each_status_maps_to_the_argo_cd_health_it_means(string kind, long generation, string? conditions, string health, string message)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = "jujuops.io/v1alpha1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "x", ["generation"] = generation },
        };
        if (conditions is not null)
            obj["status"] = Status(conditions);

        var (status, text) = await HealthAsync(obj);

        Assert.Equal(health, status);
        Assert.Equal(message, text);
    }

    [Fact]
    public async Task A_status_without_observed_generation_but_with_conditions_is_read_by_its_conditions()
    {
        var obj = JsonNode.Parse("""
            {"metadata": {"name": "x"}, "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "Ready", "message": ""}]}}
            """)!.AsObject();

        Assert.Equal(("Healthy", "Ready"), await HealthAsync(obj));
    }

    /// <summary><c>observed:Type=Status:Reason,...</c> to a status as the operator writes it.</summary>
    private static JsonObject Status(string spec)
    {
        var parts = spec.Split(':', 2);
        var conditions = new JsonArray();
        foreach (var item in parts[1].Split(','))
        {
            var (type, rest) = (item.Split('=')[0], item.Split('=')[1].Split(':'));
            conditions.Add(new JsonObject
            {
                ["type"] = type,
                ["status"] = rest[0],
                ["reason"] = rest[1],
                ["message"] = rest[0] == "True" || type == "Ready" ? "being worked on" : "",
                ["observedGeneration"] = long.Parse(parts[0], CultureInfo.InvariantCulture),
            });
        }
        return new JsonObject { ["observedGeneration"] = long.Parse(parts[0], CultureInfo.InvariantCulture), ["conditions"] = conditions };
    }

    private static async Task<(string Status, string Message)> HealthAsync(JsonObject obj)
    {
        var runner = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(runner, $"obj = {ToLua(obj)}\nlocal hs = dofile({Quote(Script)})\nio.write(hs.status, \"\\n\", hs.message)\n");
            using var process = Process.Start(new ProcessStartInfo("lua5.4", [runner]) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("cannot start lua5.4 (hack/testenv/install.sh installs it)");
            var stdout = await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "lua5.4: " + stderr);
            var lines = stdout.Split('\n', 2);
            return (lines[0], lines[1]);
        }
        finally
        {
            File.Delete(runner);
        }
    }

    /// <summary>JSON as a Lua table constructor, the shape Argo CD hands the script.</summary>
    private static string ToLua(JsonNode? node) => node switch
    {
        null => "nil",
        JsonObject o => "{" + string.Join(", ", o.Select(p => $"[{Quote(p.Key)}] = {ToLua(p.Value)}")) + "}",
        JsonArray a => "{" + string.Join(", ", a.Select(ToLua)) + "}",
        JsonValue v when v.TryGetValue<string>(out var s) => Quote(s),
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => node.ToJsonString(),
    };

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
            quoted.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", _ => c.ToString() });
        return quoted.Append('"').ToString();
    }
}
