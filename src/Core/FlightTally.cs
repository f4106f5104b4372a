using NetTopologySuite.Geometries;

namespace Vigil.Core;

/// <summary>
/// The last message of a run, after every footprint and finding: what the stages saw in the whole run. Detect sends it
/// on its last batch (<see cref="FootprintBatch.Tally"/>) with the counts, the merger passes it on, ChangeCompare adds
/// the covered ground and hands it to the ledger after its last finding; the ledger stage returns it with its summary,
/// and the flight is completed from it.
/// </summary>
/// <param name="Tiles">Tiles segmented.</param>
/// <param name="Footprints">Footprints detected (after seam merging, before merging overlapping photos).</param>
/// <param name="Confidences">The confidence of every footprint detected, 0..1, in the order they were emitted.</param>
/// <param name="CoveredArea">Union of the ground covered with valid imagery, working CRS; empty until ChangeCompare fills it, and when none.</param>
public sealed record FlightTally(int Tiles, int Footprints, IReadOnlyList<double> Confidences, Geometry CoveredArea)
    : LedgerMessage;
