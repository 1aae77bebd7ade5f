using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace JujuOps.Domain.Constraints;

/// <summary>
/// Decides, for an explicit conflict between two keys, whether the values actually clash; returns the reason when
/// they do (ec2: <c>instance-type="x" expected arch="amd64" not "arm64"</c>) or null when they are compatible.
/// </summary>
public delegate string? ConstraintConflictResolver(Constraints constraints);

/// <summary>
/// A provider's view of constraints (Juju's <c>constraints.Validator</c>): keys it ignores (a warning), keys that
/// conflict, and closed vocabularies. Immutable; the <c>With*</c> methods return a new validator.
/// </summary>
public sealed class ConstraintsValidator
{
    private readonly FrozenSet<ConstraintKey> unsupported;
    private readonly IReadOnlyList<(ConstraintKey Red, ConstraintKey Blue, ConstraintConflictResolver? Resolver)> conflicts;
    private readonly IReadOnlyDictionary<ConstraintKey, IReadOnlyList<string>> vocabularies;

    private ConstraintsValidator(
        FrozenSet<ConstraintKey> unsupported,
        IReadOnlyList<(ConstraintKey, ConstraintKey, ConstraintConflictResolver?)> conflicts,
        IReadOnlyDictionary<ConstraintKey, IReadOnlyList<string>> vocabularies)
    {
        this.unsupported = unsupported;
        this.conflicts = conflicts;
        this.vocabularies = vocabularies;
    }

    /// <summary>A validator that accepts everything and merges without conflicts.</summary>
    public static ConstraintsValidator Permissive { get; } = new(FrozenSet<ConstraintKey>.Empty, [], new Dictionary<ConstraintKey, IReadOnlyList<string>>());

    /// <summary>Provider types with a built-in table (§4.4 of the reference).</summary>
    public static IEnumerable<string> KnownProviderTypes => ProviderConstraintRules.ProviderTypes;

    public IReadOnlySet<ConstraintKey> Unsupported => unsupported;

    /// <summary>The built-in validator of a provider type such as <c>ec2</c>, <c>lxd</c> or <c>kubernetes</c>.</summary>
    public static ConstraintsValidator ForProvider(string providerType) =>
        ProviderValidators.TryGetValue(providerType, out var built) ? built
        // Only the known types are kept (a fixed set): a validator is immutable, and every plan asks for one.
        : ProviderConstraintRules.Build(providerType, Permissive) is { } validator ? ProviderValidators.GetOrAdd(providerType, validator)
        : throw new JujuValidationException($"no constraints rules for provider type {GoText.Quote(providerType)}");

    private static readonly ConcurrentDictionary<string, ConstraintsValidator> ProviderValidators = new(StringComparer.Ordinal);

    public ConstraintsValidator WithUnsupported(params ConstraintKey[] keys) =>
        new(unsupported.Union(keys).ToFrozenSet(), conflicts, vocabularies);

    /// <summary>Every <paramref name="reds"/> key conflicts with every <paramref name="blues"/> key.</summary>
    public ConstraintsValidator WithConflicts(IEnumerable<ConstraintKey> reds, IEnumerable<ConstraintKey> blues) =>
        new(unsupported, [.. conflicts, .. reds.SelectMany(_ => blues, (red, blue) => (red, blue, (ConstraintConflictResolver?)null))], vocabularies);

    /// <summary>A conflict that only counts when <paramref name="resolver"/> finds the two values incompatible.</summary>
    public ConstraintsValidator WithConflictResolver(ConstraintKey red, ConstraintKey blue, ConstraintConflictResolver resolver) =>
        new(unsupported, [.. conflicts.Where(c => (c.Red, c.Blue) != (red, blue)), (red, blue, resolver)], vocabularies);

    /// <summary>Closes a key's values to <paramref name="values"/> (arch lists, instance-type names, virt types).</summary>
    public ConstraintsValidator WithVocabulary(ConstraintKey key, IEnumerable<string> values) =>
        new(unsupported, conflicts, new Dictionary<ConstraintKey, IReadOnlyList<string>>(vocabularies) { [key] = [.. values] });

    /// <summary>
    /// Checks conflicts and vocabularies (throwing Juju's text) and returns the keys this provider does not support,
    /// which Juju only warns about (see <see cref="UnsupportedWarning"/>).
    /// </summary>
    public IReadOnlyList<ConstraintKey> Validate(Constraints constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        // Juju checks values before conflicts: a resolver may find two keys compatible only for valid values.
        CheckVocabularies(constraints);
        CheckConflicts(constraints);
        return [.. constraints.Keys.Where(unsupported.Contains)];
    }

