using System.Globalization;
using System.Runtime.InteropServices;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>When a raster's imagery was captured, from the metadata GDAL reads. Thread-safe.</summary>
public static class CaptureTimeReader
{
    /// <summary>
    /// Metadata items that hold the capture time, in the order they are trusted, with their domain: satellite and
    /// aerial products' acquisition time, EXIF's original time (JPEG and TIFF from cameras), then the TIFF DateTime tag
    /// (which photogrammetry tools set when they write the orthophoto: later than the flight, never earlier).
    /// </summary>
    private static readonly (string Name, string? Domain, string Label)[] Items =
    [
        ("ACQUISITIONDATETIME", "IMAGERY", "ACQUISITIONDATETIME"),
        ("ACQUISITIONDATETIME", null, "ACQUISITIONDATETIME"),
        ("EXIF_DateTimeOriginal", null, "EXIF DateTimeOriginal"),
        ("EXIF_DateTimeOriginal", "EXIF", "EXIF DateTimeOriginal"),
        ("TIFFTAG_DATETIME", null, "TIFF DateTime"),
    ];

    private static readonly string[] Formats =
    [
        "yyyy:MM:dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFF",
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFK", "yyyy-MM-dd",
    ];

    /// <summary>
    /// The capture time of <paramref name="path"/> (UTC; a time without a zone is taken as UTC) and the metadata item it
    /// came from, or null when the file holds none that parses.
    /// </summary>
    /// <exception cref="InputException">The file is not a raster GDAL reads.</exception>
    public static (DateTimeOffset CapturedUtc, string Item)? Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        GdalRuntime.EnsureInitialized();
        using var dataset = Datasets.OpenRaster(path);
        foreach (var (name, domain, label) in Items)
        {
            if (Marshal.PtrToStringUTF8(GdalNative.GDALGetMetadataItem(dataset, name, domain)) is { } text &&
                Parse(text) is { } time)
            {
                return (time, label);
            }
        }

        return null;
    }

    /// <summary>A metadata time ("2025:01:15 10:30:00", ISO 8601...) as UTC, or null when it does not parse.</summary>
    public static DateTimeOffset? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DateTimeOffset.TryParseExact(text.Trim().TrimEnd('\0'), Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) && time.Year > 1900
            ? time
            : null;
    }
}
