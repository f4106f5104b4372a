using System.CommandLine;
using Vigil.Runs.Office;

namespace Vigil.Cli;

/// <summary><c>vigil worklist --team NAME --out DIR</c>: a team's open cases as CSV, GeoJSON and a printable page.</summary>
public static class WorkListCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var ledger = new Option<string>("--ledger") { Description = "Ledger GeoPackage or PostGIS connection string", Required = true };
        var team = new Option<string>("--team") { Description = "Team name, as loaded with 'vigil ledger teams --load'", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write the CSV, GeoJSON, HTML and pictures into", Required = true };
        var rules = new Option<string?>("--rules") { Description = "Black-list rules (YAML or JSON): their deadline_days give each case its deadline" };
        var lang = LanguageOption.Create();
        var command = new Command("worklist", "Write a team's work list: cases by priority, with map, before/after pictures and deadline")
        {
            ledger, team, output, rules, lang,
        };
        command.SetAction(parse => LedgerCommand.WithStore(parse.GetValue(ledger)!, s => WorkListAction.Write(
            s, Console.Out, parse.GetValue(team)!, parse.GetValue(output)!, parse.GetValue(rules), DateTimeOffset.UtcNow,
            LanguageOption.Resolve(parse.GetValue(lang)))));
        return command;
    }
}
