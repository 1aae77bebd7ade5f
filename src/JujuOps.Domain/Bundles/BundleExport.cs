using System.Text;
using JujuOps.Domain.Constraints;

namespace JujuOps.Domain.Bundles;

/// <summary>What export-bundle may add to the plain export (reference §7).</summary>
public sealed record ExportOptions
{
    public static ExportOptions Default { get; } = new();

    /// <summary><c>--include-charm-defaults</c>: every charm default not already set.</summary>
    public bool IncludeCharmDefaults { get; init; }

    /// <summary><c>--include-series</c>: <c>series:</c> beside each <c>base:</c> and <c>default-base:</c>.</summary>
    public bool IncludeSeries { get; init; }
}

/// <summary>
/// Juju's export-bundle (the bundle facade's <c>ExportBundle</c>, reference §7): the model's applications, the
/// machines that host their units and the relations, as a bundle; overlay-only data (per-endpoint exposure) in a
/// second document introduced by <c>--- # overlay.yaml</c>.
/// </summary>
public static class BundleExport
{
    /// <summary>Juju's refusal for a model with nothing to export.</summary>
    public const string NothingToExport = "nothing to export as there are no applications";

    public const string OverlaySeparator = "--- # overlay.yaml\n";

    // §7's constraint order, with the names Juju writes.
    private static readonly (ConstraintKey Key, string Name)[] ConstraintOrder =
    [
        (ConstraintKey.Arch, "arch"), (ConstraintKey.Cores, "cpu-cores"), (ConstraintKey.CpuPower, "cpu-power"),
        (ConstraintKey.Mem, "mem"), (ConstraintKey.RootDisk, "root-disk"), (ConstraintKey.InstanceType, "instance-type"),
        (ConstraintKey.ImageId, "image-id"), (ConstraintKey.Container, "container"), (ConstraintKey.VirtType, "virt-type"),
        (ConstraintKey.Tags, "tags"), (ConstraintKey.Spaces, "spaces"), (ConstraintKey.Zones, "zones"),
        (ConstraintKey.RootDiskSource, "root-disk-source"),
    ];

    /// <summary>The exported bundle as YAML text, its overlay document included when there is overlay-only data.</summary>
    public static string Export(ModelContents model, ExportOptions? options = null)
    {
        var (bundle, overlay) = Documents(model, options ?? ExportOptions.Default);
        var text = BundleYamlWriter.Write(bundle);
        return overlay is null ? text : text + OverlaySeparator + BundleYamlWriter.Write(overlay);
    }

    /// <summary>The two documents: the bundle, and the overlay (null when there is no overlay-only data).</summary>
    public static (BundleMapping Bundle, BundleMapping? Overlay) Documents(ModelContents model, ExportOptions options)
    {
        if (model.Applications.Count == 0)
            throw new JujuValidationException(NothingToExport);
        var bundle = new BundleMapping();
        if (model.IsKubernetes)
            bundle.Set("bundle", new BundleScalar(BundleData.KubernetesType));
        var defaultBase = model.IsKubernetes ? null : DefaultBase(model);
        if (defaultBase is not null)
        {
            bundle.Set("default-base", new BundleScalar(defaultBase));
            if (options.IncludeSeries)
                bundle.With("series", Scalar(BaseSeries.SeriesOf(defaultBase)));
        }

        var hosts = HostMachines(model);
        var multipleSpaces = model.Applications.Values.SelectMany(a => a.Bindings.Values).Distinct().Count() > 1;
        var applications = new BundleMapping();
        var overlayApplications = new BundleMapping();
        foreach (var name in model.Applications.Keys.Order(GoYamlKeyOrder.Instance))
        {
            var app = model.Applications[name];
            applications.Set(name, Application(model, app, defaultBase, options, multipleSpaces));
            if (OverlayExposure(app) is { } exposure)
                overlayApplications.Set(name, new BundleMapping().With("exposed-endpoints", exposure));
        }

        bundle.Set("applications", applications);
        if (!model.IsKubernetes && hosts.Count > 0)
        {
            var machines = new BundleMapping();
            foreach (var id in hosts.Order(GoYamlKeyOrder.Instance))
                machines.Set(id, Machine(model, model.Machines.GetValueOrDefault(id) ?? new ModelMachine(), defaultBase, options));
            bundle.Set("machines", machines);
        }

        var relations = model.Relations
            .Select(r => string.CompareOrdinal(r.First, r.Second) <= 0 ? (r.First, r.Second) : (r.Second, r.First))
            .Distinct().Order().ToList();
        if (relations.Count > 0)
            bundle.Set("relations", new BundleSequence(relations.Select(r => (BundleNode)Strings([r.Item1, r.Item2])!)));
        var overlay = overlayApplications.IsEmpty ? null : new BundleMapping().With("applications", overlayApplications);
        return (bundle, overlay);
    }

