using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>
/// Writes tiled, DEFLATE-compressed GeoTIFFs. 1 band: grey (or a single value such as a mask or height);
/// 2: grey + alpha; 3: RGB; 4: RGB + alpha. Thread-safe (each call writes its own file).
/// </summary>
public static class GeoTiffWriter
{
    /// <summary>Writes 8-bit bands.</summary>
    /// <param name="path">Destination file; replaced when it exists.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="bands">1 to 4 bands, each width x height values, row-major.</param>
    /// <param name="transform">Geotransform in units of <paramref name="crs"/>.</param>
    /// <param name="crs">"EPSG:n", WKT, or anything else GDAL's OSRSetFromUserInput accepts.</param>
    /// <param name="noData">Nodata value set on every band, if any.</param>
    /// <exception cref="ArgumentException">Band count or sizes are wrong, or the CRS is not understood.</exception>
    /// <exception cref="IOException">GDAL could not write the file.</exception>
    public static void Write(
        string path, int width, int height, IReadOnlyList<byte[]> bands, GeoTransform transform, string crs, double? noData = null) =>
        WriteBands(path, width, height, bands, GdalDataType.Byte, transform, crs, noData);

    /// <summary>Writes 16-bit unsigned bands (raw sensor data); parameters as in <see cref="Write"/>.</summary>
    public static void WriteUInt16(
        string path, int width, int height, IReadOnlyList<ushort[]> bands, GeoTransform transform, string crs, double? noData = null) =>
        WriteBands(path, width, height, bands, GdalDataType.UInt16, transform, crs, noData);

    /// <summary>Writes 32-bit float bands (surface models, heights in metres); parameters as in <see cref="Write"/>.</summary>
    public static void WriteFloat32(
        string path, int width, int height, IReadOnlyList<float[]> bands, GeoTransform transform, string crs, double? noData = null) =>
        WriteBands(path, width, height, bands, GdalDataType.Float32, transform, crs, noData);

    private static unsafe void WriteBands<T>(
        string path, int width, int height, IReadOnlyList<T[]> bands, GdalDataType type, GeoTransform transform,
        string crs, double? noData)
        where T : unmanaged
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentException.ThrowIfNullOrEmpty(crs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (bands.Count is < 1 or > 4)
        {
            throw new ArgumentException($"1 to 4 bands are supported, not {bands.Count}.", nameof(bands));
        }

        for (var b = 0; b < bands.Count; b++)
        {
            if (bands[b] is null || bands[b].Length != width * height)
            {
                throw new ArgumentException($"band {b + 1} must hold {width} x {height} values.", nameof(bands));
            }
        }

        GdalRuntime.EnsureInitialized();
        var hasAlpha = bands.Count is 2 or 4;
        List<string> options = ["TILED=YES", "COMPRESS=DEFLATE"];
        if (bands.Count >= 3)
        {
            options.Add("PHOTOMETRIC=RGB");
        }

        if (hasAlpha)
        {
            options.Add("ALPHA=YES");
        }

        using (var dataset = CreateGeoreferenced(path, width, height, bands.Count, type, options, transform, crs))
        {
            var all = new PixelRect(0, 0, width, height);
            for (var b = 0; b < bands.Count; b++)
            {
                var band = Datasets.Band(dataset, b + 1);
                if (hasAlpha && b == bands.Count - 1)
                {
                    Check(GdalNative.GDALSetRasterColorInterpretation(band, ColorInterpretation.AlphaBand), path, "cannot tag the alpha band");
                }
                else if (noData is { } value)
                {
                    Check(GdalNative.GDALSetRasterNoDataValue(band, value), path, "cannot set nodata");
                }

                fixed (T* p = bands[b])
                {
                    GdalErrors.Reset();
                    var result = GdalNative.GDALRasterIO(
                        band, GdalNative.Write, 0, 0, width, height, p, width, height, type, sizeof(T), sizeof(T) * width);
                    Check(result, path, $"cannot write band {b + 1}");
                }
            }

            GdalErrors.Reset();
        }

        // GDAL 3.6's GDALClose returns nothing: a failed flush only shows as the thread's last error.
        if (GdalErrors.LastWasFailure())
        {
            throw new IOException($"{path}: cannot finish the GeoTIFF: {GdalErrors.LastMessage()}");
        }
    }

    /// <summary>
    /// Creates a GeoTIFF (replacing the file) with its geotransform and CRS set; the caller writes the pixels and
    /// disposes the handle to finish the file.
    /// </summary>
    /// <exception cref="ArgumentException">The CRS is not understood (checked before the file is created).</exception>
    /// <exception cref="IOException">GDAL could not create the file or set its georeferencing.</exception>
    internal static unsafe DatasetHandle CreateGeoreferenced(
        string path, int width, int height, int bandCount, GdalDataType type, IReadOnlyList<string> creationOptions,
        GeoTransform transform, string crs)
    {
        using var srs = CreateSrs(crs);
        using var options = new Utf8StringList(creationOptions);
        var driver = GdalNative.GDALGetDriverByName("GTiff");
        if (driver == 0)
        {
            throw new IOException("GDAL's GTiff driver is not available.");
        }

        GdalErrors.Reset();
        var dataset = GdalNative.GDALCreate(driver, path, width, height, bandCount, type, options.Pointer);
        if (dataset.IsInvalid)
        {
            dataset.Dispose();
            throw new IOException($"{path}: cannot create GeoTIFF: {GdalErrors.LastMessage()}");
        }

        try
        {
            var coefficients = transform.ToGdal();
            fixed (double* c = coefficients)
            {
                Check(GdalNative.GDALSetGeoTransform(dataset, c), path, "cannot set the geotransform");
            }

            Check(GdalNative.GDALSetSpatialRef(dataset, srs), path, "cannot set the CRS");
            return dataset;
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }

    private static SpatialReferenceHandle CreateSrs(string crs)
    {
        try
        {
            return SpatialReferences.FromUserInput(crs);
        }
        catch (GdalException ex)
        {
            throw new ArgumentException(ex.Message, nameof(crs), ex);
        }
    }

    private static void Check(CplErr result, string path, string doing)
    {
        if (result != CplErr.None)
        {
            throw new IOException($"{path}: {doing}: {GdalErrors.LastMessage()}");
        }
    }
}
