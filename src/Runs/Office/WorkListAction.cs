using System.Globalization;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Language;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;
using Vigil.Runs.Inputs;

namespace Vigil.Runs.Office;

/// <summary><c>vigil worklist</c>: a team's open cases as CSV, GeoJSON and a printable page.</summary>
public static class WorkListAction
{
    /// <summary>
    /// Writes the work list of <paramref name="team"/> into <paramref name="outDirectory"/> and prints where. An unknown
    /// team, a rules file with an error, or an output path that is a file, is refused (<see cref="LedgerActions.Refused"/>)
    /// before anything is written; the ledger is only read. File names keep the team's name (<see cref="WorkListExport.FileStem"/>).
    /// </summary>
    public static int Write(
        ILedgerStore store, TextWriter output, string team, string outDirectory, string? rulesPath, DateTimeOffset nowUtc,
        OfficeText? text = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
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
            throw new RunFailedException(ex.Message, ExitCodes.Refused, ex);
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
