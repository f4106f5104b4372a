using Vigil.Core;

namespace Vigil.IntegrationTests;

/// <summary>
/// Tests that decode video (OpenCV with its bundled FFmpeg) run apart from the other tests, as a precaution. A crash of
/// the test host seen beside the GDAL tests was OpenCV's bundled libjpeg taking GDAL's calls; NativeLoadOrder fixes it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VideoDecoding
{
    public const string Name = "video decoding";
}
