using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain.Access;
using JujuOps.Operator.Status;
using JujuOps.Providers;
using JujuOps.Providers.Kubernetes.Applications;

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

    /// <summary>
    /// The model is available but its applications have not settled (units missing, not active, or a rollout under
    /// way): worth another look soon, since a remote cloud's pods are not watched.
    /// </summary>
    public bool Settling { get; private set; }

    /// <summary>An upgrade-model is under way: worth another look soon, when the agents have moved to the new version.</summary>
    public bool Upgrading { get; private set; }

    /// <summary>The version an upgrade started towards in this reconcile, for its Event; null otherwise.</summary>
    public string? UpgradeStarted { get; private set; }

    /// <summary>The version an upgrade finished at in this reconcile, for its Event; null otherwise.</summary>
    public string? Upgraded { get; private set; }

    private ModelPlan? plan;

    /// <summary>The model as planned: identity and placement are known even before the cloud has answered.</summary>
    public ModelStatusBuilder Planned(ModelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        this.plan = plan;
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
        var declared = plan?.Specification.Applications ?? [];
        Status.Applications = observed.Applications.Count == 0 ? null : [.. observed.Applications.Select(a => Application(a, declared.FirstOrDefault(d => d.Name == a.Name)))];
        Status.Relations = Relations(report.Resource.Spec.Relations, observed.Applications);
        var unsettled = Unsettled(observed.Applications, declared);
        var upgrading = UpgradeStep(observed);
        if (observed.Refused is { } refused)
        {
            // The cloud refused part of the model (a machine over the budget): said once, in the cloud's words, and
            // not tried again until something changes (no retry storm against the cloud).
            report.Stall("MachineRefused", refused);
        }
        else if (!observed.IsAvailable)
            Summary.Progressing("Busy", observed.Busy!);
        else if (upgrading is not null)
            Summary.Progressing("Upgrading", upgrading);
        else if (unsettled is { Failed: true })
        {
            // A unit in error (an image that cannot be pulled, a workload that keeps crashing) does not heal by
            // waiting: kstatus's Stalled, as a Deployment past its progress deadline. Juju keeps the model available.
            Settling = true;
            report.Stall("ApplicationError", unsettled.Value.Why);
        }
        else if (unsettled is { } settling)
        {
            // Juju calls the model available while its applications settle; Kubernetes' Ready means converged, so
            // Ready waits for every unit to be active and Reconciling says which application is not there yet.
            Settling = true;
            Summary.Progressing("ApplicationsSettling", settling.Why);
        }
        else
            Summary.Ready("Available", $"model \"{ModelIdentities.ModelName(report.Resource)}\" is available on {Status.CloudRegion}");
        return this;
    }

    /// <summary>
    /// One step of an upgrade-model: the reconcile that wrote the new agent-version shows the model <c>busy</c> with
    /// Upgrading True; a later one, with the cloud in line, has the agents on the new version (<c>status.agentVersion</c>
    /// follows, Upgrading False). The message while upgrading; null when no upgrade is under way.
    /// </summary>
    private string? UpgradeStep(ObservedModel observed)
    {
        if (plan?.UpgradeTarget is not { } target)
        {
            // A finished or refused upgrade that is no longer asked for: the agents run what status says.
            if (StatusConditions.Find(Status.Conditions, JujuModelConditions.Upgrading) is not null)
                Summary.With(JujuModelConditions.Upgrading, false, "Upgraded", $"agents run {Status.AgentVersion}");
            return null;
        }

        var started = report.Stored?.EffectiveConfig?.FirstOrDefault(e => e.Key == "agent-version")?.Value == target;
        if (started && observed.IsAvailable)
        {
            Status.AgentVersion = target;
            Upgraded = target;
            Summary.With(JujuModelConditions.Upgrading, false, "Upgraded", $"agents run {target}");
            return null;
        }

        var message = $"upgrading agents from {plan.AgentVersion} to {target}";
        Upgrading = true;
        UpgradeStarted = started ? null : target;
        SetModelStatus(ModelStatusValue.Busy, message);
        Summary.With(JujuModelConditions.Upgrading, true, "Upgrading", message);
        return message;
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

    /// <summary>
    /// The first application that has not converged, and why; null when all have: as many units as declared, each
    /// active, and the current spec rolled out. <c>Failed</c> for an application in error or blocked.
    /// </summary>
    private static (bool Failed, string Why)? Unsettled(IReadOnlyList<ObservedApplication> observed, IReadOnlyList<ApplicationSpecification> declared)
    {
        foreach (var application in observed)
        {
            var wanted = declared.FirstOrDefault(d => d.Name == application.Name)?.Units ?? application.Scale;
            if (application.Status is UnitStatuses.Error or UnitStatuses.Blocked)
                return (true, $"application \"{application.Name}\" is {application.Status}: {application.Message}");
            var active = application.Units.Count(u => u.WorkloadStatus == UnitStatuses.Active);
            if (application.Units.Count != wanted || active != wanted || !application.UpToDate)
            {
                var detail = application.UpToDate ? application.Message ?? application.Status : "rolling out its spec";
                return (false, $"application \"{application.Name}\": {active} of {wanted} units active ({detail})");
            }
        }

        return null;
    }

    /// <summary>An application as juju status shows it; statuses keep their since while they stay the same.</summary>
    private ApplicationStatus Application(ObservedApplication application, ApplicationSpecification? declared)
    {
        var previous = report.Stored?.Applications?.FirstOrDefault(a => a.Name == application.Name);
        return new ApplicationStatus
        {
            Name = application.Name,
            Charm = declared?.Charm,
            Channel = declared?.Channel,
            Revision = declared?.Revision,
            Status = Since(previous?.Status, application.Status, application.Message),
            Scale = declared?.Units ?? application.Scale,
            Exposed = declared?.Expose ?? false,
            Units = application.Units.Count == 0 ? null : [.. application.Units.Select(unit => Unit(unit, previous?.Units?.FirstOrDefault(u => u.Name == unit.Name)))],
        };
    }

    private UnitStatus Unit(ObservedUnit unit, UnitStatus? previous) => new()
    {
        Name = unit.Name,
        WorkloadStatus = Since(previous?.WorkloadStatus, unit.WorkloadStatus, unit.Message),
        AgentStatus = Since(previous?.AgentStatus, unit.AgentStatus, null),
        Machine = unit.Machine,
        Address = unit.Address,
        // juju status marks the leader only; the others carry no leader field.
        Leader = unit.Leader ? true : null,
    };

    /// <summary>
    /// The declared relations as juju status lists them. JujuOps has no charm metadata, so the interface is the
    /// endpoint name (the first endpoint's when they differ, or the other's when one names none), and a relation of an
    /// application with itself is a peer relation with one endpoint. Ids are Juju's: kept for a relation once given,
    /// new ones numbered after the highest. A relation is <c>joined</c> when each side has an active unit, else
    /// <c>joining</c>, or <c>broken</c> when a side names an application the model does not have.
    /// </summary>
    private List<RelationStatus>? Relations(List<List<string>>? declared, IReadOnlyList<ObservedApplication> applications)
    {
        if (declared is not { Count: > 0 })
            return null;
        var previous = report.Stored?.Relations ?? [];
        var nextId = previous.Count == 0 ? 0 : previous.Max(r => r.Id) + 1;
        var relations = new List<RelationStatus>();
        foreach (var pair in declared.Where(p => p.Count == 2))
        {
            var ends = pair.Select(Endpoint).ToList();
            var peer = ends[0].Application == ends[1].Application;
            List<string> endpoints = peer ? [pair[0]] : [.. pair];
            var id = previous.FirstOrDefault(r => r.Endpoints is { } e && e.SequenceEqual(endpoints))?.Id
                ?? relations.FirstOrDefault(r => r.Endpoints!.SequenceEqual(endpoints))?.Id;
            if (id is not null && relations.Any(r => r.Id == id))
                continue;
            var missing = ends.Select(e => e.Application).FirstOrDefault(name => applications.All(a => a.Name != name));
            var joined = missing is null && ends.All(e => applications.First(a => a.Name == e.Application).Units.Any(u => u.WorkloadStatus == UnitStatuses.Active));
            var old = previous.FirstOrDefault(r => r.Id == id);
            relations.Add(new RelationStatus
            {
                Id = id ?? nextId++,
                Endpoints = endpoints,
                Interface = ends[0].Endpoint ?? ends[1].Endpoint,
                Type = peer ? RelationType.Peer : RelationType.Regular,
                Status = missing is not null
                    ? Since(old?.Status, "broken", $"application \"{missing}\" is not in the model")
                    : Since(old?.Status, joined ? "joined" : "joining", null),
            });
        }

        return relations.Count == 0 ? null : relations;
    }

    private static (string Application, string? Endpoint) Endpoint(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..]);
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
