using JujuOps.Cli.Status;

namespace JujuOps.Cli.Tests.Status;

public sealed class StatusWatchTests
{
    [Fact]
    public async Task Each_frame_is_rendered_afresh_until_interrupted_and_a_terminal_gets_a_cleared_screen()
    {
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var frames = 0;

        await StatusWatch.RunAsync(_ =>
        {
            if (++frames == 3)
                stop.Cancel();
            return Task.FromResult($"frame {frames}\n");
        }, StatusWatch.Minimum, output, terminal: true, stop.Token);

        Assert.Equal(3, frames);
        Assert.Equal("\u001b[H\u001b[2Jframe 1\n\u001b[H\u001b[2Jframe 2\n\u001b[H\u001b[2Jframe 3\n", output.ToString());
    }

    [Theory]
    [InlineData("2s", null)]
    [InlineData("50ms", "--watch 50ms: the interval must be at least 100ms")]
    [InlineData("soon", "--watch: time: invalid duration \"soon\"")]
    public void The_interval_is_a_Go_duration_of_at_least_100ms(string text, string? problem) =>
        Assert.Equal(problem, StatusCommand.WatchInterval(text));
}
