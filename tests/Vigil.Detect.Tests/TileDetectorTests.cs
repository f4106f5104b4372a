using NetTopologySuite.Geometries;
using Vigil.Core;

namespace Vigil.Detect.Tests;

public sealed class TileDetectorTests
{
    private const double Gsd = 0.5;
    private const int TileSize = DetectorRun.TileSize;
    private const int Overlap = DetectorRun.Overlap;

    private static readonly string CardPath = DetectorRun.Card("brightness");

    [Fact]
    public async Task Building_cut_by_seams_comes_out_once_and_whole()
    {
        // Stride is 96 px: x = 96 and y = 96 are seams. The block spans four tiles.
        var scene = new SyntheticScene(300, 250, Gsd);
        scene.Fill(60, 70, 140, 130);

        var footprints = await Detect(scene);

        var footprint = Assert.Single(footprints);
        // Contours run through pixel centres: an 80 x 60 px block has a 79 x 59 px outline.
        Assert.Equal(79 * 59 * Gsd * Gsd, footprint.AreaSquareMeters, 1.0);
        Assert.True(footprint.Confidence > 0.9);
    }

    [Fact]
    public async Task Long_building_across_three_tile_rows_is_merged_once()
    {
        var scene = new SyntheticScene(300, 320, Gsd);
        scene.Fill(150, 20, 170, 300);

        var footprint = Assert.Single(await Detect(scene));

        Assert.Equal(19 * 279 * Gsd * Gsd, footprint.AreaSquareMeters, 1.0);
    }

    [Fact]
    public async Task Separate_buildings_on_both_sides_of_a_seam_stay_separate()
    {
        var scene = new SyntheticScene(250, 200, Gsd);
        scene.Fill(70, 40, 94, 80);
        scene.Fill(98, 40, 120, 80);

        var footprints = await Detect(scene);

        Assert.Equal(2, footprints.Count);
    }

    [Fact]
    public async Task Courtyard_is_kept_as_a_hole_and_small_blobs_are_dropped()
    {
        var scene = new SyntheticScene(200, 200, Gsd);
        scene.Fill(20, 20, 80, 80);
        scene.Fill(35, 35, 65, 65, value: 0);
        scene.Fill(150, 150, 152, 152);

        var footprint = Assert.Single(await Detect(scene));

        Assert.Equal(1, footprint.Outline.NumInteriorRings);
        Assert.True(footprint.Outline.IsValid);
    }

    [Fact]
    public async Task Footprints_are_placed_in_world_coordinates_through_the_geotransform()
    {
        var scene = new SyntheticScene(200, 200, Gsd);
        scene.Fill(100, 40, 120, 60);

        var footprint = Assert.Single(await Detect(scene));

        var centre = footprint.Outline.Centroid;
        Assert.Equal(500000 + 110 * Gsd, centre.X, 0.3);
        Assert.Equal(9300000 - 50 * Gsd, centre.Y, 0.3);
        Assert.Equal(32737, footprint.Outline.SRID);
    }

    [Fact]
    public async Task Every_tile_reports_its_core_as_covered_ground()
    {
        var scene = new SyntheticScene(300, 250, Gsd);
        var grid = scene.Grid(TileSize, Overlap);

        var batches = await Run(scene, batchSize: 3);

        var covered = batches.Select(b => b.CoveredArea).Where(g => !g.IsEmpty).Aggregate((a, b) => a.Union(b));
        Assert.Equal(300 * 250 * Gsd * Gsd, covered.Area, 1.0);
        Assert.Equal(grid.TilesAcross * grid.TilesDown, batches.Count(b => !b.CoveredArea.IsEmpty));
    }

    [Fact]
    public async Task The_last_batch_carries_the_runs_tally_and_no_other_does()
    {
        var scene = new SyntheticScene(300, 250, Gsd);
        scene.Fill(20, 20, 60, 60);
        scene.Fill(100, 40, 120, 60);
        var grid = scene.Grid(TileSize, Overlap);

        var batches = await Run(scene, batchSize: 3);

        var tally = Assert.IsType<FlightTally>(batches[^1].Tally);
        Assert.All(batches[..^1], b => Assert.Null(b.Tally));
        var footprints = batches.SelectMany(b => b.Footprints).ToList();
        Assert.Equal((grid.TilesAcross * grid.TilesDown, 2), (tally.Tiles, tally.Footprints));
        Assert.Equal(2, footprints.Count);
        Assert.Equal(footprints.Select(f => f.Confidence), tally.Confidences);
        Assert.True(tally.CoveredArea.IsEmpty, "the covered ground is ChangeCompare's to add");
    }

    [Fact]
    public async Task Footprints_less_confident_than_the_cards_minimum_are_dropped_after_seam_merging()
    {
        // Red 135 is building to the pixel threshold (probability ~0.77 > 0.5) but below the card's minConfidence 0.9;
        // both blocks straddle the seam x = 96, so the decision is taken on the merged building.
        var scene = new SyntheticScene(300, 250, Gsd);
        scene.Fill(60, 20, 140, 60);
        scene.Fill(60, 120, 140, 160, value: 135);

        var all = await Detect(scene);
        var confident = await DetectorRun.Footprints(DetectorRun.Card("brightness-min-confidence"), scene);

        Assert.Equal(2, all.Count);
        var kept = Assert.Single(confident);
        Assert.True(kept.Confidence > 0.9);
        Assert.True(kept.Outline.Centroid.Y > all.Min(f => f.Outline.Centroid.Y), "the bright block (northern, top rows) is kept");
    }

    [Fact]
    public void A_min_confidence_outside_zero_to_one_is_refused_with_the_file_named()
    {
        var error = Assert.Throws<ModelCardException>(() => ModelCard.Load(DetectorRun.Card("brightness-bad-confidence")));

        Assert.Contains("brightness-bad-confidence.card.json", error.Message);
        Assert.Contains("minConfidence", error.Message);
    }

    [Fact]
    public void A_card_naming_an_input_the_model_lacks_is_refused_with_the_file_named()
    {
        var card = ModelCard.Load(Path.Combine(AppContext.BaseDirectory, "TestModels", "wrong-input.card.json"));

        var error = Assert.Throws<ModelCardException>(() => new BuildingSegmenter(card, 1));

        Assert.Contains("brightness.onnx", error.Message);
        Assert.Contains("'pixels'", error.Message);
    }

    [Fact]
    public void A_missing_card_is_refused_with_the_file_named()
    {
        var error = Assert.Throws<ModelCardException>(() => ModelCard.Load("/nonexistent/model.onnx"));

        Assert.Contains("/nonexistent/model.card.json", error.Message);
    }

    private static Task<List<Footprint>> Detect(SyntheticScene scene) => DetectorRun.Footprints(CardPath, scene);

    private static Task<List<FootprintBatch>> Run(SyntheticScene scene, int batchSize) =>
        DetectorRun.Batches(CardPath, scene, batchSize);
}
