using System.Diagnostics;
using System.Threading.Channels;
using Vigil.Core;
using Vigil.Ingest.Video;
using Vigil.Ledger;

namespace Vigil.Cli.Video;

/// <summary>
/// Wires one run over videos: each video's frames are sampled and geotagged from its track into an evidence folder
/// beside the ledger; street-level frames are attached to the open cases they face; drone frames (with a height) are
/// recorded for the footprint path that drone photos take. Bad videos and tracks are rejections, the rest goes on.
/// </summary>
public static class VideoRunner
{
    /// <summary>What the run tells about drone frames until they share the photo input's footprint path.</summary>
    public const string DroneFramesNote =
        "drone video frames are geotagged and kept; footprint detection for video frames comes with the drone photo input";

    /// <summary>
    /// Runs the videos. Throws <see cref="RunFailedException"/> when the options are invalid, the ledger cannot be
    /// opened or no video gave a frame; <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public static async Task<VideoRunResult> RunAsync(VideoRunOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sampling = options.Sampling ?? new FrameSamplingOptions();
        var evidence = options.Evidence ?? new StreetEvidenceOptions();
        try
        {
            sampling.Validate();
            evidence.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }

        using var streetDetection = options.Street is null ? null : new StreetDetection(options.Street);
        var clock = Stopwatch.StartNew();
        var videos = options.Inputs.Select(i => i.VideoPath).ToList();
        var flightId = options.FlightId ?? FlightRunner.DeriveFlightId(videos);
        var (directory, stem) = LedgerLocation.Beside(options.LedgerPath);
        var safeFlight = string.Concat(flightId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var evidenceFolder = Path.Combine(directory, $"{stem}-evidence", safeFlight);
        using var store = LedgerLocation.Open(options.LedgerPath);
        var started = DateTimeOffset.UtcNow;
        var inputs = options.Inputs
            .SelectMany(i => i.TrackPath is null ? [i.VideoPath] : new[] { i.VideoPath, i.TrackPath })
            .Select(Path.GetFullPath).ToList();
        store.BeginFlight(new FlightStart(flightId, started, inputs, options.Actor));

        var rejections = new RejectionLog();
        var sampler = new VideoFrameSampler(sampling, evidenceFolder, rejections);
        var channel = Channel.CreateBounded<SampledFrame>(new BoundedChannelOptions(options.FrameChannelCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true,
        });
        var frames = new List<SampledFrame>();
        var failed = true;
        try
        {
            var producer = Task.Run(() => sampler.RunAsync(options.Inputs, channel.Writer, ct), ct);
            await foreach (var frame in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                frames.Add(frame);
            }

            await producer.ConfigureAwait(false);
            failed = false;
        }
        finally
        {
            if (failed)
            {
                store.CompleteFlight(new FlightEnd(flightId, DateTimeOffset.UtcNow, null, 0, 0, rejections.Items, true, options.Actor));
            }
        }

        var street = frames.Where(f => f.Camera == CameraKind.Dashcam).Select(StreetFrameOf).ToList();
        var attached = StreetEvidence.Attach(store, street, evidence, options.Actor, started);
        var streetResult = streetDetection?.Run(store, street, rejections, options.Actor, started,
            Path.Combine(directory, $"{stem}.{safeFlight}.street-sightings.geojson"));
        var geoJsonPath = Path.Combine(directory, $"{stem}.{safeFlight}.frames.geojson");
        FramesExport.Write(frames, geoJsonPath);
        store.CompleteFlight(new FlightEnd(flightId, DateTimeOffset.UtcNow, null, 0, 0, rejections.Items, false, options.Actor));
        if (frames.Count == 0)
        {
            throw new RunFailedException(
                $"no video gave a frame: {string.Join("; ", rejections.Items)}", ExitCodes.NoUsableInput);
        }

        return new VideoRunResult(flightId, frames, attached, rejections.Items, evidenceFolder, geoJsonPath, clock.Elapsed)
        {
            Street = streetResult,
        };
    }

    /// <summary>
    /// A frame as street evidence. A track without a UTC clock (DJI writes local time) leaves the capture time to the
    /// video file's own time plus the frame's offset in it.
    /// </summary>
    private static StreetFrame StreetFrameOf(SampledFrame frame)
    {
        var captured = frame.Pose.CapturedUtc
            ?? new DateTimeOffset(File.GetLastWriteTimeUtc(frame.VideoPath), TimeSpan.Zero) + frame.MediaTime;
        return new StreetFrame(frame.JpegPath, frame.Pose with { CapturedUtc = captured });
    }

    /// <summary>True when every input is a video (by its name): the run goes through <see cref="RunAsync"/>.</summary>
    public static bool AreVideos(IReadOnlyList<string> inputs) =>
        inputs.Count > 0 && inputs.All(IsVideo);

    /// <summary>True when a path names a video by its extension.</summary>
    public static bool IsVideo(string path) =>
        Ingest.Tracks.TrackReader.VideoExtensions.Contains(Path.GetExtension(path)) ||
        Path.GetExtension(path).ToLowerInvariant() is ".avi" or ".mkv" or ".mts" or ".ts";

    /// <summary>Pairs videos with tracks in order; videos beyond the tracks read their own telemetry.</summary>
    public static IReadOnlyList<VideoInput> Pair(IReadOnlyList<string> videos, IReadOnlyList<string> tracks)
    {
        if (tracks.Count > videos.Count)
        {
            throw new RunFailedException(
                $"{tracks.Count} tracks for {videos.Count} video(s): give one --track per video, in the same order",
                ExitCodes.BadConfiguration);
        }

        return videos.Select((v, i) => new VideoInput(v, i < tracks.Count ? tracks[i] : null)).ToList();
    }
}
