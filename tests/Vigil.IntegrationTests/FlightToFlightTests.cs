using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using Vigil.Cli;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Office;
using Vigil.Runs.Evaluation;
using Vigil.Runs.Flights;
using Xunit.Abstractions;

namespace Vigil.IntegrationTests;

/// <summary>
/// Flight to flight on real imagery: a Zanzibar orthophoto made into a baseline with <c>vigil baseline</c> and flown
/// again; an empty and a misplaced baseline; capture time; the review gate; and change measured on the DSIFN
/// before/after pairs (tests only).
/// </summary>
public sealed class FlightToFlightTests(ITestOutputHelper output) : IDisposable
{
    private const int FirstChipX = 1277168;
    private const int FirstChipY = 1083840;
    private static readonly DateTimeOffset Captured = new(2025, 1, 15, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_flight_made_a_baseline_flown_again_opens_nothing_and_its_buildings_carry_flight_and_capture_date()
    {
        var ortho = Mosaic();
        var baseline = _temp.File("baseline.gpkg");

        var made = await BaselineBuilder.RunAsync(Flight(ortho, "", "") with { FlightId = "桑给巴尔-2025-01" }, baseline, null, CancellationToken.None);
        var again = await FlightRunner.RunAsync(Flight(ortho, baseline, _temp.File("ledger.gpkg")) with { FlightId = "second" }, null, CancellationToken.None);

        output.WriteLine($"baseline {made.Buildings} buildings from {made.Flight.Detections} detections; again: {JsonSerializer.Serialize(again.Ledger.FindingsByKind)}");
        Assert.True(made.Buildings >= 10, $"only {made.Buildings} buildings in the baseline");
        var zone = again.WorkingCrs;
        var features = VectorReader.Read(baseline, zone);
        Assert.Equal(made.Buildings, features.Count);
        Assert.All(features, f => Assert.Equal(("registered", "桑给巴尔-2025-01", "2025/01/15"),
            (f.Attributes["kind"], f.Attributes["flight"], f.Attributes["captured_on"])));
        Assert.Empty(again.Ledger.NumbersAssigned);
        Assert.Equal(again.Detections, again.Ledger.FindingsByKind[FindingKind.Unchanged]);
        Assert.Null(again.Baseline!.Note);
    }

    [Fact]
    public async Task An_empty_baseline_makes_everything_new_a_misplaced_one_is_named_with_both_extents_and_opens_no_demolition()
    {
        var ortho = Mosaic();
        var empty = EmptyBaseline();
        var first = await FlightRunner.RunAsync(Flight(ortho, empty, _temp.File("first.gpkg")), null, CancellationToken.None);

        Assert.True(first.Baseline!.IsEmpty);
        Assert.Contains("empty baseline", first.Baseline.Note, StringComparison.Ordinal);
        Assert.Equal(first.Ledger.FindingsByKind[FindingKind.New], first.Ledger.NumbersAssigned.Count);
        Assert.True(first.Ledger.NumbersAssigned.Count >= 10);

        // The same buildings 1° east: another town.
        var elsewhere = _temp.File("elsewhere.geojson");
        using (var store = GeoPackageLedgerStore.Open(_temp.File("first.gpkg")))
        {
            var moved = new FeatureCollection();
            foreach (var r in store.ReadRecords())
            {
                var outline = r.FootprintWgs84.Copy();
                outline.Apply(new NetTopologySuite.Geometries.Utilities.AffineTransformation().Translate(1, 0));
                moved.Add(new Feature(outline, new AttributesTable { { "id", r.Number } }));
            }

            WriteGeoJson(elsewhere, moved);
        }

        // A baseline of another town stops the run before anything is recorded, naming both extents (issue 16).
        var misplaced = await Assert.ThrowsAsync<RunFailedException>(() =>
            FlightRunner.RunAsync(Flight(ortho, elsewhere, _temp.File("misplaced.gpkg")), null, CancellationToken.None));

        output.WriteLine(misplaced.Message);
        Assert.Equal(ExitCodes.BadConfiguration, misplaced.ExitCode);
        Assert.Contains("the baseline covers longitude 40.24", misplaced.Message, StringComparison.Ordinal);
        Assert.Contains("the flight's imagery longitude 39.24", misplaced.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("misplaced.gpkg")));
    }

    [Fact]
    public async Task Cases_are_dated_by_capture_time_a_rerun_keeps_every_opened_record_in_new_geojson()
    {
        var ortho = Mosaic();
        var empty = EmptyBaseline();
        var ledger = _temp.File("ledger.gpkg");
        var options = Flight(ortho, empty, ledger) with { FlightId = "F1", CapturedOn = null };

        var undated = await FlightRunner.RunAsync(options, null, CancellationToken.None);
        var rerun = await FlightRunner.RunAsync(options with { CapturedOn = Captured }, null, CancellationToken.None);

        // The mosaic holds no capture time: the first run says so and dates its cases by the file.
        Assert.False(undated.Capture!.FromImagery);
        Assert.Contains("holds no capture time", undated.Capture.Note, StringComparison.Ordinal);
        Assert.StartsWith("file time of zanzibar.tif", undated.Capture.Source, StringComparison.Ordinal);
        Assert.Empty(rerun.Ledger.NumbersAssigned);
        var written = JsonDocument.Parse(File.ReadAllText(rerun.NewRecordsGeoJsonPath)).RootElement.GetProperty("features");
        Assert.Equal(undated.Ledger.NumbersAssigned, written.EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("number").GetString()));

