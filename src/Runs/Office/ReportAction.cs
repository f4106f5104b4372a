using System.Globalization;
using Vigil.Ledger.Language;
using Vigil.Ledger.Qgis;
using Vigil.Ledger.Reports;
using Vigil.Ledger.Stores;

namespace Vigil.Runs.Office;

/// <summary><c>vigil report</c>: the ledger's charts on report.html (<see cref="LedgerReport"/>).</summary>
public static class ReportAction
{
    /// <summary>
    /// Writes the report and prints where, with the headline figures; with <paramref name="ledger"/> (the path or
    /// connection string given) also the QGIS project <c>ledger.qgz</c> of its layers and the flights' imagery. The
    /// ledger is only read. An output path that is a file is refused (<see cref="LedgerActions.Refused"/>); a missing
    /// chart font or an unwritable folder throws <see cref="RunFailedException"/> with exit 2 and says why.
    /// </summary>
    public static int Write(
        ILedgerStore store, TextWriter output, string outDirectory, DateTimeOffset nowUtc, OfficeText? text = null, string? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        text ??= OfficeText.English;
        if (File.Exists(outDirectory))
        {
            throw LedgerActions.Refused($"--out {outDirectory} is a file; give a folder (created when missing)");
        }

        ReportFiles files;
        try
        {
            files = LedgerReport.Write(store, outDirectory, nowUtc, text);
            if (ledger is not null)
            {
                var project = Path.Combine(outDirectory, QgisProject.FileName);
                var imagery = QgisProject.Write(store, ledger, project);
                output.WriteLine($"QGIS: {project} ({imagery.Count} image(s))");
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }

        var open = files.Figures.OpenCasesByDay is [.., var last] ? last.OpenCases : 0;
        var demolished = files.Figures.DemolishedSquareMetersByMonth.Sum(m => m.SquareMeters);
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, text.ReportWritten, open, demolished, files.HtmlPath));
        return ExitCodes.Success;
    }
}
