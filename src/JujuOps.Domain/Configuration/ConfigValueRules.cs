using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using JujuOps.Domain.Names;

namespace JujuOps.Domain.Configuration;

/// <summary>Checks one value of one key and returns its canonical form, or throws Juju's message.</summary>
internal delegate string ConfigValueRule(string key, string value);

/// <summary>The value rules of the reference's §2.4, one per kind of key.</summary>
internal static partial class ConfigValueRules
{
    private const long MinimumHookInterval = 60_000_000_000;
    private const long MaximumHookInterval = 60 * MinimumHookInterval;

    /// <summary>Workload bases Juju 3.6 deploys to.</summary>
    public static IReadOnlyList<string> SupportedBases { get; } = ["ubuntu@20.04", "ubuntu@22.04", "ubuntu@24.04"];

    /// <summary>The deprecated series names and the bases they stand for.</summary>
    public static IReadOnlyDictionary<string, string> SeriesBases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["focal"] = "ubuntu@20.04",
        ["jammy"] = "ubuntu@22.04",
        ["noble"] = "ubuntu@24.04",
    };

    public static readonly ConfigValueRule Text = (_, value) => value;

    public static readonly ConfigValueRule Bool = (key, value) =>
        GoText.TryParseBool(value, out var flag) ? (flag ? "true" : "false") : throw Expected(key, "bool", value);

    public static readonly ConfigValueRule Int = IntAtMost(long.MaxValue);

    public static readonly ConfigValueRule AgentVersion = (_, value) =>
        Versions.AgentVersion.TryParse(value, out var version)
            ? version.ToString()
            : throw new JujuValidationException($"invalid agent version in model configuration: {GoText.Quote(value)}");

    /// <summary>name, type, uuid: present means non-empty (<c>empty name in model configuration</c>).</summary>
    public static readonly ConfigValueRule NotEmpty = (key, value) =>
        value.Length > 0 ? value : throw new JujuValidationException($"empty {key} in model configuration");

    public static readonly ConfigValueRule ModelName = (key, value) =>
    {
        JujuNames.ValidateModelName(NotEmpty(key, value));
        return value;
    };

    public static readonly ConfigValueRule LoggingConfig = (_, value) => Configuration.LoggingConfig.Normalize(value);

    public static readonly ConfigValueRule CloudInitUserData = (_, value) => Configuration.CloudInitUserData.Validate(value);

    public static readonly ConfigValueRule Mode = (_, value) =>
    {
        var modes = CommaList(value);
        var unknown = modes.Where(mode => mode is not ("requires-prompts" or "strict")).ToList();
        return unknown.Count == 0
            ? string.Join(',', modes)
            : throw new JujuValidationException($"mode(s) {GoText.Quote(string.Join(", ", unknown))} not valid");
    };

    public static readonly ConfigValueRule LoggingOutput = (_, value) =>
    {
        var outputs = CommaList(value);
        var unknown = outputs.FirstOrDefault(output => output is not ("database" or "syslog"));
        return unknown is null
            ? string.Join(',', outputs)
            : throw new JujuValidationException($"logging-output: {GoText.Quote(unknown)} not valid, expected database or syslog");
    };

    public static readonly ConfigValueRule ContainerInheritProperties = (key, value) =>
    {
        var properties = CommaList(value);
        var unknown = properties.FirstOrDefault(property => property is not ("apt-primary" or "apt-sources" or "apt-security" or "ca-certs"));
        return unknown is null ? string.Join(',', properties) : throw new JujuValidationException($"{key}: {unknown} not allowed");
    };

    public static readonly ConfigValueRule ContainerNetworkingMethod = (key, value) =>
        value is "" or "fan" or "provider" or "local" ? value : throw new JujuValidationException($"Invalid value for {key} - {value}");

    /// <summary><c>ssh-allow</c>: CIDRs, possibly none.</summary>
    public static readonly ConfigValueRule CidrList = (_, value) => JoinCidrs(value, allowEmpty: true);

    /// <summary><c>saas-ingress-allow</c>: CIDRs, at least one.</summary>
    public static readonly ConfigValueRule NonEmptyCidrList = (_, value) => JoinCidrs(value, allowEmpty: false);

    public static readonly ConfigValueRule EgressSubnets = (_, value) =>
    {
        var subnets = CommaList(value);
        foreach (var subnet in subnets)
        {
            if (!IsCidr(subnet))
            {
                throw new JujuValidationException($"invalid egress subnet: invalid CIDR address: {subnet}");
            }

            if (subnet == "0.0.0.0/0")
            {
                throw new JujuValidationException($"CIDR {GoText.Quote(subnet)} not allowed");
            }
        }

        return string.Join(',', subnets);
    };

    public static readonly ConfigValueRule DefaultSpace = (_, value) =>
        value.Length == 0 || JujuNames.IsValidSpaceName(value)
            ? value
            : throw new JujuValidationException($"default space name {GoText.Quote(value)} not valid");

    public static readonly ConfigValueRule DefaultBase = (_, value) =>
    {
        if (value.Length == 0)
        {
            return value;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == value.Length - 1)
        {
            throw new JujuValidationException($"invalid default base {GoText.Quote(value)}: expected base string to contain os and channel separated by '@'");
        }

        var track = value[(at + 1)..].Split('/')[0];
        return SupportedBases.Contains(value[..at] + "@" + track)
            ? value
            : throw new JujuValidationException($"base {GoText.Quote(value)} not supported");
    };

    public static readonly ConfigValueRule DefaultSeries = (_, value) =>
        value.Length == 0 || SeriesBases.ContainsKey(value)
            ? value
            : throw new JujuValidationException($"series {GoText.Quote(value)} not supported");

    public static readonly ConfigValueRule CharmhubUrl = (_, value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? value
            : throw new JujuValidationException($"charm-hub url {GoText.Quote(value)} not valid");

    public static readonly ConfigValueRule SecretBackend = (key, value) =>
        value.Length > 0 ? value : throw new JujuValidationException($"empty {GoText.Quote(key)} config value not valid");

    /// <summary><c>k=v k2=v2</c>; keys may not use Juju's <c>juju-</c> prefix. Canonical: sorted by key.</summary>
    public static readonly ConfigValueRule ResourceTags = (key, value) =>
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new JujuValidationException($"{key}: expected \"key=value\", got {GoText.Quote(word)}");
            }

            var tag = word[..equals];
            if (tag.StartsWith("juju-", StringComparison.Ordinal))
            {
                throw new JujuValidationException($"validating resource tags: tag {GoText.Quote(tag)} uses reserved prefix \"juju-\"");
            }

            tags[tag] = word[(equals + 1)..];
        }

        return string.Join(' ', tags.Select(pair => $"{pair.Key}={pair.Value}"));
    };

    /// <summary>An int no greater than <paramref name="maximum"/>: <c>&lt;key&gt;: must be less than &lt;max&gt;</c>.</summary>
    public static ConfigValueRule IntAtMost(long maximum) => (key, value) =>
    {
        if (!ConfigNumbers.TryForceInt(value, out var number))
        {
            throw Expected(key, "number", value);
        }

        return number <= maximum
            ? number.ToString(CultureInfo.InvariantCulture)
            : throw new JujuValidationException($"{key}: must be less than {maximum.ToString(CultureInfo.InvariantCulture)}");
    };

    public static ConfigValueRule OneOf(params string[] values) => (key, value) =>
        values.Contains(value) ? value : throw new JujuValidationException($"{key}: expected one of {GoText.List(values)}, got {GoText.Quote(value)}");

    /// <summary>A Go duration, reported as <c>invalid &lt;what&gt; in model configuration: &lt;Go error&gt;</c>.</summary>
    public static ConfigValueRule Duration(string what) => (_, value) =>
        GoDuration.Format(Annotate(what, () => GoDuration.Parse(value)));

    /// <summary>A size in MiB, reported as <c>invalid &lt;what&gt; in model configuration: &lt;utils error&gt;</c>.</summary>
    public static ConfigValueRule Size(string what) => (_, value) =>
        ConfigNumbers.FormatSize(Annotate(what, () => ConfigNumbers.ParseSize(value)));

    /// <summary>
    /// <c>update-status-hook-interval</c>, held to its documented range 1m–60m. Juju 3.6 means to check the range but
    /// never does (the error is annotated onto nil); we enforce it, with the texts the Juju code would print.
    /// </summary>
    public static readonly ConfigValueRule UpdateStatusHookInterval = (key, value) =>
    {
        var canonical = Duration("update status hook interval")(key, value);
        var nanoseconds = GoDuration.Parse(canonical);
        var limit = nanoseconds < MinimumHookInterval ? "less than 1m" : nanoseconds > MaximumHookInterval ? "greater than 60m" : null;
        return limit is null
            ? canonical
            : throw new JujuValidationException($"update status hook frequency {canonical} cannot be {limit}");
    };

    public static bool IsCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        var address = text[..slash];
        if (Ipv4().IsMatch(address))
        {
            return prefix <= 32;
        }

        return address.Contains(':', StringComparison.Ordinal) && !address.Contains('%', StringComparison.Ordinal)
            && IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && prefix <= 128;
    }

    private static T Annotate<T>(string what, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (JujuValidationException error)
        {
            throw new JujuValidationException($"invalid {what} in model configuration: {error.Message}", error);
        }
    }

    private static string JoinCidrs(string value, bool allowEmpty)
    {
        var cidrs = CommaList(value);
        if (cidrs.Count == 0 && !allowEmpty)
        {
            throw new JujuValidationException("empty cidrs not valid");
        }

        var bad = cidrs.FirstOrDefault(cidr => !IsCidr(cidr));
        return bad is null ? string.Join(',', cidrs) : throw new JujuValidationException($"cidr {GoText.Quote(bad)} not valid");
    }

    private static List<string> CommaList(string value) =>
        [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static JujuValidationException Expected(string key, string type, string value) =>
        new($"{key}: expected {type}, got string({GoText.Quote(value)})");

    [GeneratedRegex(@"\A(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();
}
