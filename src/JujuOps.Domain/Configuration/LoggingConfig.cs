namespace JujuOps.Domain.Configuration;

/// <summary>
/// loggo's specification grammar for <c>logging-config</c>: <c>module=LEVEL</c> entries separated by <c>;</c> or
/// <c>:</c>, with <c>&lt;root&gt;</c>, <c>unit</c> and <c>#label</c> modules. Canonical form: <c>&lt;root&gt;</c> first,
/// then modules in ordinal order, levels upper case, joined by <c>;</c>; a later entry for a module wins.
/// </summary>
internal static class LoggingConfig
{
    public const string Root = "<root>";
    public const string TraceNeedsControllerAdmin = "only controller admins can set a model's logging level to TRACE";

    private static readonly string[] Levels = ["TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"];

    public static string Normalize(string specification)
    {
        var modules = new SortedDictionary<string, string>(Comparer<string>.Create(CompareModules));
        foreach (var entry in specification.Split([';', ':']))
        {
            var trimmed = entry.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new JujuValidationException($"config value expected '=', found {GoText.Quote(trimmed)}");
            }

            var module = trimmed[..equals].Trim();
            if (module.Length == 0)
            {
                throw new JujuValidationException($"config value {GoText.Quote(trimmed)} has missing module name");
            }

            modules[module] = ParseLevel(trimmed[(equals + 1)..].Trim());
        }

        return string.Join(';', modules.Select(pair => $"{pair.Key}={pair.Value}"));
    }

    public static bool HasTrace(string normalized) => normalized.Contains("=TRACE", StringComparison.Ordinal);

    private static string ParseLevel(string level)
    {
        var upper = level.ToUpperInvariant();
        if (upper == "WARN")
        {
            return "WARNING";
        }

        return Levels.Contains(upper) ? upper : throw new JujuValidationException($"unknown severity level {GoText.Quote(level)}");
    }

    private static int CompareModules(string left, string right) =>
        (left == Root, right == Root) switch
        {
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(left, right),
        };
}
