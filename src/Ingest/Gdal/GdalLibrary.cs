using System.Reflection;
using System.Runtime.InteropServices;

namespace Vigil.Ingest.Gdal;

/// <summary>Loads libgdal once per process, routes the "gdal" imports to it and silences GDAL's stderr output.</summary>
internal static class GdalLibrary
{
    /// <summary>The Debian/Ubuntu soname of GDAL 3.6, the version this binding is written against.</summary>
    internal const string SharedObject = Core.NativeLoadOrder.GdalSharedObject;

    private static readonly Lock Gate = new();
    private static volatile bool s_initialized;
    private static nint s_handle;

    internal static void EnsureInitialized()
    {
        if (s_initialized)
        {
            return;
        }

        lock (Gate)
        {
            if (s_initialized)
            {
                return;
            }

            s_handle = Load(SharedObject);
            NativeLibrary.SetDllImportResolver(typeof(GdalLibrary).Assembly, Resolve);
            GdalNative.GDALAllRegister();

            // Errors are read back with CPLGetLastErrorMsg (thread-local) right after the failing call.
            GdalNative.CPLSetErrorHandler(NativeLibrary.GetExport(s_handle, "CPLQuietErrorHandler"));

            // A JPEG that ends early decodes its remainder as flat grey with only a warning; as an error, the windows
            // past the end fail to read and are left out (not covered) instead of being taken for bare ground.
            GdalNative.CPLSetConfigOption("GDAL_ERROR_ON_LIBJPEG_WARNING", "TRUE");
            s_initialized = true;
        }
    }

    internal static nint Load(string sharedObject)
    {
        if (NativeLibrary.TryLoad(sharedObject, out var handle))
        {
            return handle;
        }

        throw new DllNotFoundException(
            $"GDAL 3.6 ({sharedObject}) could not be loaded: install gdal-bin libgdal32 " +
            "(apt-get install gdal-bin libgdal32).");
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == GdalNative.Library ? s_handle : 0;
}
