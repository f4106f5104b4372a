using System.Runtime.InteropServices;

namespace Vigil.Core;

/// <summary>
/// Keeps GDAL's image codecs apart from OpenCV's. libOpenCvSharpExtern carries its own libjpeg, libpng, zlib, zstd,
/// OpenJPEG and OpenSSL and exports their symbols; a system codec library that is first loaded as part of OpenCV's
/// dependencies (through GTK) binds its internal calls to OpenCV's copies, and GDAL reading a JPEG through it then
/// crashes the process. Loading libgdal.so.32 (with the codecs it needs) before OpenCV keeps each copy to itself.
/// Every Vigil assembly that calls OpenCV runs this from its module initializer, so no entry point can get the order
/// wrong; test assemblies that call OpenCV directly do the same.
/// </summary>
public static class NativeLoadOrder
{
    /// <summary>GDAL 3.6's Debian soname; the same one Vigil.Ingest binds to.</summary>
    public const string GdalSharedObject = "libgdal.so.32";

    private static int s_done;

    /// <summary>
    /// Loads GDAL's shared object once per process, before any OpenCV call. Missing GDAL is not an error here: the
    /// GDAL binding reports it, with what to install, on its first use.
    /// </summary>
    public static void LoadGdalBeforeOpenCv()
    {
        if (Interlocked.Exchange(ref s_done, 1) == 0)
        {
            NativeLibrary.TryLoad(GdalSharedObject, out _);
        }
    }
}
