using System.Globalization;
using k8s.Models;

namespace JujuOps.Providers.Kubernetes.Applications;

/// <summary>
/// A unit's status from its pod, as <c>juju status</c> would show it if the workload itself reported. JujuOps runs no
/// charm agent, so the pod is the only witness: the workload status says what the containers are doing, the agent
/// status what the pod's lifecycle is doing (see the provider's README).
/// <list type="bullet">
/// <item>workload <c>active</c>: every container is running and ready;</item>
/// <item>workload <c>error</c>: a container cannot start or keeps failing (<c>CrashLoopBackOff</c>, <c>ImagePullBackOff</c>, ...),
/// or the pod failed; the message is Kubernetes' reason and text;</item>
/// <item>workload <c>maintenance</c>: the containers run but are not ready yet (or one is restarting);</item>
/// <item>workload <c>waiting</c>: the pod waits for a node or for its containers to be created, with the pod's reason;</item>
/// <item>workload <c>terminated</c>: the pod is being deleted, or its containers exited;</item>
/// <item>agent <c>allocating</c> until the containers have started once, <c>idle</c> afterwards, <c>lost</c> when the
/// node no longer reports the pod (phase or readiness <c>Unknown</c>).</item>
/// </list>
/// </summary>
public static class UnitStatuses
{
    public const string Active = "active";
    public const string Waiting = "waiting";
    public const string Maintenance = "maintenance";
    public const string Blocked = "blocked";
    public const string Error = "error";
    public const string Terminated = "terminated";
    public const string Unknown = "unknown";

    public const string Allocating = "allocating";
    public const string Idle = "idle";
    public const string Executing = "executing";
    public const string Lost = "lost";

    /// <summary>Container waiting reasons that will not go away by waiting: the unit is in error.</summary>
    private static readonly HashSet<string> ErrorReasons = new(StringComparer.Ordinal)
    {
        "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName",
        "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "PreStartHookError", "PostStartHookError",
    };

    /// <summary>The unit number of a StatefulSet pod <c>&lt;application&gt;-&lt;ordinal&gt;</c>, or null for any other pod.</summary>
    public static int? Ordinal(string application, string? podName)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (podName is null || podName.Length <= application.Length + 1 || !podName.StartsWith(application + "-", StringComparison.Ordinal))
            return null;
        return int.TryParse(podName.AsSpan(application.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : null;
    }

    /// <summary>The unit <c>&lt;application&gt;/&lt;ordinal&gt;</c> its pod stands for (leadership is the application's to decide).</summary>
    public static ObservedUnit For(string application, int ordinal, V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var (workload, message) = Workload(pod);
        return new ObservedUnit(string.Create(CultureInfo.InvariantCulture, $"{application}/{ordinal}"), workload, Agent(pod), message)
        {
            Address = string.IsNullOrEmpty(pod.Status?.PodIP) ? null : pod.Status.PodIP,
        };
    }

    /// <summary>A pod that runs and is not going away: it can lead.</summary>
    public static bool IsRunning(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Metadata?.DeletionTimestamp is null && pod.Status?.Phase == "Running";
    }

    private static (string Status, string? Message) Workload(V1Pod pod)
    {
        if (pod.Metadata?.DeletionTimestamp is not null)
            return (Terminated, "unit stopped by the cloud");
        var status = pod.Status;
        var phase = status?.Phase ?? "Pending";
        var containers = status?.ContainerStatuses ?? [];
        if (containers.FirstOrDefault(c => c.State?.Waiting?.Reason is { } reason && ErrorReasons.Contains(reason)) is { } failing)
            return (Error, Explain(failing.State.Waiting.Reason, failing.State.Waiting.Message));
        switch (phase)
        {
            case "Failed":
                return (Error, Explain(status?.Reason ?? "Failed", status?.Message));
            case "Succeeded":
                return (Terminated, "workload exited");
            case "Running" when containers.Count > 0 && containers.All(c => c.Ready && c.State?.Running is not null):
                return (Active, null);
            case "Running":
                var notReady = containers.FirstOrDefault(c => !c.Ready);
                var reason = notReady?.State?.Waiting?.Reason ?? notReady?.State?.Terminated?.Reason;
                return (Maintenance, reason is null ? "workload not ready" : Explain(reason, notReady?.State?.Waiting?.Message));
        }

        var scheduled = status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (scheduled is { Status: "False" })
            return (Waiting, Explain(scheduled.Reason ?? "Unschedulable", scheduled.Message));
        if (containers.FirstOrDefault(c => c.State?.Waiting?.Reason is not null) is { } creating)
            return (Waiting, Explain(creating.State.Waiting.Reason, creating.State.Waiting.Message));
        return (Waiting, phase == "Unknown" ? "the node does not report the pod" : "waiting for container");
    }

    private static string Agent(V1Pod pod)
    {
        var status = pod.Status;
        var ready = status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (status?.Phase == "Unknown" || ready?.Status == "Unknown")
            return Lost;
        var started = (status?.ContainerStatuses ?? []).Any(c =>
            c.State?.Running is not null || c.State?.Terminated is not null || c.LastState?.Terminated is not null || c.RestartCount > 0);
        return started ? Idle : Allocating;
    }

    private static string Explain(string reason, string? message) =>
        string.IsNullOrWhiteSpace(message) ? reason : $"{reason}: {message.Trim()}";
}
