using System.Globalization;
using Vigil.Core;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;

namespace Vigil.Runs.Office;

/// <summary>
/// The office's reads and changes of single cases (<c>vigil ledger list|show|history|set-status|set-offender|init</c>):
/// each writes its lines to <c>output</c> and returns <see cref="ExitCodes.Success"/>; a refused one throws
/// <see cref="RunFailedException"/> with <see cref="ExitCodes.Refused"/> and leaves the ledger as it was.
/// </summary>
public static class LedgerActions
{
    /// <summary>One line per case: number, status, kind, area, card, zone, last seen.</summary>
    public static int List(ILedgerStore store, TextWriter output, string? status = null, bool openOnly = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        var wanted = status is null ? null : CaseStatuses.Named(status);
        if (status is not null && wanted is null)
        {
            throw Refused($"unknown status '{status}'; the statuses are {string.Join(", ", CaseStatuses.All)}");
        }

        var records = store.ReadRecords()
            .Where(r => (wanted is null || r.Status == wanted) && (!openOnly || CaseStatuses.IsOpen(r.Status)))
            .ToList();
        foreach (var r in records)
        {
            output.WriteLine(Invariant(
                $"{r.Number}  {r.Status,-19} {r.Kind,-20} {r.AreaSquareMeters,8:F1} m²  {r.Card ?? "-",-6} {r.BlacklistZone ?? "-"}  last seen {r.LastSeenUtc:yyyy-MM-dd}"));
        }

        output.WriteLine($"{records.Count} case(s)");
        return ExitCodes.Success;
    }

    /// <summary>Every field of a case, its position, and its history.</summary>
    public static int Show(ILedgerStore store, TextWriter output, string number)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        var r = store.Find(number) ?? throw Refused($"no case numbered '{number}'");
        var centre = r.FootprintWgs84.Centroid;
        output.WriteLine(Invariant($"{r.Number}  {r.Kind}, {r.Status}"));
        output.WriteLine(Invariant($"  position   {centre.Y:F6}, {centre.X:F6} (lat, lon WGS 84)"));
        output.WriteLine(Invariant($"  area       {r.AreaSquareMeters:F1} m²"));
        output.WriteLine(r.HeightMeters is { } height
            ? Invariant($"  height     {height:F1} m above the ground around it (surface model of flight {r.LastFlightId} or earlier)")
            : "  height     - (no flight with a surface model saw it)");
        output.WriteLine(Invariant($"  seen       {r.FirstSeenUtc:yyyy-MM-dd} ({r.FirstFlightId}) .. {r.LastSeenUtc:yyyy-MM-dd} ({r.LastFlightId}), confidence {r.Confidence:F2}"));
        output.WriteLine($"  zone       {r.BlacklistZone ?? "-"}");
        output.WriteLine($"  card       {r.Card ?? "-"}");
        output.WriteLine($"  offender   {r.Offender ?? "-"}");
        output.WriteLine($"  baseline   {r.BaselineRef ?? "-"}");
        output.WriteLine("history:");
        return History(store, output, number);
    }

    /// <summary>The case's events, oldest first: time, kind, actor, flight, particulars.</summary>
    public static int History(ILedgerStore store, TextWriter output, string number)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        _ = store.Find(number) ?? throw Refused($"no case numbered '{number}'");
        foreach (var e in store.ReadEvents(number))
        {
            output.WriteLine(Invariant($"  {e.AtUtc:yyyy-MM-dd HH:mm}  {e.Kind,-17} {e.Actor,-12} {e.FlightId ?? "-",-20} {ReadableJson.Unescape(e.Detail)}"));
        }

        return ExitCodes.Success;
    }

    /// <summary>Applies a status change (the status named in any case: <c>Confirmed</c> is <c>confirmed</c>).</summary>
    public static int SetStatus(ILedgerStore store, TextWriter output, StatusChange change)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(change);
        change = change with { Status = CaseStatuses.Named(change.Status) ?? change.Status };
        var from = RefusedOn(() =>
        {
            var status = store.Find(change.Number)?.Status ?? throw new KeyNotFoundException($"no case numbered '{change.Number}'");
            store.ChangeStatus(change);
            return status;
        });
        output.WriteLine($"{change.Number}: {from} -> {change.Status} ({change.Actor}: {change.Reason})");
        return ExitCodes.Success;
    }

    /// <summary>Sets the owner or parcel a case is held against.</summary>
    public static int SetOffender(ILedgerStore store, TextWriter output, string number, string offender, DateTimeOffset atUtc, string actor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        var before = RefusedOn(() =>
        {
            var was = (store.Find(number) ?? throw new KeyNotFoundException($"no case numbered '{number}'")).Offender;
            store.AssignOffender(number, offender, atUtc, actor);
            return was;
        });
        output.WriteLine($"{number}: offender {before ?? "-"} -> {offender} ({actor})");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Creates the ledger when there is none, and says how many cases it holds; a ledger that cannot be opened throws
    /// <see cref="RunFailedException"/> (<see cref="LedgerLocation.Open(string)"/>).
    /// </summary>
    public static int Init(string ledger, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var existed = !LedgerLocation.IsDatabase(ledger) && File.Exists(ledger);
        using var store = LedgerLocation.Open(ledger);
        var cases = store.ReadRecords().Count;
        output.WriteLine(existed || cases > 0
            ? $"ledger already there, {cases} case(s); nothing changed"
            : "ledger ready, 0 case(s)");
        return ExitCodes.Success;
    }

    /// <summary>A refusal: the message in the user's words, <see cref="ExitCodes.Refused"/>.</summary>
    public static RunFailedException Refused(string message) => new(message, ExitCodes.Refused);

    /// <summary>
    /// Runs a change the store may refuse (an unknown number, a transition the lifecycle forbids, a bad value) and turns
    /// the refusal into <see cref="Refused"/>.
    /// </summary>
    internal static T RefusedOn<T>(Func<T> change)
    {
        try
        {
            return change();
        }
        catch (Exception ex) when (ex is KeyNotFoundException or CaseTransitionException or ArgumentException)
        {
            throw new RunFailedException(ex.Message, ExitCodes.Refused, ex);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
