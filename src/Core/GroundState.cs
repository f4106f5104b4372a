namespace Vigil.Core;

/// <summary>What the imagery and the model say about one cell of ground (<see cref="GroundEvidence"/>).</summary>
public enum GroundState : byte
{
    /// <summary>No decoded imagery: nodata, alpha, outside the raster, or a fill (a missing strip's zeros, a truncated JPEG's grey).</summary>
    NoImagery = 0,

    /// <summary>Valid imagery and the model's building probability well below the card's threshold.</summary>
    Background = 1,

    /// <summary>Valid imagery, probability near the card's threshold: the model cannot tell.</summary>
    Uncertain = 2,

    /// <summary>Valid imagery and the model's building probability well above the card's threshold.</summary>
    Building = 3,
}
