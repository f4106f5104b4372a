namespace Vigil.Detect;

/// <summary>How tiles are fed to the network.</summary>
/// <param name="TileSizePixels">Square size every tile is padded to (multiple of 32, at least the reader's tile size).</param>
/// <param name="BatchSize">Tiles per inference call; a partial batch runs when the input has no more waiting.</param>
public sealed record DetectOptions(int TileSizePixels = 512, int BatchSize = 4)
{
    /// <summary>Throws <see cref="ArgumentException"/> for values the detector cannot use.</summary>
    public void Validate()
    {
        if (TileSizePixels < 32 || TileSizePixels % 32 != 0)
        {
            throw new ArgumentException($"Tile size {TileSizePixels} must be a positive multiple of 32.");
        }

        if (BatchSize < 1 || BatchSize > 64)
        {
            throw new ArgumentException($"Batch size {BatchSize} must lie in 1..64.");
        }
    }
}
