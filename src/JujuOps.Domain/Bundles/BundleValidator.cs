using System.Globalization;
using System.Text.RegularExpressions;

namespace JujuOps.Domain.Bundles;

/// <summary>
/// Juju's bundle verification (<c>charm:bundledata.go</c> <c>Verify</c>, reference §6.6) without the checks that
/// need charm metadata (endpoints, interfaces, subordinates, option types): JujuOps reaches no charm store.
/// Every problem is collected, and the error is Juju's: the first message, and how many more there are.
/// </summary>
public static partial class BundleValidator
{
    /// <summary>Every problem of <paramref name="bundle"/>, in Juju's order; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(BundleData bundle)
    {
        var errors = new List<string>();
        if (bundle.Type is not null and not BundleData.KubernetesType)
            errors.Add($"bundle has an invalid type {GoText.Quote(bundle.Type)}");
        if (bundle.Series is { Length: > 0 } series && !BaseSeries.IsKnownSeries(series))
            errors.Add($"bundle declares an invalid series {GoText.Quote(series)}");
        if (bundle.DefaultBase is { Length: > 0 } defaultBase && !BaseSeries.IsValidBase(defaultBase))
            errors.Add($"bundle declares an invalid base {GoText.Quote(defaultBase)}");
        VerifyMachines(bundle, errors);
        var referred = VerifyApplications(bundle, errors);
        foreach (var id in bundle.Machines.Keys.Where(id => !bundle.IsKubernetes && IsMachineId(id) && !referred.Contains(id)))
            errors.Add($"machine {GoText.Quote(id)} is not referred to by a placement directive");
        VerifyRelations(bundle, errors);
        return errors;
    }

    /// <summary>Throws Juju's verification error when <paramref name="bundle"/> has any problem.</summary>
    public static void ThrowIfInvalid(BundleData bundle)
    {
        var errors = Validate(bundle);
        if (errors.Count > 0)
            throw new JujuValidationException(Describe(errors));
    }

    /// <summary>Juju's <c>VerificationError</c> text.</summary>
    public static string Describe(IReadOnlyList<string> errors) => errors.Count == 1
        ? errors[0]
        : string.Create(CultureInfo.InvariantCulture, $"{errors[0]} (and {errors.Count - 1} more errors)");

    /// <summary>Go's <c>%q</c> of a string slice: <c>["a" "b"]</c>.</summary>
    public static string QuoteList(IEnumerable<string> values) => "[" + string.Join(' ', values.Select(GoText.Quote)) + "]";

    private static void VerifyMachines(BundleData bundle, List<string> errors)
    {
        if (bundle.IsKubernetes && bundle.Machines.Count > 0)
            errors.Add("bundle machines not valid for Kubernetes bundles");
        foreach (var (id, machine) in bundle.Machines)
        {
            if (!IsMachineId(id))
                errors.Add($"invalid machine id {GoText.Quote(id)} found in machines");
            CheckConstraints(machine.Constraints, $"machine {GoText.Quote(id)}", errors);
            if (machine.Series is { Length: > 0 } series && !BaseSeries.IsKnownSeries(series))
                errors.Add($"machine {GoText.Quote(id)} declares an invalid series {GoText.Quote(series)}");
            if (machine.Base is { Length: > 0 } machineBase && !BaseSeries.IsValidBase(machineBase))
                errors.Add($"machine {GoText.Quote(id)} declares an invalid base {GoText.Quote(machineBase)}");
        }
    }

    /// <summary>Checks each application; returns the bundle machine ids its placements refer to.</summary>
    private static HashSet<string> VerifyApplications(BundleData bundle, List<string> errors)
    {
        var referred = new HashSet<string>(StringComparer.Ordinal);
        if (bundle.Applications.Count == 0)
            errors.Add("at least one application must be specified");
        foreach (var (name, app) in bundle.Applications)
        {
            var quoted = GoText.Quote(name);
            VerifyCharm(name, app, errors);
            if (app.Series is { Length: > 0 } series && !BaseSeries.IsKnownSeries(series))
                errors.Add($"application {quoted} declares an invalid series {GoText.Quote(series)}");
            if (app.Base is { Length: > 0 } appBase && !BaseSeries.IsValidBase(appBase))
                errors.Add($"application {quoted} declares an invalid base {GoText.Quote(appBase)}");
            if (app.NumUnits is not null && app.Scale is not null)
                errors.Add($"cannot specify both scale and num_units for application {quoted}");
            if (app.Units < 0)
                errors.Add($"negative number of units specified on application {quoted}");
            if (app.Expose && app.ExposedEndpoints.Count > 0)
                errors.Add($"exposed-endpoints cannot be specified together with \"exposed:true\" in application {quoted} as this poses a security risk when deploying bundles to older controllers");
            CheckConstraints(app.Constraints, $"application {quoted}", errors);
            foreach (var (store, directive) in app.Storage)
            {
                if (StorageProblem(directive) is { } problem)
                    errors.Add($"invalid storage {GoText.Quote(store)} in application {quoted}: {problem}");
            }

            VerifyPlacement(bundle, name, app, errors, referred);
        }

        return referred;
    }

    private static void VerifyCharm(string name, BundleApplication app, List<string> errors)
    {
        if (app.Charm.Length == 0)
        {
            errors.Add("empty charm path");
            return;
        }

        // A local charm's URL carries its revision (export-bundle writes local:<name>-<rev>); only store charms are refused.
        var local = app.Charm.StartsWith('.') || app.Charm.StartsWith('/') || app.Charm.StartsWith("local:", StringComparison.Ordinal);
        if (!local && RevisionInUrl().IsMatch(app.Charm))
            errors.Add($"cannot specify revision in {GoText.Quote(app.Charm)}, please use revision");
        if (app.Revision < 0)
            errors.Add($"the revision for application {GoText.Quote(name)} must be zero or greater");
        if (!local && app.Revision is not null && string.IsNullOrEmpty(app.Channel))
            errors.Add($"application {GoText.Quote(name)} with a revision requires a channel for future upgrades, please use channel");
    }

