using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.IO;
using SkiaSharp;
using Vigil.Cli;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Ledger;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Language;
using Vigil.Ledger.Reports;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;
using Vigil.Runs;
using Vigil.Runs.Office;

namespace Vigil.IntegrationTests;

/// <summary>
/// A Chinese district office end to end: 13 sub-district teams with Chinese names loaded from a GeoJSON, cases with
/// Chinese black-list zones and reasons, a work list per team, the report's charts, all in zh-CN, on a real GeoPackage
/// ledger and the real chart font.
/// </summary>
public sealed class OfficeScenarioTests : IDisposable
{
    /// <summary>Sub-district (街道) names as a Chinese county town has them; 城西 and 城东 differ by one character.</summary>
    private static readonly string[] Teams =
    [
        "城西街道", "城东街道", "北关街道", "南关街道", "城南街道", "城北街道", "新华街道", "解放街道", "人民路街道",
        "东风街道", "西关街道", "文化路街道", "建设路街道",
    ];

    private const string Zone = "河道管理范围";
    private const string ConfirmReason = "现场核实：屋顶违法加建彩钢房，约60平方米";
    private const string DemolishReason = "当事人已自行拆除，街道办复核";

    private static readonly DateTimeOffset Nov2026 = new(2026, 11, 25, 2, 30, 0, TimeSpan.Zero);

    /// <summary>A font without CJK glyphs: what a chart drawn with Latin-only fonts shows in place of Chinese.</summary>
    private const string LatinOnlyFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private readonly TempDirectory _temp = new();
    private readonly GeoPackageLedgerStore _store;

