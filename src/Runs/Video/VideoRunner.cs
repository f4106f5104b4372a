using System.Diagnostics;
using System.Threading.Channels;
using Vigil.ChangeCompare;
using Vigil.Core;
using Vigil.Detect;
using Vigil.Ingest.Photos;
using Vigil.Ingest.Video;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Flights;
using Vigil.Runs.Inputs;

namespace Vigil.Runs.Video;

/// <summary>
/// Wires one run over videos: each video's frames are sampled and geotagged from its track into an evidence folder
/// beside the ledger; street-level frames are attached to the open cases they face; drone frames (with a height) that
/// look straight down take the footprint path of drone photos (georeferenced, detected, merged across overlapping
/// frames, compared with the baseline, recorded in the ledger). Bad videos, tracks and frames are rejections, the rest
/// goes on.
/// </summary>
public static class VideoRunner
{
    /// <summary>Runs the videos without a progress display; see <see cref="RunAsync(VideoRunOptions, Action{RunProgress}?, CancellationToken)"/>.</summary>
    public static Task<VideoRunResult> RunAsync(VideoRunOptions options, CancellationToken ct) => RunAsync(options, null, ct);

    /// <summary>
    /// Runs the videos. Throws <see cref="RunFailedException"/> when the options are invalid (a drone video without
    /// <see cref="VideoRunOptions.Detection"/> among them), the ledger or the model cannot be opened, no video gave a
    /// frame, or drone frames alone were sampled and none could be georeferenced; <see cref="OperationCanceledException"/>
    /// when cancelled.
    /// </summary>
    /// <param name="options">The videos, the ledger and how frames are taken.</param>
    /// <param name="onProgress">Receives the detection's progress on drone frames; null for none.</param>
    /// <param name="ct">Cancels the run; what was recorded stays.</param>
    public static async Task<VideoRunResult> RunAsync(VideoRunOptions options, Action<RunProgress>? onProgress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sampling = options.Sampling ?? new FrameSamplingOptions();
        var evidence = options.Evidence ?? new StreetEvidenceOptions();
        var optics = new DroneFrameOptions(
            options.HorizontalFieldOfViewDeg ?? DroneFrameOptions.DefaultHorizontalFieldOfViewDeg,
            options.Detection?.AltitudeAglMeters,
            AssumeNadirWithoutPitch: sampling.Camera == CameraKind.Drone);
        try
        {
            sampling.Validate();
            evidence.Validate();
            optics.Validate();
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
        var rejections = new RejectionLog();
        var sampler = new VideoFrameSampler(sampling, evidenceFolder, rejections);
        using var segmenter = LoadModelForDroneVideos(options, sampler);
        using var store = LedgerLocation.Open(options.LedgerPath);
        var inputs = options.Inputs
            .SelectMany(i => i.TrackPath is null ? [i.VideoPath] : new[] { i.VideoPath, i.TrackPath })
            .Select(Path.GetFullPath).ToList();
        var start = new FlightStart(flightId, DateTimeOffset.UtcNow, inputs, options.Actor);
        var started = start.StartedUtc;

        var frames = await SampleAsync(sampler, options, store, start, rejections, ct).ConfigureAwait(false);
        var street = frames.Where(f => f.Camera == CameraKind.Dashcam).Select(StreetFrameOf).ToList();
        using var pictures = segmenter is null ? null : PhotoInputs.FromFrames(frames, optics, inputs, rejections);

        // The flight begins once, here, before the street evidence it records; drone frames carry its capture time.
        if (pictures is { HasPhotos: true })
        {
            var capture = FlightCapture.Resolve(options.Detection!.CapturedOn, pictures);
            start = start with { CapturedUtc = capture.CapturedUtc, CaptureSource = capture.Source };
        }

        store.BeginFlight(start);
        var open = store.ReadRecords().Where(r => CaseStatuses.IsOpen(r.Status)).ToList();
        var attached = StreetEvidence.Attach(store, StreetMatching.Facing(open, street, evidence), options.Actor, started);
        var streetResult = streetDetection?.Run(store, street, rejections, options.Actor, started,
            Path.Combine(directory, $"{stem}.{safeFlight}.street-sightings.geojson"));
        var geoJsonPath = Path.Combine(directory, $"{stem}.{safeFlight}.frames.geojson");
        FramesExport.Write(frames, geoJsonPath);
        VideoRunResult Result(IReadOnlyList<PreparedPhoto> georeferenced, FlightRunResult? detection) => new(
            flightId, frames, attached, detection?.Rejections ?? rejections.Items, evidenceFolder, geoJsonPath, clock.Elapsed,
            georeferenced, optics, detection)
        {
            Street = streetResult,
        };

        if (segmenter is null || pictures is not { HasPhotos: true })
        {
            var nothing = frames.Count == 0 || (pictures is not null && street.Count == 0);
            store.CompleteFlight(new FlightEnd(flightId, DateTimeOffset.UtcNow, null, 0, 0, rejections.Items, nothing, options.Actor));
            if (nothing)
            {
                var what = frames.Count == 0 ? "no video gave a frame" : "no drone frame could be georeferenced";
                throw new RunFailedException($"{what}: {string.Join("; ", rejections.Items)}", ExitCodes.NoUsableInput);
            }

            return Result([], null);
        }

        var detectionOptions = options.Detection! with
        {
            Inputs = videos, LedgerPath = options.LedgerPath, FlightId = flightId, Actor = options.Actor,
        };
        try
        {
            var detection = await FlightRunner.RunAsync(detectionOptions, segmenter, pictures, rejections, onProgress, ct, start)
                .ConfigureAwait(false);
            return Result(pictures.Photos, detection);
        }
        finally
        {
            // The footprint path ends the flight; one that stopped before its ledger stage leaves it to be ended here.
            if (store.FindFlight(flightId) is { Status: FlightStatus.Running })
            {
                store.CompleteFlight(new FlightEnd(flightId, DateTimeOffset.UtcNow, null, 0, 0, rejections.Items, true, options.Actor));
            }
        }
    }

    /// <summary>True when every input is a video (by its name): the run goes through <see cref="RunAsync(VideoRunOptions, CancellationToken)"/>.</summary>
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

    /// <summary>
    /// The model for the footprint path when a video is a drone's (its track tells, read before any frame is decoded),
    /// else null. A drone video without the footprint path's options is refused: its frames would be neither evidence
    /// nor detected.
    /// </summary>
    private static BuildingSegmenter? LoadModelForDroneVideos(VideoRunOptions options, VideoFrameSampler sampler)
    {
        if (options.Inputs.FirstOrDefault(i => sampler.CameraOf(i) == CameraKind.Drone) is not { } drone)
        {
            return null;
        }

        if (options.Detection is null)
        {
            throw new RunFailedException(
                $"{drone.VideoPath} is a drone video: its frames that look straight down go through detection and change " +
                "comparison like drone photos, which needs --baseline", ExitCodes.BadConfiguration);
        }

        return FlightRunner.LoadModel(options.Detection);
    }

    /// <summary>Samples every video; a failure of the sampling itself begins and ends the flight as failed.</summary>
    private static async Task<List<SampledFrame>> SampleAsync(
        VideoFrameSampler sampler, VideoRunOptions options, ILedgerStore store, FlightStart start, RejectionLog rejections,
        CancellationToken ct)
    {
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
            return frames;
        }
        finally
        {
            if (failed)
            {
                store.BeginFlight(start);
                store.CompleteFlight(new FlightEnd(start.FlightId, DateTimeOffset.UtcNow, null, 0, 0, rejections.Items, true, options.Actor));
            }
        }
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
}
