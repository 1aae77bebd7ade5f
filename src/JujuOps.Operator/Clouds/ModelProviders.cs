using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Providers;
using JujuOps.Providers.Kubernetes;
using JujuOps.Providers.Lxd;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Clouds;

/// <summary>
/// The providers, keyed by Juju cloud type: what a reconciler asks for a model's cloud. It never names a provider
/// class; a cloud type without a provider is refused in the plan (<see cref="CloudTypes"/>), before anything exists.
/// </summary>
public interface IModelProviders
{
    /// <summary>The cloud types this operator can create models on.</summary>
    IReadOnlySet<string> CloudTypes { get; }

    /// <summary>The provider for <paramref name="cloud"/>, connected with <paramref name="credential"/>, or why there is none.</summary>
    ProviderConnection Connect(CloudSpec cloud, CloudCredential? credential);
}

/// <summary>A provider ready for one cloud, or the reason (Juju-style text) there is none.</summary>
public sealed record ProviderConnection(IModelProvider? Provider, string? Problem)
{
    public static ProviderConnection Ok(IModelProvider provider) => new(provider, null);

    public static ProviderConnection Failed(string problem) => new(null, problem);
}

/// <summary>
/// The operator's providers: <c>kubernetes</c> (a namespace per model) and <c>lxd</c> (a project per model, an instance
/// per machine). Reads on the operator's own cluster come from its informer caches; remote clusters are read live;
/// LXD clients are kept per endpoint and credential (<see cref="LxdConnections"/>).
/// </summary>
public sealed class ModelProviders(CloudConnections connections, LxdConnections lxd, IOptions<LxdProviderOptions> lxdOptions, IClusterObjects ownClusterObjects, TimeProvider time) : IModelProviders
{
    private static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal) { CloudType.Kubernetes, CloudType.Lxd };

    public IReadOnlySet<string> CloudTypes => Supported;

    public ProviderConnection Connect(CloudSpec cloud, CloudCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        return cloud.Type switch
        {
            CloudType.Kubernetes => ConnectKubernetes(cloud, credential),
            CloudType.Lxd => ConnectLxd(cloud, credential),
            _ => ProviderConnection.Failed($"cloud \"{cloud.Name}\" has type {cloud.Type}: this operator creates models on {string.Join(", ", Supported)} clouds only so far"),
        };
    }

    private ProviderConnection ConnectLxd(CloudSpec cloud, CloudCredential? credential)
    {
        var connection = lxd.Connect(cloud, credential);
        return connection.Client is null ? ProviderConnection.Failed(connection.Problem!) : ProviderConnection.Ok(new LxdModelProvider(connection.Client, lxdOptions.Value));
    }

    private ProviderConnection ConnectKubernetes(CloudSpec cloud, CloudCredential? credential)
    {
        var connection = connections.Connect(cloud, credential);
        if (connection.Client is null)
            return ProviderConnection.Failed(connection.Problem ?? $"cloud \"{cloud.Name}\" cannot be reached");
        var objects = connection.OwnCluster ? ownClusterObjects : LiveClusterObjects.Instance;
        return ProviderConnection.Ok(new KubernetesModelProvider(connection.Client, time, objects));
    }
}
