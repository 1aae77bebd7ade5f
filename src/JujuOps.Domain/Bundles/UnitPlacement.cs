using System.Globalization;
using System.Text.RegularExpressions;

namespace JujuOps.Domain.Bundles;

/// <summary>
/// One IAAS <c>to</c> entry of a bundle application (reference §6.6): <c>new</c>, a machine <c>3</c>, a unit or
/// application to sit beside (<c>db/0</c>, <c>db</c>), each optionally inside a new container (<c>lxd:3</c>,
/// <c>lxd:db/0</c>).
/// </summary>
/// <param name="Container">The container type (<c>lxd</c>, <c>kvm</c>), or null for the machine itself.</param>
/// <param name="Machine">The machine id, or null.</param>
/// <param name="Application">The application whose unit's machine is meant, or null.</param>
/// <param name="Unit">That application's unit number, or null for "the unit of the same number".</param>
public sealed partial record PlacementDirective(string? Container, string? Machine, string? Application, int? Unit)
{
    public const string NewMachine = "new";

    public static PlacementDirective New { get; } = new(null, null, null, null);

    /// <summary>A new top-level machine: <c>new</c>, or no <c>to</c> at all (<c>juju deploy</c> on IAAS).</summary>
    public bool IsNew => Machine is null && Application is null;

    /// <summary>The directive <paramref name="text"/>, or null when it is not Juju's placement syntax.</summary>
    public static PlacementDirective? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == NewMachine)
            return New;
        var match = Syntax().Match(text);
        if (!match.Success)
            return null;
        string? Group(string name) => match.Groups[name].Success ? match.Groups[name].Value : null;
        return new PlacementDirective(Group("container"), Group("machine"), Group("application"),
            Group("unit") is { } unit && int.TryParse(unit, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null);
    }

    /// <summary>
    /// The directive unit <paramref name="unit"/> of an application follows: <c>to[unit]</c>, the last entry repeating
    /// for the remaining units; <see cref="New"/> without <c>to</c> (and for an entry that does not parse, which the
    /// bundle validation refuses before anything is placed).
    /// </summary>
    public static PlacementDirective ForUnit(IReadOnlyList<string> to, int unit)
    {
        ArgumentNullException.ThrowIfNull(to);
        return to.Count == 0 ? New : TryParse(to[Math.Min(unit, to.Count - 1)]) ?? New;
    }

    /// <summary>Juju's placement syntax (<c>charm:bundledata.go</c>), besides <c>new</c>.</summary>
    [GeneratedRegex(@"^(?:(?<container>[a-z]+):)?(?:(?<application>[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*)(?:/(?<unit>\d+))?|(?<machine>\d+))$", RegexOptions.CultureInvariant)]
    internal static partial Regex Syntax();
}

/// <summary>An application as placement sees it: its name, unit count and <c>to</c>.</summary>
public sealed record PlacementApplication(string Name, int Units, IReadOnlyList<string> To);

/// <summary>A machine placement makes for a unit (not one the model declares).</summary>
/// <param name="Id">The machine id: <c>5</c>, or a container <c>0/lxd/1</c>.</param>
/// <param name="MadeFor">The unit it is made for, whose application gives its constraints and base.</param>
public sealed record PlacedMachine(string Id, string MadeFor)
{
    /// <summary>The application of <see cref="MadeFor"/>.</summary>
    public string Application => MadeFor[..MadeFor.IndexOf('/', StringComparison.Ordinal)];
}

/// <summary>Where every unit goes.</summary>
/// <param name="Units">Each unit (<c>app/n</c>, in application then unit order) and its machine id.</param>
/// <param name="NewMachines">The machines made for units, in id order (those that exist already included).</param>
/// <param name="Problems">Units that cannot be placed, and why; they are left out of <paramref name="Units"/>.</param>
public sealed record UnitPlan(IReadOnlyList<KeyValuePair<string, string>> Units, IReadOnlyList<PlacedMachine> NewMachines, IReadOnlyList<string> Problems)
{
    /// <summary>The units on <paramref name="machine"/>, in order.</summary>
    public IEnumerable<string> UnitsOn(string machine) => Units.Where(u => u.Value == machine).Select(u => u.Key);

    /// <summary>The machine of <paramref name="unit"/>, or null when it is not placed.</summary>
    public string? MachineOf(string unit) => Units.FirstOrDefault(u => u.Key == unit).Value;
}

