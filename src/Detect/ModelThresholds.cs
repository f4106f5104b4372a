namespace Vigil.Detect;

/// <summary>Decision thresholds declared by the model card.</summary>
public sealed record ModelThresholds
{
    /// <summary>
    /// Separation threshold used when the card has a <c>separation</c> class but names no threshold for it: the
    /// sigmoid's midpoint, the point where the network is as sure the pixel is a contact band as it is that it is not.
    /// </summary>
    public const double DefaultSeparation = 0.5;

    /// <summary>A pixel is building when its probability (building extent channel) is at least this.</summary>
    public required double Probability { get; init; }

    /// <summary>
    /// Optional; only meaningful with a <c>separation</c> output class. A building pixel whose separation probability
    /// is at least this lies in the contact band between two buildings and does not connect them.
    /// <see cref="DefaultSeparation"/> when absent.
    /// </summary>
    public double? Separation { get; init; }

    /// <summary>Footprints smaller than this (square metres, after seam merging) are dropped.</summary>
    public required double MinAreaSquareMeters { get; init; }

    /// <summary>
    /// Optional object score: footprints whose mean building probability (their confidence, after seam merging) is
    /// below this are dropped. The pixel threshold draws the outline; this one decides whether the outline is a
    /// building at all. Absent: none dropped.
    /// </summary>
    public double? MinConfidence { get; init; }

    /// <summary>
    /// Optional ground-evidence level: a cell (0.6 m) whose mean building probability is at most this is confidently
    /// background, the evidence a registered building is gone. Measured per model on its training strips (the level
    /// under which only 1 % of standing buildings fall over 80 % of their roof); absent: a twentieth of
    /// <see cref="Probability"/>.
    /// </summary>
    public double? Background { get; init; }

    /// <summary>
    /// Optional: the detection confidence a footprint on no reference outline needs to open a new case, at least
    /// <see cref="MinConfidence"/>. Chosen per model from the level sweep of <c>vigil eval --change</c> (models/README.md);
    /// absent: derived from <see cref="MinConfidence"/> and the validation confidences (Vigil.Runs' CaseConfidence).
    /// </summary>
    public double? CaseConfidence { get; init; }
}
