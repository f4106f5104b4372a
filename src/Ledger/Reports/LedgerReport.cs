using System.Globalization;
using System.Net;
using System.Text;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Reports;

/// <summary>
/// The ledger report: four PNG charts (open cases over time, m² demolished per month, closure rate per team, new cases
/// per flight) on report.html, each with its figures in a table. Drawn offline with OpenCV. Not thread-safe for one folder.
/// </summary>
public static class LedgerReport
{
    /// <summary>Computes the figures from the ledger and writes report.html and its charts into <paramref name="outDirectory"/>.</summary>
    /// <param name="store">The ledger; only read.</param>
    /// <param name="outDirectory">Created when missing; files of an earlier report are replaced.</param>
    /// <param name="madeUtc">When the report is made, printed on it.</param>
    public static ReportFiles Write(ILedgerStore store, string outDirectory, DateTimeOffset madeUtc)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDirectory);
        Directory.CreateDirectory(outDirectory);
        var figures = LedgerFigures.Compute(store);
        var sections = new List<(string File, string Title, string[] Header, IEnumerable<string[]> Rows)>();

        var stock = figures.OpenCasesByDay;
        Chart.Line(Path.Combine(outDirectory, "open-cases.png"), "Open cases over time", "open cases", "open cases at end of day",
            stock.Select(p => p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            stock.Select(p => (double)p.OpenCases).ToList());
        sections.Add(("open-cases.png", "Open cases over time", ["day", "open cases"],
            stock.Select(p => new[] { p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Text(p.OpenCases) })));

        var demolished = figures.DemolishedSquareMetersByMonth;
        Chart.Bars(Path.Combine(outDirectory, "demolished-per-month.png"), "Area demolished per month", "m2", "m2 reported demolished",
            demolished.Select(m => m.Month).ToList(), demolished.Select(m => m.SquareMeters).ToList(), "0");
        sections.Add(("demolished-per-month.png", "Area demolished per month", ["month", "m²"],
            demolished.Select(m => new[] { m.Month, m.SquareMeters.ToString("F1", CultureInfo.InvariantCulture) })));

        var closure = figures.ClosureByTeam.Where(t => t.Total > 0).ToList();
        Chart.Bars(Path.Combine(outDirectory, "closure-per-team.png"), "Closure rate per team", "% closed", "% of cases closed (closed/all)",
            closure.Select(t => t.Team).ToList(), closure.Select(t => 100.0 * t.Closed / t.Total).ToList(), "0",
            closure.Select(t => $"{t.Closed}/{t.Total}").ToList(), yMaxFixed: 100);
        sections.Add(("closure-per-team.png", "Closure rate per team", ["team", "closed", "cases", "rate"],
            closure.Select(t => new[] { t.Team, Text(t.Closed), Text(t.Total), (100.0 * t.Closed / t.Total).ToString("F0", CultureInfo.InvariantCulture) + " %" })));

        var perFlight = figures.NewCasesByFlight;
        Chart.Bars(Path.Combine(outDirectory, "new-cases-per-flight.png"), "New cases per flight", "cases", "cases opened by the flight",
            perFlight.Select(f => f.FlightId).ToList(), perFlight.Select(f => (double)f.NewCases).ToList(), "0");
        sections.Add(("new-cases-per-flight.png", "New cases per flight", ["flight", "new cases"],
            perFlight.Select(f => new[] { f.FlightId, Text(f.NewCases) })));

        var html = Path.Combine(outDirectory, "report.html");
        File.WriteAllText(html, Html(sections, madeUtc), new UTF8Encoding(false));
        return new ReportFiles(html, sections.Select(s => Path.Combine(outDirectory, s.File)).ToList(), figures);
    }

    private static string Html(List<(string File, string Title, string[] Header, IEnumerable<string[]> Rows)> sections, DateTimeOffset madeUtc)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var page = new StringBuilder();
        page.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Vigil ledger report</title>
            <style>
            body { font-family: sans-serif; margin: 1.5em; color: #111; }
            section { page-break-inside: avoid; break-inside: avoid; margin-bottom: 1.5em; }
            img { max-width: 100%; border: 1px solid #ccc; }
            table { border-collapse: collapse; font-size: 0.9em; } td, th { border: 1px solid #bbb; padding: 0.1em 0.5em; }
            @page { size: A4; margin: 12mm; }
            </style></head><body>
            <h1>Vigil ledger report</h1>
            <p>Made {{madeUtc:yyyy-MM-dd HH:mm}} UTC. Open cases: detected, confirmed, notified, scheduled or rebuilt.
            Closure rate: demolished or verified-demolished cases over all cases of the team, rejected cases left out.</p>

            """);
        foreach (var (file, title, header, rows) in sections)
        {
            page.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(title)}</h2>\n<img src=\"{E(file)}\" alt=\"{E(title)}\">\n");
            var body = rows.ToList();
            if (body.Count == 0)
            {
                page.Append("<p>No data.</p>\n");
            }
            else
            {
                page.Append("<table><tr>").AppendJoin("", header.Select(h => $"<th>{E(h)}</th>")).Append("</tr>\n");
                foreach (var row in body)
                {
                    page.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{E(c)}</td>")).Append("</tr>\n");
                }

                page.Append("</table>\n");
            }

            page.Append("</section>\n");
        }

        page.Append("</body></html>\n");
        return page.ToString();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
