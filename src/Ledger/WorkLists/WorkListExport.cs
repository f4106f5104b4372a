using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Vigil.Core;

namespace Vigil.Ledger.WorkLists;

/// <summary>
/// Writes a <see cref="WorkList"/> as CSV, GeoJSON and a printable HTML page with pictures, all into one folder and
/// rendered offline (OpenCV, no tile server). Not thread-safe for one folder.
/// </summary>
public static class WorkListExport
{
    /// <summary>Ground shown around a case on its map thumbnail, metres: enough to see the neighbouring plots.</summary>
    public const double ThumbnailMarginMeters = 40;

    /// <summary>Ground shown around a case on its before/after crops, metres.</summary>
    public const double CropMarginMeters = 12;

    /// <summary>
    /// Writes <c>&lt;team&gt;.csv</c>, <c>&lt;team&gt;.geojson</c>, <c>&lt;team&gt;.html</c> and the folder
    /// <c>&lt;team&gt;-pictures</c> into <paramref name="outDirectory"/> (created when missing). A picture that cannot be
    /// made (raster missing or unreadable, no flight covered the case) is left out with a note on the page.
    /// </summary>
    /// <param name="list">The work list.</param>
    /// <param name="allCases">Every case of the ledger: the neighbours drawn on the thumbnails.</param>
    /// <param name="imagery">Reads the flights' rasters; null: thumbnails on a plain background and no crops.</param>
    /// <param name="outDirectory">The folder to write into.</param>
    public static WorkListFiles Write(WorkList list, IReadOnlyList<ViolationRecord> allCases, IImagerySource? imagery, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(allCases);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDirectory);
        var stem = FileStem(list.Team);
        var pictureFolder = $"{stem}-pictures";
        Directory.CreateDirectory(Path.Combine(outDirectory, pictureFolder));

        var rows = new List<(WorkListItem Item, CaseRow Row)>(list.Items.Count);
        var notes = new List<string>();
        foreach (var item in list.Items)
        {
            var pictures = new PictureMaker(item, allCases, imagery, outDirectory, pictureFolder).Make();
            notes.AddRange(pictures.Notes.Select(n => $"{item.Record.Number}: {n}"));
            rows.Add((item, new CaseRow(item, list.MadeUtc, pictures)));
        }

