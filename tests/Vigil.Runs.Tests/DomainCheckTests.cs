using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Vigil.Core;
using Vigil.Detect;
using Vigil.Runs.Flights;

namespace Vigil.Runs.Tests;

/// <summary>The out-of-domain rules: detections against the covered baseline, confidences against the card's validation.</summary>
public sealed class DomainCheckTests : IDisposable
{
    private static readonly Geometry Covered = new WKTReader().Read(
        "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-domain-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Few_detections_over_many_covered_baseline_buildings_are_flagged_and_buildings_outside_do_not_count()
    {
        var card = Card(null);
        var baseline = Buildings(inside: 20, outside: 30);

        var few = DomainCheck.Check(baseline, Covered, 3, 0, [.. Enumerable.Repeat(0.9, 3)], card);
        var enough = DomainCheck.Check(baseline, Covered, 4, 0, [.. Enumerable.Repeat(0.9, 4)], card);
        var smallBaseline = DomainCheck.Check(Buildings(inside: 9, outside: 0), Covered, 0, 0, [], card);

        var warning = Assert.Single(few);
        Assert.Equal((DomainWarning.FewDetections, 3, 20), (warning.Kind, warning.Detections, warning.BaselineBuildings));
        Assert.Empty(enough);
        Assert.Empty(smallBaseline);
    }

    [Fact]
    public void More_new_records_than_covered_baseline_buildings_are_flagged()
    {
        var card = Card(null);
        var baseline = Buildings(inside: 20, outside: 40);

        var mostlyNew = DomainCheck.Check(baseline, Covered, 30, 21, [.. Enumerable.Repeat(0.6, 30)], card);
        var some = DomainCheck.Check(baseline, Covered, 30, 20, [.. Enumerable.Repeat(0.6, 30)], card);

        var warning = Assert.Single(mostlyNew);
        Assert.Equal((DomainWarning.MostlyNew, 21, 20), (warning.Kind, warning.NewRecords, warning.BaselineBuildings));
        Assert.Empty(some);
    }

    [Fact]
    public void A_median_confidence_below_the_cards_validation_tenth_percentile_is_flagged()
    {
        var card = Card(new ConfidenceFigures(0.62, 0.81, 0.95, 1450));
        var baseline = Buildings(inside: 20, outside: 0);

        var unlike = DomainCheck.Check(baseline, Covered, 25, 0, [.. Enumerable.Range(0, 25).Select(i => 0.46 + i * 0.01)], card);
        var like = DomainCheck.Check(baseline, Covered, 25, 0, [.. Enumerable.Range(0, 25).Select(i => 0.6 + i * 0.01)], card);
        var tooFew = DomainCheck.Check(baseline, Covered, 19, 0, [.. Enumerable.Repeat(0.47, 19)], card);
        var cardWithout = DomainCheck.Check(baseline, Covered, 25, 0, [.. Enumerable.Repeat(0.47, 25)], Card(null));

        var warning = Assert.Single(unlike);
        Assert.Equal(DomainWarning.UnlikeValidation, warning.Kind);
        Assert.Equal(0.58, warning.Confidence!.Median, 6);
        Assert.Empty(like);
        Assert.Empty(tooFew);
        Assert.Empty(cardWithout);
    }

    private static List<BaselineFeature> Buildings(int inside, int outside)
    {
        var reader = new WKTReader();
        BaselineFeature At(int i, double x, double y) => new($"b{i}", BaselineFeatureKind.Registered,
            reader.Read($"POLYGON (({x} {y}, {x + 4} {y}, {x + 4} {y + 4}, {x} {y + 4}, {x} {y}))"));
        return [.. Enumerable.Range(0, inside).Select(i => At(i, 5 + (i % 10) * 9, 5 + (i / 10) * 9)),
            .. Enumerable.Range(0, outside).Select(i => At(1000 + i, 200 + i * 9, 50))];
    }

    private ModelCard Card(ConfidenceFigures? confidence)
    {
        var validation = confidence is null ? "" : $$"""
            , "validation": { "heldOutAreas": [], "detectionConfidence": { "p10": {{confidence.P10}}, "median": {{confidence.Median}}, "p90": {{confidence.P90}}, "of": {{confidence.Of}} } }
            """;
        // The card is all the check reads; the network file only has to be there for the card to load.
        File.WriteAllBytes(Path.Combine(_folder, "test.onnx"), []);
        var path = Path.Combine(_folder, $"m{Guid.NewGuid():N}.card.json");
        File.WriteAllText(path, $$"""
            {
              "name": "test", "version": "1", "onnxFile": "test.onnx",
              "input": { "name": "image", "layout": "NCHW", "channels": ["red", "green", "blue"], "tileSizePixels": 256,
                         "pixelScale": 0.00392156862745098, "mean": [0, 0, 0], "std": [1, 1, 1] },
              "output": { "name": "probability", "classes": ["building"], "activation": "sigmoid" },
              "gsdMeters": 0.5,
              "thresholds": { "probability": 0.5, "minAreaSquareMeters": 2.0 }{{validation}}
            }
            """);
        return ModelCard.Load(path);
    }
}
