using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Ingest.Video;
using Vigil.Runs.Video;

namespace Vigil.Runs.Nightly;

/// <summary>
/// Decides which flight folders of the inbox are whole: every file unchanged for the settle time (or marked done),
/// and each one complete by its own structure (a JPEG ends with its end-of-image marker, an MP4/MOV's boxes reach
/// the end of the file and hold the index). Also gives the content fingerprint a flight was processed with.
/// </summary>
internal static class NightlyIntake
{
    /// <summary>The marker an uploader writes when it is done: in the folder (every file) or as <c>NAME.done</c>.</summary>
    public const string DoneMarker = ".done";

    private static readonly string[] TrackExtensions = [".srt", ".gpx", ".nmea", ".nma", ".log", ".raw"];

    /// <summary>True for a drone photo (JPEG) by its name.</summary>
    public static bool IsPhoto(string path) => Path.GetExtension(path).ToLowerInvariant() is ".jpg" or ".jpeg";

    /// <summary>True for an orthophoto (GeoTIFF) by its name.</summary>
    public static bool IsOrthophoto(string path) => Path.GetExtension(path).ToLowerInvariant() is ".tif" or ".tiff";

    /// <summary>
    /// Looks at a flight folder at <paramref name="nowUtc"/>, recording every file's size and time in
    /// <paramref name="state"/> (the next run tells growth from it).
    /// </summary>
    public static FlightFolder Look(string folder, NightlyConfig config, IntakeState state, DateTimeOffset nowUtc)
    {
        var flightId = Path.GetFileName(folder);
        var files = Directory.EnumerateFiles(folder)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(DoneMarker, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        var folderMarked = File.Exists(Path.Combine(folder, DoneMarker));
        var settle = TimeSpan.FromMinutes(config.SettleMinutes);
        var waiting = new List<string>();
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            var modified = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
            state.Files.TryGetValue(file, out var before);
            var changed = before is not null && (before.Size != info.Length || before.ModifiedUtc != modified);
            var changeSeen = !changed ? before?.ChangeSeenUtc
                : modified > before!.SeenUtc ? null
                : nowUtc;
            state.Files[file] = new FileSeen(info.Length, modified, nowUtc, changeSeen, changed ? null : before?.Sha256);
            if (folderMarked || File.Exists(file + DoneMarker))
            {
                continue;
            }

            if (config.DoneMarkerRequired)
            {
                waiting.Add($"{Path.GetFileName(file)} has no {DoneMarker} marker yet");
                continue;
            }

            var quietSince = changeSeen is { } seen && seen > modified ? seen : modified;
            if (nowUtc - quietSince < settle)
            {
                waiting.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(file)} changed {Math.Max(0, (nowUtc - quietSince).TotalMinutes):0.#} min ago (settle time {settle.TotalMinutes:0.#} min)"));
            }
        }

        if (files.Count == 0 && !folderMarked)
        {
            var created = new DateTimeOffset(Directory.GetLastWriteTimeUtc(folder), TimeSpan.Zero);
            if (config.DoneMarkerRequired)
            {
                waiting.Add($"the folder has no {DoneMarker} marker yet");
            }
            else if (nowUtc - created < settle)
            {
                waiting.Add("the folder is empty and new");
            }
        }

        var images = files.Where(f => IsPhoto(f) || IsOrthophoto(f)).ToList();
        var videoPaths = files.Where(VideoRunner.IsVideo).ToList();
        var videos = videoPaths.Select(v => new VideoInput(v, TrackOf(v, files))).ToList();
        var unusable = waiting.Count > 0 ? null : Problem(files, images, videoPaths);
        return new FlightFolder(flightId, folder, files, images, videos,
            waiting.Count == 0 ? null : string.Join("; ", waiting), unusable);
    }

