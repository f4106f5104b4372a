using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Flights;

namespace Vigil.Ledger.Stores;

/// <summary>
/// Persistent register of numbered violation cases, black-list zones, flights and an append-only event log.
/// All geometries are EPSG:4326 lon/lat. Every write is one transaction: it happens whole or not at all, and
/// numbers are unique, never reused and without gaps, also with several stores (threads or processes) on one
/// ledger. An instance may be shared between threads.
/// </summary>
public interface ILedgerStore : IDisposable
{
    /// <summary>Every case, in the order they were opened.</summary>
    IReadOnlyList<ViolationRecord> ReadRecords();

    /// <summary>The case with this number, or null.</summary>
    ViolationRecord? Find(string number);

    /// <summary>The earliest case of this kind (<see cref="ViolationKinds"/>) opened for a baseline feature, or null.</summary>
    ViolationRecord? FindByBaselineRef(string baselineRef, string kind);

    /// <summary>
    /// Opens a case: assigns the next number of the year of <see cref="NewViolation.SeenUtc"/> (UTC), stores the record
    /// with status "detected" and appends a "created" event, in one transaction.
    /// </summary>
    /// <returns>The number, "VIG-{year}-{sequence:D6}".</returns>
    /// <exception cref="ArgumentException">The kind, geometry or a value is invalid; nothing was written.</exception>
    string InsertRecord(NewViolation violation);

    /// <summary>
    /// Records that a flight saw a case: appends a "seen" event and, unless a later sighting is already stored, sets
    /// last seen, last flight and confidence. Idempotent per (number, flight). A height measured by the flight (from its
    /// surface model, metres) replaces the stored one unless a later sighting already stored one; null leaves it as it is.
    /// </summary>
    /// <returns>False when this flight already saw (or opened) the case; nothing was written.</returns>
    /// <exception cref="KeyNotFoundException">No case has this number.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The confidence is outside 0..1 or the height not finite; nothing was written.</exception>
    bool RecordSighting(
        string number, string flightId, DateTimeOffset seenUtc, double confidence, string actor, double? heightMeters = null);

    /// <summary>Records that a flight covered a case and did not see it: a "not-seen" event. Idempotent per (number, flight).</summary>
    /// <returns>False when this flight already missed (or opened) the case; nothing was written.</returns>
    /// <exception cref="KeyNotFoundException">No case has this number.</exception>
    bool RecordMissed(string number, string flightId, DateTimeOffset at, string actor);

    /// <summary>Replaces all black-list zones (polygonal, EPSG:4326) at once and appends a "zones-replaced" event.</summary>
    void ReplaceBlacklistZones(IReadOnlyList<(string Name, Geometry Wgs84)> zones, DateTimeOffset loadedUtc, string actor);

    /// <summary>The black-list zones, multipolygons in EPSG:4326, in load order.</summary>
    IReadOnlyList<(string Name, Geometry Wgs84)> ReadBlacklistZones();

    /// <summary>
    /// Replaces all team areas (polygonal, EPSG:4326; a case belongs to the team whose area holds its centroid) at once
    /// and appends a "teams-replaced" event.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A team has no name, two have the same name, a geometry is invalid, or two areas overlap (the message names both
    /// teams); nothing was written.
    /// </exception>
    void ReplaceTeamAreas(IReadOnlyList<(string Team, Geometry Wgs84)> areas, DateTimeOffset loadedUtc, string actor);

    /// <summary>The team areas, multipolygons in EPSG:4326, in load order.</summary>
    IReadOnlyList<(string Team, Geometry Wgs84)> ReadTeamAreas();

    /// <summary>
    /// Stores a flight as running and appends a "flight-started" event. A flight id already stored is started again:
    /// its status, times, inputs, counts and covered area are reset.
    /// </summary>
    void BeginFlight(FlightStart flight);

    /// <summary>
    /// Stores the end of a flight (covered area, counts, rejections, completed or failed) and appends a "rejection"
    /// event per rejection and a "flight-completed" event.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The flight was never started.</exception>
    void CompleteFlight(FlightEnd flight);

    /// <summary>The flight with this id, or null.</summary>
    FlightRow? FindFlight(string flightId);

    /// <summary>The event log in order, all of it or only the events of one case.</summary>
    IReadOnlyList<LedgerEvent> ReadEvents(string? number = null);

    /// <summary>
    /// Changes a case's status and appends a "status-changed" event (from, to, reason), in one transaction.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No case has this number; nothing was written.</exception>
    /// <exception cref="CaseTransitionException">The lifecycle does not allow the change; nothing was written.</exception>
    /// <exception cref="ArgumentException">Unknown status, or no actor or reason; nothing was written.</exception>
    void ChangeStatus(StatusChange change);

    /// <summary>
    /// Appends a "card" event; for a case's card also writes the colour on the case (null when lifted).
    /// </summary>
    /// <exception cref="KeyNotFoundException">A case card names no existing case; nothing was written.</exception>
    /// <exception cref="ArgumentException">Unknown subject kind or colour; nothing was written.</exception>
    void RecordCard(CardChange card);

    /// <summary>Sets a case's offender (owner or parcel identifier) and appends an "offender-set" event.</summary>
    /// <exception cref="KeyNotFoundException">No case has this number; nothing was written.</exception>
    void AssignOffender(string number, string offender, DateTimeOffset atUtc, string actor);

    /// <summary>Attaches a picture to a case: an "evidence-attached" event.</summary>
    /// <exception cref="KeyNotFoundException">No case has this number; nothing was written.</exception>
    void AttachEvidence(EvidenceAttachment evidence);
}
