using Vigil.Ingest.Tracks;

namespace Vigil.Ingest.Video;

/// <summary>When a video (MP4/MOV) was recorded, from its movie header. Thread-safe.</summary>
public static class VideoCreationTime
{
    /// <summary>The creation time the camera wrote (UTC), or null when it left none.</summary>
    /// <exception cref="InputException">The file cannot be read or is not an MP4/MOV.</exception>
    public static DateTimeOffset? Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var file = File.OpenRead(path);
            return Mp4SampleTable.CreationTime(file);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot read its recording time: {ex.Message}", ex);
        }
    }
}
