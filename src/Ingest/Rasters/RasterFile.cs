using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>Whole-file reads of small rasters (image chips, masks). Thread-safe.</summary>
public static class RasterFile
{
    // Whole-file reads are for chips and masks; an orthophoto goes through OrthophotoTileReader instead.
    private const long MaxBytes = 1L << 30;

    /// <summary>
    /// Reads every band of a raster in any format GDAL reads as 8-bit values (other types are converted by
    /// clamping to 0..255, not stretched), with its georeferencing when it has some.
    /// </summary>
    /// <param name="path">The file (or GDAL virtual path).</param>
    /// <returns>
    /// Size in pixels; one Width x Height row-major array per band; the geotransform (in CRS units) and the CRS as
    /// WKT, each null when absent.
    /// </returns>
    /// <exception cref="InputException">The file is unreadable, not a raster, larger than 1 GiB, or a read fails.</exception>
    public static (int Width, int Height, byte[][] Bands, GeoTransform? Transform, string? CrsWkt) ReadAll(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        GdalRuntime.EnsureInitialized();
        using var dataset = Datasets.OpenRaster(path);
        var width = GdalNative.GDALGetRasterXSize(dataset);
        var height = GdalNative.GDALGetRasterYSize(dataset);
        var count = GdalNative.GDALGetRasterCount(dataset);
        if (count == 0)
        {
            throw new InputException(path, "not a raster: it holds no raster band");
        }

        if ((long)width * height * count > MaxBytes)
        {
            throw new InputException(path, $"too large to read whole ({width} x {height} x {count}): tile it instead");
        }

        var bands = ReadBands(dataset, path, new PixelRect(0, 0, width, height), width, height);
        return (width, height, bands, Datasets.GetGeoTransform(dataset), Datasets.GetCrsWkt(dataset));
    }

    /// <summary>
    /// Reads a window of every band as 8-bit values (other types clamped to 0..255), resampled by GDAL to
    /// <paramref name="bufferWidth"/> x <paramref name="bufferHeight"/> (nearest neighbour, or overviews when the file has them).
    /// </summary>
    /// <param name="path">The file (or GDAL virtual path).</param>
    /// <param name="window">The window in the raster's pixels; must lie inside the raster.</param>
    /// <param name="bufferWidth">Width of the result, pixels.</param>
    /// <param name="bufferHeight">Height of the result, pixels.</param>
    /// <returns>One bufferWidth x bufferHeight row-major array per band.</returns>
    /// <exception cref="InputException">The file is unreadable, not a raster, or the window lies outside it.</exception>
    public static byte[][] ReadWindow(string path, PixelRect window, int bufferWidth, int bufferHeight)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferHeight);
        GdalRuntime.EnsureInitialized();
        using var dataset = Datasets.OpenRaster(path);
        var width = GdalNative.GDALGetRasterXSize(dataset);
        var height = GdalNative.GDALGetRasterYSize(dataset);
        if (window.IsEmpty || window.X0 < 0 || window.Y0 < 0 || window.X1 > width || window.Y1 > height)
        {
            throw new InputException(path, $"the window {window} lies outside the raster ({width} x {height})");
        }

        return ReadBands(dataset, path, window, bufferWidth, bufferHeight);
    }

    private static unsafe byte[][] ReadBands(DatasetHandle dataset, string path, PixelRect window, int bufferWidth, int bufferHeight)
    {
        var bands = new byte[GdalNative.GDALGetRasterCount(dataset)][];
        for (var b = 0; b < bands.Length; b++)
        {
            bands[b] = new byte[bufferWidth * bufferHeight];
            fixed (byte* p = bands[b])
            {
                try
                {
                    Datasets.Read(Datasets.Band(dataset, b + 1), window, p, bufferWidth, bufferHeight, GdalDataType.Byte, 1, bufferWidth);
                }
                catch (GdalException ex)
                {
                    throw new InputException(path, $"band {b + 1} unreadable: {ex.Message}", ex);
                }
            }
        }

        return bands;
    }
}
