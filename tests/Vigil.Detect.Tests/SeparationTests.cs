using Vigil.Core;

namespace Vigil.Detect.Tests;

/// <summary>
/// Touching buildings told apart by a model's separation channel (TestModels/separation.onnx: red is building extent,
/// green the contact band). Tiles are 128 px with 16 px overlap: x = 96 and y = 96 are seams.
/// </summary>
public sealed class SeparationTests
{
    private const double Gsd = 0.5;

    private static readonly string SeparationCard = DetectorRun.Card("separation");

    /// <summary>Area of the outline of a w x h px block: contours run through pixel centres.</summary>
    private static double BlockArea(int widthPixels, int heightPixels) => (widthPixels - 1) * (heightPixels - 1) * Gsd * Gsd;

    [Fact]
    public async Task Touching_buildings_with_a_band_come_out_as_two_full_size_footprints()
    {
        var scene = new SyntheticScene(200, 100, Gsd);
        scene.Fill(10, 10, 45, 50);
        scene.Fill(45, 10, 80, 50);
        scene.Band(43, 10, 47, 50);

        var footprints = await DetectorRun.Footprints(SeparationCard, scene);

        Assert.Equal(2, footprints.Count);
        AssertSeparatedPair(footprints, BlockArea(35, 40), BlockArea(35, 40));
    }

    [Fact]
    public async Task The_separation_threshold_defaults_to_one_half_when_the_card_names_none()
    {
        var card = ModelCard.Load(DetectorRun.Card("separation-default"));
        var scene = new SyntheticScene(200, 100, Gsd);
        scene.Fill(10, 10, 80, 50);
        scene.Band(43, 10, 47, 50);

        var footprints = await DetectorRun.Footprints(card.CardPath, scene);

        Assert.Null(card.Thresholds.Separation);
        Assert.Equal(1, card.Output.SeparationChannel);
        AssertSeparatedPair(footprints, BlockArea(35, 40), BlockArea(35, 40));
    }

    [Fact]
    public async Task A_lone_building_keeps_its_full_extent()
    {
        var scene = new SyntheticScene(200, 100, Gsd);
        scene.Fill(20, 20, 60, 60);

        var footprint = Assert.Single(await DetectorRun.Footprints(SeparationCard, scene));

        Assert.Equal(BlockArea(40, 40), footprint.AreaSquareMeters, 1.0);
    }

    [Fact]
    public async Task A_band_along_a_lone_buildings_outer_walls_is_given_back()
    {
        var scene = new SyntheticScene(200, 100, Gsd);
        scene.Fill(20, 20, 60, 60);
        scene.Band(20, 20, 22, 60);
        scene.Band(58, 20, 60, 60);

        var footprint = Assert.Single(await DetectorRun.Footprints(SeparationCard, scene));

        Assert.Equal(BlockArea(40, 40), footprint.AreaSquareMeters, 1.0);
    }

    [Fact]
    public async Task Touching_buildings_each_ringed_by_its_border_come_out_as_two_full_size_footprints()
    {
        // A border model (models/train.py --target border) marks the whole edge of every roof, not only the contact.
        var scene = new SyntheticScene(200, 100, Gsd);
        scene.Fill(10, 10, 45, 50);
        scene.Fill(45, 10, 80, 50);
        Border(scene, 10, 10, 45, 50);
        Border(scene, 45, 10, 80, 50);

        var footprints = await DetectorRun.Footprints(SeparationCard, scene);

        AssertSeparatedPair(footprints, BlockArea(35, 40), BlockArea(35, 40));
    }

    [Fact]
    public async Task A_pair_straddling_a_seam_comes_out_as_two_footprints_not_one_and_not_four()
    {
        // Both buildings cross the vertical seam x = 96; their contact line (y = 50) crosses it.
        var scene = new SyntheticScene(250, 200, Gsd);
        scene.Fill(70, 20, 120, 80);
        scene.Band(70, 48, 120, 52);

        var footprints = await DetectorRun.Footprints(SeparationCard, scene);

        AssertSeparatedPair(footprints, BlockArea(50, 30), BlockArea(50, 30));
    }

    [Fact]
    public async Task A_pair_whose_contact_lies_on_a_seam_at_a_tile_corner_comes_out_as_two_footprints()
    {
        // Four tiles meet at (96, 96); the contact line is the horizontal seam y = 96 itself.
        var scene = new SyntheticScene(250, 250, Gsd);
        scene.Fill(70, 70, 126, 122);
        scene.Band(70, 94, 126, 98);

        var footprints = await DetectorRun.Footprints(SeparationCard, scene);

        AssertSeparatedPair(footprints, BlockArea(56, 26), BlockArea(56, 26));
    }

