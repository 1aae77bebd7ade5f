namespace JujuOps.Domain.Bundles;

/// <summary>
/// Juju's diff-bundle engine (<c>core/bundle/changes/diff.go</c>, reference §6.2–§6.4). The result is the YAML
/// tree Juju prints: only differing fields, keys sorted where Juju's are map keys, struct fields in Juju's order.
/// </summary>
public static class BundleDiff
{
    /// <summary>The warning Juju prints when a bundle relation names no endpoint.</summary>
    public const string RelationsWithoutEndpointsWarning =
        "The provided bundle includes relations without explicit endpoints, which may appear as extra entries in the diff output.";

    /// <summary>The differences between <paramref name="bundle"/> and <paramref name="model"/>; an empty mapping when there are none.</summary>
    public static BundleMapping Compute(BundleData bundle, ModelContents model, MachineMap? machineMap = null, bool includeAnnotations = false)
    {
        var result = new BundleMapping();
        var applications = Sorted(bundle.Applications.Keys.Union(model.Applications.Keys), name =>
            bundle.Applications.TryGetValue(name, out var bundleApp)
                ? model.Applications.TryGetValue(name, out var modelApp)
                    ? Application(bundle, bundleApp, model, modelApp, includeAnnotations)
                    : Missing("model")
                : Missing("bundle"));
        result.With("applications", applications);
        result.With("machines", Machines(bundle, model, machineMap ?? MachineMap.Existing, includeAnnotations));
        result.With("relations", Relations(bundle, model));
        return result;
    }

    /// <summary>The diff as diff-bundle prints it: <c>{}</c> when there is no difference.</summary>
    public static string Render(BundleMapping diff) => BundleYamlWriter.Write(diff);

    public static bool HasRelationsWithoutEndpoints(BundleData bundle) =>
        bundle.Relations.Any(pair => pair.Any(endpoint => !endpoint.Contains(':', StringComparison.Ordinal)));

    /// <summary>Juju's normalised channel: a lone track gets the <c>stable</c> risk.</summary>
    public static string NormaliseChannel(string? channel)
    {
        if (string.IsNullOrEmpty(channel))
            return "";
        return channel.Contains('/', StringComparison.Ordinal) || channel is "stable" or "candidate" or "beta" or "edge"
            ? channel
            : channel + "/stable";
    }

    /// <summary>The charm as the model side shows it: the Charmhub name, or the local URL with its revision.</summary>
    public static string ModelCharm(ModelApplication app) =>
        app.IsLocal && app.Revision is { } revision ? $"{app.Charm}-{revision}" : app.Charm;

    /// <summary>The series a bundle application or machine asks for, falling back to the bundle's (3.6 compares series).</summary>
    public static string BundleSeries(BundleData bundle, string? series, string? entityBase) =>
        series ?? (entityBase is not null ? BaseSeries.SeriesOf(entityBase) ?? "" : bundle.Series ?? BaseSeries.SeriesOf(bundle.DefaultBase) ?? "");

