using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Runs;
using Vigil.Runs.Flights;

namespace Vigil.IntegrationTests;

/// <summary>Bad inputs are named with their reason; the run goes on with the rest, or stops before any work when systemic.</summary>
public sealed class BadInputTests
{
    internal static readonly string BrightnessModel = Path.Combine(AppContext.BaseDirectory, "TestModels", "brightness.onnx");
    private static readonly UtmZone Zone = new(37, false);

    [Fact]
    public async Task Corrupt_and_ungeoreferenced_rasters_are_rejected_and_the_good_one_is_processed()
    {
        using var temp = new TempDirectory();
        var good = WriteScene(temp.File("good.tif"));
        var garbage = temp.File("garbage.tif");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))]);
        var plain = temp.File("plain.png");
        File.Copy(Path.Combine(SharedData.Folder("fair_oam_buildings"), "area1_zanzibar_tz", "images", "OAM-1277178-1083840-21.png"), plain);
        var baseline = WriteBaseline(temp.File("baseline.geojson"));

        var result = await FlightRunner.RunAsync(
            new FlightRunOptions([garbage, good, plain], baseline, temp.File("ledger.gpkg"), null, BrightnessModel),
            null, CancellationToken.None);

        Assert.Contains(result.Rejections, r => r.Source.Contains("garbage.tif"));
        Assert.Contains(result.Rejections, r => r.Source.Contains("plain.png") && r.Reason.Contains("georeferenced"));
        Assert.True(result.Tiles > 0);
        Assert.Single(result.Ledger.NumbersAssigned);
    }

    [Fact]
    public async Task A_baseline_without_a_crs_stops_the_run_before_any_work_naming_the_file()
    {
        using var temp = new TempDirectory();
        var good = WriteScene(temp.File("good.tif"));
        var baseline = temp.File("nocrs.csv");
        File.WriteAllText(baseline, "id,WKT\n1,\"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))\"\n");

        var error = await Assert.ThrowsAsync<RunFailedException>(() => FlightRunner.RunAsync(
            new FlightRunOptions([good], baseline, temp.File("ledger.gpkg"), null, BrightnessModel), null, CancellationToken.None));

        Assert.Equal(ExitCodes.BadConfiguration, error.ExitCode);
        Assert.Contains("nocrs.csv", error.Message);
        Assert.False(File.Exists(temp.File("ledger.gpkg")));
    }

    [Fact]
    public async Task A_missing_model_stops_the_run_with_a_configuration_error()
    {
        using var temp = new TempDirectory();
        var good = WriteScene(temp.File("good.tif"));

        var error = await Assert.ThrowsAsync<RunFailedException>(() => FlightRunner.RunAsync(
            new FlightRunOptions([good], WriteBaseline(temp.File("b.geojson")), temp.File("ledger.gpkg"), null,
                temp.File("absent.onnx")), null, CancellationToken.None));

        Assert.Equal(ExitCodes.BadConfiguration, error.ExitCode);
        Assert.Contains("absent.card.json", error.Message);
    }

    [Fact]
    public async Task When_every_input_is_bad_the_run_fails_with_no_usable_input()
    {
        using var temp = new TempDirectory();
        var garbage = temp.File("garbage.tif");
        File.WriteAllText(garbage, "not a raster");

        var error = await Assert.ThrowsAsync<RunFailedException>(() => FlightRunner.RunAsync(
            new FlightRunOptions([garbage], WriteBaseline(temp.File("b.geojson")), temp.File("ledger.gpkg"), null,
                BrightnessModel), null, CancellationToken.None));

        Assert.Equal(ExitCodes.NoUsableInput, error.ExitCode);
        Assert.Contains("garbage.tif", error.Message);
    }

    /// <summary>A 200 x 200 m raster at 0.5 m with one registered bright block and one new one (brightness model).</summary>
    internal static string WriteScene(string path)
    {
        GdalRuntime.EnsureInitialized();
        const int size = 400;
        var red = new byte[size * size];
        void Block(int x0, int y0, int x1, int y1)
        {
            for (var y = y0; y < y1; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    red[y * size + x] = 255;
                }
            }
        }

        Block(40, 40, 80, 70);
        Block(250, 250, 290, 300);
        var zeros = new byte[size * size];
        GeoTiffWriter.Write(path, size, size, [red, zeros, zeros], GeoTransform.NorthUp(528000, 9332200, 0.5), Zone.EpsgName);
        return path;
    }

    internal static string WriteBaseline(string path)
    {
        // The registered block of WriteScene: pixels 40..80 x 40..70 at 0.5 m from (528000, 9332200).
        var corners = new[] { (20.0, -20.0), (40.0, -20.0), (40.0, -35.0), (20.0, -35.0), (20.0, -20.0) }
            .Select(p => Zone.Inverse(528000 + p.Item1, 9332200 + p.Item2))
            .Select(p => $"[{p.Longitude:R}, {p.Latitude:R}]");
        File.WriteAllText(path,
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\"R1\"}," +
            $"\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[{string.Join(",", corners)}]]}}}}]}}");
        return path;
    }
}
