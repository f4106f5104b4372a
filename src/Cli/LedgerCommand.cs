using System.CommandLine;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Office;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil ledger list|show|set-status|set-offender|history|cards|teams|init|review</c>: the office's view of the
/// register; the actions are <see cref="LedgerActions"/>, <see cref="CardActions"/> and <see cref="TeamActions"/>.
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
        list.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => LedgerActions.List(s, Console.Out, parse.GetValue(status), parse.GetValue(openOnly))));

        var show = new Command("show", "Show one case with its history") { number };
        show.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => LedgerActions.Show(s, Console.Out, parse.GetValue(number)!)));

        var history = new Command("history", "The events of one case, oldest first") { number };
        history.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => LedgerActions.History(s, Console.Out, parse.GetValue(number)!)));

        var newStatus = new Argument<string>("status") { Description = string.Join(", ", CaseStatuses.All) };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the case's history)", Required = true };
        var actor = new Option<string?>("--actor") { Description = $"Who makes the change (default: the signed-in user; checked against the staff list {Actors.StaffVariable} names, when set); recorded with the machine's name" };
        var setStatus = new Command("set-status", "Move a case along its lifecycle") { number, newStatus, reason, actor };
        setStatus.SetAction(parse => WithActor(parse.GetValue(actor), who => WithStore(parse.GetValue(ledger)!, s => LedgerActions.SetStatus(
            s, Console.Out, new StatusChange(parse.GetValue(number)!, parse.GetValue(newStatus)!, DateTimeOffset.UtcNow,
                who, parse.GetValue(reason)!)))));

        var rules = new Option<string?>("--rules") { Description = "Black-list rules (YAML or JSON): evaluate them and record the card changes first" };
        var cards = new Command("cards", "The cards in force, per zone") { rules, actor };
        cards.SetAction(parse => WithActor(parse.GetValue(actor), who => WithStore(parse.GetValue(ledger)!, s => CardActions.Cards(
            s, Console.Out, parse.GetValue(rules), DateTimeOffset.UtcNow, who))));

        var offender = new Argument<string>("offender") { Description = "Owner or parcel identifier the case is held against" };
        var setOffender = new Command("set-offender", "Set the owner or parcel a case is held against") { number, offender, actor };
        setOffender.SetAction(parse => WithActor(parse.GetValue(actor), who => WithStore(parse.GetValue(ledger)!, s => LedgerActions.SetOffender(
            s, Console.Out, parse.GetValue(number)!, parse.GetValue(offender)!, DateTimeOffset.UtcNow, who))));

        var load = new Option<string?>("--load") { Description = "Team areas (GeoJSON, GeoPackage...: polygons with a 'team' or 'name' attribute) replacing the loaded ones" };
        var teams = new Command("teams", "List the team areas and their open cases; --load replaces them") { load, actor };
        teams.SetAction(parse => WithActor(parse.GetValue(actor), who => WithStore(parse.GetValue(ledger)!, s => TeamActions.Teams(
            s, Console.Out, parse.GetValue(load), DateTimeOffset.UtcNow, who))));

        var init = new Command("init", "Create an empty ledger (a GeoPackage file, or the tables in a PostGIS schema); the other ledger commands need one");
        init.SetAction(parse => Exit(() => LedgerActions.Init(parse.GetValue(ledger)!, Console.Out)));

        return new Command("ledger", "Read and update the register of cases") { ledger, init, list, show, history, setStatus, setOffender, cards, teams, ReviewCommand.Create(ledger) };
    }

    /// <summary>
    /// Opens the existing ledger named by <c>--ledger</c> (never creates one: <see cref="LedgerLocation.OpenExisting"/>),
    /// runs <paramref name="action"/> and maps failures to exit codes.
    /// </summary>
    public static int WithStore(string ledger, Func<ILedgerStore, int> action) => Exit(() =>
    {
        using var store = LedgerLocation.OpenExisting(ledger);
        return action(store);
    });

    /// <summary>
    /// Runs an office action and maps its failure to one line on stderr and the exit code: a refusal
    /// (<see cref="ExitCodes.Refused"/>) says the ledger is unchanged.
    /// </summary>
    public static int Exit(Func<int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (RunFailedException ex)
        {
            return Report(ex);
        }
    }

    /// <summary>Prints a failure in the user's words (a refusal says the ledger is unchanged) and returns its exit code.</summary>
    public static int Report(RunFailedException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var message = UserText.Clean(failure.Message);
        Console.Error.WriteLine(failure.ExitCode == ExitCodes.Refused
            ? $"vigil: {message.TrimEnd('.')}; the ledger is unchanged"
            : $"vigil: {message}");
        return failure.ExitCode;
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
}
