namespace Vigil.Detect;

/// <summary>The network's input: NCHW float32, value = (byte * PixelScale - Mean[c]) / Std[c].</summary>
public sealed record ModelInput
{
    /// <summary>Input tensor name.</summary>
    public required string Name { get; init; }

    /// <summary>Channel order, e.g. red, green, blue.</summary>
    public required IReadOnlyList<string> Channels { get; init; }

    /// <summary>Tile size the model was trained and validated with, pixels (a multiple of 32).</summary>
    public required int TileSizePixels { get; init; }

    /// <summary>Factor applied to 8-bit values before normalising (usually 1/255).</summary>
    public required double PixelScale { get; init; }

    /// <summary>Per-channel mean subtracted after scaling.</summary>
    public required IReadOnlyList<double> Mean { get; init; }

    /// <summary>Per-channel standard deviation divided by after subtracting the mean.</summary>
    public required IReadOnlyList<double> Std { get; init; }
}
