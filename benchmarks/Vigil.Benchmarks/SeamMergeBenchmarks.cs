using BenchmarkDotNet.Attributes;
using Vigil.Core;
using Vigil.Detect;

namespace Vigil.Benchmarks;

/// <summary>
/// Merging buildings cut by tile seams over an 8 x 8 tile raster (about 1,500 buildings, a third of them cut), fed
/// row by row as the detector feeds it; reported per tile.
/// </summary>
public class SeamMergeBenchmarks
{
    private const int TilesPerSide = 8;
    private readonly List<(int Row, List<PixelPiece> SeamPieces)> _tiles = [];

    [GlobalSetup]
    public void Setup()
    {
        var stride = Fixtures.TileSizePixels - 2 * Fixtures.OverlapPixels;
        var size = TilesPerSide * stride;
        var grid = new RasterGrid(GeoTransform.NorthUp(528000, 9335100, Fixtures.GsdMeters), Fixtures.Zone, size, size,
            TilesPerSide, TilesPerSide);
        var bright = new bool[size * size];
        foreach (var (x0, y0, x1, y1) in Fixtures.Rectangles(1500, size, new Random(3)))
        {
            for (var y = y0; y < y1; y++)
            {
                bright.AsSpan(y * size + x0, x1 - x0).Fill(true);
            }
        }

        for (var row = 0; row < TilesPerSide; row++)
        {
            for (var column = 0; column < TilesPerSide; column++)
            {
                var core = new PixelRect(column * stride, row * stride, (column + 1) * stride, (row + 1) * stride);
                var window = new PixelRect(Math.Max(0, core.X0 - Fixtures.OverlapPixels), Math.Max(0, core.Y0 - Fixtures.OverlapPixels),
                    Math.Min(size, core.X1 + Fixtures.OverlapPixels), Math.Min(size, core.Y1 + Fixtures.OverlapPixels));
                var probabilities = new float[Fixtures.TileSizePixels * Fixtures.TileSizePixels];
                for (var y = 0; y < window.Height; y++)
                {
                    for (var x = 0; x < window.Width; x++)
                    {
                        probabilities[y * Fixtures.TileSizePixels + x] = bright[(window.Y0 + y) * size + window.X0 + x] ? 0.9f : 0.05f;
                    }
                }

                var valid = new byte[window.Width * window.Height];
                Array.Fill(valid, (byte)255);
                var tile = new GeoTile("bench.tif", grid, column, row, window, core, [], valid);
                var pieces = Polygonizer.Extract(tile, probabilities, 0, Fixtures.TileSizePixels, 0.5f);
                _tiles.Add((row, pieces.Where(p => p.TouchesSeam).ToList()));
            }
        }
    }

    [Benchmark(OperationsPerInvoke = TilesPerSide * TilesPerSide)]
    public int MergeRaster()
    {
        var merger = new SeamMerger();
        var merged = 0;
        foreach (var (row, seamPieces) in _tiles)
        {
            merged += merger.Add(row, seamPieces).Count;
        }

        return merged + merger.Flush().Count;
    }
}