    public OfficeScenarioTests() => _store = GeoPackageLedgerStore.Open(_temp.File("台账.gpkg"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Each_team_gets_its_own_work_list_files_named_in_chinese_with_a_csv_excel_reads_as_utf8()
    {
        var numbers = Populate();
        var outDir = _temp.File("工作清单");
        var output = new StringWriter();

        foreach (var team in Teams)
        {
            Assert.Equal(ExitCodes.Success, LedgerCommand.Exit(() => WorkListAction.Write(
                _store, output, team, outDir, null, Nov2026.AddDays(3), OfficeText.SimplifiedChinese)));
        }

        var names = Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName).ToList();
        Assert.Equal(13 * 4, names.Count);
        foreach (var team in Teams)
        {
            Assert.Contains($"{team}.csv", names);
            Assert.Contains($"{team}.html", names);
            Assert.Contains($"{team}.geojson", names);
            Assert.Contains($"{team}-pictures", names);
            var bytes = File.ReadAllBytes(Path.Combine(outDir, $"{team}.csv"));
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var rows = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("序号,案件编号,责任队,警示牌,黑名单区域,面积_平方米", rows[0], StringComparison.Ordinal);
            Assert.Equal(numbers[team].Count, rows.Length - 1);
            Assert.All(rows[1..], r => Assert.Equal(team, r.Split(',')[2]));
            Assert.Equal(numbers[team].Order(), rows[1..].Select(r => r.Split(',')[1]).Order());
            Assert.Contains(Zone, rows[1], StringComparison.Ordinal);

            var pictures = Directory.GetFiles(Path.Combine(outDir, $"{team}-pictures")).Select(Path.GetFileName).Order();
            Assert.Equal(numbers[team].Select(n => $"{n}-map.png").Order(), pictures);
            var html = File.ReadAllText(Path.Combine(outDir, $"{team}.html"));
            Assert.Contains($"<h1>工作清单：{team}</h1>", html, StringComparison.Ordinal);
            Assert.Contains("<td>黑名单区域</td>", html, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
            var geoJson = File.ReadAllText(Path.Combine(outDir, $"{team}.geojson"));
            Assert.Contains($"\"team\": \"{team}\"", geoJson, StringComparison.Ordinal);
            using var parsed = JsonDocument.Parse(geoJson);
            Assert.Equal(numbers[team].Count, parsed.RootElement.GetProperty("features").GetArrayLength());
        }

        Assert.Contains("城东街道：待处理案件 2 件", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_teams_lines_up_the_counts_after_chinese_names()
    {
        Populate();
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Success, LedgerCommand.Exit(() => TeamActions.Teams(_store, output, null, Nov2026, "李明")));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[..Teams.Length];
        Assert.Equal(Teams, lines.Select(l => l.Split(' ')[0]));
        // Each Chinese character takes two terminal cells: the counts start in one column whatever the name's length.
        Assert.Single(lines.Select(l => DisplayText.Width(l[..l.IndexOf("open case", StringComparison.Ordinal)])).Distinct());
        Assert.Equal("城东街道                     2 open case(s)", lines[1]);
    }

    [Fact]
    public void History_prints_chinese_reasons_as_text()
    {
        var numbers = Populate();
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Success, LedgerCommand.Exit(() => LedgerActions.History(_store, output, numbers["城东街道"][0])));

        Assert.Contains(ConfirmReason, output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(ConfirmReason, _store.ReadEvents(numbers["城东街道"][0]).Last().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_charts_draw_the_chinese_titles_and_team_names_as_text()
    {
        Populate();
        var outDir = _temp.File("报告");
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Success, LedgerCommand.Exit(() => ReportAction.Write(_store, output, outDir, Nov2026.AddDays(3), OfficeText.SimplifiedChinese)));

        var report = OfficeText.SimplifiedChinese.Report;
        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains($"<h2>{report.ClosureTitle}</h2>", html, StringComparison.Ordinal);
        Assert.All(Teams, t => Assert.Contains($"<td>{t}</td>", html, StringComparison.Ordinal));
        var titles = new Dictionary<string, string>
        {
            ["open-cases.png"] = report.OpenTitle,
            ["demolished-per-month.png"] = report.DemolishedTitle,
            ["closure-per-team.png"] = report.ClosureTitle,
            ["new-cases-per-flight.png"] = report.PerFlightTitle,
        };
        using var latinOnly = SKTypeface.FromFile(LatinOnlyFont)
            ?? throw new InvalidOperationException($"{LatinOnlyFont} is missing: apt-get install fonts-dejavu-core (scripts/setup.sh)");
        foreach (var (file, title) in titles)
        {
            using var chart = SKBitmap.Decode(Path.Combine(outDir, file));
            var drawn = Ink.Of(chart, new SKRectI(0, 0, chart.Width, TitleBandPixels));
            var expected = Ink.Render(title, ChartFont.Typeface, ChartFont.TitleSizePixels);
            var tofu = Ink.Render(title, latinOnly, ChartFont.TitleSizePixels);

            // The check tells the two apart: a Latin-only font draws boxes (or nothing) where the glyphs should be.
            Assert.False(expected.Matches(tofu), $"{title}: the Latin-only rendering passes for the Chinese one; the check is blind");
            Assert.True(drawn.Matches(expected), $"{file}: the title region ({drawn}) is not '{title}' drawn in {ChartFont.Family} ({expected})");
        }
    }

    [Fact]
    public void Before_and_after_crops_name_a_flight_named_in_chinese_in_chinese()
    {
        Assert.Equal(ExitCodes.Success, LedgerCommand.Exit(() => TeamActions.Teams(_store, TextWriter.Null, TeamsFile(), Nov2026, "李明")));
        var (before, after) = ("2026-11-25-城西", "2026-12-02-城西");
        _store.BeginFlight(new FlightStart(before, Nov2026, [Raster("城西-1125.tif")], "vigil"));
        var number = _store.InsertRecord(new NewViolation(
            ViolationKinds.New, Polygon(116.302, 39.924, 116.3022, 39.9242), 300, 0, 0.9, Nov2026, before, Zone, null, "vigil"));
        _store.ChangeStatus(new StatusChange(number, CaseStatuses.Confirmed, Nov2026, "王科长", "现场核实"));
        _store.BeginFlight(new FlightStart(after, Nov2026.AddDays(7), [Raster("城西-1202.tif")], "vigil"));
        _store.RecordSighting(number, after, Nov2026.AddDays(7), 0.9, "vigil");
        var outDir = _temp.File("工作清单");

        Assert.Equal(ExitCodes.Success, LedgerCommand.Exit(() => WorkListAction.Write(
            _store, TextWriter.Null, "城西街道", outDir, null, Nov2026.AddDays(8), OfficeText.SimplifiedChinese)));

        using var latinOnly = SKTypeface.FromFile(LatinOnlyFont)!;
        foreach (var (which, flight, day) in new[] { ("before", before, "2026-11-25"), ("after", after, "2026-12-02") })
        {
            using var crop = SKBitmap.Decode(Path.Combine(outDir, "城西街道-pictures", $"{number}-{which}.png"));
            var caption = $"{flight} {day}";
            var drawn = Ink.Of(crop, new SKRectI(0, 0, crop.Width, CaptionBandPixels));
            var size = TextStamp.FittedSize(caption, crop.Width - CaptionInsetPixels);
            var expected = Ink.Render(caption, ChartFont.Typeface, size);

            Assert.True(size >= TextStamp.MinSizePixels + 2, $"the caption is shrunk to {size} px");
            Assert.False(expected.Matches(Ink.Render(caption, latinOnly, size)), "the check is blind to tofu");
            Assert.True(drawn.Matches(expected), $"{which}: the caption ({drawn}) is not '{caption}' in {ChartFont.Family} ({expected})");
        }
    }

    /// <summary>Distance of a crop's caption box from its left edge, pixels (CasePictures.CaptionInsetPixels).</summary>
    private const int CaptionInsetPixels = 3;

    /// <summary>Rows of a crop holding its caption box: the line height of the caption and its padding.</summary>
    private const int CaptionBandPixels = 28;

    /// <summary>
    /// Rows of the chart holding its title, pixels: the title's line height and ScottPlot's padding above it, and none of
    /// the top tick label of the y axis below.
    /// </summary>
    private const int TitleBandPixels = 36;

    /// <summary>
    /// Thirteen team bands, north to south; in each a case inside the black-list zone and one outside, both confirmed
    /// with a Chinese reason; in every third team the case outside the zone demolished. Returns the open cases per team.
    /// </summary>
    private Dictionary<string, List<string>> Populate()
    {
        Assert.Equal(ExitCodes.Success, LedgerCommand.Exit(() => TeamActions.Teams(_store, TextWriter.Null, TeamsFile(), Nov2026, "李明")));
        _store.ReplaceBlacklistZones([(Zone, Polygon(116.30, 39.80, 116.31, 39.93))], Nov2026, "李明");
        _store.BeginFlight(new FlightStart("2026-11-25-d7", Nov2026, ["/srv/vigil/inbox/2026-11-25-d7/d7.tif"], "vigil"));
        var numbers = new Dictionary<string, List<string>>();
        for (var i = 0; i < Teams.Length; i++)
        {
            var lat = Band(i).South + 0.004;
            var inZone = _store.InsertRecord(new NewViolation(
                ViolationKinds.New, Polygon(116.302, lat, 116.3022, lat + 0.0002), 60 + i, 0, 0.9, Nov2026, "2026-11-25-d7", Zone, null, "vigil"));
            var outside = _store.InsertRecord(new NewViolation(
                ViolationKinds.New, Polygon(116.35, lat, 116.3502, lat + 0.0002), 30 + i, 0, 0.8, Nov2026, "2026-11-25-d7", null, null, "vigil"));
            numbers[Teams[i]] = [inZone, outside];
            foreach (var number in numbers[Teams[i]])
            {
                _store.ChangeStatus(new StatusChange(number, CaseStatuses.Confirmed, Nov2026.AddDays(1), "王芳", ConfirmReason));
            }

            if (i % 3 == 0)
            {
                _store.ChangeStatus(new StatusChange(outside, CaseStatuses.Demolished, Nov2026.AddDays(2), "王芳", DemolishReason));
                numbers[Teams[i]].Remove(outside);
            }
        }

        return numbers;
    }

    /// <summary>A light grey 100 m square, 0.25 m pixels, EPSG:32650, centred on the 城西街道 case (116.3021 E 39.9241 N).</summary>
    private string Raster(string name)
    {
        const int Size = 400;
        var zone = new UtmZone(50, IsNorth: true);
        var (east, north) = zone.Forward(116.3021, 39.9241);
        var band = Enumerable.Repeat((byte)225, Size * Size).ToArray();
        var path = _temp.File(name);
        GeoTiffWriter.Write(path, Size, Size, [band, band, band], GeoTransform.NorthUp(east - 50, north + 50, 0.25), zone.EpsgName);
        return path;
    }

    /// <summary>Team i's band: 0.01° of latitude from 39.93 southwards, 116.29 to 116.40 E (Beijing's longitude).</summary>
    private static (double South, double North) Band(int i) => (39.92 - 0.01 * i, 39.93 - 0.01 * i);

    private static NetTopologySuite.Geometries.Geometry Polygon(double west, double south, double east, double north) =>
        new WKTReader().Read(string.Create(CultureInfo.InvariantCulture,
            $"POLYGON (({west} {south}, {east} {south}, {east} {north}, {west} {north}, {west} {south}))"));

    private string TeamsFile()
    {
        var features = Teams.Select((team, i) => string.Create(CultureInfo.InvariantCulture,
            $$$"""{"type":"Feature","properties":{"team":"{{{team}}}"},"geometry":{"type":"Polygon","coordinates":[[[116.29,{{{Band(i).South}}}],[116.40,{{{Band(i).South}}}],[116.40,{{{Band(i).North}}}],[116.29,{{{Band(i).North}}}],[116.29,{{{Band(i).South}}}]]]}}"""));
        var path = _temp.File("责任区.geojson");
        File.WriteAllText(path, $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""");
        return path;
    }
}
