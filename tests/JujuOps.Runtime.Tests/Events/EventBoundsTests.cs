using System.Text;
using JujuOps.Runtime.Events;

namespace JujuOps.Runtime.Tests.Events;

/// <summary>An Event about any object can be written: its name and note stay within what the API server accepts.</summary>
public class EventBoundsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5)]
    [InlineData(237)]
    [InlineData(253)]
    public void Event_names_stay_within_253_characters_and_keep_the_object_name_as_far_as_it_fits(int length)
    {
        var objectName = new string('a', length - 1) + "z";

        var name = EventRecorder.EventName(objectName, Now);

        Assert.True(name.Length <= 253, name);
        Assert.StartsWith(objectName[..Math.Min(length, 200)], name, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", name);
    }

    [Fact]
    public void A_cut_name_does_not_end_in_a_hyphen_before_the_suffix()
    {
        var name = EventRecorder.EventName(new string('a', 235) + "-" + new string('b', 17), Now);

        Assert.DoesNotContain("-.", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_are_cut_to_1024_bytes_on_a_character_boundary()
    {
        var note = string.Concat(Enumerable.Repeat("é😀", 600));

        var cut = EventRecorder.Note(note);

        Assert.True(Encoding.UTF8.GetByteCount(cut) <= 1024);
        Assert.EndsWith("...", cut, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(cut[^4]));
        Assert.Equal("short", EventRecorder.Note("short"));
    }
}
