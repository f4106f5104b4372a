using Vigil.Ingest.Video;
using Vigil.Ledger;

namespace Vigil.Cli.Video;

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
}