    /// <summary>Juju's warning for unsupported keys: <c>unsupported constraints: tags,virt-type</c>.</summary>
    public static string UnsupportedWarning(IEnumerable<ConstraintKey> keys) =>
        "unsupported constraints: " + string.Join(',', keys.Select(key => key.Name()).Order(StringComparer.Ordinal));

    /// <summary>
    /// Juju's <c>validator.Merge</c>: both sides are validated; every key present in <paramref name="overrides"/>
    /// (explicit empty values included) wins; fallback keys that conflict with a key present in the overrides are
    /// dropped; the rest of the fallback fills the gaps.
    /// </summary>
    public Constraints Merge(Constraints fallback, Constraints overrides)
    {
        Validate(fallback);
        Validate(overrides);
        var dropped = overrides.Keys.SelectMany(ConflictsOf);
        return fallback.Without(dropped).OverriddenBy(overrides);
    }

    /// <summary>Effective constraints, precedence machine &gt; application &gt; model.</summary>
    public Constraints Resolve(Constraints model, Constraints application, Constraints? machine = null)
    {
        var effective = Merge(model, application);
        return machine is null ? effective : Merge(effective, machine);
    }

    private IEnumerable<ConstraintKey> ConflictsOf(ConstraintKey key) =>
        conflicts.Where(c => c.Red == key).Select(c => c.Blue)
            .Concat(conflicts.Where(c => c.Blue == key).Select(c => c.Red));

    // Juju's order: the present keys sorted by name, and for each its conflicting keys sorted by name; the first
    // pair found is named. An explicit empty value cannot be ambiguous, so only keys with values take part.
    private void CheckConflicts(Constraints constraints)
    {
        var present = ConstraintKeys.All.Where(constraints.IsSet).OrderBy(key => key.Name(), StringComparer.Ordinal).ToList();
        foreach (var key in present)
        {
            foreach (var other in ConflictsOf(key).Distinct().Where(constraints.IsSet).OrderBy(k => k.Name(), StringComparer.Ordinal))
            {
                var ambiguity = $"ambiguous constraints: {GoText.Quote(key.Name())} overlaps with {GoText.Quote(other.Name())}";
                var resolver = conflicts.FirstOrDefault(c => (c.Red, c.Blue) == (key, other) || (c.Red, c.Blue) == (other, key)).Resolver;
                if (resolver is null)
                {
                    throw new JujuValidationException(ambiguity);
                }

                if (resolver(constraints) is { } reason)
                {
                    throw new JujuValidationException($"{ambiguity}: {reason}");
                }
            }
        }
    }

    // Keys in name order (Juju walks a map, so its choice among several bad keys is random); within a list, the first
    // bad item. An explicit empty value is a reset, never a vocabulary violation.
    private void CheckVocabularies(Constraints constraints)
    {
        foreach (var (key, allowed) in vocabularies.OrderBy(entry => entry.Key.Name(), StringComparer.Ordinal))
        {
            var rejected = constraints.TextValues(key).FirstOrDefault(value => value.Length > 0 && !allowed.Contains(value));
            if (rejected is not null)
            {
                throw new JujuValidationException(VocabularyError(key, rejected, allowed));
            }
        }
    }

    /// <summary>
    /// Juju's text: the distinct valid values nearest to the rejected one first (edit distance, then name), at most
    /// <see cref="SuggestedValuesLimit"/>, and how many more there are.
    /// </summary>
    private static string VocabularyError(ConstraintKey key, string rejected, IReadOnlyList<string> allowed)
    {
        var ranked = allowed.Distinct(StringComparer.Ordinal)
            .Select(value => (Value: value, Distance: Configuration.EditDistance.Between(value, rejected, int.MaxValue)))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Value, StringComparer.Ordinal)
            .Select(candidate => candidate.Value)
            .ToList();
        var shown = ranked.Take(SuggestedValuesLimit).ToList();
        var message = $"invalid constraint value: {key.Name()}={rejected}\nvalid values are: {string.Join(' ', shown)}";
        return ranked.Count > shown.Count ? $"{message} ...(plus {ranked.Count - shown.Count} more)" : message;
    }

    private const int SuggestedValuesLimit = 10;
}
