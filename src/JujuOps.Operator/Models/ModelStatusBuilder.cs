using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Access;
using JujuOps.Operator.Status;
using JujuOps.Providers;

namespace JujuOps.Operator.Models;

/// <summary>
/// What <c>juju show-model</c> would print, computed into the reconcile's <see cref="StatusReport{T, TStatus}"/>:
/// identity, placement, life and Juju status, config with sources, constraints and users. Every state has a Juju
/// status, so <c>kubectl get jm</c> always shows one: <c>busy</c> while being created, <c>available</c>,
/// <c>error</c> when refused, <c>destroying</c>. Status values keep their <c>since</c> while they stay the same.
/// </summary>
public sealed class ModelStatusBuilder(StatusReport<JujuModel, JujuModelStatus> report, TimeProvider time)
{
    public StatusReport<JujuModel, JujuModelStatus> Report => report;

    public JujuModelStatus Status => report.Status;

    public KStatus Summary => report.Summary;

    /// <summary>The model was let go (its finalizer removed): nothing more is written.</summary>
    public bool Released { get; set; }

    /// <summary>The model as planned: identity and placement are known even before the cloud has answered.</summary>
    public ModelStatusBuilder Planned(ModelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var identity = plan.Specification.Identity;
        Status.Uuid = identity.ModelUuid;
        Status.ModelType = plan.Placement.Cloud.Type == Api.V1Alpha1.Controllers.CloudType.Kubernetes ? ModelTypeValue.Caas : ModelTypeValue.Iaas;
        Status.ProviderType = plan.Placement.Cloud.Type;
        Status.CloudRegion = plan.Placement.CloudRegion;
        Status.Controller = plan.Controller;
        Status.AgentVersion = plan.AgentVersion;
        Status.EffectiveConfig = plan.Config;
        // No constraints is no value: the test cluster's API server refuses "" in a custom resource.
        Status.EffectiveConstraints = plan.Constraints.IsEmpty ? null : plan.Constraints.ToString();
        Status.Credential = plan.Placement.Credential is { } credential
            ? new CredentialStatus { Name = credential.Name, Owner = plan.Specification.Owner, Cloud = plan.Placement.Cloud.Name, ValidityCheck = "valid" }
            : null;
        Status.Users = Users(plan.Specification);
        // juju disabled-commands: what is blocked, with the message a blocked command prints (the webhook enforces it).
        Status.DisabledCommands = report.Resource.Spec.DisabledCommands is { Count: > 0 } blocks
            ? [.. blocks.Select(b => new DisabledCommand { Command = b.Command, Message = string.IsNullOrEmpty(b.Message) ? null : b.Message })]
            : null;
        if (Status.Life is null)
        {
            // Until the cloud has answered, the model is being added: busy, as Juju shows a model mid-creation.
            SetModelStatus(ModelStatusValue.Busy, $"creating model \"{identity.Name}\"");
            Summary.Progressing("Creating", $"creating model \"{identity.Name}\"");
        }

        return this;
    }

    /// <summary>Juju's add-model result: alive and available; busy while the cloud still sets the model up.</summary>
    public ModelStatusBuilder Observed(ObservedModel observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        Status.Life = ModelLife.Alive;
        SetModelStatus(observed.IsAvailable ? ModelStatusValue.Available : ModelStatusValue.Busy, observed.Busy);
        Summary.With(JujuModelConditions.ConfigApplied, true, "ConfigApplied")
            .With(JujuModelConditions.ConstraintsApplied, true, "ConstraintsApplied", Status.EffectiveConstraints ?? "")
            .With(JujuModelConditions.AccessApplied, true, "AccessApplied")
            .With(JujuModelConditions.CredentialValid, true, "CredentialValid")
            .With(JujuModelConditions.ControllerReachable, true, "ControllerReachable");
        Status.Machines = observed.Machines.Count == 0 ? null : [.. observed.Machines.Select(Machine)];
        if (observed.Refused is { } refused)
        {
            // The cloud refused part of the model (a machine over the budget): said once, in the cloud's words, and
            // not tried again until something changes (no retry storm against the cloud).
            report.Stall("MachineRefused", refused);
        }
        else if (observed.IsAvailable)
            Summary.Ready("Available", $"model \"{ModelIdentities.ModelName(report.Resource)}\" is available on {Status.CloudRegion}");
        else
            Summary.Progressing("Busy", observed.Busy!);
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

    /// <summary>
    /// The model cannot be made or changed as declared: Juju's message in Stalled and in the broken condition, the
    /// Juju status <c>error</c>, and a Warning Event once per message.
    /// </summary>
    public ModelStatusBuilder Refused(string condition, string reason, string message)
    {
        Summary.With(condition, false, reason, message);
        report.Stall(reason, message);
        SetModelStatus(ModelStatusValue.Error, Runtime.Conditions.ConditionSet.Bound(message, 1024));
        return this;
    }

    private void SetModelStatus(string current, string? message) => Status.ModelStatus = Since(Status.ModelStatus, current, message);

    /// <summary>A machine as juju status shows it; its statuses keep their since while they stay the same.</summary>
    private MachineStatus Machine(ObservedMachine machine)
    {
        var previous = report.Stored?.Machines?.FirstOrDefault(m => m.Id == machine.Id);
        return new MachineStatus
        {
            Id = machine.Id,
            InstanceId = machine.InstanceId,
            AgentStatus = Since(previous?.AgentStatus, machine.Status, machine.Message),
            InstanceStatus = Since(previous?.InstanceStatus, machine.InstanceStatus, machine.Status == MachineStatuses.Error ? machine.Message : null),
            Base = machine.Base,
            Hardware = machine.Hardware,
            Cores = machine.Cores,
        };
    }

    private JujuStatus Since(JujuStatus? previous, string current, string? message)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var since = previous?.Current == current ? previous.Since : now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        return new JujuStatus { Current = current, Message = message, Since = since };
    }

    private static List<ModelUser> Users(ModelSpecification specification) =>
    [
        .. ModelUserAccess.Effective(specification.Owner, specification.Users)
            .Select(access => new ModelUser { Name = access.User, Access = access.Level.ToJujuString() }),
    ];
}
