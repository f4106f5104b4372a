using Vigil.Core;

namespace Vigil.Ingest.Rasters;

/// <summary>
/// Cuts a W x H pixel grid into tiles: cores of <paramref name="StridePixels"/> partition the grid (the last row and
/// column are shorter); each window is its core grown by <paramref name="OverlapPixels"/> per side, clipped to the grid.
/// </summary>
internal sealed record TileLayout(int WidthPixels, int HeightPixels, int StridePixels, int OverlapPixels)
{
    internal int TilesAcross => (WidthPixels + StridePixels - 1) / StridePixels;

    internal int TilesDown => (HeightPixels + StridePixels - 1) / StridePixels;

    internal PixelRect Core(int column, int row) => new(
        column * StridePixels,
        row * StridePixels,
        Math.Min((column + 1) * StridePixels, WidthPixels),
        Math.Min((row + 1) * StridePixels, HeightPixels));

    internal PixelRect Window(int column, int row)
    {
        var core = Core(column, row);
        return new PixelRect(
            Math.Max(core.X0 - OverlapPixels, 0),
            Math.Max(core.Y0 - OverlapPixels, 0),
            Math.Min(core.X1 + OverlapPixels, WidthPixels),
            Math.Min(core.Y1 + OverlapPixels, HeightPixels));
    }
}
