namespace Vigil.Detect;

/// <summary>The spread of detection confidences (0..1) over a set of detections.</summary>
/// <param name="P10">The 10th percentile.</param>
/// <param name="Median">The median.</param>
/// <param name="P90">The 90th percentile.</param>
/// <param name="Of">How many detections.</param>
public sealed record ConfidenceFigures(double P10, double Median, double P90, int Of)
{
    /// <summary>The figures of a set of confidences; null when empty.</summary>
    public static ConfidenceFigures? From(IReadOnlyCollection<double> confidences)
    {
        ArgumentNullException.ThrowIfNull(confidences);
        if (confidences.Count == 0)
        {
            return null;
        }

        var sorted = confidences.Order().ToArray();
        double At(double share) => sorted[(int)Math.Round(share * (sorted.Length - 1))];
        return new ConfidenceFigures(At(0.1), At(0.5), At(0.9), sorted.Length);
    }
}
