using Vigil.Core;

namespace Vigil.Cli.Evaluation;

/// <summary>
/// Pixel scores at the best shift of the prediction against the truth within a radius: where labels sit metres off
/// the roofs (OSM outlines in Nairobi), the strict IoU measures the labels as much as the model.
/// </summary>
internal static class OffsetTolerance
{
    /// <summary>Shifts tried per axis at most; the step grows with the radius to keep the search bounded.</summary>
    private const int MaxStepsPerAxis = 13;

    /// <summary>Pixel counts at the shift (within <paramref name="radiusPixels"/>) that maximises IoU.</summary>
    public static SegmentationScore BestShift(int[] predicted, int[] truth, int width, int height, int radiusPixels)
    {
        var step = Math.Max(1, (int)Math.Ceiling(2.0 * radiusPixels / (MaxStepsPerAxis - 1)));
        SegmentationScore? best = null;
        for (var dy = -radiusPixels; dy <= radiusPixels; dy += step)
        {
            for (var dx = -radiusPixels; dx <= radiusPixels; dx += step)
            {
                if (dx * dx + dy * dy > radiusPixels * radiusPixels)
                {
                    continue;
                }

                var score = Shifted(predicted, truth, width, height, dx, dy);
                if (best is null || score.PixelIoU > best.PixelIoU)
                {
                    best = score;
                }
            }
        }

        return best ?? Shifted(predicted, truth, width, height, 0, 0);
    }

    private static SegmentationScore Shifted(int[] predicted, int[] truth, int width, int height, int dx, int dy)
    {
        long tp = 0, fp = 0, fn = 0;
        for (var y = 0; y < height; y++)
        {
            var sy = y - dy;
            for (var x = 0; x < width; x++)
            {
                var sx = x - dx;
                var p = sx >= 0 && sx < width && sy >= 0 && sy < height && predicted[sy * width + sx] > 0;
                var t = truth[y * width + x] > 0;
                if (p && t)
                {
                    tp++;
                }
                else if (p)
                {
                    fp++;
                }
                else if (t)
                {
                    fn++;
                }
            }
        }

        return new SegmentationScore(tp, fp, fn, 0, 0, 0);
    }
}
