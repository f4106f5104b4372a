using System.Globalization;
using NetTopologySuite.IO;
using OpenCvSharp;
using Vigil.Cli;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Office;

namespace Vigil.IntegrationTests;

/// <summary>
/// <c>vigil ledger teams</c>, <c>vigil worklist</c>, <c>vigil report</c> and <c>vigil ledger set-offender</c> on a real
/// GeoPackage ledger, with crops cut by GDAL out of GeoTIFFs written here.
/// </summary>
public sealed class WorkListCommandTests : IDisposable
{
    private static readonly DateTimeOffset May2026 = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);
    private static readonly UtmZone Zone38N = new(38, IsNorth: true);

    private readonly TempDirectory _temp = new();
    private readonly GeoPackageLedgerStore _store;

    public WorkListCommandTests() => _store = GeoPackageLedgerStore.Open(_temp.File("ledger.gpkg"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Overlapping_team_areas_are_refused_and_the_loaded_ones_stay()
    {
        var good = TeamsFile("teams.geojson", ("north", 41.70, 41.80), ("south", 41.60, 41.70));
        var overlapping = TeamsFile("overlap.geojson", ("north", 41.70, 41.80), ("old town", 41.75, 41.85));
        var output = new StringWriter();

        var loaded = LedgerCommand.Exit(() => TeamActions.Teams(_store, output, good, May2026, "ana"));
        var events = _store.ReadEvents().Count;
        var refused = LedgerCommand.Exit(() => TeamActions.Teams(_store, output, overlapping, May2026, "ana"));
        var missing = LedgerCommand.Exit(() => TeamActions.Teams(_store, output, _temp.File("none.geojson"), May2026, "ana"));

        Assert.Equal((ExitCodes.Success, ExitCodes.Refused, ExitCodes.Refused), (loaded, refused, missing));
        Assert.Equal(["north", "south"], _store.ReadTeamAreas().Select(a => a.Team));
        Assert.Equal(events, _store.ReadEvents().Count);
        Assert.Contains("loaded 2 team area(s)", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(41.80, _store.ReadTeamAreas()[0].Wgs84.EnvelopeInternal.MaxY, 6);
    }

    [Fact]
    public void Work_list_has_before_and_after_crops_with_the_outline_and_notes_a_missing_raster()
    {
        Assert.Equal(ExitCodes.Success, LedgerCommand.Exit(() => TeamActions.Teams(_store, TextWriter.Null, TeamsFile("teams.geojson", ("north", 41.70, 41.80)), May2026, "ana")));
        var before = Raster("before.tif", (20, 140, 20));
        var after = Raster("after.tif", (130, 130, 130));
        var (a, b) = (Square(44.8001, 41.7501), Square(44.8003, 41.7503));
        _store.BeginFlight(new FlightStart("F1", May2026, [before], "vigil"));
        var first = _store.InsertRecord(new NewViolation(ViolationKinds.New, a, 300, 0, 0.9, May2026, "F1", null, null, "vigil"));
        var second = _store.InsertRecord(new NewViolation(ViolationKinds.New, b, 100, 0, 0.9, May2026, "F1", null, null, "vigil"));
        new ReviewDecision([first, second], [], May2026, "ana", "checked on the imagery").Apply(_store);
        _store.BeginFlight(new FlightStart("F2", May2026.AddDays(30), [after], "vigil"));
        _store.RecordSighting(first, "F2", May2026.AddDays(30), 0.9, "vigil");
        _store.BeginFlight(new FlightStart("F3", May2026.AddDays(40), [_temp.File("gone.tif")], "vigil"));
        _store.RecordMissed(second, "F3", May2026.AddDays(40), "vigil");
        var frame = _temp.File("frame.png");
        using (var picture = new Mat(60, 80, MatType.CV_8UC3, new Scalar(200, 100, 0)))
        {
            Cv2.ImWrite(frame, picture);
        }

        _store.AttachEvidence(new EvidenceAttachment(first, "street-frame", frame, May2026.AddDays(2), 15, "vigil"));
        var outDir = _temp.File("out");
        var output = new StringWriter();

        var code = LedgerCommand.Exit(() => WorkListAction.Write(_store, output, "north", outDir, null, May2026.AddDays(50)));

        Assert.Equal(ExitCodes.Success, code);
        var pictures = Path.Combine(outDir, "north-pictures");
        using var beforeCrop = Cv2.ImRead(Path.Combine(pictures, $"{first}-before.png"));
        using var afterCrop = Cv2.ImRead(Path.Combine(pictures, $"{first}-after.png"));
        Assert.False(beforeCrop.Empty() || afterCrop.Empty());
        Assert.True(Count(beforeCrop, new Vec3b(0, 0, 255)) > 50, "no outline on the before crop");
        Assert.True(Count(beforeCrop, new Vec3b(20, 140, 20)) > 1000, "the before crop does not show the before raster");
        Assert.True(Count(afterCrop, new Vec3b(130, 130, 130)) > 1000, "the after crop does not show the after raster");
        Assert.True(File.Exists(Path.Combine(pictures, $"{first}-street.png")));
        Assert.True(File.Exists(Path.Combine(pictures, $"{second}-before.png")));
        Assert.False(File.Exists(Path.Combine(pictures, $"{second}-after.png")));
        var html = File.ReadAllText(Path.Combine(outDir, "north.html"));
        Assert.Contains("gone.tif is missing", html, StringComparison.Ordinal);
        Assert.Contains($"north-pictures/{first}-street.png", html, StringComparison.Ordinal);
        Assert.Contains("gone.tif is missing", output.ToString(), StringComparison.Ordinal);
        // The map thumbnail has the after imagery under the outline.
        using var map = Cv2.ImRead(Path.Combine(pictures, $"{first}-map.png"));
        Assert.True(Count(map, new Vec3b(130, 130, 130)) > 1000, "the map has no imagery under it");
        Assert.True(Count(map, new Vec3b(0, 0, 255)) > 50, "no outline on the map");
    }

    [Fact]
    public void Unknown_team_or_broken_rules_are_refused_and_write_nothing()
    {
        LedgerCommand.Exit(() => TeamActions.Teams(_store, TextWriter.Null, TeamsFile("teams.geojson", ("north", 41.70, 41.80)), May2026, "ana"));
        var rules = _temp.File("rules.yaml");
        File.WriteAllText(rules, "yellow:\n  deadline_days: -3\n");

        var unknown = LedgerCommand.Exit(() => WorkListAction.Write(_store, TextWriter.Null, "east", _temp.File("out"), null, May2026));
        var broken = LedgerCommand.Exit(() => WorkListAction.Write(_store, TextWriter.Null, "north", _temp.File("out"), rules, May2026));

        Assert.Equal((ExitCodes.Refused, ExitCodes.Refused), (unknown, broken));
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    [Fact]
    public void Offender_is_set_and_an_unknown_number_is_refused()
    {
        var number = _store.InsertRecord(new NewViolation(
            ViolationKinds.New, Square(44.8, 41.75), 100, 0, 0.9, May2026, "F1", null, null, "vigil"));
        var output = new StringWriter();

        var set = LedgerCommand.Exit(() => LedgerActions.SetOffender(_store, output, number, "parcel 12/7", May2026, "clerk"));
        var unknown = LedgerCommand.Exit(() => LedgerActions.SetOffender(_store, output, "VIG-2026-000404", "parcel 1", May2026, "clerk"));

        Assert.Equal((ExitCodes.Success, ExitCodes.Refused), (set, unknown));
        Assert.Equal("parcel 12/7", _store.Find(number)!.Offender);
        Assert.Equal(2, _store.ReadEvents().Count);
        Assert.Contains($"{number}: offender - -> parcel 12/7 (clerk)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_is_written_for_an_empty_ledger()
    {
        var output = new StringWriter();

        var code = LedgerCommand.Exit(() => ReportAction.Write(_store, output, _temp.File("report"), May2026));

        Assert.Equal(ExitCodes.Success, code);
        Assert.True(File.Exists(_temp.File("report/report.html")));
        Assert.Equal(4, Directory.GetFiles(_temp.File("report"), "*.png").Length);
        Assert.Contains("0 open case(s)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_writes_the_QGIS_project_of_the_ledger_beside_the_charts()
    {
        var output = new StringWriter();

        var code = LedgerCommand.Exit(() => ReportAction.Write(_store, output, _temp.File("report"), May2026, null, _temp.File("ledger.gpkg")));

        Assert.Equal(ExitCodes.Success, code);
        var project = _temp.File("report/ledger.qgz");
        Assert.Contains($"QGIS: {project} (0 image(s))", output.ToString(), StringComparison.Ordinal);
        using var zip = System.IO.Compression.ZipFile.OpenRead(project);
        using var qgs = new StreamReader(Assert.Single(zip.Entries).Open());
        Assert.Contains($"<datasource>{_temp.File("ledger.gpkg")}|layername=violations</datasource>", qgs.ReadToEnd(), StringComparison.Ordinal);
    }

    private static int Count(Mat image, Vec3b color)
    {
        var (width, height) = (image.Width, image.Height);
        var count = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                count += image.At<Vec3b>(y, x) == color ? 1 : 0;
            }
        }

        return count;
    }

    private static NetTopologySuite.Geometries.Geometry Square(double lon, double lat) => new WKTReader().Read(string.Create(
        CultureInfo.InvariantCulture,
        $"POLYGON (({lon} {lat}, {lon + 0.0001} {lat}, {lon + 0.0001} {lat + 0.0001}, {lon} {lat + 0.0001}, {lon} {lat}))"));

    /// <summary>A 100 m square, 0.25 m pixels, one colour, EPSG:32638, centred on 44.8002 E 41.7502 N.</summary>
    private string Raster(string name, (byte R, byte G, byte B) color)
    {
        const int Size = 400;
        var (east, north) = Zone38N.Forward(44.8002, 41.7502);
        var path = _temp.File(name);
        GeoTiffWriter.Write(path, Size, Size,
            [Enumerable.Repeat(color.R, Size * Size).ToArray(), Enumerable.Repeat(color.G, Size * Size).ToArray(), Enumerable.Repeat(color.B, Size * Size).ToArray()],
            GeoTransform.NorthUp(east - 50, north + 50, 0.25), Zone38N.EpsgName);
        return path;
    }

    /// <summary>A GeoJSON (CRS84) of team bands from 44.7 to 44.9 E between two latitudes.</summary>
    private string TeamsFile(string name, params (string Team, double South, double North)[] teams)
    {
        var features = teams.Select(t => string.Create(CultureInfo.InvariantCulture,
            $$$"""{"type":"Feature","properties":{"team":"{{{t.Team}}}"},"geometry":{"type":"Polygon","coordinates":[[[44.7,{{{t.South}}}],[44.9,{{{t.South}}}],[44.9,{{{t.North}}}],[44.7,{{{t.North}}}],[44.7,{{{t.South}}}]]]}}"""));
        var path = _temp.File(name);
        File.WriteAllText(path, $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""");
        return path;
    }
}
