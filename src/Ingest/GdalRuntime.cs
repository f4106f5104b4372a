using System.Runtime.InteropServices;
using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest;

/// <summary>
/// Process-wide GDAL setup. Every public entry point of Vigil.Ingest calls it; calling it first is optional. GDAL's
/// shared object itself is loaded before OpenCV by every assembly that calls OpenCV (see Core's NativeLoadOrder).
/// </summary>
public static class GdalRuntime
{
    /// <summary>
    /// Loads libgdal.so.32 (GDAL 3.6), registers all drivers and installs a quiet error handler (messages are read
    /// back per call instead of printed). Idempotent and thread-safe.
    /// </summary>
    /// <exception cref="DllNotFoundException">GDAL is not installed; the message says what to install.</exception>
    public static void EnsureInitialized() => GdalLibrary.EnsureInitialized();

    /// <summary>
    /// Caps GDAL's raster block cache (by default 5% of RAM), the largest part of the pipeline's memory besides its
    /// bounded channels. Process-wide.
    /// </summary>
    public static void SetBlockCacheMegabytes(int megabytes)
    {
        EnsureInitialized();
        GdalNative.GDALSetCacheMax64(Math.Max(16, megabytes) * 1024L * 1024L);
    }

    /// <summary>The loaded GDAL's release name, e.g. "GDAL 3.6.2, released 2023/01/02".</summary>
    public static string Version
    {
        get
        {
            EnsureInitialized();
            return Marshal.PtrToStringUTF8(GdalNative.GDALVersionInfo("--version")) ?? string.Empty;
        }
    }
}
