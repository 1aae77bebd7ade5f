using JujuOps.Domain.Bundles;

namespace JujuOps.Domain.Tests.Bundles;

public sealed class UnitPlacementTests
{
    private static readonly Dictionary<string, string?> Nothing = [];

    [Theory]
    [InlineData("new", null, null, null, null)]
    [InlineData("3", null, "3", null, null)]
    [InlineData("lxd:3", "lxd", "3", null, null)]
    [InlineData("db/1", null, null, "db", 1)]
    [InlineData("lxd:db", "lxd", null, "db", null)]
    public void Directives_parse_as_Juju_s_syntax(string text, string? container, string? machine, string? application, int? unit) =>
        Assert.Equal(new PlacementDirective(container, machine, application, unit), PlacementDirective.TryParse(text));

    [Theory]
    [InlineData("")]
    [InlineData("3/lxd/0")]
    [InlineData("Db")]
    public void Other_text_is_no_directive(string text) => Assert.Null(PlacementDirective.TryParse(text));

    [Fact]
    public void Units_without_to_get_a_machine_each_after_the_declared_ones_and_the_last_to_entry_repeats()
    {
        var plan = UnitPlacement.Place(
            [new PlacementApplication("web", 2, []), new PlacementApplication("db", 3, ["0", "1"])],
            new HashSet<string> { "0", "1" }, Nothing);

        Assert.Equal(
            [Pair("db/0", "0"), Pair("db/1", "1"), Pair("db/2", "1"), Pair("web/0", "2"), Pair("web/1", "3")],
            plan.Units);
        Assert.Equal([new PlacedMachine("2", "web/0"), new PlacedMachine("3", "web/1")], plan.NewMachines);
        Assert.Empty(plan.Problems);
    }

    [Fact]
    public void Containers_are_numbered_per_host_and_units_beside_units_share_their_machine()
    {
        var plan = UnitPlacement.Place(
            [new PlacementApplication("a", 2, ["lxd:0"]), new PlacementApplication("b", 2, ["c"]), new PlacementApplication("c", 2, ["new", "lxd:c/0"])],
            new HashSet<string> { "0" }, Nothing);

        Assert.Equal(
            [Pair("a/0", "0/lxd/0"), Pair("a/1", "0/lxd/1"), Pair("b/0", "1"), Pair("b/1", "1/lxd/0"), Pair("c/0", "1"), Pair("c/1", "1/lxd/0")],
            plan.Units);
        Assert.Equal(["0/lxd/0", "0/lxd/1", "1", "1/lxd/0"], plan.NewMachines.Select(m => m.Id));
        Assert.Equal("c/1", plan.NewMachines.Single(m => m.Id == "1/lxd/0").MadeFor);
    }

    [Fact]
    public void A_unit_keeps_the_machine_made_for_it_and_new_ids_never_take_an_existing_one()
    {
        // web/0 was made machine 7 earlier; machine 5 exists (going away); machine 2 was made for a unit now gone.
        var existing = new Dictionary<string, string?> { ["0"] = null, ["7"] = "web/0", ["5"] = "gone/0", ["2"] = "web/9" };
        var plan = UnitPlacement.Place([new PlacementApplication("web", 2, [])], new HashSet<string> { "0" }, existing);

        Assert.Equal([Pair("web/0", "7"), Pair("web/1", "8")], plan.Units);
    }

    [Fact]
    public void Scaling_down_drops_exactly_the_last_units_and_their_machines()
    {
        var before = UnitPlacement.Place([new PlacementApplication("web", 3, [])], new HashSet<string>(), Nothing);
        var existing = before.NewMachines.ToDictionary(m => m.Id, m => (string?)m.MadeFor);

        var after = UnitPlacement.Place([new PlacementApplication("web", 2, [])], new HashSet<string>(), existing);

        Assert.Equal([Pair("web/0", "0"), Pair("web/1", "1")], after.Units);
        Assert.Equal(["0", "1"], after.NewMachines.Select(m => m.Id));
    }

    [Fact]
    public void A_unit_whose_to_moves_to_a_declared_machine_leaves_its_own_and_back_to_new_gets_a_new_one()
    {
        var existing = new Dictionary<string, string?> { ["0"] = null, ["1"] = "web/0" };
        var moved = UnitPlacement.Place([new PlacementApplication("web", 1, ["0"])], new HashSet<string> { "0" }, existing);
        Assert.Equal([Pair("web/0", "0")], moved.Units);
        Assert.Empty(moved.NewMachines);

        var back = UnitPlacement.Place([new PlacementApplication("web", 1, [])], new HashSet<string> { "0" }, new Dictionary<string, string?> { ["0"] = null });
        Assert.Equal([Pair("web/0", "1")], back.Units);
    }

    [Fact]
    public void A_cycle_of_units_beside_each_other_is_a_problem_and_the_others_are_placed()
    {
        var plan = UnitPlacement.Place(
            [new PlacementApplication("a", 1, ["b/0"]), new PlacementApplication("b", 1, ["a/0"]), new PlacementApplication("c", 1, [])],
            new HashSet<string>(), Nothing);

        Assert.Equal([Pair("c/0", "0")], plan.Units);
        Assert.Equal(
            ["unit a/0: placement \"b/0\" cannot be resolved: it refers to a unit that is not placed",
             "unit b/0: placement \"a/0\" cannot be resolved: it refers to a unit that is not placed"],
            plan.Problems);
    }

    [Fact]
    public void Machine_ids_sort_numerically_part_by_part() =>
        Assert.Equal(["0", "2", "2/lxd/0", "2/lxd/10", "10"], new[] { "10", "2/lxd/10", "2", "0", "2/lxd/0" }.Order(MachineIdComparer.Instance));

    private static KeyValuePair<string, string> Pair(string unit, string machine) => KeyValuePair.Create(unit, machine);
}
