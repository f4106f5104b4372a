namespace Vigil.Runs.Nightly;

/// <summary>One flight of a nightly run.</summary>
/// <param name="FlightId">The flight folder's name.</param>
/// <param name="Kind">What it was made of: <c>orthophotos</c>, <c>photos</c>, <c>orthophotos+photos</c> or <c>video</c>.</param>
/// <param name="Inputs">Its files.</param>
/// <param name="Fingerprint">SHA-256 over its files' names and contents, as processed.</param>
/// <param name="Error">Why the flight failed (recorded as failed in the ledger); null when it completed.</param>
/// <param name="NumbersAssigned">Cases opened.</param>
/// <param name="Rebuilt">Demolished cases seen again.</param>
/// <param name="VerifiedDemolished">Demolished cases verified.</param>
/// <param name="Rejections">"file: reason" for each input or finding rejected.</param>
public sealed record NightlyFlight(
    string FlightId,
    string Kind,
    IReadOnlyList<string> Inputs,
    string Fingerprint,
    string? Error,
    IReadOnlyList<string> NumbersAssigned,
    IReadOnlyList<string> Rebuilt,
    IReadOnlyList<string> VerifiedDemolished,
    IReadOnlyList<string> Rejections)
{
    /// <summary>Why it was processed again: its files changed since a completed or failed run; null the first time.</summary>
    public string? Rerun { get; init; }

    /// <summary>Signs that its imagery is unlike what the model was made for, in words; empty when none.</summary>
    public IReadOnlyList<string> OutOfDomain { get; init; } = [];
}
