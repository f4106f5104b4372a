using System.CommandLine;
using System.Globalization;
using Vigil.Core;
using Vigil.Ledger;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;
using Vigil.Runs;
using Vigil.Runs.Inputs;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil ledger list|show|set-status|set-offender|history|cards|teams</c>: the office's view of the register. Every action is a static
/// method over a store and a writer, callable from tests.
/// </summary>
public static class LedgerCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create()
    {
        var ledger = new Option<string>("--ledger") { Description = "Ledger GeoPackage or PostGIS connection string", Required = true, Recursive = true };
        var number = new Argument<string>("number") { Description = "Case number, e.g. VIG-2026-000123" };
        var status = new Option<string?>("--status") { Description = $"Only cases in this status ({string.Join(", ", CaseStatuses.All)})" };
        var openOnly = new Option<bool>("--open") { Description = "Only open cases (detected, confirmed, notified, scheduled, rebuilt)" };
        var list = new Command("list", "List the cases") { status, openOnly };
        list.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => List(s, Console.Out, parse.GetValue(status), parse.GetValue(openOnly))));

        var show = new Command("show", "Show one case with its history") { number };
        show.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => Show(s, Console.Out, parse.GetValue(number)!)));

        var history = new Command("history", "The events of one case, oldest first") { number };
        history.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => History(s, Console.Out, parse.GetValue(number)!)));

        var newStatus = new Argument<string>("status") { Description = string.Join(", ", CaseStatuses.All) };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the case's history)", Required = true };
        var actor = new Option<string?>("--actor") { Description = $"Who makes the change (default: the signed-in user; checked against the staff list {Actors.StaffVariable} names, when set); recorded with the machine's name" };
        var setStatus = new Command("set-status", "Move a case along its lifecycle") { number, newStatus, reason, actor };
        setStatus.SetAction(parse => WithActor(parse.GetValue(actor), who => WithStore(parse.GetValue(ledger)!, s => SetStatus(
            s, Console.Out, new StatusChange(parse.GetValue(number)!, parse.GetValue(newStatus)!, DateTimeOffset.UtcNow,
                who, parse.GetValue(reason)!)))));

        var rules = new Option<string?>("--rules") { Description = "Black-list rules (YAML or JSON): evaluate them and record the card changes first" };
        var cards = new Command("cards", "The cards in force, per zone") { rules, actor };
        cards.SetAction(parse => WithActor(parse.GetValue(actor), who => WithStore(parse.GetValue(ledger)!, s => Cards(
            s, Console.Out, parse.GetValue(rules), DateTimeOffset.UtcNow, who))));

        var offender = new Argument<string>("offender") { Description = "Owner or parcel identifier the case is held against" };
        var setOffender = new Command("set-offender", "Set the owner or parcel a case is held against") { number, offender, actor };
        setOffender.SetAction(parse => WithActor(parse.GetValue(actor), who => WithStore(parse.GetValue(ledger)!, s => SetOffender(
            s, Console.Out, parse.GetValue(number)!, parse.GetValue(offender)!, DateTimeOffset.UtcNow, who))));

        var load = new Option<string?>("--load") { Description = "Team areas (GeoJSON, GeoPackage...: polygons with a 'team' or 'name' attribute) replacing the loaded ones" };
        var teams = new Command("teams", "List the team areas and their open cases; --load replaces them") { load, actor };
        teams.SetAction(parse => WithActor(parse.GetValue(actor), who => WithStore(parse.GetValue(ledger)!, s => Teams(
            s, Console.Out, parse.GetValue(load), DateTimeOffset.UtcNow, who))));

        var init = new Command("init", "Create an empty ledger (a GeoPackage file, or the tables in a PostGIS schema); the other ledger commands need one");
        init.SetAction(parse => Init(parse.GetValue(ledger)!, Console.Out));

        return new Command("ledger", "Read and update the register of cases") { ledger, init, list, show, history, setStatus, setOffender, cards, teams, ReviewCommand.Create(ledger) };
    }

    /// <summary>One line per case: number, status, kind, area, card, zone, last seen.</summary>
    public static int List(ILedgerStore store, TextWriter output, string? status = null, bool openOnly = false)
    {
        var wanted = status is null ? null : CaseStatuses.Named(status);
        if (status is not null && wanted is null)
        {
            return Refuse($"unknown status '{status}'; the statuses are {string.Join(", ", CaseStatuses.All)}");
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
        if (store.Find(number) is not { } r)
        {
            return Refuse($"no case numbered '{number}'");
        }

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
        if (store.Find(number) is null)
        {
            return Refuse($"no case numbered '{number}'");
        }

        foreach (var e in store.ReadEvents(number))
        {
            output.WriteLine(Invariant($"  {e.AtUtc:yyyy-MM-dd HH:mm}  {e.Kind,-17} {e.Actor,-12} {e.FlightId ?? "-",-20} {ReadableJson.Unescape(e.Detail)}"));
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Applies a status change (the status named in any case: <c>Confirmed</c> is <c>confirmed</c>); a refused one prints
    /// why and leaves the ledger as it was.
    /// </summary>
    public static int SetStatus(ILedgerStore store, TextWriter output, StatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        change = change with { Status = CaseStatuses.Named(change.Status) ?? change.Status };
        string from;
        try
        {
            from = store.Find(change.Number)?.Status ?? throw new KeyNotFoundException($"no case numbered '{change.Number}'");
            store.ChangeStatus(change);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or CaseTransitionException or ArgumentException)
        {
            return Refuse(ex.Message);
        }

        output.WriteLine($"{change.Number}: {from} -> {change.Status} ({change.Actor}: {change.Reason})");
        return ExitCodes.Success;
    }

    /// <summary>Sets a case's offender; an unknown number is refused and leaves the ledger as it was.</summary>
    public static int SetOffender(ILedgerStore store, TextWriter output, string number, string offender, DateTimeOffset atUtc, string actor)
    {
        string? before;
        try
        {
            before = (store.Find(number) ?? throw new KeyNotFoundException($"no case numbered '{number}'")).Offender;
            store.AssignOffender(number, offender, atUtc, actor);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException)
        {
            return Refuse(ex.Message);
        }

        output.WriteLine($"{number}: offender {before ?? "-"} -> {offender} ({actor})");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Lists the team areas with their open cases; with a file, first replaces the areas by the file's. A file that cannot
    /// be read, or whose areas overlap, is refused before anything is written.
    /// </summary>
    public static int Teams(ILedgerStore store, TextWriter output, string? loadPath, DateTimeOffset nowUtc, string actor)
    {
        if (loadPath is not null)
        {
            try
            {
                var areas = TeamAreaLoader.Load(loadPath);
                store.ReplaceTeamAreas(areas, nowUtc, actor);
                output.WriteLine($"loaded {areas.Count} team area(s) from {loadPath}");
            }
            catch (Exception ex) when (ex is Ingest.InputException or ArgumentException)
            {
                return Refuse(ex.Message);
            }
        }

        var loaded = store.ReadTeamAreas();
        var open = store.ReadRecords().Where(r => CaseStatuses.IsActionable(r.Status))
            .GroupBy(r => TeamAssignment.TeamOf(r.FootprintWgs84, loaded) ?? "(no team)")
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var (team, _) in loaded)
        {
            output.WriteLine($"{DisplayText.PadRight(team, TeamColumnCells)} {open.GetValueOrDefault(team),5} open case(s)");
        }

        if (open.TryGetValue("(no team)", out var outside))
        {
            output.WriteLine($"{DisplayText.PadRight("(no team)", TeamColumnCells)} {outside,5} open case(s) outside every team area");
        }

        output.WriteLine($"{loaded.Count} team area(s)");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Lists the cards in force per zone; with a rules file, first evaluates it and records the changes as card events.
    /// A rules file with an error is refused before anything is written.
    /// </summary>
    public static int Cards(ILedgerStore store, TextWriter output, string? rulesPath, DateTimeOffset nowUtc, string actor)
    {
        if (rulesPath is not null)
        {
            CardRules rules;
            try
            {
                rules = CardRules.Load(rulesPath);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                return Refuse(ex.Message);
            }

            foreach (var change in CardReferee.Evaluate(
                store.ReadRecords(), CardBook.Current(store.ReadEvents()), rules, nowUtc, actor))
            {
                store.RecordCard(change);
                output.WriteLine($"card {change.Color}: {change.SubjectKind} {change.Subject} ({change.Reason})");
            }
        }

        var current = CardBook.Current(store.ReadEvents());
        foreach (var zone in current.GroupBy(c => c.Zone ?? "(no zone)"))
        {
            output.WriteLine(zone.Key);
            foreach (var card in zone)
            {
                output.WriteLine(Invariant(
                    $"  {card.Color,-6} {card.SubjectKind,-8} {card.Subject}  since {card.SinceUtc:yyyy-MM-dd}  {card.Reason}  [{string.Join(", ", card.Cases)}]"));
            }
        }

        output.WriteLine($"{current.Count} card(s) in force");
        return ExitCodes.Success;
    }

    /// <summary>Creates the ledger when there is none, and says how many cases it holds.</summary>
    public static int Init(string ledger, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var existed = !LedgerLocation.IsDatabase(ledger) && File.Exists(ledger);
        try
        {
            using var store = LedgerLocation.Open(ledger);
            var cases = store.ReadRecords().Count;
            output.WriteLine(existed || cases > 0
                ? $"ledger already there, {cases} case(s); nothing changed"
                : "ledger ready, 0 case(s)");
            return ExitCodes.Success;
        }
        catch (RunFailedException ex)
        {
            Console.Error.WriteLine($"vigil: {UserText.Clean(ex.Message)}");
            return ex.ExitCode;
        }
    }

    /// <summary>
    /// Opens the existing ledger named by <c>--ledger</c> (never creates one: <see cref="LedgerLocation.OpenExisting"/>),
    /// runs <paramref name="action"/> and maps failures to exit codes.
    /// </summary>
    public static int WithStore(string ledger, Func<ILedgerStore, int> action)
    {
        try
        {
            using var store = LedgerLocation.OpenExisting(ledger);
            return action(store);
        }
        catch (RunFailedException ex)
        {
            Console.Error.WriteLine($"vigil: {UserText.Clean(ex.Message)}");
            return ex.ExitCode;
        }
    }

    /// <summary>
    /// Resolves who the change is recorded for (<see cref="Actors.Resolve"/>: the name, checked against the staff list,
    /// with the machine's name) and runs <paramref name="action"/>; a name not on the list is refused (exit 4) before
    /// the ledger is opened.
    /// </summary>
    public static int WithActor(string? given, Func<string, int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        string actor;
        try
        {
            actor = Actors.Resolve(given);
        }
        catch (RunFailedException ex)
        {
            Console.Error.WriteLine($"vigil: {ex.Message}; the ledger is unchanged");
            return ex.ExitCode;
        }

        return action(actor);
    }

    /// <summary>Prints why a command was refused and returns <see cref="ExitCodes.Refused"/>.</summary>
    public static int Refuse(string message)
    {
        Console.Error.WriteLine($"vigil: {UserText.Clean(message).TrimEnd('.')}; the ledger is unchanged");
        return ExitCodes.Refused;
    }

    /// <summary>Terminal cells of the team column of <c>ledger teams</c>: 12 Chinese characters, 24 Latin ones.</summary>
    private const int TeamColumnCells = 24;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
