using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Status;
using JujuOps.Providers;

namespace JujuOps.Operator.Models;

/// <summary>
/// What <c>juju show-model</c> would print, written into <c>status</c>: identity, placement, life and status,
/// config with sources, constraints and users. Status values keep their <c>since</c> while they stay the same.
/// </summary>
public sealed class ModelStatusBuilder(JujuModel model, TimeProvider time)
{
    public JujuModelStatus Status { get; } = StatusWriter.Copy(model.Status);

    public KStatus Summary => new(Status.Conditions ??= [], model.Metadata.Generation, time);

    /// <summary>The model as planned: identity and placement are known even before the cloud has answered.</summary>
    public ModelStatusBuilder Planned(ModelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var identity = plan.Specification.Identity;
        Status.Uuid = identity.ModelUuid;
        Status.ModelType = ModelTypeValue.Caas;
        Status.ProviderType = plan.Placement.Cloud.Type;
        Status.CloudRegion = plan.Placement.CloudRegion;
        Status.AgentVersion = plan.AgentVersion;
        Status.EffectiveConfig = plan.Config;
        // No constraints is no value: the test cluster's API server refuses "" in a custom resource.
        Status.EffectiveConstraints = plan.Constraints.IsEmpty ? null : plan.Constraints.ToString();
        Status.Credential = plan.Placement.Credential is { } credential
            ? new CredentialStatus { Name = credential.Name, Owner = plan.Specification.Owner, Cloud = plan.Placement.Cloud.Name, ValidityCheck = "valid" }
            : null;
        Status.Users = Users(plan.Specification);
        return this;
    }

    /// <summary>Juju's add-model result: alive and available; busy while the cloud still sets the namespace up.</summary>
    public ModelStatusBuilder Observed(ObservedModel observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        Status.Life = ModelLife.Alive;
        SetModelStatus(observed.IsActive ? ModelStatusValue.Available : ModelStatusValue.Busy, observed.IsActive ? null : $"namespace {observed.Location} is {observed.Phase}");
        Summary.With(JujuModelConditions.ConfigApplied, true, "ConfigApplied")
            .With(JujuModelConditions.ConstraintsApplied, true, "ConstraintsApplied", Status.EffectiveConstraints ?? "")
            .With(JujuModelConditions.AccessApplied, true, "AccessApplied")
            .With(JujuModelConditions.CredentialValid, true, "CredentialValid")
            .With(JujuModelConditions.ControllerReachable, true, "ControllerReachable");
        if (observed.IsActive)
            Summary.Ready("Available", $"model \"{ModelIdentities.ModelName(model)}\" is available on {Status.CloudRegion}");
        else
            Summary.Progressing("NamespaceNotActive", $"namespace {observed.Location} is {observed.Phase}");
        return this;
    }

    /// <summary>destroy-model under way: dying and destroying, with Juju's progress line.</summary>
    public ModelStatusBuilder Dying(TeardownProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        Status.Life = ModelLife.Dying;
        SetModelStatus(ModelStatusValue.Destroying, progress.Message);
        Summary.With(JujuModelConditions.Deleting, true, progress.State == TeardownState.Refused ? "DestroyRefused" : "Destroying", progress.Message);
        if (progress.State == TeardownState.Refused)
            Summary.Stalled("DestroyRefused", progress.Message);
        else
            Summary.Progressing("Destroying", progress.Message);
        return this;
    }

    /// <summary>The model cannot be made or changed as declared: Juju's message in Stalled and in the broken condition.</summary>
    public ModelStatusBuilder Refused(string condition, string reason, string message)
    {
        Summary.With(condition, false, reason, message).Stalled(reason, message);
        return this;
    }

    private void SetModelStatus(string current, string? message)
    {
        var previous = Status.ModelStatus;
        var since = previous?.Current == current ? previous.Since : time.GetUtcNow().UtcDateTime.AddTicks(-(time.GetUtcNow().UtcDateTime.Ticks % TimeSpan.TicksPerSecond));
        Status.ModelStatus = new JujuStatus { Current = current, Message = message, Since = since };
    }

    private static List<ModelUser> Users(ModelSpecification specification) =>
    [
        .. specification.Users
            .Append(new ModelUserAccess(specification.Owner, Providers.ModelAccessLevel.Admin))
            .GroupBy(u => u.User, StringComparer.Ordinal)
            .Select(g => new ModelUser { Name = g.Key, Access = g.Max(u => u.Level).ToString().ToLowerInvariant() })
            .OrderBy(u => u.Name, StringComparer.Ordinal),
    ];
}
