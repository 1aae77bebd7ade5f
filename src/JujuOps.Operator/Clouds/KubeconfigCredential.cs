using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// A kubeconfig from a credential Secret, read as data and never as code. Whoever can write a Secret that a
/// JujuController names must not be able to run a command in the operator, read its files or borrow its
/// environment, so only the current context's cluster and user are read, and only these fields of them:
/// <list type="bullet">
/// <item>cluster: <c>server</c> (an http or https URL), <c>certificate-authority-data</c>, <c>tls-server-name</c>,
/// <c>insecure-skip-tls-verify: false</c>; <c>extensions</c> and <c>disable-compression</c> are ignored.</item>
/// <item>user: <c>token</c>, <c>client-certificate-data</c> with <c>client-key-data</c>, <c>username</c> with
/// <c>password</c> (basic auth is a header, nothing more); <c>extensions</c> is ignored. No user, or an empty one,
/// is anonymous: it parses, and the cloud check then says the cloud did not accept it.</item>
/// </list>
/// Everything else in those two entries is refused by name with the reason: <c>exec</c> and <c>auth-provider</c>
/// run commands or plugins on the operator's host; <c>tokenFile</c>, <c>client-certificate</c>, <c>client-key</c>
/// and <c>certificate-authority</c> are paths on the operator's disk; <c>proxy-url</c> would send the credential
/// through another server (and the client would ignore it anyway); impersonation (<c>as</c>, ...) is not applied by
/// the client, so the requests would silently not be who the kubeconfig says; <c>insecure-skip-tls-verify: true</c>
/// would hand the credential to whoever answers at the address. Unknown fields are refused too: this is an allow
/// list, so a field kubectl learns later, a differently cased key or a YAML merge key (<c>&lt;&lt;</c>) cannot slip
/// a refused field past it. Entries the current context does not use are not read.
/// Messages name fields, and clusters and users by their (bounded) names, never a value: no token, no server, no
/// context name.
/// </summary>
public static class KubeconfigCredential
{
    /// <summary>The largest kubeconfig read; a real one is a few kilobytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>How deeply collections may nest; a kubeconfig needs 4, and the YAML loader recurses per level.</summary>
    public const int MaxDepth = 32;

    private const int MaxQuotedName = 64;

    private const string AcceptedUser = "only inline token, client certificate data or username/password are accepted";
    private const string AcceptedCluster = "only server, certificate-authority-data and tls-server-name are accepted";
    private const string ReadsFile = "reads a file on the operator's host";
    private const string Impersonation = "asks for impersonation, which the client does not apply: requests would go as the user itself";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Dictionary<string, string> RefusedUserFields = new(StringComparer.Ordinal)
    {
        ["exec"] = "runs a command on the operator's host",
        ["auth-provider"] = "runs a plugin that may run commands or read files on the operator's host",
        ["tokenFile"] = ReadsFile,
        ["client-certificate"] = ReadsFile,
        ["client-key"] = ReadsFile,
        ["as"] = Impersonation,
        ["as-uid"] = Impersonation,
        ["as-groups"] = Impersonation,
        ["as-user-extra"] = Impersonation,
    };

    private static readonly Dictionary<string, string> RefusedClusterFields = new(StringComparer.Ordinal)
    {
        ["certificate-authority"] = ReadsFile,
        ["proxy-url"] = "sends the operator's requests, and the credential, through another server",
    };

    private static readonly HashSet<string> AcceptedUserFields = new(StringComparer.Ordinal)
    {
        "token", "client-certificate-data", "client-key-data", "username", "password", "extensions",
    };

    private static readonly HashSet<string> AcceptedClusterFields = new(StringComparer.Ordinal)
    {
        "server", "certificate-authority-data", "tls-server-name", "insecure-skip-tls-verify", "disable-compression", "extensions",
    };

    /// <summary>
    /// The client configuration <paramref name="kubeconfig"/> describes, or why it is refused: a short phrase
    /// ("no current-context", "user "u" uses exec (...)") that the caller puts after the credential and Secret it came from.
    /// </summary>
    public static KubeconfigRead Read(ReadOnlySpan<byte> kubeconfig)
    {
        if (kubeconfig.Length > MaxBytes)
            return Refused(string.Create(CultureInfo.InvariantCulture, $"larger than {MaxBytes / 1024 / 1024} MiB"));
        string text;
        try
        {
            text = StrictUtf8.GetString(kubeconfig);
        }
        catch (DecoderFallbackException)
        {
            return Refused("not UTF-8 text");
        }

        YamlMappingNode root;
        try
        {
            if (TooDeep(text))
                return Refused(string.Create(CultureInfo.InvariantCulture, $"nested deeper than {MaxDepth} levels"));
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
                return Refused("not a kubeconfig (one YAML document with clusters, users and contexts)");
            root = mapping;
        }
        catch (YamlException e)
        {
            // The parser's message may quote the text around the error, which can be a token: say only where.
            return Refused(string.Create(CultureInfo.InvariantCulture, $"not valid YAML (line {e.Start.Line}, column {e.Start.Column})"));
        }

        return FromRoot(root);
    }

