namespace Vigil.Core;

/// <summary>
/// Pixel and object counts of a segmentation evaluation, summed over images. Pixel figures count building pixels;
/// object figures count footprints matched one-to-one at IoU of at least 0.5 (SpaceNet's building metric).
/// Immutable; combine with <see cref="Add"/>.
/// </summary>
/// <param name="TruePositivePixels">Pixels that are building in both prediction and truth.</param>
/// <param name="FalsePositivePixels">Pixels predicted building that are not.</param>
/// <param name="FalseNegativePixels">Building pixels that were missed.</param>
/// <param name="MatchedObjects">Predicted footprints matched to a true one.</param>
/// <param name="PredictedObjects">Predicted footprints.</param>
/// <param name="TruthObjects">True footprints.</param>
public sealed record SegmentationScore(
    long TruePositivePixels,
    long FalsePositivePixels,
    long FalseNegativePixels,
    int MatchedObjects,
    int PredictedObjects,
    int TruthObjects)
{
    /// <summary>No image yet.</summary>
    public static SegmentationScore Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Pixel intersection over union; 1 when neither prediction nor truth holds a building.</summary>
    public double PixelIoU => Ratio(TruePositivePixels, TruePositivePixels + FalsePositivePixels + FalseNegativePixels);

    /// <summary>Share of predicted building pixels that are building.</summary>
    public double PixelPrecision => Ratio(TruePositivePixels, TruePositivePixels + FalsePositivePixels);

    /// <summary>Share of building pixels that were predicted.</summary>
    public double PixelRecall => Ratio(TruePositivePixels, TruePositivePixels + FalseNegativePixels);

    /// <summary>Object precision at IoU 0.5.</summary>
    public double ObjectPrecision => Ratio(MatchedObjects, PredictedObjects);

    /// <summary>Object recall at IoU 0.5.</summary>
    public double ObjectRecall => Ratio(MatchedObjects, TruthObjects);

    /// <summary>Object F1 at IoU 0.5.</summary>
    public double ObjectF1 => Ratio(2L * MatchedObjects, PredictedObjects + TruthObjects);

    /// <summary>The sum of two scores.</summary>
    public SegmentationScore Add(SegmentationScore other) => new(
        TruePositivePixels + other.TruePositivePixels,
        FalsePositivePixels + other.FalsePositivePixels,
        FalseNegativePixels + other.FalseNegativePixels,
        MatchedObjects + other.MatchedObjects,
        PredictedObjects + other.PredictedObjects,
        TruthObjects + other.TruthObjects);

    /// <summary>
    /// Scores one image from two instance rasters of the same size (0 = background, 1..n = footprint number).
    /// </summary>
    public static SegmentationScore Of(
        ReadOnlySpan<int> predicted, int predictedCount, ReadOnlySpan<int> truth, int truthCount)
    {
        if (predicted.Length != truth.Length)
        {
            throw new ArgumentException("The rasters differ in size.");
        }

        long tp = 0, fp = 0, fn = 0;
        var predictedArea = new long[predictedCount + 1];
        var truthArea = new long[truthCount + 1];
        var overlaps = new Dictionary<(int, int), long>();
        for (var i = 0; i < predicted.Length; i++)
        {
            var p = predicted[i];
            var t = truth[i];
            predictedArea[p]++;
            truthArea[t]++;
            if (p > 0 && t > 0)
            {
                tp++;
                overlaps[(p, t)] = overlaps.GetValueOrDefault((p, t)) + 1;
            }
            else if (p > 0)
            {
                fp++;
            }
            else if (t > 0)
            {
                fn++;
            }
        }

        var matched = CountMatches(overlaps, predictedArea, truthArea);
        var predictedObjects = predictedArea.Skip(1).Count(a => a > 0);
        var truthObjects = truthArea.Skip(1).Count(a => a > 0);
        return new SegmentationScore(tp, fp, fn, matched, predictedObjects, truthObjects);
    }

    private static int CountMatches(Dictionary<(int P, int T), long> overlaps, long[] predictedArea, long[] truthArea)
    {
        // IoU > 0.5 can pair each footprint with at most one other, so greedy by IoU is exact.
        var usedP = new HashSet<int>();
        var usedT = new HashSet<int>();
        var matched = 0;
        foreach (var ((p, t), common) in overlaps.OrderByDescending(o =>
                     (double)o.Value / (predictedArea[o.Key.P] + truthArea[o.Key.T] - o.Value)))
        {
            var iou = (double)common / (predictedArea[p] + truthArea[t] - common);
            if (iou < 0.5)
            {
                break;
            }

            if (!usedP.Contains(p) && !usedT.Contains(t))
            {
                usedP.Add(p);
                usedT.Add(t);
                matched++;
            }
        }

        return matched;
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 1 : (double)numerator / denominator;
}
