using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Status;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace JujuOps.Operator.Tests.Status;

public class StatusConditionsTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void First_reconcile_writes_all_three_kstatus_conditions_with_the_generation()
    {
        var conditions = new List<Condition>();
        new KStatus(conditions, 3, time).Progressing("Creating", "creating model \"m\"");

        Assert.Equal(["Ready", "Reconciling", "Stalled"], conditions.Select(c => c.Type));
        Assert.All(conditions, c => Assert.Equal(3, c.ObservedGeneration));
        Assert.Equal(["False", "True", "False"], conditions.Select(c => c.Status));
    }

    [Fact]
    public void Transition_time_moves_only_when_the_status_changes()
    {
        var conditions = new List<Condition>();
        var summary = new KStatus(conditions, 1, time);
        summary.Progressing("Creating", "one");
        var created = StatusConditions.Find(conditions, "Ready")!.LastTransitionTime;

        time.Advance(TimeSpan.FromMinutes(1));
        summary.Stalled("Invalid", "another message");
        Assert.Equal(created, StatusConditions.Find(conditions, "Ready")!.LastTransitionTime);
        Assert.Equal("another message", StatusConditions.Find(conditions, "Ready")!.Message);

        time.Advance(TimeSpan.FromMinutes(1));
        summary.Ready("Available", "ok");
        Assert.Equal(created.AddMinutes(2), StatusConditions.Find(conditions, "Ready")!.LastTransitionTime);
    }

    [Fact]
    public void Stalled_carries_the_message_and_Ready_repeats_it()
    {
        var conditions = new List<Condition>();
        new KStatus(conditions, 1, time).Stalled("InvalidConfig", "bad value");

        Assert.True(StatusConditions.IsTrue(conditions, "Stalled"));
        Assert.Equal("bad value", StatusConditions.Find(conditions, "Stalled")!.Message);
        Assert.Equal("bad value", StatusConditions.Find(conditions, "Ready")!.Message);
        Assert.False(StatusConditions.IsTrue(conditions, "Reconciling"));
    }

    [Fact]
    public void Conditions_serialize_with_string_messages()
    {
        var status = new JujuModelStatus { Conditions = [] };
        new KStatus(status.Conditions, 1, time).Ready("Available", "");

        var json = KubernetesJson.Serialize(status);

        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }
}
