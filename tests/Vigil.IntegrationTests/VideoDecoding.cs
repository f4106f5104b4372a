namespace Vigil.IntegrationTests;

/// <summary>
/// Tests that decode video (OpenCV with its bundled FFmpeg and libjpeg) run apart from the other tests, as a precaution:
/// one of six runs of these tests beside the GDAL ones crashed the test host, without a clear cause.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VideoDecoding
{
    public const string Name = "video decoding";
}
