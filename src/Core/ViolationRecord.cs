using NetTopologySuite.Geometries;

namespace Vigil.Core;

/// <summary>One numbered case of the ledger, as stored.</summary>
/// <param name="Number">Unique, never reused, e.g. VIG-2026-000123.</param>
/// <param name="FootprintWgs84">Outline, EPSG:4326 lon/lat.</param>
/// <param name="Kind">Why the case was opened: "new", "expanded", "known-violation" or "demolished-candidate".</param>
/// <param name="AreaSquareMeters">Outline area measured in the UTM zone of the flight that opened it.</param>
/// <param name="Confidence">Detection confidence 0..1 at the last sighting.</param>
/// <param name="FirstSeenUtc">When a flight first saw it.</param>
/// <param name="LastSeenUtc">When a flight last saw it.</param>
/// <param name="FirstFlightId">The flight that opened the case.</param>
/// <param name="LastFlightId">The flight that last saw it.</param>
/// <param name="Status">Lifecycle status, "detected" when opened.</param>
/// <param name="BlacklistZone">Name of the black-list zone holding the case, if any.</param>
/// <param name="Card">"yellow" or "red" card, if any.</param>
/// <param name="BaselineRef">Identifier of the baseline feature the case refers to, if any.</param>
/// <param name="Offender">The owner or parcel the case is held against, once known.</param>
/// <param name="HeightMeters">
/// From a surface model, metres: the structure's height above the ground around it (for a rooftop addition, the mean
/// rise of the raised part), as the latest flight that measured it found it; null until a flight with a DSM sees it.
/// </param>
/// <param name="WholeOutlineWgs84">
/// For an expanded building, whose <paramref name="FootprintWgs84"/> is the added part: the whole outline detected
/// when the case was opened, EPSG:4326 lon/lat; null for other kinds.
/// </param>
public sealed record ViolationRecord(
    string Number,
    Geometry FootprintWgs84,
    string Kind,
    double AreaSquareMeters,
    double Confidence,
    DateTimeOffset FirstSeenUtc,
    DateTimeOffset LastSeenUtc,
    string FirstFlightId,
    string LastFlightId,
    string Status,
    string? BlacklistZone,
    string? Card,
    string? BaselineRef,
    string? Offender = null,
    double? HeightMeters = null,
    Geometry? WholeOutlineWgs84 = null);