    private static BundleMapping? Application(BundleData bundle, BundleApplication app, ModelContents model, ModelApplication modelApp, bool includeAnnotations)
    {
        var diff = new BundleMapping();
        diff.With("charm", Changed(app.Charm, ModelCharm(modelApp)));
        if (!bundle.IsKubernetes)
            diff.With("series", Changed(BundleSeries(bundle, app.Series, app.Base), BaseSeries.SeriesOf(model.BaseOf(modelApp.Base)) ?? ""));
        diff.With("channel", Changed(app.Channel ?? "", NormaliseChannel(modelApp.Channel)));
        // An omitted revision is -1, so it differs from any Charmhub revision; a local charm carries it in its URL.
        var modelRevision = modelApp.IsLocal ? -1 : modelApp.Revision ?? -1;
        if ((app.Revision ?? -1) != modelRevision)
            diff.Set("revision", Pair(new BundleScalar((long)(app.Revision ?? -1)), new BundleScalar((long)modelRevision)));
        if (bundle.IsKubernetes)
            diff.With("placement", Changed(app.Placement ?? (app.To.Count > 0 ? app.To[0] : ""), modelApp.Placement ?? ""));
        if (!modelApp.Subordinate && app.Units != modelApp.Units.Count)
            diff.Set(bundle.IsKubernetes ? "scale" : "num_units", Pair(new BundleScalar((long)app.Units), new BundleScalar((long)modelApp.Units.Count)));
        var bundleExposed = app.Expose || app.ExposedEndpoints.Count > 0;
        var modelExposed = modelApp.IsExposed;
        if (bundleExposed != modelExposed)
            diff.Set("expose", Pair(new BundleScalar(bundleExposed), new BundleScalar(modelExposed)));
        diff.With("exposed_endpoints", ExposedEndpoints(Exposure(bundleExposed, app.ExposedEndpoints), Exposure(modelExposed, modelApp.ExposedEndpoints)));
        diff.With("options", Options(app.Options, modelApp.CharmDefaults.Concat(modelApp.Options.Where(o => !modelApp.CharmDefaults.ContainsKey(o.Key)))
            .ToDictionary(o => o.Key, o => modelApp.Options.TryGetValue(o.Key, out var set) ? set : o.Value)));
        if (includeAnnotations)
            diff.With("annotations", Annotations(app.Annotations, modelApp.Annotations));
        if (!SameConstraints(app.Constraints ?? "", modelApp.Constraints ?? ""))
            diff.Set("constraints", Pair(new BundleScalar(app.Constraints ?? ""), new BundleScalar(Canonical(modelApp.Constraints ?? ""))));
        return diff.IsEmpty ? null : diff;
    }

    private static BundleMapping? Machines(BundleData bundle, ModelContents model, MachineMap map, bool includeAnnotations)
    {
        var matched = new Dictionary<string, BundleMachine>(StringComparer.Ordinal);
        foreach (var (bundleId, machine) in bundle.Machines)
            matched[map.ModelMachineOf(bundleId)] = machine;
        var modelIds = model.Machines.Keys.Where(ModelMachine.IsTopLevel);
        return Sorted(modelIds.Union(matched.Keys), id =>
        {
            if (!matched.TryGetValue(id, out var bundleMachine))
                return Missing("bundle");
            if (!model.Machines.TryGetValue(id, out var modelMachine))
                return Missing("model");
            var diff = new BundleMapping();
            if (includeAnnotations)
                diff.With("annotations", Annotations(bundleMachine.Annotations, modelMachine.Annotations));
            diff.With("series", Changed(BundleSeries(bundle, bundleMachine.Series, bundleMachine.Base), BaseSeries.SeriesOf(model.BaseOf(modelMachine.Base)) ?? ""));
            return diff.IsEmpty ? null : diff;
        });
    }

    private static BundleMapping? Relations(BundleData bundle, ModelContents model)
    {
        var bundleRelations = bundle.Relations.Where(r => r.Count == 2).Select(r => Ordered(r[0], r[1])).ToHashSet();
        var modelRelations = model.Relations.Select(r => Ordered(r.First, r.Second)).ToHashSet();
        var relations = new BundleMapping();
        relations.With("bundle-additions", RelationList(bundleRelations.Except(modelRelations)));
        relations.With("model-additions", RelationList(modelRelations.Except(bundleRelations)));
        return relations.IsEmpty ? null : relations;
    }

    private static BundleSequence? RelationList(IEnumerable<(string, string)> relations)
    {
        var sorted = relations.Order().ToList();
        return sorted.Count == 0 ? null : new BundleSequence(sorted.Select(r =>
            (BundleNode)new BundleSequence([new BundleScalar(r.Item1), new BundleScalar(r.Item2)])));
    }

    /// <summary>An endpoint pair in Juju's form (<c>app:endpoint</c>, a missing endpoint empty), the smaller first.</summary>
    private static (string, string) Ordered(string first, string second)
    {
        var (a, b) = (Endpoint(first), Endpoint(second));
        return string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
    }

    private static string Endpoint(string text) => text.Contains(':', StringComparison.Ordinal) ? text : text + ":";

    /// <summary>Plain <c>expose</c> without endpoint detail means every endpoint open to the world.</summary>
    private static IReadOnlyDictionary<string, ExposedEndpoint> Exposure(bool exposed, IReadOnlyDictionary<string, ExposedEndpoint> endpoints) =>
        exposed && endpoints.Count == 0 ? new Dictionary<string, ExposedEndpoint> { [""] = ExposedEndpoint.World } : endpoints;

