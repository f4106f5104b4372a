using System.Text.Json;
using OpenCvSharp;
using Vigil.Core;

namespace Vigil.Ledger.Tests;

/// <summary>Work lists and the report from a GeoPackage ledger filled through the store.</summary>
public sealed class WorkListTests : IDisposable
{
    private static readonly DateTimeOffset May2026 = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly GeoPackageLedgerStore _store;

    public WorkListTests() => _store = GeoPackageLedgerStore.Open(_dir.File("ledger.gpkg"));

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Team_cases_are_ranked_red_then_yellow_then_black_list_then_larger_area()
    {
        var numbers = Populate();

        var list = WorkList.Build(_store, "north", CardRulesWith(deadlineDays: 90), May2026.AddDays(100));

        Assert.Equal(
            [numbers["red"], numbers["yellow"], numbers["zoned"], numbers["large"], numbers["small"]],
            list.Items.Select(i => i.Record.Number));
        Assert.Equal([1, 2, 3, 4, 5], list.Items.Select(i => i.Rank));
        Assert.Equal(["red", "yellow", null, null, null], list.Items.Select(i => i.Card));
        Assert.All(list.Items, i => Assert.Equal(May2026.AddDays(90), i.DeadlineUtc));
        Assert.True(list.Items[0].IsOverdue(list.MadeUtc));
        Assert.DoesNotContain(list.Items, i => i.Record.Number == numbers["south"] || i.Record.Number == numbers["demolished"]);
        Assert.Equal("/frames/late.jpg", list.Items.Single(i => i.Record.Number == numbers["large"]).StreetFramePath);
        var red = list.Items[0];
        Assert.Equal(("F1", "F2"), (red.BeforeFlight!.FlightId, red.AfterFlight!.FlightId));
    }

    [Fact]
    public void Unknown_team_or_no_team_areas_is_a_clear_error()
    {
        var none = Assert.Throws<KeyNotFoundException>(() => WorkList.Build(_store, "north", null, May2026));
        Populate();
        var unknown = Assert.Throws<KeyNotFoundException>(() => WorkList.Build(_store, "east", null, May2026));

        Assert.Contains("No team areas are loaded", none.Message, StringComparison.Ordinal);
        Assert.Equal("No team named 'east'; the teams are 'north', 'south'.", unknown.Message);
    }

