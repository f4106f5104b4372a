using System.Diagnostics;
using Vigil.Detect;

namespace Vigil.Bench;

/// <summary>
/// The ceiling the pipeline is measured against: the same number of tiles of the same size, in the same batches and
/// threads, through the ONNX session alone, with the input already in memory.
/// </summary>
internal static class InferenceOnly
{
    /// <summary>Runs <paramref name="tiles"/> tiles through <paramref name="segmenter"/>; returns the wall time of the runs.</summary>
    public static TimeSpan Run(BuildingSegmenter segmenter, int tiles, int tileSizePixels, int batchSize)
    {
        var plane = tileSizePixels * tileSizePixels;
        var input = new float[batchSize * 3 * plane];
        var probabilities = new float[batchSize * segmenter.OutputChannels * plane];

        // Normalised pixel values are of the order of one; dense convolutions take the same time whatever they are.
        var random = new Random(1);
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)(random.NextDouble() * 4 - 2);
        }

        var clock = Stopwatch.StartNew();
        for (var done = 0; done < tiles; done += batchSize)
        {
            segmenter.Predict(input, Math.Min(batchSize, tiles - done), tileSizePixels, probabilities);
        }

        return clock.Elapsed;
    }
}