    /// <summary>Constraints in export-bundle's order and spelling (<c>cpu-cores=</c>, <c>mem=</c> in MiB without a suffix).</summary>
    public static string ExportConstraints(string constraints)
    {
        var parsed = Constraints.Constraints.Parse(constraints);
        var builder = new StringBuilder();
        foreach (var (key, name) in ConstraintOrder.Where(entry => parsed.Has(entry.Key)))
        {
            var value = parsed.FormatValue(key)!;
            if (key is ConstraintKey.Mem or ConstraintKey.RootDisk)
                value = value.TrimEnd('M');
            builder.Append(builder.Length > 0 ? " " : "").Append(name).Append('=');
            ConstraintSyntax.AppendEscaped(builder, value);
        }

        return builder.ToString();
    }

    /// <summary>
    /// §7's default-base rule: the model's (else Juju's) unless exactly one other base is used by everything, which
    /// then becomes the default; dropped when several are used and the model's is not among them.
    /// </summary>
    private static string? DefaultBase(ModelContents model)
    {
        var used = model.Applications.Values.Select(a => model.BaseOf(a.Base))
            .Concat(HostMachines(model).Select(id => model.BaseOf(model.Machines.GetValueOrDefault(id)?.Base)))
            .Distinct(StringComparer.Ordinal).ToList();
        var modelDefault = model.EffectiveDefaultBase;
        return used.Count switch
        {
            1 => used[0],
            _ when used.Contains(modelDefault) => modelDefault,
            _ => null,
        };
    }

    private static BundleMapping Application(ModelContents model, ModelApplication app, string? defaultBase, ExportOptions options, bool multipleSpaces)
    {
        var node = new BundleMapping();
        node.Set("charm", new BundleScalar(BundleDiff.ModelCharm(app)));
        node.With("channel", Scalar(app.Channel is null ? null : BundleDiff.NormaliseChannel(app.Channel)));
        if (!app.IsLocal && app.Revision is { } revision)
            node.Set("revision", new BundleScalar((long)revision));
        if (!model.IsKubernetes)
            AddBase(node, model.BaseOf(app.Base), defaultBase, options);
        if (app.Resources.Count > 0)
            node.With("resources", Map(app.Resources.ToDictionary(r => r.Key, r => (object?)(long)r.Value)));
        if (model.IsKubernetes)
        {
            node.Set("scale", new BundleScalar((long)app.Units.Count));
            node.With("placement", Scalar(app.Placement));
        }
        else if (!app.Subordinate)
        {
            if (app.Units.Count > 0)
                node.Set("num_units", new BundleScalar((long)app.Units.Count));
            node.With("to", Strings(app.Units.Where(u => u.Machine is not null).Select(u => Placement(u.Machine!)).ToList()));
        }

        if (app.IsExposed && OverlayExposure(app) is null)
            node.Set("expose", new BundleScalar(true));
        var config = options.IncludeCharmDefaults
            ? app.CharmDefaults.Where(d => !app.Options.ContainsKey(d.Key)).Concat(app.Options).ToDictionary(o => o.Key, o => o.Value)
            : app.Options.ToDictionary(o => o.Key, o => o.Value);
        node.With("options", Map(config));
        node.With("annotations", Map(app.Annotations.ToDictionary(a => a.Key, a => (object?)a.Value)));
        if (!string.IsNullOrEmpty(app.Constraints))
            node.Set("constraints", new BundleScalar(ExportConstraints(app.Constraints)));
        node.With("storage", Map(app.Storage.ToDictionary(s => s.Key, s => (object?)s.Value)));
        if (multipleSpaces)
            node.With("bindings", Map(app.Bindings.ToDictionary(b => b.Key, b => (object?)b.Value)));
        if (app.Trust)
            node.Set("trust", new BundleScalar(true));
        return node;
    }