        var csv = Path.Combine(outDirectory, $"{stem}.csv");
        var geoJson = Path.Combine(outDirectory, $"{stem}.geojson");
        var html = Path.Combine(outDirectory, $"{stem}.html");
        File.WriteAllText(csv, Csv(rows.Select(r => r.Row)), new UTF8Encoding(false));
        File.WriteAllBytes(geoJson, GeoJson(rows));
        File.WriteAllText(html, Html(list, rows.Select(r => r.Row)), new UTF8Encoding(false));
        return new WorkListFiles(csv, geoJson, html, notes);
    }

    /// <summary>A file name for a team: letters and digits kept, anything else a dash.</summary>
    public static string FileStem(string team)
    {
        var stem = new string(team.Trim().Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return stem.Length > 0 ? stem : "team";
    }

    private static string Csv(IEnumerable<CaseRow> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', CaseRow.Names).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Values.Select(v => CsvField(CaseRow.Text(v)))).Append('\n');
        }

        return text.ToString();
    }

    private static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static byte[] GeoJson(List<(WorkListItem Item, CaseRow Row)> rows)
    {
        var options = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var (item, row) in rows)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WritePropertyName("geometry");
                JsonSerializer.Serialize(json, item.Record.FootprintWgs84, options);
                json.WriteStartObject("properties");
                for (var i = 0; i < CaseRow.Names.Length; i++)
                {
                    switch (row.Values[i])
                    {
                        case null:
                            json.WriteNull(CaseRow.Names[i]);
                            break;
                        case int n:
                            json.WriteNumber(CaseRow.Names[i], n);
                            break;
                        case double d:
                            json.WriteNumber(CaseRow.Names[i], d);
                            break;
                        case bool b:
                            json.WriteBoolean(CaseRow.Names[i], b);
                            break;
                        default:
                            json.WriteString(CaseRow.Names[i], CaseRow.Text(row.Values[i]));
                            break;
                    }
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Html(WorkList list, IEnumerable<CaseRow> rows)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var page = new StringBuilder();
        page.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Work list: {{E(list.Team)}}</title>
            <style>
            body { font-family: sans-serif; margin: 1.5em; color: #111; }
            .case { border: 1px solid #999; padding: 0.6em; margin-bottom: 1em; page-break-inside: avoid; break-inside: avoid; }
            .case h2 { margin: 0 0 0.3em 0; font-size: 1.2em; }
            .red { border-left: 8px solid #d00; } .yellow { border-left: 8px solid #e6b800; }
            table.facts td { padding: 0.1em 0.8em 0.1em 0; vertical-align: top; }
            .pictures { display: flex; flex-wrap: wrap; gap: 0.5em; margin-top: 0.4em; }
            .pictures figure { margin: 0; } .pictures img { max-width: 320px; max-height: 320px; border: 1px solid #ccc; }
            .note { color: #a40; font-size: 0.9em; } .overdue { color: #d00; font-weight: bold; }
            @media print { body { margin: 0; } .case { border-color: #000; } }
            @page { size: A4; margin: 12mm; }
            </style></head><body>
            <h1>Work list: {{E(list.Team)}}</h1>
            <p>Made {{list.MadeUtc:yyyy-MM-dd HH:mm}} UTC. {{list.Items.Count}} open case(s). Order: {{E(WorkList.OrderDescription)}}</p>

            """);
        foreach (var row in rows)
        {
            var item = row.Item;
            var r = item.Record;
            var overdue = item.IsOverdue(row.MadeUtc) ? " <span class=\"overdue\">overdue</span>" : "";
            page.Append(CultureInfo.InvariantCulture, $"""
                <div class="case {E(item.Card)}">
                <h2>{item.Rank}. {E(r.Number)}</h2>
                <table class="facts">
                <tr><td>Position</td><td>{item.Latitude:F6}, {item.Longitude:F6} (lat, lon WGS 84)</td></tr>
                <tr><td>Area</td><td>{r.AreaSquareMeters:F1} m²</td></tr>
                <tr><td>Height</td><td>{(r.HeightMeters is { } h ? h.ToString("F1", CultureInfo.InvariantCulture) + " m" : "-")}</td></tr>
                <tr><td>Status</td><td>{E(r.Status)} ({E(r.Kind)})</td></tr>
                <tr><td>Card</td><td>{E(item.Card ?? "-")}</td></tr>
                <tr><td>Black-list zone</td><td>{E(r.BlacklistZone ?? "-")}</td></tr>
                <tr><td>Deadline</td><td>{(item.DeadlineUtc is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-")}{overdue}</td></tr>
                <tr><td>Offender</td><td>{E(r.Offender ?? "-")}</td></tr>
                <tr><td>Seen</td><td>{r.FirstSeenUtc:yyyy-MM-dd} ({E(r.FirstFlightId)}) .. {r.LastSeenUtc:yyyy-MM-dd} ({E(r.LastFlightId)})</td></tr>
                </table>
                <div class="pictures">

                """);
            foreach (var (file, caption) in row.Pictures.Figures)
            {
                page.Append(CultureInfo.InvariantCulture,
                    $"<figure><img src=\"{E(file)}\" alt=\"{E(caption)}\"><figcaption>{E(caption)}</figcaption></figure>\n");
            }

            page.Append("</div>\n");
            foreach (var note in row.Pictures.Notes)
            {
                page.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(note)}</p>\n");
            }

            page.Append("</div>\n");
        }

        page.Append("</body></html>\n");
        return page.ToString();
    }
}
