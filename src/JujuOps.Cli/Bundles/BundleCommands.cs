using System.CommandLine;
using System.Runtime.InteropServices;
using JujuOps.Cli.Common;
using JujuOps.Domain.Bundles;

namespace JujuOps.Cli.Bundles;

/// <summary><c>kubectl juju diff-bundle</c> and <c>export-bundle</c> (reference §6, §7) over a JujuModel.</summary>
public static class BundleCommands
{
    public static IEnumerable<Command> Create(SessionFactory sessions) => [DiffBundle(sessions), ExportBundle(sessions)];

    /// <summary>What diff-bundle prints for a bundle file against a model, and the warnings for stderr.</summary>
    public static (string Output, IReadOnlyList<string> Warnings) Diff(
        ModelContents model, string bundlePath, IEnumerable<string> overlays, string? mapMachines, bool annotations, IBundleFiles files)
    {
        var map = MachineMap.Parse(mapMachines);
        var bundle = new BundleComposer(files).Compose(bundlePath, overlays);
        var warnings = BundleDiff.HasRelationsWithoutEndpoints(bundle) ? new[] { BundleDiff.RelationsWithoutEndpointsWarning } : [];
        return (BundleDiff.Render(BundleDiff.Compute(bundle, model, map, annotations)), warnings);
    }

    private static Command DiffBundle(SessionFactory sessions)
    {
        var bundle = new Argument<string?>("bundle") { Arity = ArgumentArity.ZeroOrOne, Description = "A bundle file" };
        var overlay = new Option<string[]>("--overlay") { Description = "Bundles to overlay on the primary bundle, applied in order", AllowMultipleArgumentsPerToken = false };
        var mapMachines = new Option<string?>("--map-machines") { Description = "Indicates how existing machines correspond to bundle machines" };
        var annotations = new Option<bool>("--annotations") { Description = "Include differences in annotations" };
        var model = CommonOptions.Model();
        var command = new Command("diff-bundle", "Compare a bundle with a model and report any differences.") { bundle, overlay, mapMachines, annotations, model };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var path = parse.GetValue(bundle);
            if (string.IsNullOrEmpty(path))
                throw new CliException("no bundle specified");
            if (!File.Exists(path))
                throw new CliException($"cannot read bundle {Domain.GoText.Quote(path)}: no such file (JujuOps reaches no Charmhub to look a bundle name up)");
            MachineMap.Parse(parse.GetValue(mapMachines));
            var target = await session.ModelAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            var (output, warnings) = Diff(ModelContentsBuilder.Build(target), path, parse.GetValue(overlay) ?? [],
                parse.GetValue(mapMachines), parse.GetValue(annotations), DiskBundleFiles.Instance);
            foreach (var warning in warnings)
                await session.Console.Error.WriteLineAsync(warning).ConfigureAwait(false);
            await session.Console.Out.WriteAsync(output).ConfigureAwait(false);
        });
        return command;
    }

    private static Command ExportBundle(SessionFactory sessions)
    {
        var filename = new Option<string?>("--filename") { Description = "Bundle file" };
        var defaults = new Option<bool>("--include-charm-defaults") { Description = "Whether to include charm config default values in the exported bundle" };
        var series = new Option<bool>("--include-series") { Description = "Compatibility option. Set to include series in the bundle alongside bases" };
        var model = CommonOptions.Model();
        var command = new Command("export-bundle", "Exports the current model configuration as a reusable bundle.") { filename, defaults, series, model };
        command.Run(sessions, async (parse, session, cancellationToken) =>
        {
            var target = await session.ModelAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
            var text = BundleExport.Export(ModelContentsBuilder.Build(target), new ExportOptions
            {
                IncludeCharmDefaults = parse.GetValue(defaults),
                IncludeSeries = parse.GetValue(series),
            });
            if (parse.GetValue(filename) is not { Length: > 0 } path)
            {
                await session.Console.Out.WriteAsync(text).ConfigureAwait(false);
                return;
            }

            await WritePrivateAsync(path, text, cancellationToken).ConfigureAwait(false);
            await session.Console.Out.WriteLineAsync($"Bundle successfully exported to {path}").ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Writes the bundle readable by its owner only (mode 0600), as Juju does.</summary>
    public static async Task WritePrivateAsync(string path, string text, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var stream = new FileStream(path, options);
        await using (stream.ConfigureAwait(false))
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
