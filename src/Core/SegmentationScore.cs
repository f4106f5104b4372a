namespace Vigil.Core;

/// <summary>
/// Pixel and object counts of a segmentation evaluation, summed over images. Pixel figures count building pixels;
/// object figures count footprints matched one-to-one at IoU of at least 0.5 (SpaceNet's building metric). The true
/// footprints left unmatched are told apart by why (missed, merged, split, misshapen): object F1 is lost to each in
/// a different way, and each asks for a different fix.
/// Immutable; combine with <see cref="Add"/>.
/// </summary>
/// <param name="TruePositivePixels">Pixels that are building in both prediction and truth.</param>
/// <param name="FalsePositivePixels">Pixels predicted building that are not.</param>
/// <param name="FalseNegativePixels">Building pixels that were missed.</param>
/// <param name="MatchedObjects">Predicted footprints matched to a true one.</param>
/// <param name="PredictedObjects">Predicted footprints.</param>
/// <param name="TruthObjects">True footprints.</param>
/// <param name="MissedObjects">True footprints <see cref="ObjectOutcome.Missed"/>.</param>
/// <param name="MergedObjects">True footprints <see cref="ObjectOutcome.Merged"/>.</param>
/// <param name="SplitObjects">True footprints <see cref="ObjectOutcome.Split"/>.</param>
/// <param name="MisshapenObjects">True footprints <see cref="ObjectOutcome.Misshapen"/>.</param>
public sealed record SegmentationScore(
    long TruePositivePixels,
    long FalsePositivePixels,
    long FalseNegativePixels,
    int MatchedObjects,
    int PredictedObjects,
    int TruthObjects,
    int MissedObjects = 0,
    int MergedObjects = 0,
    int SplitObjects = 0,
    int MisshapenObjects = 0)
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
        TruthObjects + other.TruthObjects,
        MissedObjects + other.MissedObjects,
        MergedObjects + other.MergedObjects,
        SplitObjects + other.SplitObjects,
        MisshapenObjects + other.MisshapenObjects);

    /// <summary>
    /// Scores one image from two instance rasters of the same size (0 = background, 1..n = footprint number).
    /// </summary>
    public static SegmentationScore Of(
        ReadOnlySpan<int> predicted, int predictedCount, ReadOnlySpan<int> truth, int truthCount) =>
        Of(predicted, predictedCount, truth, truthCount, out _);

    /// <summary>
    /// Scores one image from two instance rasters of the same size (0 = background, 1..n = footprint number), and
    /// gives what became of each footprint in <paramref name="outcomes"/>.
    /// </summary>
    public static SegmentationScore Of(
        ReadOnlySpan<int> predicted, int predictedCount, ReadOnlySpan<int> truth, int truthCount, out ObjectOutcomes outcomes)
    {
        if (predicted.Length != truth.Length)
        {
            throw new ArgumentException("The rasters differ in size.");
        }

        long tp = 0, fp = 0, fn = 0;
        var predictedArea = new long[predictedCount + 1];
        var truthArea = new long[truthCount + 1];
        var overlaps = new Dictionary<(int P, int T), long>();
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

        var pairs = MatchOneToOne(overlaps.Select(o =>
            (o.Key.P, o.Key.T, (double)o.Value / (predictedArea[o.Key.P] + truthArea[o.Key.T] - o.Value))));
        outcomes = Outcomes(overlaps, predictedArea, truthArea, pairs);
        return new SegmentationScore(tp, fp, fn, pairs.Count,
            predictedArea.Skip(1).Count(a => a > 0), truthArea.Skip(1).Count(a => a > 0),
            outcomes.Count(ObjectOutcome.Missed), outcomes.Count(ObjectOutcome.Merged),
            outcomes.Count(ObjectOutcome.Split), outcomes.Count(ObjectOutcome.Misshapen));
    }

    /// <summary>
    /// Pairs predicted and true footprints one-to-one at IoU of at least 0.5, best IoU first, from the IoU of each
    /// overlapping pair. Greedy is exact when IoU > 0.5 pairs each footprint with at most one other, as it does for
    /// fixed outlines.
    /// </summary>
    public static List<(int Predicted, int Truth)> MatchOneToOne(IEnumerable<(int Predicted, int Truth, double IoU)> pairs)
    {
        var usedP = new HashSet<int>();
        var usedT = new HashSet<int>();
        var matched = new List<(int, int)>();
        foreach (var (p, t, _) in pairs.Where(x => x.IoU >= 0.5).OrderByDescending(x => x.IoU))
        {
            if (!usedP.Contains(p) && !usedT.Contains(t))
            {
                usedP.Add(p);
                usedT.Add(t);
                matched.Add((p, t));
            }
        }

        return matched;
    }

    /// <summary>What became of each footprint present in the rasters (see <see cref="ObjectOutcome"/>).</summary>
    private static ObjectOutcomes Outcomes(
        Dictionary<(int P, int T), long> overlaps, long[] predictedArea, long[] truthArea, List<(int P, int T)> matched)
    {
        var truth = new ObjectOutcome?[truthArea.Length];
        var predictedMatched = new bool[predictedArea.Length];
        foreach (var (p, t) in matched)
        {
            truth[t] = ObjectOutcome.Matched;
            predictedMatched[p] = true;
        }

        var byTruth = overlaps.ToLookup(o => o.Key.T);
        var byPrediction = overlaps.ToLookup(o => o.Key.P);
        for (var t = 1; t < truthArea.Length; t++)
        {
            if (truthArea[t] == 0 || truth[t] is not null)
            {
                continue;
            }

            var parts = byTruth[t].ToList();
            if (2 * parts.Sum(o => o.Value) < truthArea[t])
            {
                truth[t] = ObjectOutcome.Missed;
                continue;
            }

            var main = parts.MaxBy(o => o.Value).Key.P;
            truth[t] = byPrediction[main].Any(o => o.Key.T != t && 2 * o.Value >= truthArea[o.Key.T]) ? ObjectOutcome.Merged
                : parts.Count(o => 5 * o.Value >= truthArea[t]) >= 2 ? ObjectOutcome.Split
                : ObjectOutcome.Misshapen;
        }

        return new ObjectOutcomes(truth, predictedMatched);
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 1 : (double)numerator / denominator;
}
