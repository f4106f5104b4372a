using Vigil.Core;

namespace Vigil.Runs.Evaluation;

/// <summary>
/// Scores that forgive labels drawn metres off the roofs (OSM outlines in Nairobi), where the strict figures measure the
/// labels as much as the model: pixel counts at the best shift of the whole image, and object matches with each true
/// footprint shifted on its own (the offsets differ from building to building).
/// </summary>
public static class OffsetTolerance
{
    /// <summary>Shifts tried per axis at most; the step grows with the radius to keep the search bounded.</summary>
    private const int MaxStepsPerAxis = 13;

    /// <summary>Pixel counts at the shift (within <paramref name="radiusPixels"/>) that maximises IoU.</summary>
    public static SegmentationScore BestShift(int[] predicted, int[] truth, int width, int height, int radiusPixels)
    {
        SegmentationScore? best = null;
        foreach (var (dx, dy) in Shifts(radiusPixels))
        {
            var score = Shifted(predicted, truth, width, height, dx, dy);
            if (best is null || score.PixelIoU > best.PixelIoU)
            {
                best = score;
            }
        }

        return best!;
    }

    /// <summary>
    /// True footprints matched one-to-one at IoU of at least 0.5 when each may move by up to
    /// <paramref name="radiusPixels"/> on its own: the best IoU of each pair over the shifts, then best first.
    /// </summary>
    public static int MatchedObjects(int[] predicted, int predictedCount, int[] truth, int truthCount, int width, int radiusPixels)
    {
        var height = truth.Length / width;
        var predictedArea = new long[predictedCount + 1];
        foreach (var p in predicted)
        {
            predictedArea[p]++;
        }

        // The pixels of each true footprint, grouped by footprint (counting sort).
        var start = new int[truthCount + 2];
        foreach (var t in truth)
        {
            start[t + 1]++;
        }

        for (var t = 1; t <= truthCount + 1; t++)
        {
            start[t] += start[t - 1];
        }

        var pixels = new int[truth.Length];
        var next = (int[])start.Clone();
        for (var i = 0; i < truth.Length; i++)
        {
            pixels[next[truth[i]]++] = i;
        }

        var shifts = Shifts(radiusPixels).ToList();
        var best = new Dictionary<(int P, int T), double>();
        var overlap = new long[predictedCount + 1];
        var touched = new List<int>();
        for (var t = 1; t <= truthCount; t++)
        {
            var area = start[t + 1] - start[t];
            foreach (var (dx, dy) in shifts)
            {
                for (var k = start[t]; k < start[t + 1]; k++)
                {
                    var (x, y) = (pixels[k] % width + dx, pixels[k] / width + dy);
                    if (x < 0 || x >= width || y < 0 || y >= height || predicted[y * width + x] is not (> 0 and var p))
                    {
                        continue;
                    }

                    if (overlap[p]++ == 0)
                    {
                        touched.Add(p);
                    }
                }

                foreach (var p in touched)
                {
                    var iou = (double)overlap[p] / (predictedArea[p] + area - overlap[p]);
                    best[(p, t)] = Math.Max(best.GetValueOrDefault((p, t)), iou);
                    overlap[p] = 0;
                }

                touched.Clear();
            }
        }

        return SegmentationScore.MatchOneToOne(best.Select(b => (b.Key.P, b.Key.T, b.Value))).Count;
    }

    /// <summary>The shifts tried within <paramref name="radiusPixels"/>, (0, 0) among them.</summary>
    private static IEnumerable<(int Dx, int Dy)> Shifts(int radiusPixels)
    {
        var step = Math.Max(1, (int)Math.Ceiling(2.0 * radiusPixels / (MaxStepsPerAxis - 1)));
        var steps = radiusPixels / step;
        for (var j = -steps; j <= steps; j++)
        {
            for (var i = -steps; i <= steps; i++)
            {
                var (dx, dy) = (i * step, j * step);
                if (dx * dx + dy * dy <= radiusPixels * radiusPixels)
                {
                    yield return (dx, dy);
                }
            }
        }
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
