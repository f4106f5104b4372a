using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Vigil.Ledger.Tests;

/// <summary>
/// OpenCV exports its own libjpeg and libpng; a system copy first loaded among OpenCV's dependencies binds to them
/// and GDAL's JPEG reads crash. The system codecs must therefore be in the process before OpenCV is.
/// </summary>
public sealed partial class NativeLoadOrderTests
{
    [Fact]
    public void System_image_codecs_are_loaded_before_OpenCV()
    {
        using (var image = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(90)))
        {
            Assert.True(Cv2.ImEncode(".png", image, out var png) && png.Length > 0);
        }

        var loaded = LoadedObjectsInLoadOrder();
        var openCv = loaded.FindIndex(name => name.Contains("libOpenCvSharpExtern", StringComparison.Ordinal));
        Assert.True(openCv >= 0, "OpenCV is not loaded: " + string.Join(", ", loaded));
        foreach (var codec in new[] { "libgdal.so.32", "libjpeg.so.62", "libpng16.so.16" })
        {
            var index = loaded.FindIndex(name => Path.GetFileName(name) == codec);
            Assert.True(index >= 0 && index < openCv, $"{codec} is at {index}, OpenCV at {openCv}");
        }
    }

    /// <summary>The shared objects of this process in the order the dynamic linker loaded them.</summary>
    private static unsafe List<string> LoadedObjectsInLoadOrder()
    {
        var names = new List<string>();
        var handle = GCHandle.Alloc(names);
        try
        {
            DlIteratePhdr(&Collect, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        return names;
    }

    [UnmanagedCallersOnly]
    private static unsafe int Collect(PhdrInfo* info, nuint size, nint state)
    {
        var names = (List<string>)GCHandle.FromIntPtr(state).Target!;
        names.Add(Marshal.PtrToStringUTF8(info->Name) ?? string.Empty);
        return 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PhdrInfo
    {
        public nint Address;
        public nint Name;
    }

    [LibraryImport("libc.so.6", EntryPoint = "dl_iterate_phdr")]
    private static unsafe partial int DlIteratePhdr(delegate* unmanaged<PhdrInfo*, nuint, nint, int> callback, nint state);
}