    [Fact]
    public async Task A_pair_side_by_side_across_a_seam_comes_out_as_two_footprints()
    {
        // The contact line is the vertical seam x = 96.
        var scene = new SyntheticScene(250, 200, Gsd);
        scene.Fill(62, 20, 130, 60);
        scene.Band(94, 20, 98, 60);

        var footprints = await DetectorRun.Footprints(SeparationCard, scene);

        AssertSeparatedPair(footprints, BlockArea(34, 40), BlockArea(34, 40));
    }

    [Fact]
    public async Task A_pixel_equally_far_from_two_buildings_goes_to_the_same_one_in_both_tiles_of_a_seam()
    {
        // A 3 px band: its middle column (49) is 2 px from both seeds and goes to its left neighbour's building.
        // Both buildings cross the seam y = 96; B starts higher, so the upper tile numbers B first and the lower
        // tile A first: a tie broken by label number would give column 49 to different buildings on either side.
        var scene = new SyntheticScene(200, 200, Gsd);
        scene.Fill(20, 80, 50, 130);
        scene.Fill(50, 60, 80, 130);
        scene.Band(48, 60, 51, 130);

        var footprints = await DetectorRun.Footprints(SeparationCard, scene);

        AssertSeparatedPair(footprints, BlockArea(30, 50), BlockArea(30, 70));
    }

    [Fact]
    public async Task A_building_cut_by_seams_is_still_merged_whole()
    {
        var scene = new SyntheticScene(300, 250, Gsd);
        scene.Fill(60, 70, 140, 130);

        var footprint = Assert.Single(await DetectorRun.Footprints(SeparationCard, scene));

        Assert.Equal(BlockArea(80, 60), footprint.AreaSquareMeters, 1.0);
    }

    [Fact]
    public async Task A_one_channel_model_still_sees_touching_buildings_as_one()
    {
        var scene = new SyntheticScene(250, 200, Gsd);
        scene.Fill(70, 20, 120, 80);
        scene.Band(70, 48, 120, 52);

        var footprint = Assert.Single(await DetectorRun.Footprints(DetectorRun.Card("brightness"), scene));

        Assert.Equal(BlockArea(50, 60), footprint.AreaSquareMeters, 1.0);
    }

    [Fact]
    public void A_separation_threshold_without_a_separation_class_is_refused()
    {
        var error = Assert.Throws<ModelCardException>(() =>
            ModelCard.Load(DetectorRun.Card("separation-threshold-without-class")));

        Assert.Contains("thresholds.separation", error.Message);
    }

    [Fact]
    public void An_unknown_output_class_is_refused()
    {
        var error = Assert.Throws<ModelCardException>(() => ModelCard.Load(DetectorRun.Card("misspelt-class")));

        Assert.Contains("separations", error.Message);
    }

    [Fact]
    public void A_card_declaring_more_classes_than_the_model_has_channels_is_refused()
    {
        var card = ModelCard.Load(DetectorRun.Card("separation-class-count-mismatch"));

        var error = Assert.Throws<ModelCardException>(() => new BuildingSegmenter(card, 1));

        Assert.Contains("[N,2,H,W]", error.Message);
    }

    /// <summary>Paints a 2-px separation band inside the edges of the block [x0,x1) x [y0,y1).</summary>
    private static void Border(SyntheticScene scene, int x0, int y0, int x1, int y1)
    {
        scene.Band(x0, y0, x1, y0 + 2);
        scene.Band(x0, y1 - 2, x1, y1);
        scene.Band(x0, y0, x0 + 2, y1);
        scene.Band(x1 - 2, y0, x1, y1);
    }

    /// <summary>Two footprints of the given areas that do not overlap and lie at most one pixel apart.</summary>
    private static void AssertSeparatedPair(List<Footprint> footprints, double firstArea, double secondArea)
    {
        Assert.Equal(2, footprints.Count);
        var ordered = footprints.OrderBy(f => f.Outline.Centroid.X).ThenByDescending(f => f.Outline.Centroid.Y).ToList();
        Assert.Equal(firstArea, ordered[0].AreaSquareMeters, 1.0);
        Assert.Equal(secondArea, ordered[1].AreaSquareMeters, 1.0);
        Assert.True(ordered[0].Outline.Intersection(ordered[1].Outline).Area < 1e-6, "the two footprints overlap");
        Assert.True(ordered[0].Outline.Distance(ordered[1].Outline) <= Gsd + 1e-6, "the two footprints do not touch");
    }
}