    /// <summary>
    /// SHA-256 over the flight's file names and contents; each file is hashed again only when its size or time changed
    /// (kept in <paramref name="state"/>).
    /// </summary>
    public static string Fingerprint(FlightFolder flight, IntakeState state)
    {
        var text = new StringBuilder();
        foreach (var file in flight.Files)
        {
            var seen = state.Files[file];
            if (seen.Sha256 is null)
            {
                using var stream = File.OpenRead(file);
                seen = seen with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(stream)) };
                state.Files[file] = seen;
            }

            text.Append(Path.GetFileName(file)).Append('\t').Append(seen.Sha256).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Why a settled folder cannot be processed as it is, or null.</summary>
    private static string? Problem(List<string> files, List<string> images, List<string> videos)
    {
        if (images.Count == 0 && videos.Count == 0)
        {
            return files.Count == 0
                ? "the folder is empty"
                : $"the folder holds no GeoTIFF, drone JPEG or video ({string.Join(", ", files.Select(Path.GetFileName))})";
        }

        if (images.Count > 0 && videos.Count > 0)
        {
            return "the folder holds videos and images: a flight is either videos (with their tracks) or orthophotos and photos, "
                + "so put them in separate folders";
        }

        var incomplete = images.Where(IsPhoto).Select(JpegProblem)
            .Concat(videos.Select(VideoProblem))
            .OfType<string>()
            .ToList();
        return incomplete.Count == 0 ? null : string.Join("; ", incomplete);
    }

    private static string? TrackOf(string video, List<string> files)
    {
        var stem = Path.GetFileNameWithoutExtension(video);
        return files.FirstOrDefault(f =>
            !string.Equals(f, video, StringComparison.Ordinal)
            && string.Equals(Path.GetFileNameWithoutExtension(f), stem, StringComparison.OrdinalIgnoreCase)
            && TrackExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()));
    }

    /// <summary>A JPEG ends with its end-of-image marker (FF D9); one cut short by an upload does not.</summary>
    private static string? JpegProblem(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        Span<byte> tail = stackalloc byte[2];
        if (stream.Length < 4 || stream.Read(head) != 2 || head[0] != 0xFF || head[1] != 0xD8)
        {
            return $"{Path.GetFileName(path)} is not a JPEG ({stream.Length} bytes without the JPEG start marker)";
        }

        stream.Seek(-2, SeekOrigin.End);
        return stream.Read(tail) == 2 && tail[0] == 0xFF && tail[1] == 0xD9
            ? null
            : $"{Path.GetFileName(path)} ends before its end-of-image marker ({stream.Length} bytes): the upload is incomplete";
    }

    /// <summary>
    /// An MP4/MOV (ISO base media file) is a chain of boxes that must reach the end of the file exactly and hold the
    /// index (<c>moov</c>); an upload cut short breaks the chain. Other containers are left to the decoder.
    /// </summary>
    private static string? VideoProblem(string path)
    {
        if (!Ingest.Tracks.TrackReader.VideoExtensions.Contains(Path.GetExtension(path)))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[16];
        var hasIndex = false;
        long at = 0;
        while (at < stream.Length)
        {
            stream.Position = at;
            if (stream.Length - at < 8 || stream.Read(header[..8]) != 8)
            {
                break;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header[4..8]);
            if (size == 1)
            {
                if (stream.Read(header[8..16]) != 8)
                {
                    break;
                }

                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
            }
            else if (size == 0)
            {
                size = stream.Length - at;
            }

            if (size < 8 || at + size > stream.Length)
            {
                return $"{Path.GetFileName(path)}: its '{type}' box runs past the end of the file ({stream.Length} bytes): the upload is incomplete";
            }

            hasIndex |= type == "moov";
            at += size;
        }

        if (at != stream.Length)
        {
            return $"{Path.GetFileName(path)} ends inside a box header ({stream.Length} bytes): the upload is incomplete";
        }

        return hasIndex ? null : $"{Path.GetFileName(path)} has no index ('moov' box): the upload is incomplete or the recording was not closed";
    }
}
