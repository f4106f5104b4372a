namespace Vigil.Detect;

/// <summary>Decision thresholds declared by the model card.</summary>
public sealed record ModelThresholds
{
    /// <summary>A pixel is building when its probability is at least this.</summary>
    public required double Probability { get; init; }

    /// <summary>Footprints smaller than this (square metres, after seam merging) are dropped.</summary>
    public required double MinAreaSquareMeters { get; init; }
}
