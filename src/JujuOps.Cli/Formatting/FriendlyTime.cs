using System.Globalization;

namespace JujuOps.Cli.Formatting;

/// <summary>Juju's user-friendly times (<c>cmd/juju/common/format.go</c>).</summary>
public static class FriendlyTime
{
    /// <summary><c>just now</c>, <c>N seconds ago</c>, <c>N minute(s) ago</c>, <c>N hour(s) ago</c>, or the date from 24 hours on.</summary>
    public static string Ago(DateTime when, DateTime now)
    {
        var since = now.ToUniversalTime() - when.ToUniversalTime();
        if (since.TotalHours >= 24)
            return when.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (since.TotalHours >= 1)
            return Count((int)since.TotalHours, "hour");
        if (since.TotalMinutes >= 1)
            return Count((int)since.TotalMinutes, "minute");
        if (since.TotalSeconds >= 2)
            return $"{(int)since.TotalSeconds} seconds ago";
        return "just now";
    }

    /// <summary>A last connection: friendly, or <c>never connected</c>.</summary>
    public static string LastConnection(DateTime? when, DateTime now) => when is { } at ? Ago(at, now) : "never connected";

    /// <summary>The status Timestamp column: local time of day with its offset, <c>16:07:52+01:00</c> or <c>05:22:22Z</c>.</summary>
    public static string TimeOfDay(DateTimeOffset now) =>
        now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
        + (now.Offset == TimeSpan.Zero ? "Z" : now.ToString("zzz", CultureInfo.InvariantCulture));

    private static string Count(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")} ago";
}
