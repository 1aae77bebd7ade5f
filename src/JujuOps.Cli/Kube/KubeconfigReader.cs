using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace JujuOps.Cli.Kube;

/// <summary>
/// The kubeconfig found as kubectl finds it (<c>$KUBECONFIG</c>, a list of files merged with the first to set a value
/// winning, else <c>~/.kube/config</c>), read into KubernetesClient's own model by hand over YamlDotNet's node tree.
/// KubernetesClient's loader uses YamlDotNet's reflection-based deserializer, which was about half of a cold
/// <c>kubectl juju models</c> (docs/cli.md, Performance). The context is then applied by the client's own
/// <see cref="KubernetesClientConfiguration.BuildConfigFromConfigObject"/>, so tokens, client certificates and keys
/// (data or files), the CA, exec plugins, auth providers, the current context and its namespace mean what they
/// always meant.
/// </summary>
public static class KubeconfigReader
{
    /// <summary>The current context's configuration; without any kubeconfig file, KubernetesClient's own default (in-cluster).</summary>
    public static KubernetesClientConfiguration BuildDefaultConfig()
    {
        var files = DefaultFiles().Where(File.Exists).ToList();
        return files.Count == 0
            ? KubernetesClientConfiguration.BuildDefaultConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigObject(Load(files));
    }

    /// <summary>The files named by <c>$KUBECONFIG</c> (separated as PATH is), else <c>~/.kube/config</c>.</summary>
    public static IReadOnlyList<string> DefaultFiles()
    {
        var listed = Environment.GetEnvironmentVariable("KUBECONFIG");
        return string.IsNullOrEmpty(listed)
            ? [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")]
            : listed.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The files merged as kubectl merges them: the first file to name a cluster, context or user, or to set the current context, wins.</summary>
    public static K8SConfiguration Load(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var merged = new K8SConfiguration { Clusters = [], Contexts = [], Users = [] };
        foreach (var file in files)
        {
            var one = Parse(File.ReadAllText(file), Path.GetDirectoryName(Path.GetFullPath(file))!);
            merged.CurrentContext ??= one.CurrentContext;
            merged.Clusters = [.. merged.Clusters, .. one.Clusters.Where(c => merged.Clusters.All(m => m.Name != c.Name))];
            merged.Contexts = [.. merged.Contexts, .. one.Contexts.Where(c => merged.Contexts.All(m => m.Name != c.Name))];
            merged.Users = [.. merged.Users, .. one.Users.Where(u => merged.Users.All(m => m.Name != u.Name))];
        }

        return merged;
    }

    /// <summary>One kubeconfig document; relative file names are made absolute against <paramref name="folder"/>, as kubectl resolves them.</summary>
    public static K8SConfiguration Parse(string yaml, string folder)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new k8s.Exceptions.KubeConfigException("cannot parse: " + e.Message);
        }

        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        string? FilePath(YamlMappingNode? node, string key) => Text(node, key) is { Length: > 0 } path ? Path.GetFullPath(path, folder) : null;
        return new K8SConfiguration
        {
            CurrentContext = Text(root, "current-context") is { Length: > 0 } current ? current : null,
            Clusters = [.. Items(root, "clusters").Select(item => Map(item, "cluster") is var c ? new Cluster
            {
                Name = Text(item, "name"),
                ClusterEndpoint = new ClusterEndpoint
                {
                    Server = Text(c, "server"),
                    CertificateAuthority = FilePath(c, "certificate-authority"),
                    CertificateAuthorityData = Text(c, "certificate-authority-data"),
                    SkipTlsVerify = Flag(c, "insecure-skip-tls-verify"),
                    TlsServerName = Text(c, "tls-server-name"),
                },
            } : null!)],
            Contexts = [.. Items(root, "contexts").Select(item => Map(item, "context") is var c ? new k8s.KubeConfigModels.Context
            {
                Name = Text(item, "name"),
                ContextDetails = new ContextDetails { Cluster = Text(c, "cluster"), User = Text(c, "user"), Namespace = Text(c, "namespace") },
            } : null!)],
            Users = [.. Items(root, "users").Select(item => Map(item, "user") is var u ? new User
            {
                Name = Text(item, "name"),
                UserCredentials = new UserCredentials
                {
                    ClientCertificateData = Text(u, "client-certificate-data"),
                    ClientCertificate = FilePath(u, "client-certificate"),
                    ClientKeyData = Text(u, "client-key-data"),
                    ClientKey = FilePath(u, "client-key"),
                    Token = Text(u, "token"),
                    UserName = Text(u, "username"),
                    Password = Text(u, "password"),
                    ExternalExecution = Exec(Map(u, "exec")),
                    AuthProvider = Map(u, "auth-provider") is { } provider
                        ? new AuthProvider { Name = Text(provider, "name"), Config = Strings(Map(provider, "config")) }
                        : null,
                },
            } : null!)],
        };
    }

    private static ExternalExecution? Exec(YamlMappingNode? exec) => exec is null ? null : new ExternalExecution
    {
        ApiVersion = Text(exec, "apiVersion"),
        Command = Text(exec, "command"),
        Arguments = [.. Sequence(exec, "args").OfType<YamlScalarNode>().Select(a => a.Value ?? "")],
        EnvironmentVariables = [.. Sequence(exec, "env").OfType<YamlMappingNode>().Select(Strings)],
        InstallHint = Text(exec, "installHint"),
        ProvideClusterInfo = Flag(exec, "provideClusterInfo"),
    };

    private static YamlNode? Node(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Text(YamlMappingNode? map, string key) => (Node(map, key) as YamlScalarNode)?.Value;

    private static bool Flag(YamlMappingNode? map, string key) => bool.TryParse(Text(map, key), out var value) && value;

    private static YamlMappingNode? Map(YamlMappingNode? map, string key) => Node(map, key) as YamlMappingNode;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode? map, string key) => Node(map, key) as YamlSequenceNode ?? (IEnumerable<YamlNode>)[];

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode? map, string key) => Sequence(map, key).OfType<YamlMappingNode>();

    private static Dictionary<string, string> Strings(YamlMappingNode? map) =>
        map?.Children.Where(p => p.Key is YamlScalarNode && p.Value is YamlScalarNode)
            .ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? "", p => ((YamlScalarNode)p.Value).Value ?? "", StringComparer.Ordinal) ?? [];
}