    private static void VerifyPlacement(BundleData bundle, string name, BundleApplication app, List<string> errors, HashSet<string> referred)
    {
        var quoted = GoText.Quote(name);
        if (bundle.IsKubernetes)
        {
            if (app.To.Count > 1)
                errors.Add($"too many placement directives for application {quoted}");
            if (app.Placement is not null && app.To.Count > 0)
                errors.Add($"placement and to cannot both be specified for application {quoted}");
            return;
        }

        if (app.Placement is not null)
            errors.Add($"placement ({app.Placement}) not valid for non-Kubernetes application {quoted}");
        if (app.Units >= 0 && app.To.Count > app.Units)
            errors.Add($"too many units specified in unit placement for application {quoted}");
        foreach (var directive in app.To)
        {
            if (directive == PlacementDirective.NewMachine)
                continue;
            var match = PlacementDirective.Syntax().Match(directive);
            if (!match.Success)
            {
                errors.Add($"invalid placement syntax {GoText.Quote(directive)}");
                continue;
            }

            if (match.Groups["container"].Success && match.Groups["container"].Value is not ("lxd" or "kvm"))
                errors.Add($"placement {GoText.Quote(directive)} holds an invalid container type");
            if (match.Groups["machine"].Success)
            {
                referred.Add(match.Groups["machine"].Value);
                if (!bundle.Machines.ContainsKey(match.Groups["machine"].Value))
                    errors.Add($"placement {GoText.Quote(directive)} refers to a machine not defined in this bundle");
            }
            else if (!bundle.Applications.TryGetValue(match.Groups["application"].Value, out var target))
            {
                errors.Add($"placement {GoText.Quote(directive)} refers to an application not defined in this bundle");
            }
            else if (match.Groups["unit"].Success && long.Parse(match.Groups["unit"].Value, CultureInfo.InvariantCulture) >= target.Units)
            {
                errors.Add($"placement {GoText.Quote(directive)} specifies a unit greater than the {target.Units} unit(s) started by the target application");
            }
        }
    }

    private static void VerifyRelations(BundleData bundle, List<string> errors)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var relation in bundle.Relations)
        {
            var quoted = QuoteList(relation);
            if (relation.Count != 2)
            {
                errors.Add($"relation {quoted} has {relation.Count} endpoint(s), not 2");
                continue;
            }

            var parsed = true;
            foreach (var endpoint in relation)
            {
                if (!Endpoint().IsMatch(endpoint))
                {
                    errors.Add($"invalid relation syntax {GoText.Quote(endpoint)}");
                    parsed = false;
                    continue;
                }

                var application = BundleOverlay.ApplicationOf(endpoint);
                if (!bundle.Applications.ContainsKey(application) && !bundle.Saas.ContainsKey(application))
                    errors.Add($"relation {quoted} refers to application {GoText.Quote(application)} not defined in this bundle");
            }

            if (!parsed)
                continue;
            if (BundleOverlay.ApplicationOf(relation[0]) == BundleOverlay.ApplicationOf(relation[1]))
                errors.Add($"relation {quoted} relates an application to itself");
            var pair = string.CompareOrdinal(relation[0], relation[1]) <= 0 ? (relation[0], relation[1]) : (relation[1], relation[0]);
            if (!seen.Add(pair))
                errors.Add($"relation {quoted} is defined more than once");
        }
    }

    private static void CheckConstraints(string? constraints, string owner, List<string> errors)
    {
        if (string.IsNullOrEmpty(constraints))
            return;
        try
        {
            Constraints.Constraints.Parse(constraints);
        }
        catch (JujuValidationException e)
        {
            errors.Add($"invalid constraints {GoText.Quote(constraints)} in {owner}: {e.Message}");
        }
    }

    /// <summary>Juju's storage directive <c>[pool,][size,][count]</c> in any order; null when valid.</summary>
    private static string? StorageProblem(string directive)
    {
        string? pool = null;
        foreach (var field in directive.Split(','))
        {
            if (field.Length == 0 || StorageSize().IsMatch(field))
                continue;
            if (field.All(char.IsAsciiDigit))
            {
                if (long.TryParse(field, CultureInfo.InvariantCulture, out var count) && count > 0)
                    continue;
                return $"cannot parse count: count must be greater than zero, got {GoText.Quote(field)}";
            }

            if (PoolName().IsMatch(field))
            {
                if (pool is not null)
                    return $"pool name is already set to {GoText.Quote(pool)}, new value {GoText.Quote(field)} not valid";
                pool = field;
                continue;
            }

            return $"unrecognized storage constraint {GoText.Quote(field)} not valid";
        }

        return null;
    }

    private static bool IsMachineId(string id) => id.Length > 0 && id.All(char.IsAsciiDigit) && (id == "0" || id[0] != '0');

    [GeneratedRegex(@"^[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*(?::[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Endpoint();

    [GeneratedRegex(@"-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex RevisionInUrl();

    [GeneratedRegex(@"^\d+(?:\.\d*)?[MGTPEZY]i?B?$", RegexOptions.CultureInvariant)]
    private static partial Regex StorageSize();

    [GeneratedRegex(@"^[a-zA-Z]+[-?a-zA-Z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PoolName();
}
