using Spectre.Console;
using Vigil.Runs;

namespace Vigil.Cli;

/// <summary>
/// Shows a run to its user: a progress bar with tiles/s and time left on a terminal, plain log lines when the output is
/// redirected (scheduled jobs).
/// </summary>
public static class ConsoleReport
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="work"/> while showing its progress.</summary>
    public static async Task<T> WithProgressAsync<T>(string title, Func<Action<RunProgress>, Task<T>> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var last = TimeSpan.Zero;
            return await work(p =>
            {
                if (p.Elapsed - last < LogInterval)
                {
                    return;
                }

                last = p.Elapsed;
                Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {title}: {Describe(p)}");
            }).ConfigureAwait(false);
        }

        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: 1);
                result = await work(p =>
                {
                    task.MaxValue = Math.Max(p.TilesExpected, p.TilesDone);
                    task.Value = p.TilesDone;
                    task.Description = $"{title} {p.TilesPerSecond:F1} tiles/s";
                }).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    private static string Describe(RunProgress p) =>
        $"{p.TilesDone}/{p.TilesExpected} tiles, {p.TilesPerSecond:F1} tiles/s" +
        (p.Remaining is { } left ? $", {left:hh\\:mm\\:ss} left" : "");
}
