namespace Vigil.Detect;

/// <summary>
/// The part of a card's <c>validation</c> section a run reads (the rest is for people): how confident the model was
/// on the detections of its validation imagery. Immutable.
/// </summary>
public sealed record ModelValidation
{
    /// <summary>Confidence of the validation detections; null when the card gives none.</summary>
    public ConfidenceFigures? DetectionConfidence { get; init; }
}
