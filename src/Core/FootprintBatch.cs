using NetTopologySuite.Geometries;

namespace Vigil.Core;

/// <summary>
/// Message from Detect to ChangeCompare: the footprints that became final after one tile, and the ground that tile
/// covered with valid imagery (so that unseen buildings there can be called demolished candidates).
/// </summary>
/// <param name="Footprints">Final footprints, working CRS; a footprint appears in exactly one batch.</param>
/// <param name="CoveredArea">The tile's core with valid data, working CRS; empty when the tile had none.</param>
/// <param name="Evidence">
/// What the tile's core showed, cell by cell, or null (no tile behind the batch, or no valid pixel in its core). A
/// footprint's batch comes after the evidence of every tile it lies in.
/// </param>
/// <param name="Tally">On the last batch of a run only (after every footprint): the run's counts (<see cref="FlightTally"/>).</param>
public sealed record FootprintBatch(
    IReadOnlyList<Footprint> Footprints, Geometry CoveredArea, GroundEvidence? Evidence = null, FlightTally? Tally = null);
