using JujuOps.Cli.Status;

namespace JujuOps.Cli.Tests.Status;

public sealed class StatusViewTests
{
    [Fact]
    public void Renders_the_how_to_model_line_and_the_empty_model_sentence()
    {
        var model = HowToModels.Model("test");
        var now = new DateTimeOffset(2026, 12, 1, 16, 7, 52, TimeSpan.FromHours(1));

        Assert.Equal("""
            Model  Controller           Cloud/Region         Version  SLA          Timestamp
            test   localhost-localhost  localhost/localhost  3.1.0    unsupported  16:07:52+01:00

            Model "admin/test" is empty.

            """.ReplaceLineEndings("\n"), StatusView.Tabular(model, "localhost-localhost", now));
    }

    [Fact]
    public void The_status_message_becomes_the_notes_column_cut_at_120_characters()
    {
        var model = HowToModels.Model("test");
        model.Status!.ModelStatus!.Message = new string('x', 130);

        var notes = StatusView.Notes(model);

        Assert.Equal(120, notes.Length);
        Assert.EndsWith("...", notes, StringComparison.Ordinal);
        Assert.Contains("  Notes\n", StatusView.Tabular(model, "c", new DateTimeOffset(HowToModels.Now)), StringComparison.Ordinal);
        Assert.Equal("05:22:22Z", Cli.Formatting.FriendlyTime.TimeOfDay(new DateTimeOffset(2026, 1, 1, 5, 22, 22, TimeSpan.Zero)));
    }

    [Fact]
    public void Without_a_status_message_the_notes_tell_of_a_newer_agent()
    {
        var model = HowToModels.Model("test");
        model.Status!.ModelStatus!.Message = null;
        model.Status.UpgradeAvailable = "3.1.2";

        Assert.Equal("upgrade available: 3.1.2", StatusView.Notes(model));
        model.Status.ModelStatus.Message = "migrating: starting";
        Assert.Equal("migrating: starting", StatusView.Notes(model));
    }
}