    private static KubeconfigRead FromRoot(YamlMappingNode root)
    {
        var currentContext = Scalar(root, "current-context");
        if (string.IsNullOrEmpty(currentContext))
            return Refused("no current-context");
        // The context's name is never repeated: it is often all a user has to tell kubeconfigs apart, and could be anything.
        var context = Named(root, "contexts", currentContext, "context", "named by current-context");
        if (context.Problem is not null)
            return Refused(context.Problem);
        if (context.Entry is not YamlMappingNode contextFields)
            return Refused("the current context is not a mapping");

        var clusterName = Scalar(contextFields, "cluster");
        if (string.IsNullOrEmpty(clusterName))
            return Refused("the current context names no cluster");
        var configuration = new KubernetesClientConfiguration();
        if (ReadEntry(root, "clusters", clusterName, configuration, ReadCluster) is { } clusterProblem)
            return Refused(clusterProblem);

        // A context without a user is anonymous, as kubectl has it.
        var userName = Scalar(contextFields, "user");
        if (!string.IsNullOrEmpty(userName) && ReadEntry(root, "users", userName, configuration, ReadUser) is { } userProblem)
            return Refused(userProblem);
        return new KubeconfigRead(configuration, null);
    }

    /// <summary>Finds the one entry of <paramref name="list"/> called <paramref name="name"/> and has <paramref name="read"/> take its fields.</summary>
    private static string? ReadEntry(YamlMappingNode root, string list, string name, KubernetesClientConfiguration configuration,
        Func<string, YamlMappingNode, KubernetesClientConfiguration, string?> read)
    {
        var kind = list[..^1];
        var entry = Named(root, list, name, kind, "named " + Quote(name));
        if (entry.Problem is not null)
            return entry.Problem;
        return entry.Entry is YamlMappingNode fields ? read(Quote(name), fields, configuration) : $"{kind} {Quote(name)} is not a mapping";
    }

    private static string? ReadCluster(string name, YamlMappingNode cluster, KubernetesClientConfiguration configuration)
    {
        if (Unaccepted(cluster, AcceptedClusterFields, RefusedClusterFields, AcceptedCluster) is { } refused)
            return $"cluster {name} {refused}";
        if (NotAScalar(cluster, "cluster", name, "server", "certificate-authority-data", "tls-server-name", "insecure-skip-tls-verify") is { } notScalar)
            return notScalar;
        var server = Scalar(cluster, "server");
        if (string.IsNullOrEmpty(server))
            return $"cluster {name} has no server";
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.Host.Length == 0 || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return $"cluster {name} has a server that is not an http or https URL (with no user, query or fragment)";
        configuration.Host = server;

        switch (Scalar(cluster, "insecure-skip-tls-verify")?.ToUpperInvariant())
        {
            case null or "" or "FALSE":
                break;
            case "TRUE":
                return $"cluster {name} sets insecure-skip-tls-verify (the credential would go to whoever answers at the server's address; " +
                    "give certificate-authority-data instead)";
            default:
                return $"cluster {name} has an insecure-skip-tls-verify that is not true or false";
        }

        var caData = Scalar(cluster, "certificate-authority-data");
        if (!string.IsNullOrEmpty(caData))
        {
            if (Certificates(caData) is not { } certificates)
                return $"cluster {name} has a certificate-authority-data that is not base64 of PEM certificates";
            configuration.SslCaCerts = certificates;
        }

        var tlsServerName = Scalar(cluster, "tls-server-name");
        if (!string.IsNullOrEmpty(tlsServerName))
            configuration.TlsServerName = tlsServerName;
        return null;
    }

