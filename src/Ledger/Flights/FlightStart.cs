namespace Vigil.Ledger.Flights;

/// <summary>The start, or restart, of a flight's processing.</summary>
/// <param name="FlightId">Identifier of the flight, unique in the ledger.</param>
/// <param name="StartedUtc">When processing started.</param>
/// <param name="Inputs">The input files (orthophotos, frames, videos) of the run.</param>
/// <param name="Actor">Who or what runs it, kept in the event log.</param>
public sealed record FlightStart(string FlightId, DateTimeOffset StartedUtc, IReadOnlyList<string> Inputs, string Actor)
{
    /// <summary>When the flight's imagery was captured; null when unknown.</summary>
    public DateTimeOffset? CapturedUtc { get; init; }

    /// <summary>Where the capture time came from: a metadata item, <c>--captured-on</c>, or the file time.</summary>
    public string? CaptureSource { get; init; }
}
