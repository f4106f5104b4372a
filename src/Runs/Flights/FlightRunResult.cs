using Vigil.Core;
using Vigil.Ledger.Flights;

namespace Vigil.Runs.Flights;

/// <summary>What a completed run did.</summary>
/// <param name="FlightId">The flight identifier used.</param>
/// <param name="WorkingCrs">The UTM zone the flight was processed in.</param>
/// <param name="Tiles">Tiles segmented.</param>
/// <param name="Detections">Footprints detected (after seam merging).</param>
/// <param name="Ledger">What the ledger stage did (counts per kind, numbers assigned).</param>
/// <param name="Rejections">Inputs or parts of inputs that were not processed, with reasons.</param>
/// <param name="NewRecordsGeoJsonPath">GeoJSON of the records this run opened (for QGIS).</param>
/// <param name="Elapsed">Wall time of the pipeline.</param>
/// <param name="Baseline">How the baseline relates to the covered ground (empty, or not overlapping the flight).</param>
/// <param name="Capture">When the imagery was captured and where that came from.</param>
public sealed record FlightRunResult(
    string FlightId,
    UtmZone WorkingCrs,
    int Tiles,
    int Detections,
    LedgerRunSummary Ledger,
    IReadOnlyList<Rejection> Rejections,
    string NewRecordsGeoJsonPath,
    TimeSpan Elapsed,
    BaselineCoverage? Baseline = null,
    FlightCapture? Capture = null)
{
    /// <summary>
    /// With <see cref="FlightRunOptions.StrictInputs"/>, the rejections of orthophotos that could not be read (whole or
    /// in part): the flight is recorded as failed. Empty otherwise.
    /// </summary>
    public IReadOnlyList<Rejection> Unreadable { get; init; } = [];

    /// <summary>Signs that the imagery is unlike what the model was made for (<see cref="DomainCheck"/>); empty when none.</summary>
    public IReadOnlyList<DomainWarning> DomainWarnings { get; init; } = [];
}
