namespace Vigil.Ingest.Tracks;

/// <summary>Reads a track file whole, turning I/O failures into an <see cref="InputException"/> naming it.</summary>
internal static class TrackFile
{
    public static T Read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot be read: {ex.Message}", ex);
        }
    }
}
