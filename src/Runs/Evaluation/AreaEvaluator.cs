namespace Vigil.Runs.Evaluation;

/// <summary>
/// <c>vigil eval</c> over several areas (an images folder with its own masks or labels each): every area is scored on
/// its own, and the totals add up the areas' counts.
/// </summary>
public static class AreaEvaluator
{
    /// <summary>Evaluates each area in turn; one area gives that area's report unchanged.</summary>
    public static async Task<EvaluationReport> RunAsync(IReadOnlyList<EvaluationOptions> areas, CancellationToken ct)
    {
        var names = AreaNames(areas);
        var reports = new List<AreaReport>();
        for (var i = 0; i < areas.Count; i++)
        {
            var options = areas.Count > 1 && areas[i].FootprintsPath is { } path
                ? areas[i] with { FootprintsPath = PerArea(path, names[i]) }
                : areas[i];
            reports.Add(new AreaReport(names[i], await Evaluator.RunAsync(options, ct).ConfigureAwait(false)));
        }

        if (reports.Count == 1)
        {
            return reports[0].Report;
        }

        var all = reports.Select(a => a.Report).ToList();
        return new EvaluationReport(
            all.Aggregate(Core.SegmentationScore.Zero, (sum, r) => sum.Add(r.Total)),
            all.Aggregate(Core.SegmentationScore.Zero, (sum, r) => sum.Add(r.Tolerant)),
            reports.SelectMany(a => a.Report.Images.Select(i => i with { Name = $"{a.Name}/{i.Name}" })).ToList(),
            all.SelectMany(r => r.Rejections).ToList(),
            all.Sum(r => r.Tiles),
            TimeSpan.FromTicks(all.Sum(r => r.Elapsed.Ticks)),
            reports);
    }

    /// <summary>
    /// The areas of <c>vigil eval</c>: each images folder with its masks or labels, given once for all or once per
    /// folder; null with <paramref name="error"/> set when the folders and their truth do not pair up.
    /// </summary>
    public static IReadOnlyList<EvaluationOptions>? Areas(
        IReadOnlyList<string> imageFolders, IReadOnlyList<string> masks, IReadOnlyList<string> labels,
        EvaluationOptions shared, out string? error)
    {
        ArgumentNullException.ThrowIfNull(imageFolders);
        ArgumentNullException.ThrowIfNull(shared);
        var truth = Math.Max(masks.Count, labels.Count);
        error = imageFolders.Count == 0 ? "give --images (or --change with --before, --after and --change-labels)"
            : (masks.Count == 0) == (labels.Count == 0) ? "give exactly one of --masks and --labels"
            : truth != 1 && truth != imageFolders.Count
                ? $"{imageFolders.Count} --images folders and {truth} --masks/--labels: give one for all, or one per --images"
                : null;
        static string? Pick(IReadOnlyList<string> given, int i) => given.Count == 0 ? null : given[given.Count == 1 ? 0 : i];
        return error is not null
            ? null
            : imageFolders.Select((folder, i) => shared with
            {
                ImagesFolder = folder, MasksFolder = Pick(masks, i), LabelsPath = Pick(labels, i),
            }).ToList();
    }

    /// <summary>Where one area's footprints go when several areas are evaluated: the area's name before the extension.</summary>
    public static string PerArea(string path, string area) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}.{area}{Path.GetExtension(path)}");

    /// <summary>Each area is named by its images folder; a name given twice gets the area's position.</summary>
    private static List<string> AreaNames(IReadOnlyList<EvaluationOptions> areas)
    {
        var names = areas.Select(a => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a.ImagesFolder)))).ToList();
        return names.Select((n, i) => names.Count(m => m == n) > 1 ? $"{n}-{i + 1}" : n).ToList();
    }
}

/// <summary>One area's figures in a several-area evaluation.</summary>
/// <param name="Name">The area's name (its images folder).</param>
/// <param name="Report">The area's own report.</param>
public sealed record AreaReport(string Name, EvaluationReport Report);
