using BenchmarkDotNet.Attributes;
using Vigil.Core;
using Vigil.Detect;

namespace Vigil.Benchmarks;

/// <summary>
/// Polygonizing one 512 px tile's probabilities (threshold, connected components, contours, outlines), with a
/// building-extent channel only or with a separation channel too. The separation channel marks the outer 2 px of
/// every building as band, which makes every building's perimeter grow back: more work than a real tile, where the
/// band lies only where buildings touch.
/// </summary>
public class PolygonizeBenchmarks
{
    private const int BandPixels = 2;
    private GeoTile _tile = null!;
    private float[] _probabilities = [];
    private PixelRule _rule = null!;

    [Params(0, 10, 40)]
    public int Buildings { get; set; }

    [Params(false, true)]
    public bool Separation { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tile = Fixtures.Tile(Buildings);
        var extent = Fixtures.Probabilities(_tile);
        if (!Separation)
        {
            _probabilities = extent;
            _rule = PixelRule.ExtentOnly(0.5f);
            return;
        }

        const int size = Fixtures.TileSizePixels;
        _probabilities = new float[2 * size * size];
        extent.CopyTo(_probabilities, 0);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                _probabilities[size * size + y * size + x] = NearEdge(extent, x, y) ? 0.9f : 0.05f;
            }
        }

        _rule = new PixelRule(0.5f, 1, 0.5f);
    }

    [Benchmark]
    public int Extract() => Polygonizer.Extract(_tile, _probabilities, 0, Fixtures.TileSizePixels, _rule).Count;

    /// <summary>True for a building pixel within <see cref="BandPixels"/> of a non-building one.</summary>
    private static bool NearEdge(float[] extent, int x, int y)
    {
        const int size = Fixtures.TileSizePixels;
        if (extent[y * size + x] < 0.5f)
        {
            return false;
        }

        for (var d = 1; d <= BandPixels; d++)
        {
            if (x - d < 0 || y - d < 0 || x + d >= size || y + d >= size ||
                extent[y * size + x - d] < 0.5f || extent[y * size + x + d] < 0.5f ||
                extent[(y - d) * size + x] < 0.5f || extent[(y + d) * size + x] < 0.5f)
            {
                return true;
            }
        }

        return false;
    }
}
