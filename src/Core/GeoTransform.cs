namespace Vigil.Core;

/// <summary>
/// GDAL-style affine geotransform: world = origin + column * (PixelWidth, RowRotation) + row * (ColumnRotation, PixelHeight).
/// Pixel (0,0) is the top-left corner of the top-left pixel; world units are those of the raster's CRS.
/// Immutable and thread-safe.
/// </summary>
public readonly record struct GeoTransform(
    double OriginX, double PixelWidth, double RowRotation,
    double OriginY, double ColumnRotation, double PixelHeight)
{
    /// <summary>Builds a transform from GDAL's six-coefficient array.</summary>
    public static GeoTransform FromGdal(ReadOnlySpan<double> c) => new(c[0], c[1], c[2], c[3], c[4], c[5]);

    /// <summary>A north-up grid with square pixels of <paramref name="gsdMeters"/> whose top-left corner is (left, top).</summary>
    public static GeoTransform NorthUp(double left, double top, double gsdMeters) => new(left, gsdMeters, 0, top, 0, -gsdMeters);

    /// <summary>True when the grid has no rotation terms.</summary>
    public bool IsNorthUp => RowRotation == 0 && ColumnRotation == 0;

    /// <summary>World coordinate of a (fractional) pixel position; (0.5, 0.5) is the centre of the first pixel.</summary>
    public (double X, double Y) PixelToWorld(double column, double row) =>
        (OriginX + column * PixelWidth + row * RowRotation,
         OriginY + column * ColumnRotation + row * PixelHeight);

    /// <summary>Fractional pixel position of a world coordinate.</summary>
    public (double Column, double Row) WorldToPixel(double x, double y)
    {
        var det = PixelWidth * PixelHeight - RowRotation * ColumnRotation;
        if (det == 0)
        {
            throw new InvalidOperationException("The geotransform is singular.");
        }

        var dx = x - OriginX;
        var dy = y - OriginY;
        return ((dx * PixelHeight - dy * RowRotation) / det, (dy * PixelWidth - dx * ColumnRotation) / det);
    }

    /// <summary>Returns the coefficients in GDAL's order.</summary>
    public double[] ToGdal() => [OriginX, PixelWidth, RowRotation, OriginY, ColumnRotation, PixelHeight];
}