    private static BundleMapping? ExposedEndpoints(IReadOnlyDictionary<string, ExposedEndpoint> bundle, IReadOnlyDictionary<string, ExposedEndpoint> model) =>
        Sorted(bundle.Keys.Union(model.Keys), endpoint =>
        {
            var inBundle = bundle.GetValueOrDefault(endpoint);
            var inModel = model.GetValueOrDefault(endpoint);
            return Equals(inBundle, inModel) ? null : Pair(Exposure(inBundle), Exposure(inModel));
        });

    private static BundleNode Exposure(ExposedEndpoint? endpoint) => endpoint is null
        ? BundleScalar.Null
        : new BundleMapping()
            .With("expose_to_spaces", Strings(endpoint.Spaces))
            .With("expose_to_cidrs", Strings(endpoint.Cidrs));

    private static BundleSequence? Strings(IReadOnlyList<string> values) =>
        values.Count == 0 ? null : new BundleSequence(values.Select(v => (BundleNode)new BundleScalar(v)));

    private static BundleMapping? Options(IReadOnlyDictionary<string, object?> bundle, IReadOnlyDictionary<string, object?> model) =>
        Sorted(bundle.Keys.Union(model.Keys), key =>
        {
            var inBundle = bundle.GetValueOrDefault(key);
            var inModel = model.GetValueOrDefault(key);
            return SameOption(inBundle, inModel) ? null : Pair(OptionNode(inBundle), OptionNode(inModel));
        });

    private static BundleMapping? Annotations(IReadOnlyDictionary<string, string> bundle, IReadOnlyDictionary<string, string> model) =>
        Sorted(bundle.Keys.Union(model.Keys), key => Changed(bundle.GetValueOrDefault(key, ""), model.GetValueOrDefault(key, "")));

    /// <summary>
    /// Option values compare by their text: the model holds charm config as the strings <c>juju config</c> takes
    /// (JujuOps has no charm schema to type them), so <c>5</c> in a bundle equals <c>"5"</c> in the model.
    /// </summary>
    public static bool SameOption(object? bundle, object? model) => (bundle, model) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (BundleNode a, BundleNode b) => BundleYamlWriter.Write(a) == BundleYamlWriter.Write(b),
        (BundleNode, _) or (_, BundleNode) => false,
        _ => new BundleScalar(bundle).Text == new BundleScalar(model).Text,
    };

    /// <summary>
    /// Constraints compare by meaning when both parse (so an exported <c>cpu-cores=2 mem=4096</c> equals the model's
    /// <c>cores=2 mem=4G</c> and a model's own export diffs to <c>{}</c>), else as strings as Juju does.
    /// </summary>
    public static bool SameConstraints(string bundle, string model)
    {
        if (bundle == model)
            return true;
        try
        {
            return Constraints.Constraints.Parse(bundle).Equals(Constraints.Constraints.Parse(model));
        }
        catch (JujuValidationException)
        {
            return false;
        }
    }

    private static string Canonical(string constraints)
    {
        try
        {
            return Constraints.Constraints.Parse(constraints).ToString();
        }
        catch (JujuValidationException)
        {
            return constraints;
        }
    }

    private static BundleNode OptionNode(object? value) => value as BundleNode ?? new BundleScalar(value);

    private static BundleMapping Missing(string side) => new BundleMapping().With("missing", new BundleScalar(side));

    private static BundleMapping? Changed(string bundle, string model) =>
        bundle == model ? null : Pair(new BundleScalar(bundle), new BundleScalar(model));

    private static BundleMapping Pair(BundleNode bundle, BundleNode model) =>
        new BundleMapping().With("bundle", bundle).With("model", model);

    /// <summary>A mapping of <paramref name="keys"/> sorted as yaml.v2 sorts map keys, leaving out keys without a difference.</summary>
    private static BundleMapping? Sorted(IEnumerable<string> keys, Func<string, BundleNode?> entry)
    {
        var mapping = new BundleMapping();
        foreach (var key in keys.Distinct().Order(GoYamlKeyOrder.Instance))
            mapping.With(key, entry(key));
        return mapping.IsEmpty ? null : mapping;
    }
}
