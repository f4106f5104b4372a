using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;

namespace Vigil.Ledger.Reports;

/// <summary>The figures of the ledger report, computed from the cases and the event log.</summary>
/// <param name="OpenCasesByDay">
/// Open reviewed cases (<see cref="CaseStatuses.IsActionable"/>) at the end of each day on which a case was opened or
/// changed status, replayed from the event log in time order; a case counts from the capture time of the flight that
/// opened it (its first seen), once confirmed.
/// </param>
/// <param name="DemolishedSquareMetersByMonth">
/// Per month ("yyyy-MM", UTC) from the first to the last with a demolition, the area of the cases reported demolished
/// (status changed to "demolished") in it, m²; months without demolitions are 0.
/// </param>
/// <param name="ClosureByTeam">
/// Per team (in load order, then "(no team)" for cases outside every area): cases no longer open (demolished or
/// verified demolished) and all reviewed cases, unreviewed and rejected cases left out of both.
/// </param>
/// <param name="NewCasesByFlight">Cases opened by each flight, in the order the flights started.</param>
public sealed record LedgerFigures(
    IReadOnlyList<(DateOnly Day, int OpenCases)> OpenCasesByDay,
    IReadOnlyList<(string Month, double SquareMeters)> DemolishedSquareMetersByMonth,
    IReadOnlyList<(string Team, int Closed, int Total)> ClosureByTeam,
    IReadOnlyList<(string FlightId, int NewCases)> NewCasesByFlight)
{
    /// <summary>The team of cases outside every team area.</summary>
    public const string NoTeam = "(no team)";

    /// <summary>Reads the ledger and computes the figures.</summary>
    public static LedgerFigures Compute(ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var records = store.ReadRecords();
        // Times are given by callers and flights may be processed late: replay in time order, log order within a time.
        // A case is dated by its capture time (first seen), not by when the ledger processed the flight.
        var firstSeen = records.ToDictionary(r => r.Number, r => r.FirstSeenUtc, StringComparer.Ordinal);
        var events = store.ReadEvents()
            .Select(e => e.Kind == LedgerEventKinds.Created && e.Number is { } n && firstSeen.TryGetValue(n, out var seen)
                ? e with { AtUtc = seen }
                : e)
            .OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToList();
        return new LedgerFigures(
            OpenStock(events),
            Demolished(events, records),
            Closure(records, store.ReadTeamAreas()),
            NewCases(events));
    }

    private static List<(DateOnly, int)> OpenStock(List<LedgerEvent> events)
    {
        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        var stock = new List<(DateOnly Day, int Open)>();
        foreach (var e in events)
        {
            if (e.Number is null)
            {
                continue;
            }

            if (e.Kind == LedgerEventKinds.Created)
            {
                status[e.Number] = CaseStatuses.Detected;
            }
            else if (e.Kind == LedgerEventKinds.StatusChanged && ToStatus(e) is { } to)
            {
                status[e.Number] = to;
            }
            else
            {
                continue;
            }

            var day = DateOnly.FromDateTime(e.AtUtc.UtcDateTime);
            var open = status.Values.Count(CaseStatuses.IsActionable);
            if (stock.Count > 0 && stock[^1].Day == day)
            {
                stock[^1] = (day, open);
            }
            else
            {
                stock.Add((day, open));
            }
        }

        return stock;
    }

    private static List<(string, double)> Demolished(List<LedgerEvent> events, IReadOnlyList<ViolationRecord> records)
    {
        var areas = records.ToDictionary(r => r.Number, r => r.AreaSquareMeters, StringComparer.Ordinal);
        var byMonth = events
            .Where(e => e.Kind == LedgerEventKinds.StatusChanged && e.Number is not null && ToStatus(e) == CaseStatuses.Demolished)
            .GroupBy(e => new DateOnly(e.AtUtc.UtcDateTime.Year, e.AtUtc.UtcDateTime.Month, 1))
            .ToDictionary(g => g.Key, g => g.Sum(e => areas.GetValueOrDefault(e.Number!)));
        var months = new List<(string, double)>();
        if (byMonth.Count == 0)
        {
            return months;
        }

        for (var month = byMonth.Keys.Min(); month <= byMonth.Keys.Max(); month = month.AddMonths(1))
        {
            months.Add((month.ToString("yyyy-MM", CultureInfo.InvariantCulture), byMonth.GetValueOrDefault(month)));
        }

        return months;
    }

    private static List<(string, int, int)> Closure(
        IReadOnlyList<ViolationRecord> records, IReadOnlyList<(string Team, Geometry Wgs84)> areas)
    {
        var counted = records
            .Where(r => CaseStatuses.IsReviewed(r.Status))
            .GroupBy(r => TeamAssignment.TeamOf(r.FootprintWgs84, areas) ?? NoTeam)
            .ToDictionary(g => g.Key, g => (Closed: g.Count(r => !CaseStatuses.IsOpen(r.Status)), Total: g.Count()));
        return areas.Select(a => a.Team).Append(NoTeam)
            .Where(t => t != NoTeam || counted.ContainsKey(NoTeam))
            .Select(t => (t, counted.GetValueOrDefault(t).Closed, counted.GetValueOrDefault(t).Total))
            .ToList();
    }

    private static List<(string, int)> NewCases(List<LedgerEvent> events)
    {
        // Flights in the order they were captured: their created events carry the capture time (Compute).
        return events
            .Where(e => e.Kind == LedgerEventKinds.Created && e.FlightId is not null)
            .GroupBy(e => e.FlightId!, StringComparer.Ordinal)
            .OrderBy(g => g.Min(e => e.AtUtc))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .ToList();
    }

    private static string? ToStatus(LedgerEvent e)
    {
        using var detail = JsonDocument.Parse(e.Detail);
        return detail.RootElement.TryGetProperty("to", out var to) ? to.GetString() : null;
    }
}
