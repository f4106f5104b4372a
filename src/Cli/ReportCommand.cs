using System.CommandLine;
using System.Globalization;
using Vigil.Ledger.Reports;
using Vigil.Ledger.Stores;
using Vigil.Runs;

namespace Vigil.Cli;

/// <summary><c>vigil report --out DIR</c>: the ledger's charts on report.html (<see cref="LedgerReport"/>).</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var ledger = new Option<string>("--ledger") { Description = "Ledger GeoPackage or PostGIS connection string", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write report.html and its PNG charts into", Required = true };
        var command = new Command("report", "Chart open cases over time, m² demolished per month, closure per team, new cases per flight")
        {
            ledger, output,
        };
        command.SetAction(parse => LedgerCommand.WithStore(parse.GetValue(ledger)!, s => Write(
            s, Console.Out, parse.GetValue(output)!, DateTimeOffset.UtcNow)));
        return command;
    }

    /// <summary>Writes the report and prints where, with the headline figures. The ledger is only read.</summary>
    public static int Write(ILedgerStore store, TextWriter output, string outDirectory, DateTimeOffset nowUtc)
    {
        var files = LedgerReport.Write(store, outDirectory, nowUtc);
        var open = files.Figures.OpenCasesByDay is [.., var last] ? last.OpenCases : 0;
        var demolished = files.Figures.DemolishedSquareMetersByMonth.Sum(m => m.SquareMeters);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{open} open case(s), {demolished:F0} m² reported demolished; {files.HtmlPath}"));
        return ExitCodes.Success;
    }
}
