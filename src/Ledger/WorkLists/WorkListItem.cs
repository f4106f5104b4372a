using Vigil.Core;
using Vigil.Ledger.Flights;

namespace Vigil.Ledger.WorkLists;

/// <summary>One case on a team's work list, with what the printed page shows about it.</summary>
/// <param name="Rank">Position on the list, 1 first (see <see cref="WorkList"/> for the order).</param>
/// <param name="Record">The case as stored.</param>
/// <param name="Team">The team whose area holds the case's centroid.</param>
/// <param name="Card">The strongest card in force on the case (its own, or one it earned for its zone or offender): "red", "yellow" or null.</param>
/// <param name="Longitude">Centroid longitude, degrees WGS 84.</param>
/// <param name="Latitude">Centroid latitude, degrees WGS 84.</param>
/// <param name="DeadlineUtc">When the case must no longer be open (card rules' deadline days after first sighting); null without rules.</param>
/// <param name="BeforeFlight">The earliest flight that covered or saw the case, if any.</param>
/// <param name="AfterFlight">The latest such flight when it differs from <paramref name="BeforeFlight"/>, else null.</param>
/// <param name="StreetFramePath">The latest street-level frame attached to the case, if any.</param>
public sealed record WorkListItem(
    int Rank,
    ViolationRecord Record,
    string Team,
    string? Card,
    double Longitude,
    double Latitude,
    DateTimeOffset? DeadlineUtc,
    FlightRow? BeforeFlight,
    FlightRow? AfterFlight,
    string? StreetFramePath)
{
    /// <summary>True when the deadline has passed at <paramref name="nowUtc"/>.</summary>
    public bool IsOverdue(DateTimeOffset nowUtc) => DeadlineUtc is { } deadline && deadline < nowUtc;
}
