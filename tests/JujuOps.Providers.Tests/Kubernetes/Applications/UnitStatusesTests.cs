using JujuOps.Providers.Kubernetes.Applications;
using k8s.Models;

namespace JujuOps.Providers.Tests.Kubernetes.Applications;

public class UnitStatusesTests
{
    [Fact]
    public void A_running_ready_pod_is_an_active_idle_unit_at_the_pod_IP()
    {
        var unit = UnitStatuses.For("web", 1, Pod("Running", Running(ready: true), ip: "10.1.2.3"));

        Assert.Equal(new ObservedUnit("web/1", "active", "idle", null) { Address = "10.1.2.3" }, unit);
    }

    [Fact]
    public void A_running_pod_not_yet_ready_is_in_maintenance()
    {
        var unit = UnitStatuses.For("web", 0, Pod("Running", Running(ready: false)));

        Assert.Equal(("maintenance", "idle", "workload not ready"), (unit.WorkloadStatus, unit.AgentStatus, unit.Message));
    }

    [Fact]
    public void An_unscheduled_pod_waits_for_a_node_with_the_scheduler_s_words()
    {
        var pod = Pod("Pending");
        pod.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "0/1 nodes are available: 1 node(s) didn't match node selector." }];

        var unit = UnitStatuses.For("web", 0, pod);

        Assert.Equal(("waiting", "allocating", "Unschedulable: 0/1 nodes are available: 1 node(s) didn't match node selector."),
            (unit.WorkloadStatus, unit.AgentStatus, unit.Message));
    }

    [Fact]
    public void A_container_being_created_is_waiting_with_its_reason()
    {
        var unit = UnitStatuses.For("web", 0, Pod("Pending", Waiting("ContainerCreating")));

        Assert.Equal(("waiting", "allocating", "ContainerCreating"), (unit.WorkloadStatus, unit.AgentStatus, unit.Message));
    }

    [Fact]
    public void A_pod_nobody_has_looked_at_yet_waits_for_its_container()
    {
        var unit = UnitStatuses.For("web", 0, new V1Pod { Metadata = new V1ObjectMeta { Name = "web-0" } });

        Assert.Equal(("waiting", "allocating", "waiting for container"), (unit.WorkloadStatus, unit.AgentStatus, unit.Message));
    }

    [Theory]
    [InlineData("ImagePullBackOff", "Back-off pulling image \"nope:1\"", "allocating")]
    [InlineData("ErrImageNeverPull", "Container image \"nope:1\" is not present with pull policy of Never", "allocating")]
    public void An_image_that_cannot_be_had_is_an_error_with_the_reason(string reason, string message, string agent)
    {
        var unit = UnitStatuses.For("web", 0, Pod("Pending", Waiting(reason, message)));

        Assert.Equal(("error", agent, $"{reason}: {message}"), (unit.WorkloadStatus, unit.AgentStatus, unit.Message));
    }

    [Fact]
    public void A_crash_looping_workload_is_an_error_and_its_agent_has_run()
    {
        var container = Waiting("CrashLoopBackOff", "back-off 10s restarting failed container");
        container.RestartCount = 3;
        container.LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error" } };

        var unit = UnitStatuses.For("web", 0, Pod("Running", container));

        Assert.Equal(("error", "idle", "CrashLoopBackOff: back-off 10s restarting failed container"), (unit.WorkloadStatus, unit.AgentStatus, unit.Message));
    }

    [Fact]
    public void A_failed_pod_is_an_error_with_the_pod_s_reason()
    {
        var pod = Pod("Failed");
        pod.Status.Reason = "Evicted";
        pod.Status.Message = "The node was low on resource: memory.";

        var unit = UnitStatuses.For("web", 0, pod);

        Assert.Equal(("error", "Evicted: The node was low on resource: memory."), (unit.WorkloadStatus, unit.Message));
    }

    [Fact]
    public void A_pod_being_deleted_is_terminated()
    {
        var pod = Pod("Running", Running(ready: true));
        pod.Metadata.DeletionTimestamp = DateTime.UtcNow;

        var unit = UnitStatuses.For("web", 2, pod);

        Assert.Equal(("terminated", "unit stopped by the cloud"), (unit.WorkloadStatus, unit.Message));
        Assert.False(UnitStatuses.IsRunning(pod));
    }

    [Fact]
    public void A_pod_its_node_no_longer_reports_has_a_lost_agent()
    {
        var pod = Pod("Running", Running(ready: true));
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "Unknown" }];

        Assert.Equal("lost", UnitStatuses.For("web", 0, pod).AgentStatus);
    }

    [Theory]
    [InlineData("web-0", 0)]
    [InlineData("web-12", 12)]
    [InlineData("web-db-3", null)]
    [InlineData("web-", null)]
    [InlineData("webx-1", null)]
    [InlineData("web-1a", null)]
    public void The_unit_number_is_the_StatefulSet_ordinal(string pod, int? ordinal) => Assert.Equal(ordinal, UnitStatuses.Ordinal("web", pod));

    internal static V1Pod Pod(string phase, V1ContainerStatus? container = null, string? ip = null, string name = "web-0") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [ApplicationStatefulSet.NameLabel] = name[..name.LastIndexOf('-')] } },
        Status = new V1PodStatus { Phase = phase, PodIP = ip, ContainerStatuses = container is null ? null : [container] },
    };

    internal static V1ContainerStatus Running(bool ready) => new()
    {
        Name = "main",
        Ready = ready,
        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = DateTime.UtcNow } },
    };

    private static V1ContainerStatus Waiting(string reason, string? message = null) => new()
    {
        Name = "main",
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } },
    };
}