/// <summary>
/// Juju's IAAS unit placement, statelessly: which machine every unit of the model's applications runs on, and which
/// machines must be made for them. Units are <c>&lt;app&gt;/0</c> to <c>&lt;app&gt;/&lt;n-1&gt;</c>, so a scale down drops
/// exactly the last ones. Unit <c>n</c> follows <c>to[n]</c>, the last entry repeating; without <c>to</c> (or with
/// <c>new</c>) it gets a machine of its own, as <c>juju deploy</c> does on IAAS; <c>3</c> is machine 3; <c>lxd:3</c> a
/// new container on machine 3 (<c>3/lxd/0</c>, <c>3/lxd/1</c>, ...); <c>db/1</c> the machine of unit <c>db/1</c>, and
/// <c>db</c> the machine of the unit of <c>db</c> with the same number (modulo <c>db</c>'s unit count). A machine made
/// for a unit stays that unit's while it exists (the cloud records whom it was made for), so placement never moves a
/// unit between reconciles; new machines take the next free id after every machine known, as Juju numbers them.
/// Pure.
/// </summary>
public static class UnitPlacement
{
    /// <param name="applications">The applications, in any order (placed in name order).</param>
    /// <param name="declared">The ids of the machines the model declares.</param>
    /// <param name="existing">Machines that exist in the cloud, each with the unit it was made for (null when it was not made for one).</param>
    public static UnitPlan Place(IEnumerable<PlacementApplication> applications, IReadOnlySet<string> declared, IReadOnlyDictionary<string, string?> existing)
    {
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(existing);
        var apps = applications.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        var madeFor = existing.Where(e => e.Value is not null && !declared.Contains(e.Key)).ToDictionary(e => e.Value!, e => e.Key, StringComparer.Ordinal);
        var known = new HashSet<string>(declared.Concat(existing.Keys), StringComparer.Ordinal);
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        var made = new List<PlacedMachine>();
        var problems = new List<string>();
        var pending = new List<(PlacementApplication App, int Unit, PlacementDirective Directive)>();

        foreach (var app in apps)
        {
            for (var unit = 0; unit < app.Units; unit++)
            {
                var directive = PlacementDirective.ForUnit(app.To, unit);
                if (directive.Application is not null)
                    pending.Add((app, unit, directive));
                else
                    Host(app, unit, directive, directive.Machine!);
            }
        }

        // Units beside other units wait for those; a chain resolves pass by pass, a cycle never does.
        while (pending.Count > 0)
        {
            var resolved = pending.RemoveAll(p =>
            {
                var target = apps.FirstOrDefault(a => a.Name == p.Directive.Application);
                if (target is null || target.Units == 0)
                    return false;
                var host = placed.GetValueOrDefault(UnitName(target.Name, p.Directive.Unit ?? p.Unit % target.Units));
                if (host is null)
                    return false;
                Host(p.App, p.Unit, p.Directive, p.Directive.Container is null ? host : ModelMachine.TopLevelOf(host));
                return true;
            });
            if (resolved == 0)
                break;
        }

        problems.AddRange(pending.Select(p => $"unit {UnitName(p.App.Name, p.Unit)}: placement {GoText.Quote(p.App.To[Math.Min(p.Unit, p.App.To.Count - 1)])} " +
            "cannot be resolved: it refers to a unit that is not placed"));
        var units = apps.SelectMany(a => Enumerable.Range(0, a.Units).Select(u => UnitName(a.Name, u)))
            .Where(placed.ContainsKey).Select(u => KeyValuePair.Create(u, placed[u])).ToList();
        return new UnitPlan(units, [.. made.OrderBy(m => m.Id, MachineIdComparer.Instance)], problems);

        // The unit goes to machine (or into a new container on it; a new machine when null): its own from before when
        // it has one of that kind.
        void Host(PlacementApplication app, int unit, PlacementDirective directive, string? machine)
        {
            var name = UnitName(app.Name, unit);
            if (directive.Container is null && machine is not null)
            {
                placed[name] = machine;
                return;
            }

            var prefix = machine is null ? null : $"{machine}/{directive.Container}/";
            var own = madeFor.GetValueOrDefault(name);
            var id = own is not null && (prefix is null ? ModelMachine.IsTopLevel(own) : own.StartsWith(prefix, StringComparison.Ordinal) && ModelMachine.IsTopLevel(own[prefix.Length..]))
                ? own
                : Next(prefix);
            known.Add(id);
            made.Add(new PlacedMachine(id, name));
            placed[name] = id;
        }

        // The next free machine id: after the highest top-level one, or after the highest container of that kind on its host.
        string Next(string? prefix)
        {
            var numbers = known.Where(id => prefix is null ? ModelMachine.IsTopLevel(id) : id.StartsWith(prefix, StringComparison.Ordinal) && ModelMachine.IsTopLevel(id[prefix.Length..]))
                .Select(id => long.TryParse(prefix is null ? id : id[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1);
            var next = numbers.DefaultIfEmpty(-1).Max() + 1;
            return prefix + next.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary><c>&lt;app&gt;/&lt;n&gt;</c>.</summary>
    public static string UnitName(string application, int unit) => string.Create(CultureInfo.InvariantCulture, $"{application}/{unit}");
}

/// <summary>Machine ids in Juju's order: numerically, part by part (<c>2</c> &lt; <c>10</c> &lt; <c>10/lxd/0</c>).</summary>
public sealed class MachineIdComparer : IComparer<string>
{
    public static MachineIdComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var left = (x ?? "").Split('/');
        var right = (y ?? "").Split('/');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var order = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var a) && long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                ? a.CompareTo(b)
                : string.CompareOrdinal(left[i], right[i]);
            if (order != 0)
                return order;
        }

        return left.Length.CompareTo(right.Length);
    }
}