    private static string? ReadUser(string name, YamlMappingNode user, KubernetesClientConfiguration configuration)
    {
        if (Unaccepted(user, AcceptedUserFields, RefusedUserFields, AcceptedUser) is { } refused)
            return $"user {name} {refused}";
        if (NotAScalar(user, "user", name, "token", "client-certificate-data", "client-key-data", "username", "password") is { } notScalar)
            return notScalar;

        var token = Scalar(user, "token");
        var username = Scalar(user, "username");
        var password = Scalar(user, "password");
        if (!string.IsNullOrEmpty(token) && !string.IsNullOrEmpty(username))
            return $"user {name} has both a token and a username (use one)";
        if (!string.IsNullOrEmpty(password) && string.IsNullOrEmpty(username))
            return $"user {name} has a password but no username";
        if (!string.IsNullOrEmpty(token))
        {
            // A line break would end the Authorization header early; the client would throw on every request.
            if (token.Any(char.IsControl))
                return $"user {name} has a token with line breaks or control characters";
            configuration.AccessToken = token;
        }

        if (!string.IsNullOrEmpty(username))
        {
            configuration.Username = username;
            configuration.Password = password;
        }

        var certificate = Scalar(user, "client-certificate-data");
        var key = Scalar(user, "client-key-data");
        if (string.IsNullOrEmpty(certificate) != string.IsNullOrEmpty(key))
            return $"user {name} has only one of client-certificate-data and client-key-data (both are needed)";
        if (!string.IsNullOrEmpty(certificate))
        {
            if (!IsCertificateWithKey(certificate, key!))
                return $"user {name} has a client-certificate-data and client-key-data that are not base64 of a PEM certificate and its key";
            configuration.ClientCertificateData = certificate;
            configuration.ClientCertificateKeyData = key;
        }

        return null;
    }

    /// <summary>The first field of <paramref name="entry"/> that is refused or unknown, as "uses x (why; what is accepted)".</summary>
    private static string? Unaccepted(YamlMappingNode entry, HashSet<string> accepted, Dictionary<string, string> refused, string acceptedText)
    {
        foreach (var key in entry.Children.Keys)
        {
            var field = (key as YamlScalarNode)?.Value ?? "";
            if (accepted.Contains(field))
                continue;
            return refused.TryGetValue(field, out var why)
                ? $"uses {field} (\"{field}\" {why}; {acceptedText})"
                : $"has the unknown field {Quote(field)} ({acceptedText})";
        }

        return null;
    }

    private static string? NotAScalar(YamlMappingNode entry, string kind, string name, params string[] fields)
    {
        foreach (var field in fields)
        {
            if (entry.Children.TryGetValue(new YamlScalarNode(field), out var value) && value is not YamlScalarNode)
                return $"{kind} {name} has a {field} that is not a string";
        }

        return null;
    }

    /// <summary>
    /// The <paramref name="field"/> of the one entry of <paramref name="list"/> called <paramref name="name"/>; none, or
    /// two (which kubectl refuses too), is a problem. An entry with its name and nothing else is an empty one.
    /// </summary>
    private static NamedEntry Named(YamlMappingNode root, string list, string name, string field, string shown)
    {
        YamlNode? found = null;
        var entries = root.Children.TryGetValue(new YamlScalarNode(list), out var node) && node is YamlSequenceNode sequence
            ? sequence.Children.OfType<YamlMappingNode>()
            : [];
        foreach (var entry in entries.Where(e => Scalar(e, "name") == name))
        {
            if (found is not null)
                return new NamedEntry(null, $"two {list} {shown}");
            found = entry.Children.TryGetValue(new YamlScalarNode(field), out var value) && value is not YamlScalarNode { Value: null or "" }
                ? value
                : new YamlMappingNode();
        }

        return found is null ? new NamedEntry(null, $"no {field} {shown}") : new NamedEntry(found, null);
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static X509Certificate2Collection? Certificates(string base64)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            return certificates.Count > 0 ? certificates : null;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private static bool IsCertificateWithKey(string certificateBase64, string keyBase64)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(
                Encoding.UTF8.GetString(Convert.FromBase64String(certificateBase64)),
                Encoding.UTF8.GetString(Convert.FromBase64String(keyBase64)));
            return true;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether collections nest deeper than <see cref="MaxDepth"/>: the representation model loads each level by
    /// recursion, so a megabyte of <c>[</c> would overflow the stack and end the process. The event parser does not recurse.
    /// </summary>
    private static bool TooDeep(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    return true;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return false;
    }

    /// <summary>A name from the kubeconfig, quoted, cut to a bounded length, control characters escaped.</summary>
    internal static string Quote(string value)
    {
        var cut = value.Length > MaxQuotedName;
        var length = cut && char.IsHighSurrogate(value[MaxQuotedName - 1]) ? MaxQuotedName - 1 : Math.Min(value.Length, MaxQuotedName);
        var builder = new StringBuilder(length + 8).Append('"');
        foreach (var c in value.AsSpan(0, length))
        {
            if (c is '"' or '\\')
                builder.Append('\\').Append(c);
            else if (char.IsControl(c))
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                builder.Append(c);
        }

        return builder.Append(cut ? "…\"" : "\"").ToString();
    }

    private static KubeconfigRead Refused(string problem) => new(null, problem);

    private readonly record struct NamedEntry(YamlNode? Entry, string? Problem);
}

/// <summary>A client configuration built from a kubeconfig's data, or why the kubeconfig is refused.</summary>
public sealed record KubeconfigRead(KubernetesClientConfiguration? Configuration, string? Problem);
