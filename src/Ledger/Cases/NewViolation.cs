using NetTopologySuite.Geometries;
using Vigil.Ledger.Flights;

namespace Vigil.Ledger.Cases;

/// <summary>A case to open in the ledger; the store assigns its number.</summary>
/// <param name="Kind">One of <see cref="ViolationKinds"/>.</param>
/// <param name="FootprintWgs84">Polygon or multipolygon, EPSG:4326 lon/lat (SRID 4326, or 0 or -1 for unset).</param>
/// <param name="AreaSquareMeters">Outline area measured in the flight's working CRS, square metres.</param>
/// <param name="AddedAreaSquareMeters">For expanded buildings the area outside the registered outline, else 0.</param>
/// <param name="Confidence">Detection confidence 0..1 (0 for demolished candidates).</param>
/// <param name="SeenUtc">When the flight's imagery was captured: the case's first and last seen.</param>
/// <param name="FlightId">The flight that opens the case.</param>
/// <param name="BlacklistZone">Name of the black-list zone holding the case, if any.</param>
/// <param name="BaselineRef">Identifier of the baseline feature the case refers to, if any.</param>
/// <param name="Actor">Who or what records it (user name, service name), kept in the event log.</param>
/// <param name="HeightMeters">Height above the surrounding ground from a surface model, metres (for a rooftop addition the rise); null without one.</param>
/// <param name="WholeOutlineWgs84">
/// For an expanded building, whose <paramref name="FootprintWgs84"/> is the added part: the whole detected outline,
/// EPSG:4326 lon/lat; else null.
/// </param>
public sealed record NewViolation(
    string Kind,
    Geometry FootprintWgs84,
    double AreaSquareMeters,
    double AddedAreaSquareMeters,
    double Confidence,
    DateTimeOffset SeenUtc,
    string FlightId,
    string? BlacklistZone,
    string? BaselineRef,
    string Actor,
    double? HeightMeters = null,
    Geometry? WholeOutlineWgs84 = null)
{
    /// <summary>
    /// When the ledger opens the case (processing time): the time of its "created" event and the year of its number;
    /// null when the same as <see cref="SeenUtc"/>.
    /// </summary>
    public DateTimeOffset? OpenedUtc { get; init; }
}
