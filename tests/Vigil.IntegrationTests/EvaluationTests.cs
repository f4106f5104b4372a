using System.Globalization;
using System.Text.Json;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Runs;
using Vigil.Runs.Evaluation;

namespace Vigil.IntegrationTests;

/// <summary><c>vigil eval</c> on real chips: pairing, georeference borrowed from masks, and what it refuses.</summary>
public sealed class EvaluationTests
{
    private static readonly string BrightnessModel = Path.Combine(AppContext.BaseDirectory, "TestModels", "brightness.onnx");
    private static readonly string Zanzibar = Path.Combine(SharedData.Folder("fair_oam_buildings"), "area1_zanzibar_tz");

    [Fact]
    public async Task Unpaired_and_mis_sized_files_are_listed_and_the_rest_is_evaluated()
    {
        using var temp = new TempDirectory();
        var images = Directory.CreateDirectory(temp.File("images")).FullName;
        var masks = Directory.CreateDirectory(temp.File("masks")).FullName;
        var chips = Directory.EnumerateFiles(Path.Combine(Zanzibar, "masks")).Order().Take(3).ToList();
        foreach (var mask in chips)
        {
            var stem = Path.GetFileNameWithoutExtension(mask);
            File.Copy(Path.Combine(Zanzibar, "images", stem + ".png"), Path.Combine(images, stem + ".png"));
            File.Copy(mask, Path.Combine(masks, stem + ".tif"));
        }

        File.Copy(Path.Combine(images, Path.GetFileName(chips[0])[..^4] + ".png"), Path.Combine(images, "lonely.png"));
        File.WriteAllText(Path.Combine(masks, "orphan.tif"), "x");
        GdalRuntime.EnsureInitialized();
        var small = Path.Combine(masks, "small.tif");
        GeoTiffWriter.Write(small, 10, 10, [new byte[100]], Core.GeoTransform.NorthUp(0, 0, 1), "EPSG:32631");
        File.Copy(Path.Combine(images, Path.GetFileName(chips[1])[..^4] + ".png"), Path.Combine(images, "small.png"));

        var report = await Evaluator.RunAsync(new EvaluationOptions(images, masks, null, BrightnessModel), CancellationToken.None);

        Assert.Equal(3, report.Images.Count);
        Assert.Contains(report.Rejections, r => r.Source.EndsWith("lonely.png") && r.Reason.Contains("no mask"));
        Assert.Contains(report.Rejections, r => r.Source.EndsWith("orphan.tif") && r.Reason.Contains("no image"));
        Assert.Contains(report.Rejections, r => r.Source.EndsWith("small.tif") && r.Reason.Contains("10x10"));
        var json = report.ToJson();
        Assert.Contains("\"pixel_iou\"", json);
        Assert.Contains("\"object_f1\"", json);
        Assert.Contains("\"merged_objects\"", json);
        var total = report.Total;
        Assert.Equal(total.TruthObjects, total.MatchedObjects + total.MissedObjects + total.MergedObjects +
            total.SplitObjects + total.MisshapenObjects);
    }

    [Fact]
    public async Task An_empty_image_folder_is_refused_with_its_name()
    {
        using var temp = new TempDirectory();
        var empty = Directory.CreateDirectory(temp.File("none")).FullName;

        var error = await Assert.ThrowsAsync<RunFailedException>(() =>
            Evaluator.RunAsync(new EvaluationOptions(empty, empty, null, BrightnessModel), CancellationToken.None));

        Assert.Contains(empty, error.Message);
    }

    [Fact]
    public async Task Perfect_prediction_scores_one_through_the_whole_detection_path()
    {
        // The brightness model sees the mask itself as the image: every building comes back, so the scores are ~1.
        using var temp = new TempDirectory();
        var images = Directory.CreateDirectory(temp.File("images")).FullName;
        var masks = Directory.CreateDirectory(temp.File("masks")).FullName;
        GdalRuntime.EnsureInitialized();
        var pixels = new byte[400 * 400];
        for (var y = 100; y < 200; y++)
        {
            for (var x = 60; x < 180; x++)
            {
                pixels[y * 400 + x] = 255;
            }
        }

        var transform = Core.GeoTransform.NorthUp(500000, 9000000, 0.5);
        GeoTiffWriter.Write(Path.Combine(images, "a.tif"), 400, 400, [pixels, new byte[pixels.Length], new byte[pixels.Length]], transform, "EPSG:32737");
        GeoTiffWriter.Write(Path.Combine(masks, "a.tif"), 400, 400, [pixels], transform, "EPSG:32737");

        var report = await Evaluator.RunAsync(new EvaluationOptions(images, masks, null, BrightnessModel), CancellationToken.None);

        Assert.True(report.Total.PixelIoU > 0.95, $"pixel IoU {report.Total.PixelIoU}");
        Assert.Equal(1, report.Total.MatchedObjects);
        Assert.Equal(1.0, report.Total.ObjectF1);
    }

