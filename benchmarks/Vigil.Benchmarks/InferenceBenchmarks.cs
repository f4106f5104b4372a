using BenchmarkDotNet.Attributes;
using Vigil.Detect;

namespace Vigil.Benchmarks;

/// <summary>
/// ONNX Runtime inference of the shipped model, per 512 px tile, at several batch sizes and intra-op thread counts.
/// Each invocation runs four tiles, so every batch size does the same work. The input is uniform noise of
/// <see cref="InputRange"/>: normalised imagery spans about ±2, flat dark areas much less (small values could make
/// activations underflow to slow denormal floats; none was measured).
/// </summary>
public class InferenceBenchmarks
{
    private const int TilesPerInvoke = 4;
    private BuildingSegmenter _segmenter = null!;
    private float[] _input = [];
    private float[] _probabilities = [];

    [Params(1, 2, 4)]
    public int BatchSize { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(2.0, 0.25)]
    public double InputRange { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _segmenter = new BuildingSegmenter(Fixtures.LoadShippedModel(), Threads);
        var plane = Fixtures.TileSizePixels * Fixtures.TileSizePixels;
        _input = new float[BatchSize * 3 * plane];
        _probabilities = new float[BatchSize * _segmenter.OutputChannels * plane];
        var random = new Random(1);
        for (var i = 0; i < _input.Length; i++)
        {
            _input[i] = (float)((random.NextDouble() * 2 - 1) * InputRange);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _segmenter.Dispose();

    [Benchmark(OperationsPerInvoke = TilesPerInvoke)]
    public void Predict()
    {
        for (var done = 0; done < TilesPerInvoke; done += BatchSize)
        {
            _segmenter.Predict(_input, BatchSize, Fixtures.TileSizePixels, _probabilities);
        }
    }
}
