using System.CommandLine;
using Vigil.Runs.Office;

namespace Vigil.Cli;

/// <summary><c>vigil report --out DIR</c>: the ledger's charts on report.html (<see cref="ReportAction"/>).</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var ledger = new Option<string>("--ledger") { Description = "Ledger GeoPackage or PostGIS connection string", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write report.html and its PNG charts into", Required = true };
        var lang = LanguageOption.Create();
        var command = new Command("report", "Chart open cases over time, m² demolished per month, closure per team, new cases per flight")
        {
            ledger, output, lang,
        };
        command.SetAction(parse => LedgerCommand.WithStore(parse.GetValue(ledger)!, s => ReportAction.Write(
            s, Console.Out, parse.GetValue(output)!, DateTimeOffset.UtcNow, LanguageOption.Resolve(parse.GetValue(lang)),
            parse.GetValue(ledger))));
        return command;
    }
}
