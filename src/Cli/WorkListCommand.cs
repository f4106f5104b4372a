using System.CommandLine;
using System.Globalization;
using Vigil.Ledger;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Language;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;
using Vigil.Runs;
using Vigil.Runs.Inputs;

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
        command.SetAction(parse => LedgerCommand.WithStore(parse.GetValue(ledger)!, s => Write(
            s, Console.Out, parse.GetValue(team)!, parse.GetValue(output)!, parse.GetValue(rules), DateTimeOffset.UtcNow,
            LanguageOption.Resolve(parse.GetValue(lang)))));
        return command;
    }

    /// <summary>
    /// Writes the work list of <paramref name="team"/> into <paramref name="outDirectory"/> and prints where. An unknown
    /// team, a rules file with an error, or an output path that is a file, is refused before anything is written; the
    /// ledger is only read. File names keep the team's name (<see cref="WorkListExport.FileStem"/>).
    /// </summary>
    public static int Write(
        ILedgerStore store, TextWriter output, string team, string outDirectory, string? rulesPath, DateTimeOffset nowUtc,
        OfficeText? text = null)
    {
        text ??= OfficeText.English;
        WorkList list;
        try
        {
            if (File.Exists(outDirectory))
            {
                throw new IOException($"--out {outDirectory} is a file; give a folder (created when missing)");
            }

            var rules = rulesPath is null ? null : CardRules.Load(rulesPath);
            list = WorkList.Build(store, team, rules, nowUtc);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidDataException or IOException)
        {
            return LedgerCommand.Refuse(ex.Message);
        }

        var files = WorkListExport.Write(list, store.ReadRecords(), new GdalImagerySource(), outDirectory, text);
        foreach (var note in files.Notes)
        {
            output.WriteLine($"  note: {note}");
        }

        output.WriteLine(string.Format(
            CultureInfo.InvariantCulture, text.WorkListWritten, list.Items.Count, team, $"{files.HtmlPath}, {files.CsvPath}, {files.GeoJsonPath}"));
        return ExitCodes.Success;
    }
}
