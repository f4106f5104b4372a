namespace Vigil.Ingest.Gdal;

/// <summary>A GDAL call failed; the message is GDAL's last error message on the calling thread.</summary>
internal sealed class GdalException(string message) : Exception(message)
{
    /// <summary>An exception carrying GDAL's last error, prefixed with what was being done.</summary>
    internal static GdalException FromLastError(string doing) => new($"{doing}: {GdalErrors.LastMessage()}");

    /// <summary>An exception carrying GDAL's last error alone.</summary>
    internal static GdalException FromLastError() => new(GdalErrors.LastMessage());
}
