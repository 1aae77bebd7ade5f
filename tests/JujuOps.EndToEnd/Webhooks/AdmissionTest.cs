using JujuOps.EndToEnd.Harness;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Webhooks;

/// <summary>
/// A test class whose namespace the fixture operator's webhooks admit: the namespace carries the operator's scope
/// label, and the test waits until the API server has its configuration. Blocks are lifted before the objects go.
/// </summary>
public abstract class AdmissionTest(OperatorFixture fixture) : ModelObjectsTest(fixture), IAsyncLifetime
{
    protected OperatorProcess Operator => Fixture.Operator!;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (key, value) = Operator.WebhookScopeLabel;
        (await Fixture.KubectlAsync("label", "namespace", Objects.Name, $"{key}={value}")).EnsureSuccess();
        await WaitForRegistrationAsync();
    }

    public override async Task DisposeAsync()
    {
        // Lift every block so the models can go.
        foreach (var lifted in await Objects.PatchEachModelAsync("""{"spec":{"disabledCommands":null}}"""))
            lifted.EnsureSuccess();
        await base.DisposeAsync();
    }

    /// <summary>Polls (100 ms) until a dry-run create in the namespace is answered by the webhook.</summary>
    protected async Task WaitForRegistrationAsync()
    {
        for (var i = 0; i < 150; i++)
        {
            // A reserved name is refused only by the webhook: its answer proves the API server calls it.
            var probe = await Kubectl.RunAsync(Fixture.Kubeconfig, ["create", "--dry-run=server", "-f", "-"], ModelYaml("controller-probe"));
            if (probe.StandardError.Contains("is reserved", StringComparison.Ordinal))
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException("the webhook configuration " + Operator.WebhookConfigurationName + " never answered:\n" + Operator.Logs);
    }

    /// <summary>A kubectl command that must be refused; returns what the API server said.</summary>
    protected async Task<string> RefusedAsync(params string[] args)
    {
        var result = await Fixture.KubectlAsync(args);
        Assert.False(result.Succeeded, "expected a refusal of kubectl " + string.Join(' ', args) + "\n" + result.StandardOutput);
        return result.StandardError.TrimEnd();
    }

    /// <summary>
    /// kubectl's refusal ends with the webhook's message verbatim; what comes before depends on the verb and code
    /// (<c>Error from server (Forbidden): </c>, <c>The request is invalid: </c>, <c>error when creating "STDIN": </c>).
    /// </summary>
    protected static void AssertDenied(string message, string kubectlError, string webhook = "jujumodels.jujuops.io") =>
        Assert.EndsWith($"admission webhook \"{webhook}\" denied the request: {message}", kubectlError, StringComparison.Ordinal);
}
