using System.Globalization;

namespace Vigil.Ingest.Rasters;

/// <summary>
/// What a raster may claim before any of its pixels is read: a header is a few bytes and can claim any size, and
/// GDAL reads what is not in the file as black. Checked by <see cref="RasterProbe"/> on every orthophoto, photo and DSM.
/// </summary>
/// <param name="MaxPixels">Largest raster accepted, in pixels (width x height).</param>
/// <param name="MaxPixelBytesPerFileByte">
/// Largest ratio of the pixels' bytes (width x height x bands, one byte a sample at least) to the bytes of the files
/// behind the raster. JPEG-compressed imagery is about 10:1 and DEFLATE cannot pass about 1000:1, even on a flat area;
/// a header claiming far more than its file holds is a damaged or cut-short file, or a sparse file that is mostly
/// nothing. Only checked when the raster's files are local.
/// </param>
public sealed record RasterLimits(long MaxPixels = RasterLimits.DefaultMaxPixels, double MaxPixelBytesPerFileByte = RasterLimits.DefaultMaxPixelBytesPerFileByte)
{
    /// <summary>20 gigapixels: a 141 000 px square, 21 km at 0.15 m, larger than any district flight.</summary>
    public const long DefaultMaxPixels = 20_000_000_000;

    /// <summary>Ten times what DEFLATE can reach on a flat area (see the parameter).</summary>
    public const double DefaultMaxPixelBytesPerFileByte = 10_000;

    /// <summary>The defaults.</summary>
    public static RasterLimits Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> for limits that cannot work.</summary>
    public void Validate()
    {
        if (MaxPixels <= 0 || !(MaxPixelBytesPerFileByte > 0))
        {
            throw new ArgumentException("--max-megapixels must be a positive number of megapixels");
        }
    }

    /// <summary>Throws <see cref="InputException"/> when the raster claims more than the limits allow.</summary>
    /// <param name="path">The raster, for the message.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="bands">Band count.</param>
    /// <param name="fileBytes">Bytes of the files behind the raster; null when unknown (remote or virtual).</param>
    public void Check(string path, int width, int height, int bands, long? fileBytes)
    {
        var pixels = (long)width * height;
        if (pixels > MaxPixels)
        {
            throw new InputException(path, string.Create(CultureInfo.InvariantCulture,
                $"too large: {width} x {height} px ({pixels / 1e6:F0} megapixels) is over the limit of {MaxPixels / 1e6:F0} megapixels (--max-megapixels); refused before reading any pixel"));
        }

        var pixelBytes = (double)pixels * Math.Max(1, bands);
        if (fileBytes is { } bytes && pixelBytes > MaxPixelBytesPerFileByte * Math.Max(1, bytes))
        {
            throw new InputException(path, string.Create(CultureInfo.InvariantCulture,
                $"its header claims {width} x {height} px, {pixelBytes / bytes:F0} times more pixel bytes than its {bytes:N0}-byte file can hold (at most {MaxPixelBytesPerFileByte:F0}): damaged, cut short or nearly empty (sparse); refused before reading any pixel"));
        }
    }
}
