using System.Globalization;
using System.Text.RegularExpressions;

namespace JujuOps.Domain.Versions;

/// <summary>
/// A Juju agent version: <c>major.minor.patch[.build]</c> or <c>major.minor-tagpatch[.build]</c>
/// (<c>3.6.1</c>, <c>3.6-beta2</c>, <c>2.9.43.1</c>). A tagged version sorts before the release of the same
/// major.minor: <c>3.6-beta2 &lt; 3.6.0</c>.
/// </summary>
public readonly partial record struct AgentVersion(int Major, int Minor, string Tag, int Patch, int Build)
    : IComparable<AgentVersion>
{
    public AgentVersion(int major, int minor, int patch)
        : this(major, minor, string.Empty, patch, 0)
    {
    }

    /// <summary>Parses a version; throws <see cref="JujuValidationException"/> <c>invalid version "x"</c>.</summary>
    public static AgentVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new JujuValidationException($"invalid version {GoText.Quote(text)}");

    public static bool TryParse(string? text, out AgentVersion version)
    {
        version = default;
        var match = text is null ? Match.Empty : Grammar().Match(text);
        if (!match.Success)
        {
            return false;
        }

        version = new AgentVersion(
            Number(match.Groups["major"]),
            Number(match.Groups["minor"]),
            match.Groups["tag"].Value,
            Number(match.Groups["patch"]),
            match.Groups["build"].Success ? Number(match.Groups["build"]) : 0);
        return true;
    }

    /// <summary>The same major and minor version (an in-place, patch-only move).</summary>
    public bool IsSameMinor(AgentVersion other) => Major == other.Major && Minor == other.Minor;

    public int CompareTo(AgentVersion other)
    {
        var byNumber = (Major, Minor).CompareTo((other.Major, other.Minor));
        if (byNumber != 0)
        {
            return byNumber;
        }

        if (Tag != other.Tag)
        {
            // A release (no tag) is newer than any tagged build of the same major.minor.
            return Tag.Length == 0 ? 1 : other.Tag.Length == 0 ? -1 : string.CompareOrdinal(Tag, other.Tag);
        }

        return (Patch, Build).CompareTo((other.Patch, other.Build));
    }

    public static bool operator <(AgentVersion left, AgentVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(AgentVersion left, AgentVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(AgentVersion left, AgentVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(AgentVersion left, AgentVersion right) => left.CompareTo(right) >= 0;

    public override string ToString()
    {
        var core = Tag.Length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}")
            : string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}-{Tag}{Patch}");
        return Build > 0 ? string.Create(CultureInfo.InvariantCulture, $"{core}.{Build}") : core;
    }

    private static int Number(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\A(?<major>\d{1,9})\.(?<minor>\d{1,9})(?:\.|-(?<tag>[a-z]+))(?<patch>\d{1,9})(?:\.(?<build>\d{1,9}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
