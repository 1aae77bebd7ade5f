namespace JujuOps.Domain.Configuration;

/// <summary>
/// What Go's <c>url.ParseRequestURI</c> accepts, which Juju uses for <c>charmhub-url</c>: an absolute path, or a
/// scheme followed by an opaque part or by <c>//authority</c> whose host holds only the characters Go allows and whose
/// port is digits. No control characters anywhere.
/// </summary>
internal static class GoRequestUri
{
    private const string HostPunctuation = "-._~!$&'()*+,;=:[]<>\"%";

    public static bool IsValid(string text)
    {
        if (text.Any(c => c < 0x20 || c == 0x7f))
        {
            return false;
        }

        if (text.StartsWith('/'))
        {
            return true;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(text[0]) || !text[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            return false;
        }

        var rest = text[(colon + 1)..];
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            // An opaque URI (mailto:x), a rooted path (http:/x), even a bare scheme (http:): Go takes them all.
            return true;
        }

        var authority = rest[2..];
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        authority = slash < 0 ? authority : authority[..slash];
        var at = authority.LastIndexOf('@');
        var host = at < 0 ? authority : authority[(at + 1)..];
        return IsValidHost(host);
    }

    private static bool IsValidHost(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            return close > 0 && IsValidPort(host[(close + 1)..]);
        }

        var colon = host.LastIndexOf(':');
        var name = colon < 0 ? host : host[..colon];
        return (colon < 0 || IsValidPort(host[colon..]))
            && name.All(c => char.IsAsciiLetterOrDigit(c) || HostPunctuation.Contains(c, StringComparison.Ordinal) || c > 0x7f);
    }

    private static bool IsValidPort(string port) => port.Length == 0 || (port[0] == ':' && port[1..].All(char.IsAsciiDigit));
}
