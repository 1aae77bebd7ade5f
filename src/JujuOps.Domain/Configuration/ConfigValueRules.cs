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

    /// <summary>The deprecated series names and the bases they stand for, as Juju writes them (<c>Base.String</c>).</summary>
    public static IReadOnlyDictionary<string, string> SeriesBases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["focal"] = "ubuntu@20.04/stable",
        ["jammy"] = "ubuntu@22.04/stable",
        ["noble"] = "ubuntu@24.04/stable",
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

    /// <summary>
    /// <c>mode</c>, a set (Juju's <c>Config.Mode</c>): every unknown mode is named, sorted, in one message.
    /// Canonical form: the sorted set.
    /// </summary>
    public static readonly ConfigValueRule Mode = (_, value) =>
    {
        var modes = JujuSet(value);
        var unknown = modes.Where(mode => mode is not ("requires-prompts" or "strict")).ToList();
        return unknown.Count == 0
            ? string.Join(',', modes)
            : throw new JujuValidationException($"mode(s) {GoText.Quote(string.Join(", ", unknown))} not valid");
    };

    /// <summary>
    /// <c>logging-output</c>, a set (Juju's <c>Config.LoggingOutput</c> returns it sorted): the first unknown output in
    /// that order is named. Canonical form: the sorted set.
    /// </summary>
    public static readonly ConfigValueRule LoggingOutput = (key, value) =>
    {
        var outputs = JujuSet(value);
        var unknown = outputs.FirstOrDefault(output => output is not ("database" or "syslog"));
        return unknown is null
            ? string.Join(',', outputs)
            : throw new JujuValidationException($"{key} {GoText.Quote(unknown)} not valid");
    };

    /// <summary>
    /// <c>container-inherit-properties</c>: every property outside the allowed four is named, sorted, joined by
    /// <c>", "</c> (an empty item between commas counts as the property ""). Canonical form: the sorted set.
    /// </summary>
    public static readonly ConfigValueRule ContainerInheritProperties = (key, value) =>
    {
        if (value.Length == 0)
        {
            return value;
        }

        var properties = value.Split(',').Select(property => property.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var unknown = properties.Where(property => property is not ("apt-primary" or "apt-sources" or "apt-security" or "ca-certs")).ToList();
        return unknown.Count == 0 ? string.Join(',', properties) : throw new JujuValidationException($"{key}: {string.Join(", ", unknown)} not allowed");
    };

    /// <summary>Juju's <c>uuid</c> check, anchored and for any UUID layout (see docs/domain.md).</summary>
    public static readonly ConfigValueRule Uuid = (key, value) =>
        Uuids().IsMatch(NotEmpty(key, value)) ? value : throw new JujuValidationException($"{key}: expected UUID, got string({GoText.Quote(value)})");

    /// <summary>
    /// <c>fan-config</c> (Juju's <c>network.ParseFanConfig</c>): <c>underlay=overlay</c> entries separated by single
    /// spaces, each side a CIDR, the underlay's mask longer than the overlay's.
    /// </summary>
    public static readonly ConfigValueRule FanConfig = (_, value) =>
    {
        if (value.Length == 0)
        {
            return value;
        }

        foreach (var entry in value.Split(' '))
        {
            var sides = entry.Split('=');
            if (sides.Length != 2)
            {
                throw new JujuValidationException($"invalid FAN config entry: {entry}");
            }

            var (underlay, overlay) = (sides[0].Trim(), sides[1].Trim());
            var overlayBits = 0;
            var bad = !TryParseCidr(underlay, out var underlayBits) ? underlay : !TryParseCidr(overlay, out overlayBits) ? overlay : null;
            if (bad is not null)
            {
                throw new JujuValidationException($"invalid address in FAN config: invalid CIDR address: {bad}");
            }

            if (underlayBits <= overlayBits)
            {
                throw new JujuValidationException($"invalid FAN config, underlay mask must be larger than overlay: {entry}");
            }
        }

        return value;
    };

    public static readonly ConfigValueRule ContainerNetworkingMethod = (key, value) =>
        value is "" or "fan" or "provider" or "local" ? value : throw new JujuValidationException($"Invalid value for {key} - {value}");

    /// <summary><c>ssh-allow</c>: CIDRs, possibly none.</summary>
    public static readonly ConfigValueRule CidrList = (_, value) => JoinCidrs(value, allowEmpty: true);

    /// <summary><c>saas-ingress-allow</c>: CIDRs, at least one.</summary>
    public static readonly ConfigValueRule NonEmptyCidrList = (_, value) => JoinCidrs(value, allowEmpty: false);

    /// <summary>
    /// <c>egress-subnets</c>: each comma-separated item, trimmed, must be a CIDR; the untrimmed item may not be
    /// <c>0.0.0.0/0</c> (Juju compares before trimming). Canonical form: the trimmed items.
    /// </summary>
    public static readonly ConfigValueRule EgressSubnets = (_, value) =>
    {
        if (value.Length == 0)
        {
            return value;
        }

        var subnets = value.Split(',');
        foreach (var subnet in subnets)
        {
            if (!IsCidr(subnet.Trim()))
            {
                throw new JujuValidationException($"invalid egress subnet: {subnet}: invalid CIDR address: {subnet.Trim()}");
            }

            if (subnet == "0.0.0.0/0")
            {
                throw new JujuValidationException($"CIDR {GoText.Quote(subnet)} not allowed");
            }
        }

        return string.Join(',', subnets.Select(subnet => subnet.Trim()));
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

    /// <summary><c>charmhub-url</c>: Go's <c>url.ParseRequestURI</c> must accept it; empty is its own text.</summary>
    public static readonly ConfigValueRule CharmhubUrl = (_, value) =>
        value.Length == 0 ? throw new JujuValidationException("charm-hub url not valid")
        : GoRequestUri.IsValid(value) ? value
        : throw new JujuValidationException($"charm-hub url {GoText.Quote(value)} not valid");

    /// <summary>secret-backend may not be empty in a whole config (Juju's <c>allowEmpty</c> leaves it out).</summary>
    public static readonly ConfigValueRule SecretBackend = NotEmpty;

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

    /// <summary>Go's <c>net.ParseCIDR</c>: an IPv4 or IPv6 address, a slash and a prefix length that fits it.</summary>
    public static bool IsCidr(string text) => TryParseCidr(text, out _);

    public static bool TryParseCidr(string text, out int prefix)
    {
        prefix = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
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

    // Juju's SSHAllow and SAASIngressAllow split on commas and check each item as it is: no trimming, and an empty
    // item between commas is a bad CIDR.
    private static string JoinCidrs(string value, bool allowEmpty)
    {
        if (value.Length == 0)
        {
            return allowEmpty ? value : throw new JujuValidationException("empty cidrs not valid");
        }

        var bad = value.Split(',').FirstOrDefault(cidr => !IsCidr(cidr));
        return bad is null ? value : throw new JujuValidationException($"cidr {GoText.Quote(bad)} not valid");
    }

    /// <summary>
    /// Juju's reading of a comma-separated set (<c>Config.Mode</c>, <c>Config.LoggingOutput</c>): the text is
    /// trimmed and split on commas, empty items are skipped, the others trimmed; the result is the sorted set.
    /// </summary>
    private static List<string> JujuSet(string value) =>
        [.. value.Trim().Split(',').Where(item => item.Length > 0).Select(item => item.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static JujuValidationException Expected(string key, string type, string value) =>
        new($"{key}: expected {type}, got string({GoText.Quote(value)})");

    [GeneratedRegex(@"\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Uuids();

    [GeneratedRegex(@"\A(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();
}
