using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>
/// Writes a large 8-bit RGB GeoTIFF window by window, so that a raster of any size is written with the memory of one
/// window plus GDAL's block cache (<see cref="GeoTiffWriter"/> holds the whole raster). The file is tiled (512 px
/// blocks), JPEG-compressed in YCbCr like most published orthophotos, and BigTIFF when it needs to be.
/// Not thread-safe; dispose to finish the file.
/// </summary>
public sealed unsafe class StreamingGeoTiffWriter : IDisposable
{
    private const int BlockSizePixels = 512;
    private const int JpegQuality = 90;

    private readonly DatasetHandle _dataset;

    private StreamingGeoTiffWriter(string path, DatasetHandle dataset, int width, int height)
    {
        Path = path;
        _dataset = dataset;
        WidthPixels = width;
        HeightPixels = height;
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Raster width in pixels.</summary>
    public int WidthPixels { get; }

    /// <summary>Raster height in pixels.</summary>
    public int HeightPixels { get; }

    /// <summary>Creates the file (replacing it) with its size and georeferencing; pixels are written later.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="transform">Geotransform in units of <paramref name="crs"/>.</param>
    /// <param name="crs">"EPSG:n", WKT, or anything else GDAL's OSRSetFromUserInput accepts.</param>
    /// <exception cref="ArgumentException">A size is not positive or the CRS is not understood.</exception>
    /// <exception cref="IOException">GDAL could not create the file.</exception>
    public static StreamingGeoTiffWriter CreateRgb(string path, int width, int height, GeoTransform transform, string crs)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        GdalRuntime.EnsureInitialized();
        string[] options =
        [
            "TILED=YES", $"BLOCKXSIZE={BlockSizePixels}", $"BLOCKYSIZE={BlockSizePixels}", "COMPRESS=JPEG",
            "PHOTOMETRIC=YCBCR", $"JPEG_QUALITY={JpegQuality}", "BIGTIFF=IF_SAFER",
        ];
        var dataset = GeoTiffWriter.CreateGeoreferenced(path, width, height, 3, GdalDataType.Byte, options, transform, crs);
        return new StreamingGeoTiffWriter(path, dataset, width, height);
    }

    /// <summary>
    /// Writes one window of pixel-interleaved RGB (<paramref name="width"/> x <paramref name="height"/> x 3 bytes,
    /// row-major) with its top-left pixel at (<paramref name="x0"/>, <paramref name="y0"/>). Windows aligned to
    /// 512-px blocks are written with the least re-encoding.
    /// </summary>
    /// <exception cref="ArgumentException">The window leaves the raster or the buffer is too small.</exception>
    /// <exception cref="IOException">GDAL could not write.</exception>
    public void WriteRgb(int x0, int y0, int width, int height, ReadOnlySpan<byte> rgb)
    {
        if (x0 < 0 || y0 < 0 || width <= 0 || height <= 0 || x0 + width > WidthPixels || y0 + height > HeightPixels)
        {
            throw new ArgumentException($"Window {x0},{y0} {width}x{height} leaves the {WidthPixels}x{HeightPixels} raster.");
        }

        if (rgb.Length < 3L * width * height)
        {
            throw new ArgumentException($"The buffer holds {rgb.Length} bytes, the window needs {3L * width * height}.", nameof(rgb));
        }

        fixed (byte* p = rgb)
        {
            GdalErrors.Reset();
            var result = GdalNative.GDALDatasetRasterIO(
                _dataset, GdalNative.Write, x0, y0, width, height, p, width, height, GdalDataType.Byte,
                3, null, 3, 3 * width, 1);
            if (result != CplErr.None)
            {
                throw new IOException($"{Path}: cannot write the window at {x0},{y0}: {GdalErrors.LastMessage()}");
            }
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _dataset.Dispose();
}
