using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Core;

namespace Vigil.Runs.Evaluation;

/// <summary>The outcome of <c>vigil eval</c>: totals over the set, per-image figures, and what could not be evaluated.</summary>
/// <param name="Total">Strict counts over all images.</param>
/// <param name="Tolerant">Offset-tolerant pixel counts and object matches over all images.</param>
/// <param name="Images">Per-image figures.</param>
/// <param name="Rejections">Files left out, with the reason.</param>
/// <param name="Tiles">Tiles segmented.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Areas">Each area's own report when several were evaluated, else null.</param>
public sealed record EvaluationReport(
    SegmentationScore Total,
    SegmentationScore Tolerant,
    IReadOnlyList<ImageEvaluation> Images,
    IReadOnlyList<Rejection> Rejections,
    int Tiles,
    TimeSpan Elapsed,
    IReadOnlyList<AreaReport>? Areas = null)
{
    /// <summary>The per-image CSV, worst pixel IoU first.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("image,pixel_iou,precision,recall,tolerant_pixel_iou,truth_objects,predicted_objects,matched_objects,object_f1,tolerant_object_f1,missed,merged,split,misshapen\n");
        foreach (var image in Images.OrderBy(i => i.Score.PixelIoU).ThenBy(i => i.Name, StringComparer.Ordinal))
        {
            var s = image.Score;
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{image.Name},{s.PixelIoU:F4},{s.PixelPrecision:F4},{s.PixelRecall:F4},{image.Tolerant.PixelIoU:F4},{s.TruthObjects},{s.PredictedObjects},{s.MatchedObjects},{s.ObjectF1:F4},{image.Tolerant.ObjectF1:F4}," +
                $"{s.MissedObjects},{s.MergedObjects},{s.SplitObjects},{s.MisshapenObjects}"));
        }

        return csv.ToString();
    }

    /// <summary>
    /// The figures in a few lines as <c>vigil eval</c> prints them: the set, each area's with <paramref name="perArea"/>,
    /// the totals, where the CSV (and the footprints, when written) went, and the rejections.
    /// </summary>
    public IEnumerable<string> Lines(string csvPath, string? footprintsPath, bool perArea)
    {
        yield return $"images {Images.Count}, tiles {Tiles}, {Elapsed.TotalSeconds:F1} s";
        if (perArea && Areas is not null)
        {
            foreach (var line in Areas.SelectMany(a => new[] { $"[{a.Name}]" }.Concat(a.Report.FigureLines())))
            {
                yield return line;
            }

            yield return "[all areas]";
        }

        foreach (var line in FigureLines())
        {
            yield return line;
        }

        yield return $"per-image figures: {Path.GetFullPath(csvPath)}";
        if (footprintsPath is not null)
        {
            yield return $"footprints and outcomes: {Path.GetFullPath(footprintsPath)}";
        }

        foreach (var rejection in Rejections)
        {
            yield return $"rejected: {rejection}";
        }
    }

    private IEnumerable<string> FigureLines()
    {
        var s = Total;
        yield return $"pixel IoU {s.PixelIoU:F3} (offset-tolerant {Tolerant.PixelIoU:F3}), precision {s.PixelPrecision:F3}, recall {s.PixelRecall:F3}";
        yield return $"objects: truth {s.TruthObjects}, predicted {s.PredictedObjects}, matched {s.MatchedObjects}, F1@0.5 {s.ObjectF1:F3} (offset-tolerant {Tolerant.ObjectF1:F3})";
        yield return $"unmatched truth: missed {s.MissedObjects}, merged {s.MergedObjects}, split {s.SplitObjects}, misshapen {s.MisshapenObjects}";
    }

    /// <summary>One JSON object with the set's figures (the last line of <c>vigil eval --json</c>); with
    /// <paramref name="perArea"/>, each area's figures under <c>areas</c>.</summary>
    public string ToJson(bool perArea = false) => JsonSerializer.Serialize(Figures(perArea));

    private Dictionary<string, object> Figures(bool perArea)
    {
        var figures = Totals();
        if (perArea && Areas is not null)
        {
            figures["areas"] = Areas.ToDictionary(a => a.Name, a => (object)a.Report.Totals());
        }

        return figures;
    }

    private Dictionary<string, object> Totals() => new()
    {
        ["images"] = Images.Count,
        ["rejected"] = Rejections.Count,
        ["pixel_iou"] = Math.Round(Total.PixelIoU, 4),
        ["precision"] = Math.Round(Total.PixelPrecision, 4),
        ["recall"] = Math.Round(Total.PixelRecall, 4),
        ["tolerant_pixel_iou"] = Math.Round(Tolerant.PixelIoU, 4),
        ["object_f1"] = Math.Round(Total.ObjectF1, 4),
        ["tolerant_object_f1"] = Math.Round(Tolerant.ObjectF1, 4),
        ["object_precision"] = Math.Round(Total.ObjectPrecision, 4),
        ["object_recall"] = Math.Round(Total.ObjectRecall, 4),
        ["truth_objects"] = Total.TruthObjects,
        ["predicted_objects"] = Total.PredictedObjects,
        ["matched_objects"] = Total.MatchedObjects,
        ["missed_objects"] = Total.MissedObjects,
        ["merged_objects"] = Total.MergedObjects,
        ["split_objects"] = Total.SplitObjects,
        ["misshapen_objects"] = Total.MisshapenObjects,
        ["tiles"] = Tiles,
        ["seconds"] = Math.Round(Elapsed.TotalSeconds, 1),
    };
}
