using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Web.Cases;

namespace Vigil.Web.Dashboard;

/// <summary>
/// A read-only view of the ledger for the dashboard's charts: the cases of one team (all when null) and the events
/// within a period, so that <c>vigil report</c>'s figures can be drawn per team and period. Writes are refused.
/// </summary>
internal sealed class LedgerSlice(SqlLedgerStore store, string? team, DateTimeOffset? fromUtc, DateTimeOffset? untilUtc) : ILedgerStore
{
    private readonly Lazy<HashSet<string>> _numbers = new(() => CaseBoard.Read(store)
        .Where(c => team is null || c.Team == team).Select(c => c.Record.Number).ToHashSet(StringComparer.Ordinal));

    public IReadOnlyList<ViolationRecord> ReadRecords() => store.ReadRecords().Where(r => _numbers.Value.Contains(r.Number)).ToList();

    public ViolationRecord? Find(string number) => _numbers.Value.Contains(number) ? store.Find(number) : null;

    public ViolationRecord? FindByBaselineRef(string baselineRef, string kind) => throw new NotSupportedException();

    public IReadOnlyList<LedgerEvent> ReadEvents(string? number = null) => store.ReadEvents(number)
        .Where(e => (e.Number is null ? team is null : _numbers.Value.Contains(e.Number))
            && (fromUtc is null || e.AtUtc >= fromUtc) && (untilUtc is null || e.AtUtc < untilUtc))
        .ToList();

    public IReadOnlyList<(string Name, Geometry Wgs84)> ReadBlacklistZones() => store.ReadBlacklistZones();

    public IReadOnlyList<(string Team, Geometry Wgs84)> ReadTeamAreas() =>
        store.ReadTeamAreas().Where(a => team is null || a.Team == team).ToList();

    public FlightRow? FindFlight(string flightId) => store.FindFlight(flightId);

    public string InsertRecord(NewViolation violation) => throw ReadOnly();

    public bool RecordSighting(string number, string flightId, DateTimeOffset seenUtc, double confidence, string actor, double? heightMeters = null) =>
        throw ReadOnly();

    public bool RecordMissed(string number, string flightId, DateTimeOffset at, string actor) => throw ReadOnly();

    public void ReplaceBlacklistZones(IReadOnlyList<(string Name, Geometry Wgs84)> zones, DateTimeOffset loadedUtc, string actor) =>
        throw ReadOnly();

    public void ReplaceTeamAreas(IReadOnlyList<(string Team, Geometry Wgs84)> areas, DateTimeOffset loadedUtc, string actor) =>
        throw ReadOnly();

    public void BeginFlight(FlightStart flight) => throw ReadOnly();

    public void CompleteFlight(FlightEnd flight) => throw ReadOnly();

    public void ChangeStatus(StatusChange change) => throw ReadOnly();

    public void RecordCard(CardChange card) => throw ReadOnly();

    public void AssignOffender(string number, string offender, DateTimeOffset atUtc, string actor) => throw ReadOnly();

    public void AttachEvidence(EvidenceAttachment evidence) => throw ReadOnly();

    /// <summary>Nothing to close: the ledger belongs to the app.</summary>
    public void Dispose()
    {
    }

    private static NotSupportedException ReadOnly() => new("the dashboard only reads the ledger");
}
