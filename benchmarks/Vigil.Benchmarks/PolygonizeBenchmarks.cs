using BenchmarkDotNet.Attributes;
using Vigil.Core;
using Vigil.Detect;

namespace Vigil.Benchmarks;

/// <summary>Polygonizing one 512 px tile's probabilities (threshold, connected components, contours, outlines).</summary>
public class PolygonizeBenchmarks
{
    private GeoTile _tile = null!;
    private float[] _probabilities = [];

    [Params(0, 10, 40)]
    public int Buildings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tile = Fixtures.Tile(Buildings);
        _probabilities = Fixtures.Probabilities(_tile);
    }

    [Benchmark]
    public int Extract() => Polygonizer.Extract(_tile, _probabilities, 0, Fixtures.TileSizePixels, 0.5f).Count;
}
