using System.Runtime.CompilerServices;
using Vigil.Core;

namespace Vigil;

/// <summary>
/// Compiled into every assembly that calls OpenCV (projects that set CallsOpenCv, see Directory.Build.targets):
/// loads GDAL before the first OpenCV call of the process, whatever the entry point. See NativeLoadOrder.
/// </summary>
internal static class GdalBeforeOpenCv
{
#pragma warning disable CA2255 // The process-wide native load order is exactly what a module initializer is for.
    [ModuleInitializer]
    internal static void Initialize() => Core.NativeLoadOrder.LoadGdalBeforeOpenCv();
#pragma warning restore CA2255
}
