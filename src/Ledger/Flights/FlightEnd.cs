using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Flights;

/// <summary>The end of a flight's processing.</summary>
/// <param name="FlightId">Identifier of a flight already started with <see cref="ILedgerStore.BeginFlight"/>.</param>
/// <param name="FinishedUtc">When processing ended.</param>
/// <param name="CoveredAreaWgs84">Ground covered with valid imagery, polygonal, EPSG:4326 lon/lat; null or empty when none.</param>
/// <param name="Tiles">Number of tiles processed.</param>
/// <param name="Detections">Number of footprints detected.</param>
/// <param name="Rejections">Everything the run could not process, each also logged as a rejection event.</param>
/// <param name="Failed">True when the run stopped on a systemic failure.</param>
/// <param name="Actor">Who or what ran it, kept in the event log.</param>
public sealed record FlightEnd(
    string FlightId,
    DateTimeOffset FinishedUtc,
    Geometry? CoveredAreaWgs84,
    int Tiles,
    int Detections,
    IReadOnlyList<Rejection> Rejections,
    bool Failed,
    string Actor);
