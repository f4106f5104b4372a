namespace Vigil.Runs.Nightly;

/// <summary>One flight of a nightly run.</summary>
/// <param name="FlightId">The flight folder's name.</param>
/// <param name="Inputs">The rasters it held.</param>
/// <param name="Error">Why the flight could not be processed; null when it was.</param>
/// <param name="NumbersAssigned">Cases opened.</param>
/// <param name="Rebuilt">Demolished cases seen again.</param>
/// <param name="VerifiedDemolished">Demolished cases verified.</param>
/// <param name="Rejections">"file: reason" for each input or finding rejected.</param>
public sealed record NightlyFlight(
    string FlightId,
    IReadOnlyList<string> Inputs,
    string? Error,
    IReadOnlyList<string> NumbersAssigned,
    IReadOnlyList<string> Rebuilt,
    IReadOnlyList<string> VerifiedDemolished,
    IReadOnlyList<string> Rejections);
