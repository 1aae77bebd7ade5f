using System.CommandLine;
using System.Net;
using System.Text.Json;
using JujuOps.Cli.Access;
using JujuOps.Cli.Blocks;
using JujuOps.Cli.Bundles;
using JujuOps.Cli.Common;
using JujuOps.Cli.Config;
using JujuOps.Cli.Constraints;
using JujuOps.Cli.Context;
using JujuOps.Cli.Controllers;
using JujuOps.Cli.Defaults;
using JujuOps.Cli.Kube;
using JujuOps.Cli.Migrations;
using JujuOps.Cli.Models;
using JujuOps.Cli.Status;
using JujuOps.Cli.Switching;
using JujuOps.Cli.Upgrades;
using JujuOps.Domain;
using k8s;
using k8s.Autorest;

namespace JujuOps.Cli;

/// <summary>
/// The plugin: Juju's verbs over the JujuOps resources. Exit codes as the issue asks: 0 success, 1 error, 2 usage.
/// Errors are printed as Juju prints them, <c>ERROR &lt;message&gt;</c> on stderr.
/// </summary>
public static class CliApp
{
    public static RootCommand Build(SessionFactory sessions)
    {
        var root = new RootCommand("kubectl juju: the Juju command line over JujuOps resources (JujuController, JujuModel, ModelDefaults).")
        {
            AddModelCommand.Create(sessions),
            ControllersCommand.Create(sessions),
            ModelsCommand.Create(sessions),
            SwitchCommand.Create(sessions),
            StatusCommand.Create(sessions),
            ShowModelCommand.Create(sessions),
            ModelConfigCommand.Create(sessions),
            ModelDefaultsCommand.Create(sessions),
            DestroyModelCommand.Create(sessions),
            UpgradeModelCommand.Create(sessions),
            MigrateCommand.Create(sessions),
        };
        foreach (var command in ConstraintsCommands.Create(sessions).Concat(DisabledCommandsCommands.Create(sessions)).Concat(GrantRevokeCommands.Create(sessions))
                     .Concat(BundleCommands.Create(sessions)))
            root.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, SessionFactory sessions, CancellationToken cancellationToken)
    {
        var root = Build(sessions);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            // Bare `kubectl juju` is a usage error that shows the verbs.
            await root.Parse(["--help"]).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            return CliException.Usage;
        }

        var parse = root.Parse(args);
        CliTrace.Mark("parsed");
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await console.Error.WriteLineAsync("ERROR " + error.Message).ConfigureAwait(false);
            return CliException.Usage;
        }

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Describe(e) is { } failure)
        {
            await console.Error.WriteLineAsync("ERROR " + failure.Message).ConfigureAwait(false);
            return failure.ExitCode;
        }
    }

    /// <summary>Opens the cluster of the current kubeconfig context (<c>$KUBECONFIG</c> or <c>~/.kube/config</c>), as kubectl does.</summary>
    public static CliSession OpenSession(CliConsole console)
    {
        var cluster = new Lazy<(JujuResources, string)>(() =>
        {
            CliJson.Use();
            var config = KubeconfigReader.BuildDefaultConfig();
            CliTrace.Mark("kubeconfig read");
            var client = new Kubernetes(config);
            CliTrace.Mark("client created");
            return (new JujuResources(client, config.Namespace ?? "default"), config.CurrentContext ?? "");
        });
        return new CliSession(cluster, CurrentModelStore.Default(), console);
    }

    private static CliException? Describe(Exception e) => e switch
    {
        CliException cli => cli,
        JujuValidationException juju => new CliException(juju.Message),
        HttpOperationException http => new CliException(ServerMessage(http)),
        HttpRequestException request => new CliException("cannot reach the Kubernetes API server: " + (request.InnerException?.Message ?? request.Message)),
        // The client's own timeout (100 s): a server that does not answer, said in our words rather than a stack trace.
        OperationCanceledException => new CliException("the Kubernetes API server did not answer in time"),
        k8s.Exceptions.KubeConfigException config => new CliException("kubeconfig: " + config.Message),
        _ => null,
    };

    /// <summary>
    /// The API server's (or an admission webhook's) own message, which carries Juju's text for refusals. The API
    /// server wraps a webhook's refusal in <c>admission webhook "&lt;name&gt;" denied the request: </c>; Juju prints
    /// only the message, so the wrapper is dropped.
    /// </summary>
    public static string ServerMessage(HttpOperationException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        try
        {
            using var body = JsonDocument.Parse(e.Response.Content);
            if (body.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                return WithoutWebhookPrefix(text);
        }
        catch (JsonException)
        {
        }

        return e.Response.StatusCode == HttpStatusCode.Forbidden ? "permission denied" : e.Message;
    }

    private static string WithoutWebhookPrefix(string text)
    {
        const string Start = "admission webhook \"";
        const string End = "\" denied the request: ";
        if (!text.StartsWith(Start, StringComparison.Ordinal))
            return text;
        var end = text.IndexOf(End, Start.Length, StringComparison.Ordinal);
        return end < 0 ? text : text[(end + End.Length)..];
    }
}
