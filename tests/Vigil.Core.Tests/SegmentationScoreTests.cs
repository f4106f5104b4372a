using Vigil.Core;

namespace Vigil.Core.Tests;

public sealed class SegmentationScoreTests
{
    [Fact]
    public void Pixel_and_object_figures_follow_the_spacenet_definitions()
    {
        // 4 x 3 rasters. Truth: object 1 (4 px), object 2 (2 px). Prediction: object 1 covers truth 1 plus 1 px
        // (IoU 4/5, matched), object 2 covers one pixel of truth 2 (IoU 1/2, matched at exactly 0.5).
        int[] truth =
        [
            1, 1, 0, 2,
            1, 1, 0, 2,
            0, 0, 0, 0,
        ];
        int[] predicted =
        [
            1, 1, 1, 2,
            1, 1, 0, 0,
            0, 0, 0, 0,
        ];

        var score = SegmentationScore.Of(predicted, 2, truth, 2);

        Assert.Equal(5, score.TruePositivePixels);
        Assert.Equal(1, score.FalsePositivePixels);
        Assert.Equal(1, score.FalseNegativePixels);
        Assert.Equal(5.0 / 7, score.PixelIoU, 1e-9);
        Assert.Equal(2, score.MatchedObjects);
        Assert.Equal(1.0, score.ObjectF1, 1e-9);
    }

    [Fact]
    public void One_blob_over_two_buildings_matches_at_most_one_of_them()
    {
        int[] truth = [1, 1, 0, 2, 2];
        int[] predicted = [1, 1, 1, 1, 1];

        var score = SegmentationScore.Of(predicted, 1, truth, 2);

        Assert.Equal(0, score.MatchedObjects);
        Assert.Equal(0, score.ObjectF1);
    }

    [Fact]
    public void Unmatched_buildings_are_told_apart_by_why()
    {
        // Truth (one row each): 1 missed (one pixel of four predicted); 2 and 3 merged under prediction 1;
        // 4 split between predictions 2 and 3; 5 inside prediction 4, three times its size (misshapen); 6 matched.
        int[] truth =
        [
            1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
            2, 2, 2, 0, 3, 3, 3, 0, 0, 0,
            4, 4, 4, 4, 4, 4, 4, 0, 0, 0,
            5, 5, 0, 0, 0, 0, 0, 0, 0, 0,
            6, 6, 6, 0, 0, 0, 0, 0, 0, 0,
        ];
        int[] predicted =
        [
            0, 0, 0, 5, 0, 0, 0, 0, 0, 0,
            1, 1, 1, 1, 1, 1, 1, 0, 0, 0,
            2, 2, 2, 0, 3, 3, 3, 0, 0, 0,
            4, 4, 4, 4, 4, 4, 0, 0, 0, 0,
            6, 6, 6, 0, 0, 0, 0, 0, 0, 0,
        ];

        var score = SegmentationScore.Of(predicted, 6, truth, 6, out var outcomes);

        Assert.Equal(1, score.MatchedObjects);
        Assert.Equal(
            [null, ObjectOutcome.Missed, ObjectOutcome.Merged, ObjectOutcome.Merged, ObjectOutcome.Split, ObjectOutcome.Misshapen, ObjectOutcome.Matched],
            outcomes.Truth);
        Assert.Equal([false, false, false, false, false, false, true], outcomes.PredictedMatched);
        Assert.Equal(1, score.MissedObjects);
        Assert.Equal(2, score.MergedObjects);
        Assert.Equal(1, score.SplitObjects);
        Assert.Equal(1, score.MisshapenObjects);
        Assert.Equal(score.TruthObjects, score.MatchedObjects + score.MissedObjects + score.MergedObjects +
            score.SplitObjects + score.MisshapenObjects);
    }

    [Fact]
    public void Scores_add_up_over_images()
    {
        var a = new SegmentationScore(10, 2, 3, 1, 2, 2, MissedObjects: 1);
        var b = new SegmentationScore(5, 0, 5, 1, 1, 3, MissedObjects: 1, MergedObjects: 1);

        var sum = a.Add(b);

        Assert.Equal(new SegmentationScore(15, 2, 8, 2, 3, 5, MissedObjects: 2, MergedObjects: 1), sum);
        Assert.Equal(4.0 / 8, sum.ObjectF1, 1e-9);
    }
}
