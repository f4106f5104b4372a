using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Vigil.Core;
using Vigil.Ledger.Language;

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
    /// Longest slug kept in a file name, characters: 60 CJK characters are 180 bytes of UTF-8, under the 255-byte
    /// file-name limit of Linux file systems with room for the hash and "-pictures".
    /// </summary>
    public const int MaxSlugChars = 60;

    /// <summary>Hex digits of the name's hash after a slug: 24 bits, out of reach of a collision among a district's teams.</summary>
    public const int HashHexChars = 6;

    /// <summary>
    /// Writes <c>&lt;team&gt;.csv</c>, <c>&lt;team&gt;.geojson</c>, <c>&lt;team&gt;.html</c> and the folder
    /// <c>&lt;team&gt;-pictures</c> into <paramref name="outDirectory"/> (created when missing). A picture that cannot be
    /// made (raster missing or unreadable, no flight covered the case) is left out with a note on the page.
    /// </summary>
    /// <param name="list">The work list.</param>
    /// <param name="allCases">Every case of the ledger: the neighbours drawn on the thumbnails.</param>
    /// <param name="imagery">Reads the flights' rasters; null: thumbnails on a plain background and no crops.</param>
    /// <param name="outDirectory">The folder to write into.</param>
    /// <param name="text">The language of the page and the CSV headings; null: English.</param>
    public static WorkListFiles Write(
        WorkList list, IReadOnlyList<ViolationRecord> allCases, IImagerySource? imagery, string outDirectory, OfficeText? text = null)
    {
        text ??= OfficeText.English;
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
        File.WriteAllText(csv, Csv(rows.Select(r => r.Row), text), CsvText.Utf8WithBom);
        File.WriteAllBytes(geoJson, GeoJson(rows));
        File.WriteAllText(html, Html(list, rows.Select(r => r.Row), text), new UTF8Encoding(false));
        return new WorkListFiles(csv, geoJson, html, notes);
    }

    /// <summary>
    /// A file name for a team, distinct for distinct names: the name itself when it is a plain lower-case name (letters
    /// and digits of any script, single dashes: <c>城西街道</c>, <c>north</c>); otherwise a readable slug (letters and
    /// digits kept, ASCII lower-cased, each run of anything else one dash, at most <see cref="MaxSlugChars"/>) plus a
    /// dash and the first <see cref="HashHexChars"/> hex digits of the name's SHA-256, so that <c>North</c> and
    /// <c>north</c>, or two names that differ only in punctuation, never share a file.
    /// </summary>
    public static string FileStem(string team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var letters = new string(team.Trim().Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        var slug = string.Join('-', letters.Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length > 0 && slug.Length <= MaxSlugChars && slug == team)
        {
            return slug;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(team)))[..HashHexChars];
        slug = slug.Length > MaxSlugChars ? slug[..MaxSlugChars].TrimEnd('-') : slug;
        return slug.Length > 0 ? $"{slug}-{hash}" : $"team-{hash}";
    }

    private static string Csv(IEnumerable<CaseRow> rows, OfficeText language)
    {
        var text = new StringBuilder();
        CsvText.AppendLine(text, language.CsvHeadings);
        foreach (var row in rows)
        {
            CsvText.AppendLine(text, row.Values.Select(CaseRow.Text));
        }

        return text.ToString();
    }

    private static byte[] GeoJson(List<(WorkListItem Item, CaseRow Row)> rows)
    {
        var options = new JsonSerializerOptions { Encoder = ReadableJson.Encoder, Converters = { new GeoJsonConverterFactory() } };
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = ReadableJson.Encoder }))
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

    private static string Html(WorkList list, IEnumerable<CaseRow> rows, OfficeText text)
    {
        var l = text.Labels;
        var intro = string.Format(
            CultureInfo.InvariantCulture, text.WorkListIntro,
            list.MadeUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), list.Items.Count, text.WorkListOrder);
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var page = new StringBuilder();
        page.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="{{text.Tag}}"><head><meta charset="utf-8"><title>{{E(text.WorkListTitle + list.Team)}}</title>
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
            <h1>{{E(text.WorkListTitle + list.Team)}}</h1>
            <p>{{E(intro)}}</p>

            """);
        foreach (var row in rows)
        {
            var item = row.Item;
            var r = item.Record;
            var overdue = item.IsOverdue(row.MadeUtc) ? $" <span class=\"overdue\">{E(l.Overdue)}</span>" : "";
            page.Append(CultureInfo.InvariantCulture, $"""
                <div class="case {E(item.Card)}">
                <h2>{item.Rank}. {E(r.Number)}</h2>
                <table class="facts">
                <tr><td>{E(l.Position)}</td><td>{item.Latitude:F6}, {item.Longitude:F6} {E(l.PositionNote)}</td></tr>
                <tr><td>{E(l.Area)}</td><td>{r.AreaSquareMeters:F1} m²</td></tr>
                <tr><td>{E(l.Height)}</td><td>{(r.HeightMeters is { } h ? h.ToString("F1", CultureInfo.InvariantCulture) + " m" : "-")}</td></tr>
                <tr><td>{E(l.Status)}</td><td>{E(r.Status)} ({E(r.Kind)})</td></tr>
                <tr><td>{E(l.Card)}</td><td>{E(item.Card ?? "-")}</td></tr>
                <tr><td>{E(l.Zone)}</td><td>{E(r.BlacklistZone ?? "-")}</td></tr>
                <tr><td>{E(l.Deadline)}</td><td>{(item.DeadlineUtc is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-")}{overdue}</td></tr>
                <tr><td>{E(l.Offender)}</td><td>{E(r.Offender ?? "-")}</td></tr>
                <tr><td>{E(l.Seen)}</td><td>{r.FirstSeenUtc:yyyy-MM-dd} ({E(r.FirstFlightId)}) .. {r.LastSeenUtc:yyyy-MM-dd} ({E(r.LastFlightId)})</td></tr>
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