    [Fact]
    public void Work_list_files_hold_the_same_rows_and_the_thumbnail_shows_the_outline_in_red()
    {
        var numbers = Populate();
        var list = WorkList.Build(_store, "north", null, May2026.AddDays(10));
        var outDir = _dir.File("out");

        var files = WorkListExport.Write(list, _store.ReadRecords(), imagery: null, outDir);

        var csv = File.ReadAllLines(files.CsvPath);
        Assert.StartsWith("rank,number,team,card,blacklist_zone,area_m2,height_m,status", csv[0], StringComparison.Ordinal);
        Assert.Equal(list.Items.Select(i => i.Record.Number), csv[1..].Select(l => l.Split(',')[1]));
        Assert.StartsWith($"1,{numbers["red"]},north,red,,60,5.5,", csv[1], StringComparison.Ordinal);
        Assert.StartsWith($"2,{numbers["yellow"]},north,yellow,,30,,", csv[2], StringComparison.Ordinal);
        using var geoJson = JsonDocument.Parse(File.ReadAllText(files.GeoJsonPath));
        var features = geoJson.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(list.Items.Select(i => i.Record.Number), features.Select(f => f.GetProperty("properties").GetProperty("number").GetString()));
        Assert.All(features, f => Assert.Equal("MultiPolygon", f.GetProperty("geometry").GetProperty("type").GetString()));
        Assert.Equal(44.8001, features[0].GetProperty("properties").GetProperty("longitude").GetDouble(), 6);
        Assert.Equal(5.5, features[0].GetProperty("properties").GetProperty("height_m").GetDouble());
        Assert.Equal(JsonValueKind.Null, features[1].GetProperty("properties").GetProperty("height_m").ValueKind);

        var html = File.ReadAllText(files.HtmlPath);
        Assert.Contains(WorkList.OrderDescription, html, StringComparison.Ordinal);
        var images = System.Text.RegularExpressions.Regex.Matches(html, "<img src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(list.Items.Count, images.Count(i => i.EndsWith("-map.png", StringComparison.Ordinal)));
        Assert.All(images, i => Assert.True(File.Exists(Path.Combine(outDir, i)), $"{i} is missing"));
        Assert.Contains("no imagery reader given", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Height</td><td>5.5 m</td></tr>", html, StringComparison.Ordinal);

        using var thumbnail = Cv2.ImRead(Path.Combine(outDir, "north-pictures", $"{numbers["red"]}-map.png"));
        Assert.Equal((320, 320), (thumbnail.Width, thumbnail.Height));
        Assert.True(CountPixels(thumbnail, new Vec3b(0, 0, 255)) > 100, "the case outline is not drawn in red");
        Assert.True(CountPixels(thumbnail, new Vec3b(0, 165, 255)) > 20, "the neighbouring cases are not drawn in orange");
    }

    [Fact]
    public void Report_figures_follow_the_event_log_and_the_charts_are_drawn()
    {
        var numbers = Populate();
        var outDir = _dir.File("report");

        var files = LedgerReport.Write(_store, outDir, May2026.AddDays(200));

        var figures = files.Figures;
        // Seven cases opened on 4 May; the demolished one was confirmed and demolished on 3 July (day 60).
        Assert.Equal([(new DateOnly(2026, 5, 4), 7), (new DateOnly(2026, 7, 3), 6)], figures.OpenCasesByDay);
        Assert.Equal([("2026-07", 300.0)], figures.DemolishedSquareMetersByMonth);
        Assert.Equal([("north", 0, 5), ("south", 1, 2)], figures.ClosureByTeam);
        Assert.Equal([("F1", 7)], figures.NewCasesByFlight);
        Assert.Equal(4, files.ChartPaths.Count);
        foreach (var chart in files.ChartPaths)
        {
            using var image = Cv2.ImRead(chart);
            Assert.Equal((900, 460), (image.Width, image.Height));
            Assert.True(CountPixels(image, new Vec3b(180, 110, 30)) > 200, $"{chart} shows no data");
        }

        Assert.All(files.ChartPaths, c => Assert.Contains(Path.GetFileName(c), File.ReadAllText(files.HtmlPath), StringComparison.Ordinal));
        Assert.NotNull(numbers);
    }

    [Fact]
    public void Unreviewed_cases_wait_in_the_review_list_and_stay_off_work_lists_and_charts()
    {
        Populate();
        // The largest case of team north: it would head the list were it reviewed.
        var waiting = Insert(44.8020, 41.7500, 900, "river bank", reviewed: false);

        var list = WorkList.Build(_store, "north", null, May2026.AddDays(100));
        var review = ReviewList.Build(_store);
        var pictures = review.WritePictures(_store.ReadRecords(), null, _dir.File("review"));

        Assert.DoesNotContain(list.Items, i => i.Record.Number == waiting);
        var item = Assert.Single(review.Items);
        Assert.Equal((waiting, "north"), (item.Record.Number, item.Team));
        Assert.True(File.Exists(pictures[waiting].Files[0]), "no map picture for the case to review");
        Assert.Equal(7, LedgerFigures.Compute(_store).OpenCasesByDay[0].OpenCases);

        new ReviewDecision([waiting], [], May2026.AddDays(101), "王科长", "核实为新建违建").Apply(_store);
        Assert.Contains(WorkList.Build(_store, "north", null, May2026.AddDays(102)).Items, i => i.Record.Number == waiting);
        Assert.Empty(ReviewList.Build(_store).Items);
    }

    [Fact]
    public void Charts_date_cases_and_flights_by_capture_time_not_processing_time()
    {
        var capturedLate = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var capturedEarly = new DateTimeOffset(2025, 11, 20, 0, 0, 0, TimeSpan.Zero);
        // The later capture is processed first, the earlier one a month after it.
        foreach (var (flight, captured, processed) in new[] { ("2026-03 flight", capturedLate, May2026), ("2025-11 flight", capturedEarly, May2026.AddMonths(1)) })
        {
            var number = _store.InsertRecord(new NewViolation(ViolationKinds.New, Geo.Wkt(
                "POLYGON ((44.8 41.75, 44.8002 41.75, 44.8002 41.7502, 44.8 41.7502, 44.8 41.75))"), 50, 0, 0.9, captured, flight, null, null, "tester")
            {
                OpenedUtc = processed,
            });
            Assert.Equal(captured, _store.Find(number)!.FirstSeenUtc);
        }

        var figures = LedgerFigures.Compute(_store);

        Assert.Equal([("2025-11 flight", 1), ("2026-03 flight", 1)], figures.NewCasesByFlight);
        Assert.Equal([new DateOnly(2025, 11, 20), new DateOnly(2026, 3, 1)], figures.OpenCasesByDay.Select(d => d.Day));
        Assert.All(figures.OpenCasesByDay, d => Assert.Equal(0, d.OpenCases));
    }

    [Fact]
    public void Report_on_an_empty_ledger_says_no_data()
    {
        var files = LedgerReport.Write(_store, _dir.File("report"), May2026);

        Assert.Empty(files.Figures.OpenCasesByDay);
        Assert.Empty(files.Figures.NewCasesByFlight);
        Assert.All(files.ChartPaths, c => Assert.True(new FileInfo(c).Length > 1000));
        Assert.Contains("No data.", File.ReadAllText(files.HtmlPath), StringComparison.Ordinal);
    }

    private static int CountPixels(Mat image, Vec3b color)
    {
        var count = 0;
        var (width, height) = (image.Width, image.Height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (image.At<Vec3b>(y, x) == color)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private CardRules CardRulesWith(int deadlineDays)
    {
        var path = _dir.File("rules.yaml");
        File.WriteAllText(path, $"""
            yellow:
              open_cases_per_zone: 5
              open_cases_per_offender: 2
              deadline_days: {deadlineDays}
            red:
              yellow_unresolved_days: 30
            """);
        return CardRules.Load(path);
    }

    /// <summary>
    /// Teams north (lat 41.70..41.80) and south (41.60..41.70); in north a red-card case, a yellow-card case (by a zone
    /// card naming it), one inside a black-list zone, a large and a small one; in south one open and one demolished.
    /// </summary>
    private Dictionary<string, string> Populate()
    {
        _store.ReplaceTeamAreas(
            [
                ("north", Geo.Wkt("POLYGON ((44.70 41.70, 44.90 41.70, 44.90 41.80, 44.70 41.80, 44.70 41.70))")),
                ("south", Geo.Wkt("POLYGON ((44.70 41.60, 44.90 41.60, 44.90 41.70, 44.70 41.70, 44.70 41.60))")),
            ],
            May2026,
            "tester");
        _store.BeginFlight(new FlightStart("F1", May2026, ["/nowhere/f1.tif"], "tester"));
        var numbers = new Dictionary<string, string>
        {
            ["small"] = Insert(44.8000, 41.7500, 50, null),
            ["red"] = Insert(44.8000, 41.7501, 60, null),
            ["large"] = Insert(44.8005, 41.7500, 500, null),
            ["zoned"] = Insert(44.8010, 41.7500, 40, "river bank"),
            ["yellow"] = Insert(44.8015, 41.7500, 30, null),
            ["south"] = Insert(44.8000, 41.6500, 80, null),
            ["demolished"] = Insert(44.8005, 41.6500, 300, null),
        };
        _store.CompleteFlight(new FlightEnd("F1", May2026.AddHours(1), null, 10, 7, [], Failed: false, "tester"));
        _store.BeginFlight(new FlightStart("F2", May2026.AddDays(30), ["/nowhere/f2.tif"], "tester"));
        _store.RecordSighting(numbers["red"], "F2", May2026.AddDays(30), 0.9, "tester", heightMeters: 5.46);
        _store.CompleteFlight(new FlightEnd("F2", May2026.AddDays(30), null, 10, 1, [], Failed: false, "tester"));

        _store.RecordCard(new CardChange(CardSubjects.Case, numbers["red"], CardColors.Red, null, [numbers["red"]], May2026, "vigil", "rebuilt"));
        _store.RecordCard(new CardChange(CardSubjects.Zone, "river bank", CardColors.Yellow, "river bank", [numbers["yellow"]], May2026, "vigil", "5 open cases"));
        _store.ChangeStatus(new StatusChange(numbers["demolished"], CaseStatuses.Demolished, May2026.AddDays(60), "ana", "torn down"));
        _store.AttachEvidence(new EvidenceAttachment(numbers["large"], "street-frame", "/frames/early.jpg", May2026, 12, "vigil"));
        _store.AttachEvidence(new EvidenceAttachment(numbers["large"], "street-frame", "/frames/late.jpg", May2026.AddDays(5), 9, "vigil"));
        _store.AttachEvidence(new EvidenceAttachment(numbers["large"], "site-photo", "/frames/site.jpg", May2026.AddDays(9), null, "vigil"));
        return numbers;
    }

    /// <summary>
    /// A 0.0002-degree square (about 17 x 22 m) with its south-west corner at the point, confirmed by a reviewer (only
    /// reviewed cases reach work lists and charts) unless <paramref name="reviewed"/> is false.
    /// </summary>
    private string Insert(double lon, double lat, double areaSquareMeters, string? zone, bool reviewed = true)
    {
        FormattableString wkt = $"POLYGON (({lon} {lat}, {lon + 0.0002} {lat}, {lon + 0.0002} {lat + 0.0002}, {lon} {lat + 0.0002}, {lon} {lat}))";
        var number = _store.InsertRecord(new NewViolation(
            ViolationKinds.New, Geo.Wkt(wkt.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            areaSquareMeters, 0, 0.9, May2026, "F1", zone, null, "tester"));
        if (reviewed)
        {
            _store.ChangeStatus(new StatusChange(number, CaseStatuses.Confirmed, May2026, "ana", "checked"));
        }

        return number;
    }
}
