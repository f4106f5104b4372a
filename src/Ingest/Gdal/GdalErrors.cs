using System.Runtime.InteropServices;

namespace Vigil.Ingest.Gdal;

/// <summary>Access to GDAL's thread-local last error.</summary>
internal static class GdalErrors
{
    internal static void Reset() => GdalNative.CPLErrorReset();

    internal static string LastMessage()
    {
        var message = Marshal.PtrToStringUTF8(GdalNative.CPLGetLastErrorMsg());
        return string.IsNullOrWhiteSpace(message) ? "GDAL gave no detail" : message.Trim();
    }

    internal static bool LastWasFailure() => GdalNative.CPLGetLastErrorType() >= CplErr.Failure;
}
