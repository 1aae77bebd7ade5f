using JujuOps.Runtime.Conditions;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace JujuOps.Runtime.Tests.Conditions;

public sealed class ConditionSetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<V1Condition> _conditions = [];

    [Fact]
    public void Setting_the_same_status_again_keeps_the_transition_time_but_updates_reason_and_message()
    {
        ConditionSet.Set(_conditions, "Ready", ConditionSet.False, "Creating", "creating", 1, _time);
        var first = _conditions[0].LastTransitionTime;

        _time.Advance(TimeSpan.FromMinutes(5));
        var changed = ConditionSet.Set(_conditions, "Ready", ConditionSet.False, "Waiting", "waiting for pods", 2, _time);

        Assert.True(changed);
        var condition = Assert.Single(_conditions);
        Assert.Equal(first, condition.LastTransitionTime);
        Assert.Equal("Waiting", condition.Reason);
        Assert.Equal(2, condition.ObservedGeneration);
    }

    [Fact]
    public void A_status_change_moves_the_transition_time()
    {
        ConditionSet.Set(_conditions, "Ready", ConditionSet.False, "Creating", "", 1, _time);
        _time.Advance(TimeSpan.FromMinutes(5));

        ConditionSet.Set(_conditions, "Ready", ConditionSet.True, "Available", "", 1, _time);

        Assert.Equal(_time.GetUtcNow().UtcDateTime, _conditions[0].LastTransitionTime);
        Assert.True(ConditionSet.IsTrue(_conditions, "Ready"));
    }

    [Fact]
    public void Rewriting_an_identical_condition_reports_no_change()
    {
        ConditionSet.Set(_conditions, "Ready", ConditionSet.True, "Available", "ok", 3, _time);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.False(ConditionSet.Set(_conditions, "Ready", ConditionSet.True, "Available", "ok", 3, _time));
    }

    [Fact]
    public void Transition_times_are_whole_seconds_like_the_api_stores_them()
    {
        _time.Advance(TimeSpan.FromMilliseconds(1500));
        ConditionSet.Set(_conditions, "Ready", ConditionSet.True, "Available", "", null, _time);

        Assert.Equal(0, _conditions[0].LastTransitionTime.Millisecond);
    }

    [Fact]
    public void Remove_drops_only_that_type()
    {
        ConditionSet.Set(_conditions, "Ready", ConditionSet.True, "A", "", null, _time);
        ConditionSet.Set(_conditions, "Degraded", ConditionSet.False, "B", "", null, _time);

        Assert.True(ConditionSet.Remove(_conditions, "Ready"));
        Assert.False(ConditionSet.Remove(_conditions, "Ready"));
        Assert.Equal("Degraded", Assert.Single(_conditions).Type);
    }
}