    [Fact]
    public async Task Several_areas_are_scored_each_on_its_own_and_added_up()
    {
        // Two areas: one where the only building is seen, one where the labelled building has nothing on the image.
        using var temp = new TempDirectory();
        GdalRuntime.EnsureInitialized();
        var transform = Core.GeoTransform.NorthUp(500000, 9000000, 0.5);
        var roof = new byte[400 * 400];
        for (var y = 100; y < 200; y++)
        {
            for (var x = 60; x < 180; x++)
            {
                roof[y * 400 + x] = 255;
            }
        }

        EvaluationOptions Area(string name, byte[] image)
        {
            var images = Directory.CreateDirectory(temp.File(Path.Combine(name, "images"))).FullName;
            var masks = Directory.CreateDirectory(temp.File(Path.Combine(name, "masks"))).FullName;
            GeoTiffWriter.Write(Path.Combine(images, "a.tif"), 400, 400, [image, image, image], transform, "EPSG:32737");
            GeoTiffWriter.Write(Path.Combine(masks, "a.tif"), 400, 400, [roof], transform, "EPSG:32737");
            return new EvaluationOptions(images, masks, null, BrightnessModel);
        }

        var seen = Area("stone-town", roof);
        var unseen = Area("eastlands", new byte[roof.Length]);

        var report = await AreaEvaluator.RunAsync([seen, unseen], CancellationToken.None);

        Assert.NotNull(report.Areas);
        Assert.Equal(2, report.Areas.Count);
        Assert.Equal(1.0, report.Areas[0].Report.Total.ObjectF1);
        Assert.Equal((0, 1), (report.Areas[1].Report.Total.MatchedObjects, report.Areas[1].Report.Total.MissedObjects));
        Assert.Equal((1, 2), (report.Total.MatchedObjects, report.Total.TruthObjects));
        Assert.Equal(2, report.Images.Count);
        using var json = JsonDocument.Parse(report.ToJson(perArea: true));
        var areas = json.RootElement.GetProperty("areas");
        Assert.Equal(1.0, areas.GetProperty("images-1").GetProperty("object_f1").GetDouble());
        Assert.Equal(0.0, areas.GetProperty("images-2").GetProperty("object_f1").GetDouble());
        Assert.Equal(2.0 / 3, json.RootElement.GetProperty("object_f1").GetDouble(), 3);
    }

    [Fact]
    public async Task Footprints_file_says_which_labelled_building_was_found_and_which_was_missed()
    {
        // A bright roof the brightness model finds, and a labelled building with nothing to see on the image.
        using var temp = new TempDirectory();
        var images = Directory.CreateDirectory(temp.File("images")).FullName;
        GdalRuntime.EnsureInitialized();
        var (width, gsd, east, north) = (400, 0.5, 500000.0, 9000000.0);
        var pixels = new byte[width * width];
        for (var y = 100; y < 200; y++)
        {
            for (var x = 60; x < 180; x++)
            {
                pixels[y * width + x] = 255;
            }
        }

        GeoTiffWriter.Write(Path.Combine(images, "a.tif"), width, width, [pixels, pixels, pixels],
            Core.GeoTransform.NorthUp(east, north, gsd), "EPSG:32737");
        string Ring(int x0, int y0, int x1, int y1) => "[" + string.Join(",",
            new[] { (x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0) }.Select(p =>
            {
                var (lon, lat) = CrsTransform.ToWgs84("EPSG:32737", east + p.Item1 * gsd, north - p.Item2 * gsd);
                return string.Create(CultureInfo.InvariantCulture, $"[{lon:R},{lat:R}]");
            })) + "]";
        var labels = temp.File("labels.geojson");
        File.WriteAllText(labels, $$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[{{{Ring(60, 100, 180, 200)}}}]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[{{{Ring(250, 250, 330, 330)}}}]}}]}
            """);
        var footprints = temp.File("footprints.geojson");

        var report = await Evaluator.RunAsync(
            new EvaluationOptions(images, null, labels, BrightnessModel, FootprintsPath: footprints), CancellationToken.None);

        Assert.Equal((1, 1, 2), (report.Total.MatchedObjects, report.Total.MissedObjects, report.Total.TruthObjects));
        using var json = JsonDocument.Parse(File.ReadAllText(footprints));
        var outcomes = json.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties"))
            .Select(p => $"{p.GetProperty("side").GetString()} {p.GetProperty("outcome").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["predicted matched", "truth matched", "truth missed"], outcomes);
    }
}
