namespace JujuOps.Domain.Bundles;

/// <summary>
/// <c>--map-machines</c> (Juju's <c>parseMachineMap</c>, reference §6.4): <c>existing</c> or
/// <c>&lt;bundle-id&gt;=&lt;machine-id&gt;</c> entries. diff-bundle always assumes <c>existing</c>, so only the
/// explicit entries change anything: they say which model machine a bundle machine is compared with.
/// </summary>
public sealed record MachineMap(bool UseExisting, IReadOnlyDictionary<string, string> Explicit)
{
    public static MachineMap Existing { get; } = new(true, new Dictionary<string, string>());

    public static MachineMap Parse(string? value)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var existing = false;
        if (string.IsNullOrEmpty(value))
            return new MachineMap(false, mapping);
        foreach (var entry in value.Split(','))
        {
            if (entry == "existing")
            {
                existing = true;
                continue;
            }

            var parts = entry.Split('=');
            if (parts.Length != 2)
                throw Error($"expected \"existing\" or \"<bundle-id>=<machine-id>\", got {GoText.Quote(entry)}");
            if (!IsTopLevelId(parts[0]))
                throw Error($"bundle-id {GoText.Quote(parts[0])} is not a top level machine id");
            if (!IsTopLevelId(parts[1]))
                throw Error($"machine-id {GoText.Quote(parts[1])} is not a top level machine id");
            mapping[parts[0]] = parts[1];
        }

        return new MachineMap(existing, mapping);
    }

    /// <summary>The model machine a bundle machine is compared with (diff-bundle assumes <c>existing</c>).</summary>
    public string ModelMachineOf(string bundleId) => Explicit.TryGetValue(bundleId, out var machine) ? machine : bundleId;

    private static bool IsTopLevelId(string id) => id.Length > 0 && id.All(char.IsAsciiDigit);

    private static JujuValidationException Error(string detail) => new("error in --map-machines: " + detail);
}
