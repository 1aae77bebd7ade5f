using k8s.Models;

namespace JujuOps.Providers.Kubernetes.Applications;

/// <summary>
/// An application's status from its StatefulSet and pods, as Juju derives an application's status from its units
/// when the charm sets none: the most severe unit workload status wins, with that unit's message.
/// </summary>
public static class ApplicationObservation
{
    /// <summary>Juju's severities (<c>core/status</c> <c>DeriveStatus</c>): the higher, the more an application shows it.</summary>
    private static readonly Dictionary<string, int> Severity = new(StringComparer.Ordinal)
    {
        [UnitStatuses.Error] = 100,
        [UnitStatuses.Blocked] = 90,
        [UnitStatuses.Maintenance] = 80,
        [UnitStatuses.Waiting] = 70,
        [UnitStatuses.Active] = 60,
        [UnitStatuses.Terminated] = 50,
        [UnitStatuses.Unknown] = 40,
    };

    /// <param name="application">The application as declared.</param>
    /// <param name="set">Its StatefulSet, or null when it has none (yet, or because it has no workload image).</param>
    /// <param name="pods">The pods of the model's namespace; those of other applications are ignored.</param>
    public static ObservedApplication For(ApplicationSpecification application, V1StatefulSet? set, IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(pods);
        // An application scaled to zero runs nothing, so it needs no image yet (and gets no StatefulSet without one).
        var missing = WorkloadImages.Missing(application.Resources);
        if (missing is not null && application.Units > 0)
            return new ObservedApplication(application.Name, UnitStatuses.Blocked, missing, 0);

        var own = pods
            .Where(pod => pod.Metadata?.Labels?.TryGetValue(ApplicationStatefulSet.NameLabel, out var name) == true && name == application.Name)
            .Select(pod => (Ordinal: UnitStatuses.Ordinal(application.Name, pod.Name()), Pod: pod))
            .Where(unit => unit.Ordinal is not null)
            .OrderBy(unit => unit.Ordinal)
            .ToList();
        var leader = own.FirstOrDefault(unit => UnitStatuses.IsRunning(unit.Pod)).Ordinal;
        List<ObservedUnit> units =
        [
            .. own.Select(unit => UnitStatuses.For(application.Name, unit.Ordinal!.Value, unit.Pod) with { Leader = unit.Ordinal == leader }),
        ];
        var (status, message) = Derive(units, application.Units);
        return new ObservedApplication(application.Name, status, message, units.Count)
        {
            Units = units,
            UpToDate = set is null ? missing is not null && application.Units == 0 : IsRolledOut(set, application.Units),
        };
    }

    /// <summary>The application status from its units, and while it scales, <c>waiting</c> with how far it got.</summary>
    public static (string Status, string? Message) Derive(IReadOnlyList<ObservedUnit> units, int wanted)
    {
        ArgumentNullException.ThrowIfNull(units);
        var worst = units.OrderByDescending(unit => Severity.GetValueOrDefault(unit.WorkloadStatus)).FirstOrDefault();
        if (worst is null)
            return wanted == 0 ? (UnitStatuses.Unknown, null) : (UnitStatuses.Waiting, "waiting for units");
        if (worst.WorkloadStatus == UnitStatuses.Active && units.Count != wanted)
            return (UnitStatuses.Waiting, $"scaling to {wanted} units ({units.Count} now)");
        return (worst.WorkloadStatus, worst.Message);
    }

    /// <summary>The StatefulSet controller has seen our last change and every pod runs its current template.</summary>
    public static bool IsRolledOut(V1StatefulSet set, int wanted)
    {
        ArgumentNullException.ThrowIfNull(set);
        var status = set.Status;
        return status is not null
            && status.ObservedGeneration >= set.Metadata?.Generation
            && status.Replicas == wanted
            && (status.UpdateRevision is null || status.CurrentRevision == status.UpdateRevision);
    }
}
