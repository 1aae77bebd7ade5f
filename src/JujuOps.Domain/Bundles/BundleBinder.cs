
namespace JujuOps.Domain.Bundles;

/// <summary>
/// Turns the merged YAML tree into <see cref="BundleData"/> as yaml.v2 unmarshals it into Juju's structs: unknown
/// keys are ignored, any scalar fills a string, and a value of the wrong kind fails with yaml.v2's text.
/// </summary>
public static class BundleBinder
{
    public static BundleData Bind(BundleMapping bundle) => new()
    {
        Type = Text(bundle["bundle"]),
        Description = Text(bundle["description"]),
        Series = Text(bundle["series"]),
        DefaultBase = Text(bundle["default-base"]),
        Applications = Map(bundle["applications"], "charm.ApplicationSpec", BindApplication),
        Machines = Map(bundle["machines"], "charm.MachineSpec", BindMachine),
        Saas = Map(bundle["saas"], "charm.SaasSpec", saas => new BundleSaas(Text(saas["url"]))),
        Relations = List(bundle["relations"], "[][]string", relation => (IReadOnlyList<string>)Strings(relation)),
        Tags = Strings(bundle["tags"]),
    };

    /// <summary>yaml.v2's type error, wrapped as Juju wraps bundle read errors.</summary>
    public static JujuValidationException Mismatch(BundleNode node, string into)
    {
        var what = node switch
        {
            BundleScalar scalar => $"{scalar.Tag} `{(scalar.Text.Length > 10 ? scalar.Text[..7] + "..." : scalar.Text)}`",
            BundleSequence => "!!seq",
            _ => "!!map",
        };
        return BundleYaml.Unreadable($"yaml: unmarshal errors:\n  line {node.Line}: cannot unmarshal {what} into {into}");
    }

    private static BundleApplication BindApplication(BundleMapping app) => new()
    {
        Charm = Text(app["charm"]) ?? "",
        Channel = Text(app["channel"]),
        Revision = Int(app["revision"]),
        Series = Text(app["series"]),
        Base = Text(app["base"]),
        NumUnits = Int(app["num_units"]),
        Scale = Int(app["scale"]),
        // `to: 2` is read as one placement, as the how-to writes it.
        To = app["to"] is BundleScalar { Value: not null } single ? [single.Text] : Strings(app["to"]),
        Placement = Text(app["placement"]),
        Expose = Bool(app["expose"]),
        ExposedEndpoints = Map(app["exposed-endpoints"], "charm.ExposedEndpointSpec", endpoint => new ExposedEndpoint(
            Strings(endpoint["expose-to-spaces"]), Strings(endpoint["expose-to-cidrs"]))),
        Options = Values(app["options"]),
        Annotations = StringMap(app["annotations"]),
        Constraints = Text(app["constraints"]),
        Storage = StringMap(app["storage"]),
        Devices = StringMap(app["devices"]),
        Bindings = StringMap(app["bindings"]),
        Resources = Values(app["resources"]).Where(r => r.Value is not null).ToDictionary(r => r.Key, r => r.Value!),
        Offers = Map(app["offers"], "charm.OfferSpec", offer => new BundleOffer(Strings(offer["endpoints"]), StringMap(offer["acl"]))),
        Plan = Text(app["plan"]),
        Trust = Bool(app["trust"]),
    };

    private static BundleMachine BindMachine(BundleMapping machine) => new()
    {
        Constraints = Text(machine["constraints"]),
        Series = Text(machine["series"]),
        Base = Text(machine["base"]),
        Annotations = StringMap(machine["annotations"]),
    };

    private static string? Text(BundleNode? node) => node switch
    {
        null or BundleScalar { Value: null } => null,
        BundleScalar scalar => scalar.Text,
        _ => throw Mismatch(node, "string"),
    };

    private static int? Int(BundleNode? node) => node switch
    {
        null or BundleScalar { Value: null } => null,
        BundleScalar { Value: long value } when value is >= int.MinValue and <= int.MaxValue => (int)value,
        _ => throw Mismatch(node, "int"),
    };

    private static bool Bool(BundleNode? node) => node switch
    {
        null or BundleScalar { Value: null } => false,
        BundleScalar { Value: bool value } => value,
        _ => throw Mismatch(node, "bool"),
    };

    private static List<string> Strings(BundleNode? node) => List(node, "[]string", item => Text(item) ?? "");

    private static List<T> List<T>(BundleNode? node, string into, Func<BundleNode, T> bind) => node switch
    {
        null or BundleScalar { Value: null } => [],
        BundleSequence sequence => sequence.Items.Select(bind).ToList(),
        _ => throw Mismatch(node, into),
    };

    private static Dictionary<string, T> Map<T>(BundleNode? node, string into, Func<BundleMapping, T> bind) => node switch
    {
        null or BundleScalar { Value: null } => [],
        // An entry left empty (`mysql:`) binds as an entry with every field unset, as yaml.v2 gives a nil pointer's zero value.
        BundleMapping mapping => mapping.Entries.ToDictionary(e => e.Key, e => e.Value switch
        {
            BundleMapping fields => bind(fields),
            BundleScalar { Value: null } => bind(new BundleMapping()),
            _ => throw Mismatch(e.Value, into),
        }),
        _ => throw Mismatch(node, "map[string]*" + into),
    };

    private static Dictionary<string, string> StringMap(BundleNode? node) => node switch
    {
        null or BundleScalar { Value: null } => [],
        BundleMapping mapping => mapping.Entries.ToDictionary(e => e.Key, e => Text(e.Value) ?? ""),
        _ => throw Mismatch(node, "map[string]string"),
    };

    /// <summary>Option and resource values keep their YAML types; a nested value keeps its tree.</summary>
    private static Dictionary<string, object?> Values(BundleNode? node) => node switch
    {
        null or BundleScalar { Value: null } => [],
        BundleMapping mapping => mapping.Entries.ToDictionary(e => e.Key, e => e.Value is BundleScalar scalar ? scalar.Value : (object)e.Value),
        _ => throw Mismatch(node, "map[string]interface {}"),
    };

}
