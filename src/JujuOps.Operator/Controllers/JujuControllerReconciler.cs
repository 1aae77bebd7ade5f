using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain;
using JujuOps.Operator.Clouds;
using JujuOps.Operator.Hosting;
using JujuOps.Operator.Models;
using JujuOps.Operator.Status;
using JujuOps.Providers;
using JujuOps.Providers.Kubernetes;
using JujuOps.Runtime.Cache;
using JujuOps.Runtime.Client;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Events;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Controllers;

/// <summary>
/// A JujuController is a controller declared instead of bootstrapped: validate the spec (names, users, controller
/// config), check each cloud (credential Secrets; a Kubernetes cloud must answer), keep the controller's own
/// <c>controller</c> model on its first Kubernetes cloud, and count the models it hosts. Deleting it is
/// destroy-controller: refused while it hosts models, then the controller model goes.
/// </summary>
public sealed class JujuControllerReconciler(
    IResourceCache<JujuController> controllers,
    IResourceCache<JujuModel> models,
    ResourceClient<JujuController> client,
    CloudConnections clouds,
    LxdConnections lxdClouds,
    IModelProviders providers,
    IEventRecorder events,
    IOptions<OperatorOptions> options,
    TimeProvider time,
    ILogger<JujuControllerReconciler> logger) : IReconciler<JujuController>
{
    public const string Finalizer = "jujuops.io/destroy-controller";

    private static readonly TimeSpan UnreachableRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long destroy-controller keeps trying a cloud that fails its controller model's teardown.</summary>
    private static readonly TimeSpan ControllerModelGiveUp = TimeSpan.FromSeconds(30);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var controller = controllers.Get(request.Key);
        if (controller is null)
            return ReconcileResult.Done;

        var report = new StatusReport<JujuController, JujuControllerStatus>(controller, client, events, logger, time);
        if (controller.Metadata.DeletionTimestamp is not null)
            return await DestroyAsync(report, cancellationToken).ConfigureAwait(false);
        return await report.RunAsync(() => AddOrUpdateAsync(report, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validate the spec, finalizer, check each cloud, keep the controller model, count the models.</summary>
    private async Task<ReconcileResult> AddOrUpdateAsync(StatusReport<JujuController, JujuControllerStatus> report, CancellationToken cancellationToken)
    {
        var name = ModelIdentities.ControllerName(report.Resource);
        try
        {
            ControllerSpecValidation.Validate(name, report.Resource.Spec);
        }
        catch (JujuValidationException e)
        {
            report.Stall("InvalidSpec", e.Message);
            return ReconcileResult.Done;
        }

        var controller = report.Resource = await client.AddFinalizerAsync(report.Resource, Finalizer, cancellationToken).ConfigureAwait(false);
        var checks = await CheckCloudsAsync(controller, cancellationToken).ConfigureAwait(false);
        var (controllerModel, refusal) = await EnsureControllerModelAsync(controller, checks, cancellationToken).ConfigureAwait(false);

        var status = report.Status;
        status.Uuid = controller.Uid();
        status.AgentVersion = controller.Spec.AgentVersion ?? options.Value.DefaultAgentVersion;
        status.CloudCount = controller.Spec.Clouds.Count;
        status.Clouds = [.. checks.Select(c => c.Status)];
        status.ModelCount = HostedModels(controller).Count + (controllerModel ? 1 : 0);
        var result = Summarise(report, checks, name);
        if (refusal is not null)
        {
            // Without its controller model the controller is not whole, and only a user can free the namespace.
            report.Stall("ControllerModelRefused", refusal);
            result = ReconcileResult.Done;
        }

        if (!StatusConditions.IsTrue(report.Stored?.Conditions, ConditionTypes.Ready) && StatusConditions.IsTrue(status.Conditions, ConditionTypes.Ready))
            events.Record(controller, EventTypes.Normal, "ControllerReady", "Check", $"controller \"{name}\" manages {checks.Count} cloud(s)");
        return result;
    }

    /// <summary>Ready when every credential is there and every Kubernetes cloud answered; an unreachable cloud is retried.</summary>
    private static ReconcileResult Summarise(StatusReport<JujuController, JujuControllerStatus> report, IReadOnlyList<CloudCheck> checks, string name)
    {
        var summary = report.Summary;
        var badCredential = checks.FirstOrDefault(c => c.CredentialProblem is not null);
        var unreachable = checks.FirstOrDefault(c => c.Status.Reachable == false && c.CredentialProblem is null);
        summary.With(JujuControllerConditions.CredentialsValid, badCredential is null, badCredential?.CredentialReason ?? "CredentialsFound", badCredential?.CredentialProblem ?? "");
        var (reachableReason, reachableMessage) = (badCredential, unreachable) switch
        {
            ({ } bad, _) => (bad.CredentialReason, bad.CredentialProblem!),
            (_, { } cloud) => ("CloudUnreachable", cloud.Status.Message ?? ""),
            _ => ("CloudsReachable", string.Join("; ", checks.Select(c => c.Detail).OfType<string>())),
        };
        summary.With(JujuControllerConditions.CloudsReachable, badCredential is null && unreachable is null, reachableReason, reachableMessage);
        if (badCredential is not null)
        {
            report.Stall(badCredential.CredentialReason, badCredential.CredentialProblem!);
            return ReconcileResult.Done;
        }

        if (unreachable is not null)
        {
            summary.Progressing("CloudUnreachable", $"cloud \"{unreachable.Status.Name}\": {unreachable.Status.Message}");
            return ReconcileResult.RequeueAfter(UnreachableRetry);
        }

        summary.Ready("ControllerAvailable", $"controller \"{name}\" is available");
        return ReconcileResult.Done;
    }

    private async Task<List<CloudCheck>> CheckCloudsAsync(JujuController controller, CancellationToken cancellationToken)
    {
        var hosted = HostedModels(controller);
        var checks = new List<CloudCheck>();
        foreach (var cloud in controller.Spec.Clouds)
        {
            var credentialProblem = (cloud.Credentials ?? []).Select(clouds.CredentialProblem).FirstOrDefault(p => p is not null);
            var status = new CloudStatus
            {
                Name = cloud.Name,
                ModelCount = hosted.Count(m => (m.Spec.Cloud ?? (controller.Spec.Clouds.Count == 1 ? cloud.Name : null)) == cloud.Name),
            };
            if (cloud.Type == CloudType.Lxd)
            {
                checks.Add(await CheckLxdAsync(cloud, status, credentialProblem, cancellationToken).ConfigureAwait(false));
                continue;
            }

            if (cloud.Type != CloudType.Kubernetes)
            {
                status.Message = $"{cloud.Type} clouds are not checked yet";
                checks.Add(new CloudCheck(cloud, status, credentialProblem, credentialProblem is null ? "CredentialsFound" : "CredentialNotFound", null));
                continue;
            }

            var connection = clouds.Connect(cloud, cloud.Credentials?.FirstOrDefault());
            // No client means the credential itself was refused (a kubeconfig is read as data, nothing is contacted):
            // only a user can fix that, so it stalls like a missing credential instead of being retried.
            var (reason, credentialFault) = (credentialProblem, connection.Client) switch
            {
                ({ } missing, _) => ("CredentialNotFound", missing),
                (null, null) => ("InvalidCredential", connection.Problem),
                _ => ("CredentialsFound", null),
            };
            var problem = credentialFault ?? await ProbeAsync(connection, cancellationToken).ConfigureAwait(false);
            status.Reachable = problem is null;
            status.Message = problem;
            checks.Add(new CloudCheck(cloud, status, credentialFault, reason, problem is null ? cloud : null));
        }

        return checks;
    }

    /// <summary>
    /// An LXD cloud: <c>GET /1.0</c> answered by a trusting LXD of at least 5.0 (<see cref="LxdCloudProbe"/>); the
    /// check's detail says its version and whether it can run virtual machines.
    /// </summary>
    private async Task<CloudCheck> CheckLxdAsync(CloudSpec cloud, CloudStatus status, string? credentialProblem, CancellationToken cancellationToken)
    {
        if (credentialProblem is not null)
            return new CloudCheck(cloud, status, credentialProblem, "CredentialNotFound", null);
        var connection = lxdClouds.Connect(cloud, cloud.Credentials?.FirstOrDefault());
        if (connection.Client is null)
        {
            status.Reachable = false;
            status.Message = connection.Problem;
            return new CloudCheck(cloud, status, connection.Problem, "InvalidCredential", null);
        }

        var (server, problem) = await LxdCloudProbe.ProbeAsync(connection.Client, ProbeTimeout, cancellationToken).ConfigureAwait(false);
        status.Reachable = problem is null;
        status.Message = problem;
        return new CloudCheck(cloud, status, null, "CredentialsFound", null) { Detail = server is null ? null : $"cloud \"{cloud.Name}\": {server.Describe()}" };
    }

    /// <summary>One access review on the cluster: proves the credential is a user that may create namespaces (CloudProbe).</summary>
    private static Task<string?> ProbeAsync(CloudConnection connection, CancellationToken cancellationToken) =>
        CloudProbe.ProbeAsync(connection.Client!, ProbeTimeout, cancellationToken);

    /// <summary>
    /// The controller model lives on the first reachable Kubernetes cloud: whether it exists, and Juju's refusal when
    /// its namespace is someone else's.
    /// </summary>
    private async Task<(bool Exists, string? Refusal)> EnsureControllerModelAsync(JujuController controller, IReadOnlyList<CloudCheck> checks, CancellationToken cancellationToken)
    {
        var home = checks.FirstOrDefault(c => c.Reachable is not null);
        if (home is null)
            return (false, null);
        var provider = providers.Connect(home.Reachable!, home.Reachable!.Credentials?.FirstOrDefault()).Provider;
        if (provider is null)
            return (false, null);
        var specification = new ModelSpecification(ModelIdentities.ControllerModel(controller), "admin");
        try
        {
            var observed = await provider.EnsureModelAsync(specification, cancellationToken).ConfigureAwait(false);
            if (observed.Changes.Count == 0)
                return (true, null);
            // Ready at this generation means the controller model was complete: a change now is a hand edit put back.
            var drift = controller.Status?.ObservedGeneration == controller.Metadata.Generation
                && StatusConditions.IsTrue(controller.Status?.Conditions, ConditionTypes.Ready);
            if (drift)
                events.Record(controller, EventTypes.Warning, JujuModelReconciler.DriftCorrected, "CorrectDrift", "put back what was changed by hand: " + string.Join("; ", observed.Changes));
            else
                events.Record(controller, EventTypes.Normal, "ControllerModelReady", "AddModel", string.Join("; ", observed.Changes));
            return (true, null);
        }
        catch (ModelRefusedException e)
        {
            return (false, e.Message);
        }
    }

    /// <summary>
    /// destroy-controller: refused while it hosts models (each model's deletion wakes us through the JujuModel watch),
    /// then its controller model goes, then the finalizer.
    /// </summary>
    private async Task<ReconcileResult> DestroyAsync(StatusReport<JujuController, JujuControllerStatus> report, CancellationToken cancellationToken)
    {
        var controller = report.Resource;
        if (controller.Metadata.Finalizers?.Contains(Finalizer) != true)
            return ReconcileResult.Done;
        var hosted = HostedModels(controller);
        var unreadable = UnreadableModels();
        if (hosted.Count > 0 || unreadable > 0)
        {
            // Juju's destroy-controller refusal.
            var message = $"cannot destroy controller \"{ModelIdentities.ControllerName(controller)}\": hosting {hosted.Count} other model(s)";
            if (unreadable > 0)
                message += $"; {unreadable} JujuModel object(s) cannot be read by the operator and may be this controller's (see its /readyz)";
            report.Summary.Progressing("HostingModels", message);
            report.Status.ModelCount = hosted.Count + 1;
            await report.WriteAsync(cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var home = controller.Spec.Clouds.FirstOrDefault(c => c.Type == CloudType.Kubernetes);
        if (home is not null && providers.Connect(home, home.Credentials?.FirstOrDefault()).Provider is { } provider)
        {
            var teardown = new ModelTeardown(ModelIdentities.ControllerModel(controller), DateTimeOffset.UtcNow) { Storage = Domain.DestroyModel.StorageDisposal.Destroy, Force = true, Timeout = TimeSpan.Zero };
            TeardownProgress progress;
            try
            {
                progress = await provider.DestroyModelAsync(teardown, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && !ApiErrors.IsConflict(e))
            {
                // The cloud refuses or does not answer (a revoked credential, a closed port). Say so, in our words,
                // and retry; past the bound, let go: no single object may hold the operator's finalizer for ever.
                var problem = CloudProbe.Explain(e);
                var leftBehind = $"namespace {ModelNamespace.NameFor(teardown.Identity)} on cloud \"{home.Name}\" may be left behind";
                if (DyingFor(controller) >= ControllerModelGiveUp)
                {
                    events.Record(controller, EventTypes.Warning, "DestroyAbandoned", "Destroy",
                        $"gave up destroying the controller model after {ControllerModelGiveUp.TotalSeconds:0} s ({problem}); {leftBehind}");
                    await client.RemoveFinalizerAsync(controller, Finalizer, cancellationToken).ConfigureAwait(false);
                    return ReconcileResult.Done;
                }

                report.Summary.Progressing("Destroying", $"cannot destroy the controller model: {problem}; giving up after {ControllerModelGiveUp.TotalSeconds:0} s and then {leftBehind}");
                await report.WriteAsync(cancellationToken).ConfigureAwait(false);
                return ReconcileResult.RequeueAfter(JujuModelReconciler.UnreachablePollInterval);
            }

            if (progress.State != TeardownState.Done)
                return ReconcileResult.RequeueAfter(JujuModelReconciler.DestroyPollInterval);
        }

        events.Record(controller, EventTypes.Normal, "ControllerDestroyed", "Destroy", "the controller model is destroyed");
        await client.RemoveFinalizerAsync(controller, Finalizer, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>The controller's models, as the cache holds them (the runtime never re-caches a model whose deletion finished).</summary>
    private List<JujuModel> HostedModels(JujuController controller) =>
        [.. models.List().Where(m => m.Spec.Controller == controller.Name())];

    private TimeSpan DyingFor(JujuController controller) =>
        time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(controller.Metadata.DeletionTimestamp!.Value, DateTimeKind.Utc));

    /// <summary>
    /// JujuModels the operator cannot read (see the runtime's undecodable objects): any of them may be this
    /// controller's, so destroy-controller waits for them rather than destroy a controller model they might need.
    /// </summary>
    private int UnreadableModels() => models.Undecodable.Count;

    /// <summary>One cloud's check; <see cref="Reachable"/> is the cloud when it answered with its credential.</summary>
    private sealed record CloudCheck(CloudSpec Cloud, CloudStatus Status, string? CredentialProblem, string CredentialReason, CloudSpec? Reachable)
    {
        /// <summary>What the check learnt of a reachable cloud, for the CloudsReachable message (LXD: version, virtual machines).</summary>
        public string? Detail { get; init; }
    }
}
