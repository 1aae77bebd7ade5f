using System.CommandLine;
using JujuOps.Cli.Common;
using JujuOps.Cli.Context;
using JujuOps.Cli.Formatting;
using JujuOps.Domain.Configuration;
using k8s.Models;

namespace JujuOps.Cli.Status;

/// <summary><c>kubectl juju status</c>: the model line and the application, unit, machine and integration sections.</summary>
public static class StatusCommand
{
    public static Command Create(SessionFactory sessions)
    {
        var model = CommonOptions.Model();
        var format = CommonOptions.Format("tabular", "yaml", "json");
        var relations = new Option<bool>("--relations", "--integrations") { Description = "Show 'integrations' section in tabular output" };
        var watch = new Option<string?>("--watch") { Description = "Watch the status every period of time, e.g. 2s" };
        watch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && WatchInterval(text) is { } problem)
                result.AddError(problem);
        });
        var command = new Command("status", "Report the status of the model, its machines, applications and units.") { model, format, relations, watch };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var render = Renderer(session, parse.GetValue(model), parse.GetValue(format)!, parse.GetValue(relations));
            if (parse.GetValue(watch) is { } every)
            {
                await StatusWatch.RunAsync(render, GoDuration.ParseTimeSpan(every), session.Console.Out, session.Console.Interactive, cancellationToken).ConfigureAwait(false);
                return;
            }

            await session.Console.Out.WriteAsync(await render(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Why a <c>--watch</c> value is refused (Go's duration text, at least 100ms), or null.</summary>
    public static string? WatchInterval(string text)
    {
        try
        {
            return GoDuration.ParseTimeSpan(text) < StatusWatch.Minimum ? $"--watch {text}: the interval must be at least 100ms" : null;
        }
        catch (Domain.JujuValidationException e)
        {
            return "--watch: " + e.Message;
        }
    }

    /// <summary>Reads the model afresh on every call, so each watch frame shows the status as it is then.</summary>
    private static Func<CancellationToken, Task<string>> Renderer(CliSession session, string? modelOption, string output, bool relations) =>
        async cancellationToken =>
        {
            var listing = session.Resources.ListControllersAsync(cancellationToken);
            var target = await session.ModelAsync(modelOption, cancellationToken).ConfigureAwait(false);
            var controllers = await listing.ConfigureAwait(false);
            var controllerName = controllers.FirstOrDefault(c => c.Name() == target.ControllerObject())?.JujuName() ?? target.ControllerObject();
            return output == "tabular"
                ? StatusView.Tabular(target, controllerName, DateTimeOffset.Now, relations)
                : StructuredOutput.Render(StatusView.Document(target, controllerName, DateTime.UtcNow), output);
        };
}
