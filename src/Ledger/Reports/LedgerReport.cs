using System.Globalization;
using System.Net;
using System.Text;
using Vigil.Ledger.Language;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Reports;

/// <summary>
/// The ledger report: four PNG charts (open cases over time, m² demolished per month, closure rate per team, new cases
/// per flight) on report.html, each with its figures in a table, in English or Chinese. Drawn offline with ScottPlot in a
/// CJK font (<see cref="ChartFont"/>). Not thread-safe for one folder.
/// </summary>
public static class LedgerReport
{
    /// <summary>Computes the figures from the ledger and writes report.html and its charts into <paramref name="outDirectory"/>.</summary>
    /// <param name="store">The ledger; only read.</param>
    /// <param name="outDirectory">Created when missing; files of an earlier report are replaced.</param>
    /// <param name="madeUtc">When the report is made, printed on it.</param>
    /// <param name="text">The language of the page and the charts; null: English.</param>
    /// <exception cref="FileNotFoundException">No CJK font is installed (the message names the package).</exception>
    public static ReportFiles Write(ILedgerStore store, string outDirectory, DateTimeOffset madeUtc, OfficeText? text = null)
    {
        text ??= OfficeText.English;
        var t = text.Report;
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDirectory);
        Directory.CreateDirectory(outDirectory);
        var figures = LedgerFigures.Compute(store);
        var sections = new List<(string File, string Title, string[] Header, IEnumerable<string[]> Rows)>();

        var stock = figures.OpenCasesByDay;
        Chart.Line(Path.Combine(outDirectory, "open-cases.png"), t.OpenTitle, t.OpenAxis, t.OpenLegend, text.NoData,
            stock.Select(p => p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            stock.Select(p => (double)p.OpenCases).ToList());
        sections.Add(("open-cases.png", t.OpenTitle, [t.Day, t.OpenAxis],
            stock.Select(p => new[] { p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Text(p.OpenCases) })));

        var demolished = figures.DemolishedSquareMetersByMonth;
        Chart.Bars(Path.Combine(outDirectory, "demolished-per-month.png"), t.DemolishedTitle, "m²", t.DemolishedLegend, text.NoData,
            demolished.Select(m => m.Month).ToList(), demolished.Select(m => m.SquareMeters).ToList(), "0");
        sections.Add(("demolished-per-month.png", t.DemolishedTitle, [t.Month, "m²"],
            demolished.Select(m => new[] { m.Month, m.SquareMeters.ToString("F1", CultureInfo.InvariantCulture) })));

        var closure = figures.ClosureByTeam.Where(c => c.Total > 0).ToList();
        string TeamName(string team) => team == LedgerFigures.NoTeam ? t.NoTeam : team;
        Chart.Bars(Path.Combine(outDirectory, "closure-per-team.png"), t.ClosureTitle, t.ClosureAxis, t.ClosureLegend, text.NoData,
            closure.Select(c => TeamName(c.Team)).ToList(), closure.Select(c => 100.0 * c.Closed / c.Total).ToList(), "0",
            closure.Select(c => $"{c.Closed}/{c.Total}").ToList(), yMaxFixed: 100);
        sections.Add(("closure-per-team.png", t.ClosureTitle, [t.Team, t.Closed, t.Cases, t.Rate],
            closure.Select(c => new[] { TeamName(c.Team), Text(c.Closed), Text(c.Total), (100.0 * c.Closed / c.Total).ToString("F0", CultureInfo.InvariantCulture) + " %" })));

        var perFlight = figures.NewCasesByFlight;
        Chart.Bars(Path.Combine(outDirectory, "new-cases-per-flight.png"), t.PerFlightTitle, t.PerFlightAxis, t.PerFlightLegend, text.NoData,
            perFlight.Select(f => f.FlightId).ToList(), perFlight.Select(f => (double)f.NewCases).ToList(), "0");
        sections.Add(("new-cases-per-flight.png", t.PerFlightTitle, [t.Flight, t.NewCases],
            perFlight.Select(f => new[] { f.FlightId, Text(f.NewCases) })));

        var html = Path.Combine(outDirectory, "report.html");
        File.WriteAllText(html, Html(sections, madeUtc, text), new UTF8Encoding(false));
        return new ReportFiles(html, sections.Select(s => Path.Combine(outDirectory, s.File)).ToList(), figures);
    }

    private static string Html(
        List<(string File, string Title, string[] Header, IEnumerable<string[]> Rows)> sections, DateTimeOffset madeUtc, OfficeText text)
    {
        var intro = string.Format(CultureInfo.InvariantCulture, text.ReportIntro, madeUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        static string E(string text) => WebUtility.HtmlEncode(text);
        var page = new StringBuilder();
        page.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="{{text.Tag}}"><head><meta charset="utf-8"><title>{{E(text.ReportTitle)}}</title>
            <style>
            body { font-family: sans-serif; margin: 1.5em; color: #111; }
            section { page-break-inside: avoid; break-inside: avoid; margin-bottom: 1.5em; }
            img { max-width: 100%; border: 1px solid #ccc; }
            table { border-collapse: collapse; font-size: 0.9em; } td, th { border: 1px solid #bbb; padding: 0.1em 0.5em; }
            @page { size: A4; margin: 12mm; }
            </style></head><body>
            <h1>{{E(text.ReportTitle)}}</h1>
            <p>{{E(intro)}}</p>

            """);
        foreach (var (file, title, header, rows) in sections)
        {
            page.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(title)}</h2>\n<img src=\"{E(file)}\" alt=\"{E(title)}\">\n");
            var body = rows.ToList();
            if (body.Count == 0)
            {
                page.Append(CultureInfo.InvariantCulture, $"<p>{E(text.NoData)}</p>\n");
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
