namespace Vigil.Core;

/// <summary>
/// A surface model (DSM) resampled north-up into the flight's working CRS: heights in metres, NaN where unknown.
/// Immutable by convention (the array is not copied); thread-safe for reading.
/// </summary>
/// <param name="SourcePath">The DSM file.</param>
/// <param name="Transform">North-up geotransform, working CRS (UTM metres).</param>
/// <param name="WidthPixels">Grid width.</param>
/// <param name="HeightPixels">Grid height.</param>
/// <param name="HeightsMeters">WidthPixels x HeightPixels heights, row-major, metres; NaN for nodata.</param>
public sealed record HeightGrid(string SourcePath, GeoTransform Transform, int WidthPixels, int HeightPixels, float[] HeightsMeters)
{
    /// <summary>Pixel size, metres.</summary>
    public double GsdMeters => Transform.PixelWidth;

    /// <summary>Height at a world point (nearest pixel), metres; NaN outside the grid or at nodata.</summary>
    public double At(double x, double y)
    {
        var (column, row) = Transform.WorldToPixel(x, y);
        var c = (int)Math.Floor(column);
        var r = (int)Math.Floor(row);
        return c < 0 || r < 0 || c >= WidthPixels || r >= HeightPixels ? double.NaN : HeightsMeters[r * WidthPixels + c];
    }
}
