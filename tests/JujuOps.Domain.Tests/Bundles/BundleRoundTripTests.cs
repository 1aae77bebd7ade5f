using CsCheck;
using JujuOps.Domain.Bundles;

namespace JujuOps.Domain.Tests.Bundles;

/// <summary>Issue 14's round trip: for any model, diffing its own export gives <c>{}</c>.</summary>
public sealed class BundleRoundTripTests
{
    private static readonly string[] Names = ["mysql", "wordpress", "redis-k8s", "ha"];
    private static readonly Gen<string?> Base = Gen.OneOf<string?>(null, "ubuntu@20.04", "ubuntu@22.04", "ubuntu@24.04");
    private static readonly Gen<string> Text = Gen.String[Gen.Char["ab1:# -'\"\n.yYn~{["], 0, 6];
    private static readonly Gen<object?> OptionValue = Gen.OneOf<object?>(
        Text.Select(t => (object?)t), Gen.Long.Select(l => (object?)l), Gen.Bool.Select(b => (object?)b),
        Gen.Double[-1e6, 1e6].Select(d => (object?)d), Gen.OneOf<object?>("5", "true", "", "null", "0x1F", "1e3"));
    private static readonly Gen<Dictionary<string, object?>> Options = Gen.Dictionary(Gen.OneOf("port", "name", "flavor", "vip_cidr"), OptionValue)[0, 3];
    private static readonly Gen<Dictionary<string, string>> Annotations = Gen.Dictionary(Gen.OneOf("gui-x", "owner"), Text)[0, 2];
    private static readonly Gen<string?> Constraints = Gen.OneOf<string?>(null, "", "cores=2 mem=4G", "arch=arm64 root-disk=20G tags=a,^b", "mem=", "spaces=db zones=z1,z2");
    private static readonly Gen<Dictionary<string, ExposedEndpoint>> Endpoints = Gen.Dictionary(
        Gen.OneOf("", "www", "db"),
        Gen.Select(Gen.OneOf("dmz", "public").Array[0, 2], Gen.OneOf("0.0.0.0/0", "::/0", "10.0.0.0/8").Array[0, 2], (s, c) => new ExposedEndpoint(s, c)))[0, 2];

    private static readonly Gen<ModelContents> Model =
        Gen.Select(Gen.Bool, Base, Gen.Int[1, 4], Gen.Int[1, 3]).SelectMany(header =>
        {
            var (kubernetes, defaultBase, machineCount, appCount) = header;
            var machineIds = Enumerable.Range(0, machineCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var unitMachine = Gen.OneOf(Gen.OneOf(machineIds), Gen.OneOf(machineIds).Select(id => id + "/lxd/0"));
            var application = Gen.Select(
                Gen.Select(Gen.OneOf("mysql", "local:foo"), Gen.OneOf<string?>(null, "stable", "8.0", "latest/edge"), Gen.Int[0, 200].Nullable(), Base),
                Gen.Select(kubernetes ? Gen.Const((string?)null).Array[0, 3] : unitMachine.Select(m => (string?)m).Array[0, 3], Options, Options, Constraints),
                Gen.Select(Gen.Bool, Endpoints, Annotations, Gen.Bool, Gen.OneOf<string?>(null, "zone=a")),
                (a, b, c) => new ModelApplication
                {
                    Charm = a.Item1,
                    // A Charmhub revision needs a channel (Juju's rule), so a model without one could not be exported and read back.
                    Channel = a.Item3 is not null && a.Item1 != "local:foo" ? a.Item2 ?? "stable" : a.Item2,
                    Revision = a.Item3,
                    Base = a.Item4,
                    Units = b.Item1.Select((m, i) => new ModelUnit("u/" + i, m)).ToList(),
                    Options = b.Item2,
                    CharmDefaults = b.Item3,
                    Constraints = b.Item4,
                    Exposed = c.Item1,
                    ExposedEndpoints = c.Item2,
                    Annotations = c.Item3,
                    Trust = c.Item4,
                    Placement = kubernetes ? c.Item5 : null,
                });
            var machine = Gen.Select(Base, Constraints, Annotations, (b, c, a) => new ModelMachine { Base = b, Constraints = c, Annotations = a });
            var relation = Gen.Select(Gen.Int[0, appCount - 1], Gen.Int[0, appCount - 1], Gen.OneOf("db", "website"))
                .Where(r => r.Item1 != r.Item2)
                .Select(r => new ModelRelation(Names[r.Item1] + ":" + r.Item3, Names[r.Item2] + ":" + r.Item3));
            return Gen.Select(application.Array[appCount], machine.Array[machineCount], appCount > 1 ? relation.Array[0, 3] : Gen.Const(Array.Empty<ModelRelation>()),
                (apps, machines, relations) =>
                {
                    var applications = apps.Select((app, i) => (Names[i], app)).ToDictionary(p => p.Item1, p => p.app);
                    // Only machines that host units are exported (Juju's rule; a bundle refuses a machine nothing is placed on).
                    var hosts = applications.Values.SelectMany(a => a.Units).Select(u => ModelMachine.TopLevelOf(u.Machine ?? "-")).ToHashSet();
                    return new ModelContents
                    {
                        IsKubernetes = kubernetes,
                        DefaultBase = defaultBase,
                        Applications = applications,
                        Machines = kubernetes ? [] : machineIds.Where(hosts.Contains).ToDictionary(id => id, id => machines[int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)]),
                        Relations = relations.DistinctBy(r => string.CompareOrdinal(r.First, r.Second) < 0 ? (r.First, r.Second) : (r.Second, r.First)).ToList(),
                    };
                });
        });

    [Fact]
    public void A_model_s_own_export_diffs_to_nothing() =>
        Model.Sample(model =>
        {
            var exported = BundleExport.Export(model, new ExportOptions { IncludeCharmDefaults = true });
            var bundle = BundleComposer.ComposeText(exported);
            var diff = BundleDiff.Render(BundleDiff.Compute(bundle, model, includeAnnotations: true));
            Assert.True(diff == "{}\n", $"export:\n{exported}\ndiff:\n{diff}");
        }, iter: 300);
}
