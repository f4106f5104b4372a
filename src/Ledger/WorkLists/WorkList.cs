using System.Text.Json;
using Vigil.Core;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.WorkLists;

/// <summary>
/// A team's open cases in the order the team should work them: red card first, then yellow card, then cases inside a
/// black-list zone, then larger area first; ties by case number.
/// </summary>
/// <param name="Team">The team.</param>
/// <param name="MadeUtc">When the list was made; deadlines are judged against it.</param>
/// <param name="Items">The team's open reviewed cases (<see cref="CaseStatuses.IsActionable"/>), ranked.</param>
public sealed record WorkList(string Team, DateTimeOffset MadeUtc, IReadOnlyList<WorkListItem> Items)
{
    /// <summary>The order, in words, printed on the page.</summary>
    public const string OrderDescription =
        "Red card first, then yellow card, then cases inside a black-list zone, then larger area first.";

    /// <summary>Reads the ledger and makes the work list of one team.</summary>
    /// <param name="store">The ledger; only read.</param>
    /// <param name="team">A team loaded with <see cref="ILedgerStore.ReplaceTeamAreas"/>.</param>
    /// <param name="rules">Card rules giving each case its deadline; null: no deadlines.</param>
    /// <param name="nowUtc">When the list is made.</param>
    /// <exception cref="KeyNotFoundException">No team of that name (the message lists the teams), or no team areas loaded.</exception>
    public static WorkList Build(ILedgerStore store, string team, CardRules? rules, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        var areas = store.ReadTeamAreas();
        if (areas.Count == 0)
        {
            throw new KeyNotFoundException(
                "No team areas are loaded in the ledger; load them first (vigil ledger teams --load FILE).");
        }

        if (!areas.Any(a => a.Team == team))
        {
            throw new KeyNotFoundException(
                $"No team named '{team}'; the teams are {string.Join(", ", areas.Select(a => $"'{a.Team}'"))}.");
        }

        var events = store.ReadEvents();
        var cards = CardBook.Current(events);
        var ranked = store.ReadRecords()
            .Where(r => CaseStatuses.IsActionable(r.Status) && TeamAssignment.TeamOf(r.FootprintWgs84, areas) == team)
            .Select(r => (Record: r, Card: CardOf(r, cards)))
            .OrderBy(c => CardRank(c.Card))
            .ThenBy(c => c.Record.BlacklistZone is null ? 1 : 0)
            .ThenByDescending(c => c.Record.AreaSquareMeters)
            .ThenBy(c => c.Record.Number, StringComparer.Ordinal)
            .ToList();
        return new WorkList(team, nowUtc, ItemsOf(store, events, ranked, _ => team, rules));
    }

    /// <summary>
    /// The items of cases in the order given, with the earliest and latest flight (by capture time) that covered or
    /// saw each and its latest street frame.
    /// </summary>
    internal static List<WorkListItem> ItemsOf(
        ILedgerStore store, IReadOnlyList<LedgerEvent> events, IReadOnlyList<(ViolationRecord Record, string? Card)> ranked,
        Func<ViolationRecord, string> teamOf, CardRules? rules)
    {
        var flights = events
            .Where(e => e.Kind == LedgerEventKinds.FlightStarted && e.FlightId is not null)
            .Select(e => e.FlightId!)
            .Distinct(StringComparer.Ordinal)
            .Select(store.FindFlight)
            .OfType<FlightRow>()
            .OrderBy(f => f.CapturedUtc ?? f.StartedUtc)
            .ToList();
        var eventsByCase = events.Where(e => e.Number is not null).ToLookup(e => e.Number!, StringComparer.Ordinal);
        var items = new List<WorkListItem>(ranked.Count);
        foreach (var (record, card) in ranked)
        {
            var caseEvents = eventsByCase[record.Number].ToList();
            var covering = flights.Where(f => Covered(f, record, caseEvents)).ToList();
            var centroid = record.FootprintWgs84.Centroid;
            items.Add(new WorkListItem(
                items.Count + 1,
                record,
                teamOf(record),
                card,
                centroid.X,
                centroid.Y,
                rules?.DeadlineOf(record.FirstSeenUtc),
                covering.FirstOrDefault(),
                covering.Count > 1 ? covering[^1] : null,
                LatestStreetFrame(caseEvents)));
        }

        return items;
    }

    private static string? CardOf(ViolationRecord record, IReadOnlyList<CurrentCard> cards)
    {
        var earned = cards.Where(c => c.Cases.Contains(record.Number, StringComparer.Ordinal)).Select(c => c.Color);
        return earned.Append(record.Card).MinBy(CardRank) is { } color && CardRank(color) < 2 ? color : null;
    }

    private static int CardRank(string? color) => color switch
    {
        CardColors.Red => 0,
        CardColors.Yellow => 1,
        _ => 2,
    };

    /// <summary>A flight covered a case when its covered area meets the outline or it recorded an observation of the case.</summary>
    private static bool Covered(FlightRow flight, ViolationRecord record, List<LedgerEvent> caseEvents) =>
        flight.CoveredAreaWgs84?.Intersects(record.FootprintWgs84) == true
        || caseEvents.Any(e => e.FlightId == flight.FlightId);

    private static string? LatestStreetFrame(List<LedgerEvent> caseEvents)
    {
        string? latest = null;
        var latestAt = DateTimeOffset.MinValue;
        foreach (var e in caseEvents.Where(e => e.Kind == LedgerEventKinds.EvidenceAttached))
        {
            using var detail = JsonDocument.Parse(e.Detail);
            var root = detail.RootElement;
            if (root.TryGetProperty("kind", out var kind) && kind.GetString() == "street-frame"
                && root.TryGetProperty("path", out var path) && e.AtUtc >= latestAt)
            {
                latest = path.GetString();
                latestAt = e.AtUtc;
            }
        }

        return latest;
    }
}
