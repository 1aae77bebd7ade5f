using JujuOps.Runtime.Hosting;
using JujuOps.Runtime.LeaderElection;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JujuOps.Runtime.Tests.Support;

/// <summary>Builds a complete runtime host (the way an operator's Program does) around the recording reconciler.</summary>
internal static class TestHosts
{
    public static IHost Build(string name, KubernetesClientConfiguration configuration, string @namespace, ReconcileRecorder recorder,
        Action<LeaderElectionOptions> election, int workers = 1, TimeSpan? requeueEvery = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddJujuOpsRuntime(o =>
        {
            o.ClientConfiguration = configuration;
            o.Informers.Namespace = @namespace;
        }, e =>
        {
            e.Identity = name;
            e.LeaseNamespace = @namespace;
            e.SetExitCodeOnLoss = false;
            election(e);
        });
        builder.Services.AddSingleton(recorder);
        builder.Services.AddSingleton(new HostName(name));
        builder.Services.AddSingleton(new RequeueEvery(requeueEvery));
        builder.Services.AddController<V1ConfigMap, RecordingReconciler>(c => c.Named("recording-" + name).WithWorkers(workers));
        return builder.Build();
    }

    public static RuntimeHost Runtime(this IHost host) => host.Services.GetRequiredService<RuntimeHost>();

    public static bool IsStopping(this IHost host) => host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
}
