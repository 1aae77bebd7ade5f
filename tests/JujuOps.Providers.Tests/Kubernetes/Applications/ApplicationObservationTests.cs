using JujuOps.Domain.Constraints;
using JujuOps.Providers.Kubernetes.Applications;

namespace JujuOps.Providers.Tests.Kubernetes.Applications;

public class ApplicationObservationTests
{
    private static readonly ApplicationSpecification Web = new("web", "web", 2, Constraints.Empty)
    {
        Resources = new Dictionary<string, string> { ["web-image"] = "pause:local" },
    };

    [Fact]
    public void Units_in_ordinal_order_with_the_lowest_running_one_leading()
    {
        var pods = new[]
        {
            UnitStatusesTests.Pod("Running", UnitStatusesTests.Running(ready: true), name: "web-1"),
            UnitStatusesTests.Pod("Pending", name: "web-0"),
            UnitStatusesTests.Pod("Running", UnitStatusesTests.Running(ready: true), name: "other-0"),
        };

        var observed = ApplicationObservation.For(Web, set: null, pods);

        Assert.Equal(["web/0", "web/1"], observed.Units.Select(u => u.Name));
        Assert.Equal([false, true], observed.Units.Select(u => u.Leader));
        Assert.Equal(("waiting", "waiting for container", 2), (observed.Status, observed.Message, observed.Scale));
        Assert.False(observed.UpToDate);
    }

    [Fact]
    public void The_most_severe_unit_status_is_the_application_s()
    {
        ObservedUnit[] units = [new("web/0", "active", "idle", null), new("web/1", "error", "idle", "CrashLoopBackOff"), new("web/2", "waiting", "allocating", "ContainerCreating")];

        Assert.Equal(("error", "CrashLoopBackOff"), ApplicationObservation.Derive(units, 3));
    }

    [Theory]
    [InlineData(0, "unknown", null)]
    [InlineData(2, "waiting", "waiting for units")]
    public void An_application_without_units(int wanted, string status, string? message) =>
        Assert.Equal((status, message), ApplicationObservation.Derive([], wanted));

    [Fact]
    public void Active_units_short_of_the_scale_are_still_waiting() =>
        Assert.Equal(("waiting", "scaling to 3 units (1 now)"), ApplicationObservation.Derive([new("web/0", "active", "idle", null)], 3));

    [Fact]
    public void An_application_without_an_image_is_blocked_and_says_why()
    {
        var observed = ApplicationObservation.For(Web with { Resources = new Dictionary<string, string> { ["web-image"] = "12" } }, null, []);

        Assert.Equal(("blocked", "no workload image: give a resource as an OCI image reference (no charm store is reachable)"), (observed.Status, observed.Message));
        Assert.Empty(observed.Units);
    }

    [Fact]
    public void An_application_scaled_to_zero_needs_no_image_and_is_settled()
    {
        var observed = ApplicationObservation.For(Web with { Units = 0, Resources = new Dictionary<string, string>() }, null, []);

        Assert.Equal(("unknown", null, true), (observed.Status, observed.Message, observed.UpToDate));
    }
}
