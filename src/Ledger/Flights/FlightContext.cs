using Vigil.Core;

namespace Vigil.Ledger.Flights;

/// <summary>The flight a pipeline run processes, as the ledger stage needs it.</summary>
/// <param name="FlightId">Identifier of the flight; a rerun uses the same one.</param>
/// <param name="WorkingCrs">The UTM zone every finding's outline is expressed in.</param>
/// <param name="StartedUtc">When the flight's run started (processing time): when its cases are opened in the ledger.</param>
/// <param name="Inputs">The input files of the run.</param>
/// <param name="CapturedUtc">When the imagery was captured; null when unknown (the processing time stands in).</param>
/// <param name="CaptureSource">Where <paramref name="CapturedUtc"/> came from ("TIFF DateTime of a.tif", "--captured-on", "file time of a.tif").</param>
public sealed record FlightContext(
    string FlightId, UtmZone WorkingCrs, DateTimeOffset StartedUtc, IReadOnlyList<string> Inputs,
    DateTimeOffset? CapturedUtc = null, string? CaptureSource = null)
{
    /// <summary>The time stamped on the flight's observations (first and last seen, sightings, misses): the capture time.</summary>
    public DateTimeOffset SeenUtc => CapturedUtc ?? StartedUtc;

    /// <summary>
    /// True when the caller began the flight in the ledger already (a video run, which records street evidence before
    /// its drone frames are detected): the ledger stage does not begin it a second time.
    /// </summary>
    public bool Begun { get; init; }
}
