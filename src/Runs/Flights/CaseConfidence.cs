using Vigil.Detect;

namespace Vigil.Runs.Flights;

/// <summary>
/// The detection confidence a footprint on no reference outline needs to open a new case
/// (<see cref="Core.ChangeOptions.NewMinConfidence"/>), from the model's card: its <c>thresholds.caseConfidence</c>
/// when it names one, otherwise derived from its keeping bar and validation confidences.
/// </summary>
internal static class CaseConfidence
{
    /// <summary>
    /// Where between the card's <c>minConfidence</c> (the least a footprint is kept at) and the median confidence of
    /// its validation detections (<c>validation.detectionConfidence</c>) a new case starts. A footprint near the keeping
    /// bar is one the model may keep or drop from one flight to the next (light, season, a 0.5 m flight), and in
    /// flight-to-flight change a building kept by the second flight but not the first is a change of detection, not of
    /// ground: on the DSIFN pairs (Chinese cities, 0.5 m) the new records between 0.45 and 0.6 were 14 of the 15 on
    /// unchanged ground. Halfway (0.597 for the shipped card) leaves a band that holds a baseline's weak detections
    /// without opening cases on them; every true new record of the Zanzibar scene is above it (0.62 and up).
    /// </summary>
    public const double ShareTowardsMedian = 0.5;

    /// <summary>
    /// The level for <paramref name="card"/>'s model (0..1): the card's own when it names one; its <c>minConfidence</c>
    /// when it gives no median.
    /// </summary>
    public static double Level(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.Thresholds.CaseConfidence is { } chosen)
        {
            return chosen;
        }

        var keep = card.Thresholds.MinConfidence ?? 0;
        return card.Validation?.DetectionConfidence is { Median: var median } && median > keep
            ? keep + ShareTowardsMedian * (median - keep)
            : keep;
    }
}
