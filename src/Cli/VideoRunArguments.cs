using System.CommandLine;
using Vigil.ChangeCompare;
using Vigil.Core;
using Vigil.Ingest.Tracks;
using Vigil.Ingest.Video;
using Vigil.Ledger.Evidence;
using Vigil.Runs.Video;

namespace Vigil.Cli;

/// <summary>The options of <c>vigil run</c> that only video inputs use.</summary>
public sealed class VideoRunArguments
{
    /// <summary>GPS tracks, one per video in order.</summary>
    public Option<string[]> Tracks { get; } = new("--track")
    {
        Description = "GPS track of a video (DJI .SRT, GPX, NMEA, GoPro .raw); one per --input video in order; a GoPro video needs none",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Seconds added to video time to get track time.</summary>
    public Option<double> TimeOffset { get; } = new("--time-offset")
    {
        Description = "Seconds added to the video's time to get the track's (GPX/NMEA time starts at the first fix)",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>Metres between sampled frames.</summary>
    public Option<double> SpacingMeters { get; } = new("--frame-spacing-m")
    {
        Description = "A frame every this many metres travelled",
        DefaultValueFactory = _ => new FrameSamplingOptions().SpacingMeters,
    };

    /// <summary>Shortest time between sampled frames.</summary>
    public Option<double> MinIntervalSeconds { get; } = new("--frame-interval-s")
    {
        Description = "Never two frames closer in time than this (s)",
        DefaultValueFactory = _ => new FrameSamplingOptions().MinIntervalSeconds,
    };

    /// <summary>Drone, dashcam or decide from the track.</summary>
    public Option<CameraKind> Camera { get; } = new("--camera")
    {
        Description = "auto (DJI SRT or a height above take-off: drone), drone, or dashcam (street-level evidence)",
        DefaultValueFactory = _ => CameraKind.Auto,
    };

    /// <summary>Radius around a case for street evidence.</summary>
    public Option<double> EvidenceRadiusMeters { get; } = new("--evidence-radius-m")
    {
        Description = "Street frames within this distance of a case that face it are attached to it (m)",
        DefaultValueFactory = _ => new StreetEvidenceOptions().RadiusMeters,
    };

    /// <summary>Largest gap allowed in a track.</summary>
    public Option<double> MaxGapSeconds { get; } = new("--max-gap-s")
    {
        Description = "A track with a longer gap between fixes is rejected (s)",
        DefaultValueFactory = _ => new TrackLimits().MaxGapSeconds,
    };

    /// <summary>Highest speed allowed in a track.</summary>
    public Option<double> MaxSpeed { get; } = new("--max-speed-mps")
    {
        Description = "A track implying a faster move between fixes is rejected as a jump (m/s)",
        DefaultValueFactory = _ => new TrackLimits().MaxSpeedMetersPerSecond,
    };

    /// <summary>A street-level object detector run over street frames.</summary>
    public Option<string?> StreetModel { get; } = new("--street-model")
    {
        Description = "ONNX street-level detector (card beside it, models/CARD_SCHEMA.md): its boxes corroborate open cases or become candidates",
    };

    /// <summary>The street camera's horizontal field of view.</summary>
    public Option<double> StreetFieldOfView { get; } = new("--street-hfov-deg")
    {
        Description = "Horizontal field of view of the street camera (degrees), for the bearing of what the street model sees",
        DefaultValueFactory = _ => 2 * new SightingGeometry().HalfFieldOfViewDegrees,
    };

    /// <summary>The street camera's height above the road.</summary>
    public Option<double> CameraHeight { get; } = new("--camera-height-m")
    {
        Description = "Height of the street camera above the road (m), for the range of what the street model sees",
        DefaultValueFactory = _ => new SightingGeometry().CameraHeightMeters,
    };

    /// <summary>Horizontal field of view of drone video frames.</summary>
    public Option<double?> HorizontalFieldOfView { get; } = new("--hfov-deg")
    {
        Description = $"Drone video: angle between the frame's left and right edges (degrees; default {DroneFrameOptions.DefaultHorizontalFieldOfViewDeg}, DJI's 24 mm-equivalent camera)",
    };

    /// <summary>Adds the options to the command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Tracks);
        command.Options.Add(TimeOffset);
        command.Options.Add(SpacingMeters);
        command.Options.Add(MinIntervalSeconds);
        command.Options.Add(Camera);
        command.Options.Add(EvidenceRadiusMeters);
        command.Options.Add(MaxGapSeconds);
        command.Options.Add(MaxSpeed);
        command.Options.Add(StreetModel);
        command.Options.Add(StreetFieldOfView);
        command.Options.Add(CameraHeight);
        command.Options.Add(HorizontalFieldOfView);
    }

    /// <summary>The video run's options from a parse result.</summary>
    public VideoRunOptions Options(ParseResult parse, IReadOnlyList<string> videos, string ledger, string? flightId)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var sampling = new FrameSamplingOptions(
            parse.GetValue(SpacingMeters), parse.GetValue(MinIntervalSeconds), parse.GetValue(TimeOffset), parse.GetValue(Camera),
            new TrackLimits(parse.GetValue(MaxGapSeconds), parse.GetValue(MaxSpeed)));
        var radius = parse.GetValue(EvidenceRadiusMeters);
        var street = parse.GetValue(StreetModel) is { } model
            ? new StreetDetectionOptions(model,
                new SightingGeometry(parse.GetValue(StreetFieldOfView) / 2, parse.GetValue(CameraHeight), radius),
                new StreetCorroboration())
            : null;
        return new VideoRunOptions(VideoRunner.Pair(videos, parse.GetValue(Tracks) ?? []), ledger, flightId, sampling,
            new StreetEvidenceOptions(radius), Street: street)
        {
            HorizontalFieldOfViewDeg = parse.GetValue(HorizontalFieldOfView),
        };
    }
}
