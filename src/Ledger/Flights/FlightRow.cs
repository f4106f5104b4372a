using NetTopologySuite.Geometries;

namespace Vigil.Ledger.Flights;

/// <summary>One flight as stored in the <c>flights</c> layer.</summary>
/// <param name="FlightId">Identifier of the flight.</param>
/// <param name="StartedUtc">When the last (re)run started.</param>
/// <param name="FinishedUtc">When the last run ended; null while running.</param>
/// <param name="Inputs">The input files of the last run.</param>
/// <param name="Status">Running, completed or failed.</param>
/// <param name="Tiles">Tiles processed by the last run.</param>
/// <param name="Detections">Footprints detected by the last run.</param>
/// <param name="Rejections">"file: reason" for everything the last run could not process.</param>
/// <param name="CoveredAreaWgs84">Multipolygon covered with valid imagery, EPSG:4326 lon/lat; null when unknown or none.</param>
/// <param name="CapturedUtc">When the imagery was captured (its cases' first and last seen); null when unknown.</param>
/// <param name="CaptureSource">Where the capture time came from: a metadata item, <c>--captured-on</c>, or the file time.</param>
public sealed record FlightRow(
    string FlightId,
    DateTimeOffset StartedUtc,
    DateTimeOffset? FinishedUtc,
    IReadOnlyList<string> Inputs,
    FlightStatus Status,
    int Tiles,
    int Detections,
    IReadOnlyList<string> Rejections,
    Geometry? CoveredAreaWgs84,
    DateTimeOffset? CapturedUtc = null,
    string? CaptureSource = null);
