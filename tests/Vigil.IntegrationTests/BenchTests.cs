using System.Text.Json;
using Xunit.Abstractions;
using Vigil.Bench;

namespace Vigil.IntegrationTests;

public sealed class BenchTests(ITestOutputHelper output)
{
    private static readonly string BrightnessModel = Path.Combine(AppContext.BaseDirectory, "TestModels", "brightness.onnx");

    [Fact]
    public async Task Bench_measures_the_pipeline_and_inference_alone_on_a_cached_raster()
    {
        using var temp = new TempDirectory();
        var options = new BenchOptions(1200, temp.Path, BrightnessModel, Threads: 1, BatchSize: 2, TileSizePixels: 256,
            OverlapPixels: 32, Python: null, PythonScript: null, PythonMaxTiles: 0);

        var first = await BenchRun.RunAsync(options, output.WriteLine, CancellationToken.None);
        var raster = Directory.GetFiles(temp.Path, "bench-*.tif").Single();
        var written = File.GetLastWriteTimeUtc(raster);
        var second = await BenchRun.RunAsync(options, output.WriteLine, CancellationToken.None);

        // 1200 px cut into 192 px cores: 7 x 7 tiles, every one holding imagery.
        Assert.Equal(49, first.Tiles);
        Assert.Equal(first.Tiles, second.Tiles);
        Assert.Equal(written, File.GetLastWriteTimeUtc(raster));
        Assert.Equal(1200L * 1200, first.RasterPixels);
        Assert.True(first.PipelinePeakRssMegabytes > 0);
        Assert.True(first.Ratio > 0);
        Assert.Null(first.Python);
        using var json = JsonDocument.Parse(first.ToJson());
        foreach (var key in new[] { "pipeline_mpx_s", "inference_only_mpx_s", "ratio", "peak_rss_mb" })
        {
            Assert.True(json.RootElement.GetProperty(key).GetDouble() > 0, $"{key} is not positive");
        }
    }
}
