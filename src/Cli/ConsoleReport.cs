using System.Globalization;
using Spectre.Console;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Language;
using Vigil.Runs;
using Vigil.Runs.Flights;
using Vigil.Runs.Video;

namespace Vigil.Cli;

/// <summary>
/// Shows a run to its user: a progress bar with tiles/s and time left on a terminal, plain log lines when the output is
/// redirected (scheduled jobs), and the summary at the end.
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

    /// <summary>Prints the end-of-run summary.</summary>
    public static void Summary(FlightRunResult result, OfficeText text)
    {
        Console.WriteLine($"flight {result.FlightId} ({result.WorkingCrs.EpsgName}) in {result.Elapsed.TotalSeconds:F1} s");
        Capture(result);
        if (result.Baseline?.Note is { } note)
        {
            Console.WriteLine(note);
        }

        Detection(result, text);
        foreach (var rejection in result.Rejections)
        {
            Console.WriteLine($"rejected: {rejection}");
        }
    }

    /// <summary>When the flight's imagery was captured and from what, or that it holds no capture time.</summary>
    public static void Capture(FlightRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Capture is { } capture)
        {
            Console.WriteLine(capture.Note ?? $"captured {capture.CapturedUtc:yyyy-MM-dd HH:mm} UTC ({capture.Source})");
        }
    }

    /// <summary>Prints the end-of-run summary of a video run.</summary>
    public static void VideoSummary(VideoRunResult result, OfficeText text)
    {
        Console.WriteLine($"flight {result.FlightId} in {result.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"frames {result.Frames.Count}: street {result.StreetFrames}, drone {result.DroneFrames} in {result.EvidenceFolder}");
        if (result.DroneFrames > 0)
        {
            var optics = result.DroneOptics;
            var fov = optics.HorizontalFieldOfViewDeg.ToString("0.#", CultureInfo.InvariantCulture);
            Console.WriteLine(
                $"drone frames georeferenced: {result.GeoreferencedFrames.Count} of {result.DroneFrames}, horizontal field of view {fov}°" +
                (optics.HorizontalFieldOfViewDeg == Ingest.Video.DroneFrameOptions.DefaultHorizontalFieldOfViewDeg ? " (DJI default; --hfov-deg for another camera)" : "") +
                (optics.AltitudeAglMeters is { } agl ? $", height {agl.ToString("0.#", CultureInfo.InvariantCulture)} m (--altitude-agl)" : ", height from the track (above take-off)") +
                (optics.AssumeNadirWithoutPitch ? ", looking straight down where the track gives no gimbal pitch (--camera drone)" : ""));
        }

        if (result.Detection is { } detection)
        {
            Console.WriteLine($"drone frames in {detection.WorkingCrs.EpsgName}:");
            Detection(detection, text);
        }

        Console.WriteLine(result.Attached.Count == 0
            ? "street frames attached: none"
            : $"street frames attached: {string.Join(", ", result.Attached.GroupBy(a => a.Number).Select(g => $"{g.Key} ({g.Count()})"))}");
        if (result.Street is { } street)
        {
            Console.WriteLine($"street model: {street.Matches.Count} sightings, {street.Corroborating} corroborate open cases " +
                $"({street.Attached.Count} newly attached), {street.Candidates} candidates: {street.GeoJsonPath}");
        }

        Console.WriteLine($"frames: {result.FramesGeoJsonPath}");
        foreach (var rejection in result.Rejections)
        {
            Console.WriteLine($"rejected: {rejection}");
        }
    }

    /// <summary>What detection, change comparison and the ledger did.</summary>
    private static void Detection(FlightRunResult result, OfficeText text)
    {
        var ledger = result.Ledger;
        Console.WriteLine($"tiles {result.Tiles}, detections {result.Detections}");
        Console.WriteLine(
            $"new {Count(ledger, Core.FindingKind.New)}, expanded {Count(ledger, Core.FindingKind.Expanded)}, " +
            $"known {Count(ledger, Core.FindingKind.KnownViolation)}, unchanged {Count(ledger, Core.FindingKind.Unchanged)}, " +
            $"demolished candidates {Count(ledger, Core.FindingKind.DemolishedCandidate)}, " +
            $"rooftop additions {Count(ledger, Core.FindingKind.RooftopAddition)}, " +
            $"unverified {Count(ledger, Core.FindingKind.Unverified)} (not seen, imagery or model unsure: no case)");
        Console.WriteLine(ledger.NumbersAssigned.Count == 0
            ? "numbers assigned: none"
            : $"numbers assigned: {string.Join(", ", ledger.NumbersAssigned)}");
        Console.WriteLine($"new records: {result.NewRecordsGeoJsonPath}");
        foreach (var warning in result.DomainWarnings)
        {
            Console.WriteLine(warning.Describe(text));
        }
    }

    private static int Count(LedgerRunSummary summary, Core.FindingKind kind) =>
        summary.FindingsByKind.GetValueOrDefault(kind);

    private static string Describe(RunProgress p) =>
        $"{p.TilesDone}/{p.TilesExpected} tiles, {p.TilesPerSecond:F1} tiles/s" +
        (p.Remaining is { } left ? $", {left:hh\\:mm\\:ss} left" : "");
}
