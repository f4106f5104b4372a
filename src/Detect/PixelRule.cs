namespace Vigil.Detect;

/// <summary>
/// How the network's output channels decide building pixels and where one building ends and the next begins. Immutable.
/// </summary>
/// <param name="Probability">A pixel is building when its extent probability (channel 0) is at least this.</param>
/// <param name="SeparationChannel">Channel of the contact band between buildings, or -1 when the model has none.</param>
/// <param name="Separation">A building pixel whose separation probability is at least this does not connect buildings.</param>
internal sealed record PixelRule(float Probability, int SeparationChannel, float Separation)
{
    /// <summary>True when touching buildings are told apart by a separation channel.</summary>
    public bool Separates => SeparationChannel > 0;

    /// <summary>Extent threshold only, as for a one-channel model.</summary>
    public static PixelRule ExtentOnly(float probability) => new(probability, -1, 1f);

    /// <summary>The rule the card declares.</summary>
    public static PixelRule From(ModelCard card) => new(
        (float)card.Thresholds.Probability,
        card.Output.SeparationChannel,
        (float)(card.Thresholds.Separation ?? ModelThresholds.DefaultSeparation));
}
