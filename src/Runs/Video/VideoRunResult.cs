using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Photos;
using Vigil.Ingest.Video;
using Vigil.Ledger.Evidence;
using Vigil.Runs.Flights;

namespace Vigil.Runs.Video;

/// <summary>What a video run did.</summary>
/// <param name="FlightId">The flight identifier used.</param>
/// <param name="Frames">Every frame sampled, drone and street level, in input order.</param>
/// <param name="Attached">The street frames attached to cases in this run.</param>
/// <param name="Rejections">Inputs or parts of inputs not processed (or processed only in part), with reasons.</param>
/// <param name="EvidenceFolder">Where the JPEG frames were written.</param>
/// <param name="FramesGeoJsonPath">The frames as GeoJSON points (EPSG:4326), for QGIS.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="GeoreferencedFrames">The drone frames that went through the footprint path, with their ground footprints.</param>
/// <param name="DroneOptics">How the drone frames were georeferenced (field of view, height, nadir assumption).</param>
/// <param name="Detection">What detection, change comparison and the ledger made of the drone frames; null when none was georeferenced.</param>
public sealed record VideoRunResult(
    string FlightId,
    IReadOnlyList<SampledFrame> Frames,
    IReadOnlyList<EvidenceAttachment> Attached,
    IReadOnlyList<Rejection> Rejections,
    string EvidenceFolder,
    string FramesGeoJsonPath,
    TimeSpan Elapsed,
    IReadOnlyList<PreparedPhoto> GeoreferencedFrames,
    DroneFrameOptions DroneOptics,
    FlightRunResult? Detection)
{
    /// <summary>Frames with a height, for the footprint path of drone photos.</summary>
    public int DroneFrames => Frames.Count(f => f.Camera == CameraKind.Drone);

    /// <summary>What the street-level detector found; null without <c>--street-model</c>.</summary>
    public StreetDetectionResult? Street { get; init; }

    /// <summary>Street-level frames, kept as evidence.</summary>
    public int StreetFrames => Frames.Count(f => f.Camera == CameraKind.Dashcam);
}