    private static BundleMapping Machine(ModelContents model, ModelMachine machine, string? defaultBase, ExportOptions options)
    {
        var node = new BundleMapping();
        if (!string.IsNullOrEmpty(machine.Constraints))
            node.Set("constraints", new BundleScalar(ExportConstraints(machine.Constraints)));
        node.With("annotations", Map(machine.Annotations.ToDictionary(a => a.Key, a => (object?)a.Value)));
        AddBase(node, model.BaseOf(machine.Base), defaultBase, options);
        return node;
    }

    private static void AddBase(BundleMapping node, string entityBase, string? defaultBase, ExportOptions options)
    {
        if (entityBase == defaultBase)
            return;
        if (options.IncludeSeries)
            node.With("series", Scalar(BaseSeries.SeriesOf(entityBase)));
        node.Set("base", new BundleScalar(entityBase));
    }

    /// <summary>
    /// Per-endpoint exposure for the overlay. A lone every-endpoint entry open to exactly 0.0.0.0/0 and ::/0 is plain
    /// <c>expose: true</c>; Juju also collapses one open to only one of them, which would then read back as both.
    /// </summary>
    private static BundleMapping? OverlayExposure(ModelApplication app)
    {
        if (app.ExposedEndpoints.Count == 0
            || (app.ExposedEndpoints.Count == 1 && app.ExposedEndpoints.TryGetValue("", out var all) && all.Equals(ExposedEndpoint.World)))
            return null;
        var endpoints = new BundleMapping();
        foreach (var endpoint in app.ExposedEndpoints.Keys.Order(GoYamlKeyOrder.Instance))
        {
            var spec = app.ExposedEndpoints[endpoint];
            endpoints.Set(endpoint, new BundleMapping()
                .With("expose-to-spaces", Strings(spec.Spaces))
                .With("expose-to-cidrs", Strings(spec.Cidrs)));
        }

        return endpoints;
    }

    /// <summary>A unit's <c>to</c>: the machine id, or <c>&lt;type&gt;:&lt;parent&gt;</c> for a container.</summary>
    private static string Placement(string machine)
    {
        var parts = machine.Split('/');
        return parts.Length >= 3 ? $"{parts[^2]}:{parts[0]}" : machine;
    }

    /// <summary>The machines that host units (a container's parent stands for it).</summary>
    private static HashSet<string> HostMachines(ModelContents model) => model.IsKubernetes
        ? []
        : model.Applications.Values.SelectMany(a => a.Units).Where(u => u.Machine is not null)
            .Select(u => ModelMachine.TopLevelOf(u.Machine!)).ToHashSet(StringComparer.Ordinal);

    private static BundleScalar? Scalar(string? value) => string.IsNullOrEmpty(value) ? null : new BundleScalar(value);

    private static BundleSequence? Strings(IReadOnlyList<string> values) =>
        values.Count == 0 ? null : new BundleSequence(values.Select(v => (BundleNode)new BundleScalar(v)));

    private static BundleMapping? Map(IReadOnlyDictionary<string, object?> values)
    {
        if (values.Count == 0)
            return null;
        var map = new BundleMapping();
        foreach (var key in values.Keys.Order(GoYamlKeyOrder.Instance))
            map.Set(key, values[key] as BundleNode ?? new BundleScalar(values[key]));
        return map;
    }
}
