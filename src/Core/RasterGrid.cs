namespace Vigil.Core;

/// <summary>
/// The resampled pixel grid of one input raster in the flight's working CRS, and how it is cut into tiles.
/// </summary>
/// <param name="Transform">North-up geotransform in the working CRS (metres).</param>
/// <param name="Crs">The working CRS.</param>
/// <param name="WidthPixels">Grid width.</param>
/// <param name="HeightPixels">Grid height.</param>
/// <param name="TilesAcross">Number of tile columns.</param>
/// <param name="TilesDown">Number of tile rows.</param>
public sealed record RasterGrid(
    GeoTransform Transform,
    UtmZone Crs,
    int WidthPixels,
    int HeightPixels,
    int TilesAcross,
    int TilesDown)
{
    /// <summary>Ground sample distance of the grid in metres.</summary>
    public double GsdMeters => Transform.PixelWidth;
}
