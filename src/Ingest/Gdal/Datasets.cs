using System.Runtime.InteropServices;
using Vigil.Core;

namespace Vigil.Ingest.Gdal;

/// <summary>Opening datasets and reading their georeferencing.</summary>
internal static unsafe class Datasets
{
    /// <summary>Opens a raster read-only; throws <see cref="InputException"/> naming the file when GDAL cannot.</summary>
    /// <remarks>
    /// A raster GDAL opens with a warning that pixels are missing (a strip or tile table that does not match the size
    /// the header claims: "Incorrect count for StripOffsets") is refused: GDAL would read the missing blocks as black.
    /// </remarks>
    internal static DatasetHandle OpenRaster(string path)
    {
        using var messages = GdalMessages.Capture();
        var dataset = Open(path, GdalNative.OfRaster, "not a readable raster");

        // libtiff loads the strip and tile tables on the first read, and says only then that they do not match the size.
        if (GdalNative.GDALGetRasterCount(dataset) > 0)
        {
            byte first;
            _ = GdalNative.GDALRasterIO(GdalNative.GDALGetRasterBand(dataset, 1), GdalNative.Read, 0, 0, 1, 1, &first, 1, 1, GdalDataType.Byte, 0, 0);
        }

        if (messages.SilentDataLoss is { } loss)
        {
            dataset.Dispose();
            throw new InputException(
                path, $"damaged: GDAL reports \"{loss}\" on opening it, so part of its pixels are missing (they would read as black); re-export or re-upload it");
        }

        return dataset;
    }

    /// <summary>Opens a vector source read-only; throws <see cref="InputException"/> naming the file when GDAL cannot.</summary>
    internal static DatasetHandle OpenVector(string path) =>
        Open(path, GdalNative.OfVector, "not a readable vector file");

    /// <summary>The total size in bytes of the files behind the dataset; null when none is a local file, or for a VRT.</summary>
    internal static long? FileBytes(DatasetHandle dataset)
    {
        var list = GdalNative.GDALGetFileList(dataset);
        if (list == 0)
        {
            return null;
        }

        try
        {
            long total = 0;
            var any = false;
            for (var i = 0; Marshal.ReadIntPtr(list, i * IntPtr.Size) is var entry && entry != 0; i++)
            {
                if (Marshal.PtrToStringUTF8(entry) is not { } file)
                {
                    continue;
                }

                if (file.EndsWith(".vrt", StringComparison.OrdinalIgnoreCase))
                {
                    // A VRT's few bytes describe pixels held elsewhere, or made on the fly (a warp, a photo's frame).
                    return null;
                }

                if (File.Exists(file))
                {
                    total += new FileInfo(file).Length;
                    any = true;
                }
            }

            return any ? total : null;
        }
        finally
        {
            GdalNative.CSLDestroy(list);
        }
    }

    /// <summary>The dataset's geotransform, or null when it has none.</summary>
    internal static GeoTransform? GetGeoTransform(DatasetHandle dataset)
    {
        var c = stackalloc double[6];
        return GdalNative.GDALGetGeoTransform(dataset, c) == CplErr.None
            ? GeoTransform.FromGdal(new ReadOnlySpan<double>(c, 6))
            : null;
    }

    /// <summary>The dataset's CRS as WKT, or null when it has none.</summary>
    internal static string? GetCrsWkt(DatasetHandle dataset)
    {
        var wkt = Marshal.PtrToStringUTF8(GdalNative.GDALGetProjectionRef(dataset));
        return string.IsNullOrWhiteSpace(wkt) ? null : wkt;
    }

    /// <summary>A borrowed band handle (1-based), valid while the dataset is open.</summary>
    internal static nint Band(DatasetHandle dataset, int bandNumber)
    {
        var band = GdalNative.GDALGetRasterBand(dataset, bandNumber);
        return band != 0 ? band : throw GdalException.FromLastError($"band {bandNumber} missing");
    }

    internal static string DataTypeName(GdalDataType type) =>
        Marshal.PtrToStringUTF8(GdalNative.GDALGetDataTypeName(type)) ?? type.ToString();

    /// <summary>Reads a window of a band into a buffer of <paramref name="bufferType"/>; throws <see cref="GdalException"/>.</summary>
    internal static void Read(
        nint band, PixelRect window, void* buffer, int bufferWidth, int bufferHeight,
        GdalDataType bufferType, int pixelSpace, int lineSpace)
    {
        GdalErrors.Reset();
        var result = GdalNative.GDALRasterIO(
            band, GdalNative.Read, window.X0, window.Y0, window.Width, window.Height,
            buffer, bufferWidth, bufferHeight, bufferType, pixelSpace, lineSpace);
        if (result != CplErr.None)
        {
            throw GdalException.FromLastError();
        }
    }

    private static DatasetHandle Open(string path, uint kind, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        GdalErrors.Reset();
        var dataset = GdalNative.GDALOpenEx(path, kind | GdalNative.OfVerboseError, 0, 0, 0);
        if (dataset.IsInvalid)
        {
            var message = GdalErrors.LastMessage();
            dataset.Dispose();
            throw new InputException(path, $"{what}: {message}");
        }

        return dataset;
    }
}
