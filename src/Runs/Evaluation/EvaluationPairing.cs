using Vigil.Core;
using Vigil.Runs;

namespace Vigil.Runs.Evaluation;

/// <summary>Pairs images with masks by file stem; what has no partner is rejected by name.</summary>
public static class EvaluationPairing
{
    private static readonly string[] SidecarSuffixes = [".aux.xml", ".ovr", ".msk", ".prj", ".wld", ".pgw", ".jgw", ".tfw", ".csv", ".json", ".txt"];

    /// <summary>The pairs, in image-name order; unpaired files are added to <paramref name="rejections"/>.</summary>
    public static IReadOnlyList<EvaluationPair> Pair(string imagesFolder, string? masksFolder, RejectionLog rejections)
    {
        var images = Rasters(imagesFolder);
        if (images.Count == 0)
        {
            throw new RunFailedException($"{imagesFolder}: no image found", ExitCodes.BadConfiguration);
        }

        if (masksFolder is null)
        {
            return images.Values.Order(StringComparer.Ordinal).Select(i => new EvaluationPair(i, null)).ToList();
        }

        var masks = Rasters(masksFolder);
        if (masks.Count == 0)
        {
            throw new RunFailedException($"{masksFolder}: no mask found", ExitCodes.BadConfiguration);
        }

        foreach (var (stem, image) in images.Where(i => !masks.ContainsKey(i.Key)))
        {
            rejections.Add(image, $"no mask named {stem}.* in {masksFolder}");
        }

        foreach (var (stem, mask) in masks.Where(m => !images.ContainsKey(m.Key)))
        {
            rejections.Add(mask, $"no image named {stem}.* in {imagesFolder}");
        }

        var pairs = images.Where(i => masks.ContainsKey(i.Key))
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => new EvaluationPair(i.Value, masks[i.Key]))
            .ToList();
        if (pairs.Count == 0)
        {
            throw new RunFailedException(
                $"no image of {imagesFolder} has a mask in {masksFolder}: " +
                string.Join("; ", rejections.Items.Take(10)), ExitCodes.BadConfiguration);
        }

        return pairs;
    }

    private static Dictionary<string, string> Rasters(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new RunFailedException($"{folder}: folder not found", ExitCodes.BadConfiguration);
        }

        return Directory.EnumerateFiles(folder)
            .Where(f => !SidecarSuffixes.Any(s => f.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            .GroupBy(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).First(), StringComparer.Ordinal);
    }
}
