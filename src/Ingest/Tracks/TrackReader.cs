namespace Vigil.Ingest.Tracks;

/// <summary>
/// Reads a GPS track by its file name: .srt (DJI telemetry), .gpx, .nmea/.nma/.log/.txt (NMEA 0183), .raw/.bin
/// (one GoPro GPMF payload), .mp4/.mov/.360 (the GoPro telemetry track inside a video); then validates it.
/// </summary>
public static class TrackReader
{
    /// <summary>File name endings read as a video's own telemetry.</summary>
    public static readonly IReadOnlySet<string> VideoExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".mp4", ".mov", ".360", ".m4v" };

    /// <summary>
    /// Reads and validates a track. Throws <see cref="InputException"/> naming the file for an unknown or unreadable
    /// format, and for a track that fails <see cref="TrackValidator"/> under <paramref name="limits"/>.
    /// </summary>
    public static GpsTrack Read(string path, TrackLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!File.Exists(path))
        {
            throw new InputException(path, "track file not found");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        var track = extension switch
        {
            ".srt" => DjiSrtParser.Read(path),
            ".gpx" => GpxParser.Read(path),
            ".nmea" or ".nma" or ".log" or ".txt" => NmeaParser.Read(path),
            ".raw" or ".bin" => GpmfParser.ReadRaw(path),
            _ when VideoExtensions.Contains(extension) => GpmfParser.ReadMp4(path),
            _ => throw new InputException(path,
                $"unknown track format '{extension}': expected .SRT (DJI), .gpx, .nmea/.log, GoPro .raw or a GoPro .mp4"),
        };
        TrackValidator.Validate(track, limits);
        return track;
    }
}
