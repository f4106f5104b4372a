using BenchmarkDotNet.Attributes;
using Vigil.Core;
using Vigil.Detect;

namespace Vigil.Benchmarks;

/// <summary>Preprocessing: one 512 px RGB tile into the network's normalised NCHW float input.</summary>
public class TensorPackingBenchmarks
{
    private TensorPacker _packer = null!;
    private GeoTile _tile = null!;
    private float[] _tensor = [];

    [GlobalSetup]
    public void Setup()
    {
        _packer = new TensorPacker(new ModelInput
        {
            Name = "image",
            Channels = ["red", "green", "blue"],
            TileSizePixels = 256,
            PixelScale = 1 / 255.0,
            Mean = [0.485, 0.456, 0.406],
            Std = [0.229, 0.224, 0.225],
        });
        _tile = Fixtures.Tile(buildings: 30);
        _tensor = new float[3 * Fixtures.TileSizePixels * Fixtures.TileSizePixels];
    }

    [Benchmark]
    public void Pack() => _packer.Pack(_tile, _tensor, 0, Fixtures.TileSizePixels);
}
