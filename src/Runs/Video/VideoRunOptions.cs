using Vigil.ChangeCompare;
using Vigil.Ingest.Video;
using Vigil.Runs.Flights;

namespace Vigil.Runs.Video;

/// <summary>Everything one <c>vigil run</c> over videos needs. Paths may be relative to the working directory.</summary>
/// <param name="Inputs">The videos with their tracks (null: the video's own GoPro telemetry).</param>
/// <param name="LedgerPath">The ledger GeoPackage, created when missing, or a PostGIS connection string.</param>
/// <param name="FlightId">Flight identifier; null derives a stable one from the videos.</param>
/// <param name="Sampling">How frames are taken and tagged.</param>
/// <param name="Evidence">Which street frames are attached to which cases.</param>
/// <param name="Actor">Who the ledger events are attributed to.</param>
/// <param name="Street">The street-level detector run over street frames; null runs none.</param>
public sealed record VideoRunOptions(
    IReadOnlyList<VideoInput> Inputs,
    string LedgerPath,
    string? FlightId = null,
    FrameSamplingOptions? Sampling = null,
    StreetEvidenceOptions? Evidence = null,
    string Actor = "vigil",
    StreetDetectionOptions? Street = null)
{
    /// <summary>Capacity of the channel of sampled frames: a frame is a path and a pose, so it can be generous.</summary>
    public int FrameChannelCapacity { get; init; } = 64;

    /// <summary>
    /// What drone frames need on the footprint path of drone photos: baseline, model, black list, thresholds, surface
    /// models and <see cref="FlightRunOptions.AltitudeAglMeters"/>. Its inputs, ledger, flight id and actor are taken
    /// from this run. Null (no <c>--baseline</c>): a run with a drone video is refused before any frame is decoded.
    /// </summary>
    public FlightRunOptions? Detection { get; init; }

    /// <summary>
    /// Horizontal field of view of the drone videos' frames, degrees; null takes
    /// <see cref="DroneFrameOptions.DefaultHorizontalFieldOfViewDeg"/> (DJI's usual camera).
    /// </summary>
    public double? HorizontalFieldOfViewDeg { get; init; }
}