        using var store = GeoPackageLedgerStore.Open(ledger);
        var flight = store.FindFlight("F1")!;
        Assert.Equal((Captured, FlightCapture.GivenSource), (flight.CapturedUtc, flight.CaptureSource));
        // The sightings of the rerun carry the capture time given; first seen stays the first run's.
        Assert.All(store.ReadRecords(), r => Assert.Equal(File.GetLastWriteTimeUtc(ortho), r.FirstSeenUtc.UtcDateTime, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Review_lists_detected_cases_with_imagery_crops_and_decides_several_at_once()
    {
        var ortho = Mosaic();
        var empty = EmptyBaseline();
        var ledger = _temp.File("ledger.gpkg");
        var run = await FlightRunner.RunAsync(Flight(ortho, empty, ledger), null, CancellationToken.None);
        using var store = GeoPackageLedgerStore.Open(ledger);
        var numbers = run.Ledger.NumbersAssigned;
        var text = new StringWriter();

        var listed = LedgerCommand.Exit(() => ReviewActions.List(store, text, _temp.File("review")));
        var refused = LedgerCommand.Exit(() => ReviewActions.Decide(store, text, [numbers[0], "VIG-2026-404404"], [], "王科长", "现场核实", DateTimeOffset.UtcNow));
        var decided = LedgerCommand.Exit(() => ReviewActions.Decide(store, text, [numbers[0], numbers[1]], [numbers[2]], "王科长", "大棚，非违建", DateTimeOffset.UtcNow));

        Assert.Equal((ExitCodes.Success, ExitCodes.Refused, ExitCodes.Success), (listed, refused, decided));
        Assert.Contains($"{numbers.Count} case(s) to review", text.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(_temp.File(Path.Combine("review", $"{numbers[0]}-before.png"))), text.ToString());
        Assert.Equal(["confirmed", "confirmed", "rejected"], numbers.Take(3).Select(n => store.Find(n)!.Status));
        Assert.All(numbers.Skip(3), n => Assert.Equal("detected", store.Find(n)!.Status));
        Assert.Contains("大棚，非违建", ReadableJson.Unescape(store.ReadEvents(numbers[2]).Last().Detail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_between_dsifn_epochs_is_measured_through_baseline_and_run()
    {
        var samples = Path.Combine(SharedData.Folder("dsifn_change_samples"), "samples_DSIFN");
        var options = new ChangeEvaluationOptions(
            Path.Combine(samples, "A"), Path.Combine(samples, "B"), Path.Combine(samples, "label"), SharedData.ShippedModel, 0.5);

        var report = await ChangeEvaluator.RunAsync(options, CancellationToken.None);

        foreach (var line in report.Lines())
        {
            output.WriteLine(line);
        }

        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "expected", "dsifn-change.json"))).RootElement;
        Assert.Empty(report.Rejections);
        Assert.Equal(10, report.Pairs.Count);
        Assert.Equal(expected.GetProperty("changed_regions").GetInt32(), report.ChangedRegions);
        Assert.True(report.Recall >= expected.GetProperty("recall").GetDouble() - EndToEndFigures.Tolerance, $"recall {report.Recall:F3}");
        Assert.True(report.FalseNewShare <= expected.GetProperty("false_new_share").GetDouble() + EndToEndFigures.Tolerance,
            $"false new share {report.FalseNewShare:F3}");
        // The sweep: the card's level is one of its rows, with the main figures; lower levels open at least as many cases.
        var atLevel = report.ByLevel.Single(l => l.Level == report.Level);
        Assert.Equal((report.NewRecords, report.FalseNew, report.Caught), (atLevel.NewRecords, atLevel.FalseNew, atLevel.Caught));
        Assert.True(report.ByLevel[0].NewRecords > atLevel.NewRecords, $"{report.ByLevel[0].NewRecords} new records at {report.ByLevel[0].Level}");
        Assert.Equal(report.ByLevel.Select(l => l.NewRecords).OrderDescending(), report.ByLevel.Select(l => l.NewRecords));
        // Issue 14's bar: under a tenth of the new records on unchanged ground.
        Assert.True(report.FalseNewShare < 0.10, $"{report.FalseNewShare:P1} of the new records lie on unchanged ground");
    }

    private FlightRunOptions Flight(string ortho, string baseline, string ledger) =>
        new([ortho], baseline, ledger, null, SharedData.ShippedModel, Threads: 2) { CapturedOn = Captured };

    private string EmptyBaseline()
    {
        var path = _temp.File("empty.geojson");
        File.WriteAllText(path, """{"type":"FeatureCollection","features":[]}""");
        return path;
    }

    /// <summary>16 x 8 chips of Zanzibar (4096 x 2048 px at 7.5 cm).</summary>
    private string Mosaic()
    {
        var path = _temp.File("zanzibar.tif");
        OamMosaic.Build(Path.Combine(SharedData.Folder("fair_oam_buildings"), "area1_zanzibar_tz"), FirstChipX, FirstChipY, 16, 8, path);
        return path;
    }

    private static void WriteGeoJson(string path, FeatureCollection collection)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        File.WriteAllText(path, JsonSerializer.Serialize(collection, options));
    }
}
