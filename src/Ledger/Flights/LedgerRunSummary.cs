using Vigil.Core;

namespace Vigil.Ledger.Flights;

/// <summary>What the ledger stage did with one run's findings.</summary>
/// <param name="FindingsByKind">Findings received, per kind (every kind present, 0 when none).</param>
/// <param name="NumbersAssigned">Numbers of the cases opened, in the order they were opened.</param>
/// <param name="Sightings">Sightings newly recorded on existing cases.</param>
/// <param name="Misses">"Not seen" observations newly recorded on existing cases.</param>
/// <param name="AlreadyRecorded">
/// Sightings and misses that this flight had already recorded (a rerun, or a second orthophoto of the same structure).
/// </param>
/// <param name="Rejections">Findings the ledger could not record, with the reason; the rest of the run went on.</param>
/// <param name="Rebuilt">Demolished cases this flight saw again, now "rebuilt" under their number.</param>
/// <param name="VerifiedDemolished">Demolished cases this flight covered and did not see, now "verified-demolished".</param>
/// <param name="Suppressed">Detections at the place of a rejected case: recorded as sightings of it, no new case.</param>
public sealed record LedgerRunSummary(
    IReadOnlyDictionary<FindingKind, int> FindingsByKind,
    IReadOnlyList<string> NumbersAssigned,
    int Sightings,
    int Misses,
    int AlreadyRecorded,
    IReadOnlyList<Rejection> Rejections,
    IReadOnlyList<string> Rebuilt,
    IReadOnlyList<string> VerifiedDemolished,
    int Suppressed)
{
    /// <summary>The run's tally as it reached the ledger stage after the last finding; null when none came.</summary>
    public FlightTally? Tally { get; init; }
}
