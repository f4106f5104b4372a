namespace Vigil.Ledger.Stores;

/// <summary>One entry of the append-only event log.</summary>
/// <param name="Id">Position in the log, increasing.</param>
/// <param name="AtUtc">The time the event refers to (observation, flight start or end), as given by the caller.</param>
/// <param name="Number">The case concerned, if any.</param>
/// <param name="FlightId">The flight concerned, if any.</param>
/// <param name="Kind">One of <see cref="LedgerEventKinds"/>.</param>
/// <param name="Actor">Who or what recorded it.</param>
/// <param name="Detail">A JSON object with the particulars (area, confidence, reason...).</param>
public sealed record LedgerEvent(
    long Id,
    DateTimeOffset AtUtc,
    string? Number,
    string? FlightId,
    string Kind,
    string Actor,
    string Detail);
