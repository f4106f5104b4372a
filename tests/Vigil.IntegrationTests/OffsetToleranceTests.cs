using Vigil.Runs.Evaluation;

namespace Vigil.IntegrationTests;

public sealed class OffsetToleranceTests
{
    private const int Width = 40;

    [Fact]
    public void Each_true_footprint_may_move_on_its_own_to_match()
    {
        // Two 6 x 6 predictions; their true outlines sit 4 px off, one to the right, one downwards (IoU 1/5 each):
        // no single shift of the image fixes both, a shift per footprint does.
        var predicted = new int[Width * Width];
        var truth = new int[Width * Width];
        Fill(predicted, 2, 2, 1);
        Fill(truth, 6, 2, 1);
        Fill(predicted, 20, 20, 2);
        Fill(truth, 20, 24, 2);

        Assert.Equal(0, OffsetTolerance.MatchedObjects(predicted, 2, truth, 2, Width, radiusPixels: 0));
        Assert.Equal(2, OffsetTolerance.MatchedObjects(predicted, 2, truth, 2, Width, radiusPixels: 4));
        Assert.True(OffsetTolerance.BestShift(predicted, truth, Width, Width, 4).PixelIoU < 0.65);
    }

    [Fact]
    public void One_prediction_matches_one_true_footprint_however_far_they_may_move()
    {
        var predicted = new int[Width * Width];
        var truth = new int[Width * Width];
        Fill(predicted, 10, 10, 1);
        Fill(truth, 8, 10, 1);
        Fill(truth, 12, 17, 2);

        Assert.Equal(1, OffsetTolerance.MatchedObjects(predicted, 1, truth, 2, Width, radiusPixels: 8));
    }

    private static void Fill(int[] raster, int x0, int y0, int id)
    {
        for (var y = y0; y < y0 + 6; y++)
        {
            for (var x = x0; x < x0 + 6; x++)
            {
                raster[y * Width + x] = id;
            }
        }
    }
}
