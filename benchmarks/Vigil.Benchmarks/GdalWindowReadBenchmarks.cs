using BenchmarkDotNet.Attributes;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;

namespace Vigil.Benchmarks;

/// <summary>
/// GDAL window reads through the warped source, per 512 px tile at the model's 0.15 m: from a 5 cm drone orthophoto
/// (nine source pixels averaged into each) and from one already at 0.15 m in the working CRS (a plain windowed read).
/// The source is a tiled JPEG GeoTIFF and is reopened each time, so every block is decoded once, as in a run.
/// <see cref="AllowDirectRead"/> false forces the warper even where the source already is on the model's grid.
/// </summary>
public class GdalWindowReadBenchmarks
{
    private const int TilesPerSide = 3;
    private string _directory = "";
    private string _path = "";
    private TilingOptions _tiling = null!;

    [Params(0.05, 0.15)]
    public double SourceGsdMeters { get; set; }

    [Params(true, false)]
    public bool AllowDirectRead { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        GdalRuntime.EnsureInitialized();
        GdalRuntime.SetBlockCacheMegabytes(128);
        _tiling = new TilingOptions(Fixtures.GsdMeters, Fixtures.Zone, Fixtures.TileSizePixels, Fixtures.OverlapPixels);
        _directory = Directory.CreateTempSubdirectory("vigil-bench-read-").FullName;
        _path = Path.Combine(_directory, "source.tif");
        var size = (int)Math.Round(TilesPerSide * _tiling.StridePixels * Fixtures.GsdMeters / SourceGsdMeters);
        using var writer = StreamingGeoTiffWriter.CreateRgb(
            _path, size, size, GeoTransform.NorthUp(528000, 9335100, SourceGsdMeters), Fixtures.Zone.EpsgName);
        const int rows = 256;
        var strip = new byte[size * rows * 3];
        for (var y0 = 0; y0 < size; y0 += rows)
        {
            var height = Math.Min(rows, size - y0);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    // Roof-sized squares over a gradient: texture that JPEG cannot squeeze to nothing.
                    var roof = ((x / 60) + ((y0 + y) / 60)) % 3 == 0;
                    var i = 3 * (y * size + x);
                    strip[i] = roof ? (byte)210 : (byte)(80 + (x * 7 + y0 + y) % 50);
                    strip[i + 1] = roof ? (byte)200 : (byte)(100 + (x + 3 * (y0 + y)) % 40);
                    strip[i + 2] = roof ? (byte)190 : (byte)(90 + (x ^ (y0 + y)) % 30);
                }
            }

            writer.WriteRgb(0, y0, size, height, strip);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(OperationsPerInvoke = TilesPerSide * TilesPerSide)]
    public int ReadTile()
    {
        using var source = WarpedSource.Open(_path, _tiling, AllowDirectRead);
        var pixels = 0;
        for (var row = 0; row < source.Layout.TilesDown; row++)
        {
            for (var column = 0; column < source.Layout.TilesAcross; column++)
            {
                pixels += source.ReadTile(column, row)?.Rgb.Length ?? 0;
            }
        }

        return pixels;
    }
}
