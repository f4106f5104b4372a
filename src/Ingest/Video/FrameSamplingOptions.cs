using Vigil.Ingest.Tracks;

namespace Vigil.Ingest.Video;

/// <summary>How frames are taken from a video.</summary>
/// <param name="SpacingMeters">A frame every this many metres travelled.</param>
/// <param name="MinIntervalSeconds">Never two frames closer in time than this (a fast vehicle would otherwise flood the evidence folder).</param>
/// <param name="TimeOffsetSeconds">Added to the video's time to get the track's time (a track that starts late has a negative offset).</param>
/// <param name="Camera">Drone, dashcam, or decide from the track.</param>
/// <param name="Limits">What the track must satisfy.</param>
/// <param name="JpegQuality">JPEG quality of the written frames, 1..100.</param>
public sealed record FrameSamplingOptions(
    double SpacingMeters = 5,
    double MinIntervalSeconds = 0.5,
    double TimeOffsetSeconds = 0,
    CameraKind Camera = CameraKind.Auto,
    TrackLimits? Limits = null,
    int JpegQuality = 90)
{
    /// <summary>The track limits in force.</summary>
    public TrackLimits TrackLimits => Limits ?? new TrackLimits();

    /// <summary>Throws <see cref="ArgumentException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (!(SpacingMeters > 0))
        {
            throw new ArgumentException($"the frame spacing must be positive, not {SpacingMeters} m");
        }

        if (!(MinIntervalSeconds >= 0))
        {
            throw new ArgumentException($"the shortest interval between frames cannot be negative ({MinIntervalSeconds} s)");
        }

        if (!double.IsFinite(TimeOffsetSeconds))
        {
            throw new ArgumentException("the time offset must be a number of seconds");
        }

        if (JpegQuality is < 1 or > 100)
        {
            throw new ArgumentException($"the JPEG quality must be 1..100, not {JpegQuality}");
        }

        TrackLimits.Validate();
    }
}
