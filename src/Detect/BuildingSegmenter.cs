using Microsoft.ML.OnnxRuntime;

namespace Vigil.Detect;

/// <summary>
/// Owns the one ONNX Runtime session of a run and turns batches of normalised tiles into building probabilities.
/// Checks at construction that the network's inputs and outputs match its card. Not thread-safe: one caller at a time.
/// </summary>
public sealed class BuildingSegmenter : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    /// <summary>Loads the model of <paramref name="card"/> with <paramref name="threads"/> intra-op threads.</summary>
    public BuildingSegmenter(ModelCard card, int threads)
    {
        Card = card;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, threads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };

        // ONNX Runtime's workers spin between parallel sections by default. Where reading, polygonizing and the ledger
        // share the cores with inference, sleeping workers leave them that time: alternating runs on 2 cores gave a
        // pipeline/inference ratio of 0.89-0.90 against 0.87-0.88, inference alone unchanged (benchmarks/README.md).
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");

        try
        {
            _session = new InferenceSession(card.OnnxPath, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelCardException(card.OnnxPath, $"ONNX Runtime cannot load the model: {ex.Message}");
        }

        CheckSignature();
        _inputNames = [card.Input.Name];
        _outputNames = [card.Output.Name];
    }

    /// <summary>The card the model was loaded with.</summary>
    public ModelCard Card { get; }

    /// <summary>Channels the network writes per pixel, one per class of the card (building extent first).</summary>
    public int OutputChannels => Card.Output.Classes.Count;

    /// <summary>
    /// Runs the network on <paramref name="batch"/> tiles of <paramref name="sizePixels"/> square held in
    /// <paramref name="input"/> (NCHW, normalised) and writes probabilities (N x <see cref="OutputChannels"/> x size x
    /// size) into <paramref name="probabilities"/>.
    /// </summary>
    public void Predict(float[] input, int batch, int sizePixels, float[] probabilities)
    {
        var pixels = (long)sizePixels * sizePixels;
        var outputLength = batch * OutputChannels * pixels;
        if (input.Length < batch * 3 * pixels || probabilities.Length < outputLength)
        {
            throw new ArgumentException("Buffers are smaller than the batch.");
        }

        long[] inputShape = [batch, 3, sizePixels, sizePixels];
        long[] outputShape = [batch, OutputChannels, sizePixels, sizePixels];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, input.AsMemory(0, (int)(batch * 3 * pixels)), inputShape);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, probabilities.AsMemory(0, (int)outputLength), outputShape);
        _session.Run(_runOptions, _inputNames, [inputValue], _outputNames, [outputValue]);
    }

    private void CheckSignature()
    {
        var path = Card.OnnxPath;
        if (!_session.InputMetadata.TryGetValue(Card.Input.Name, out var input))
        {
            throw new ModelCardException(path,
                $"the card names input '{Card.Input.Name}' but the model has {string.Join(", ", _session.InputMetadata.Keys)}");
        }

        if (!_session.OutputMetadata.TryGetValue(Card.Output.Name, out var output))
        {
            throw new ModelCardException(path,
                $"the card names output '{Card.Output.Name}' but the model has {string.Join(", ", _session.OutputMetadata.Keys)}");
        }

        if (input.ElementType != typeof(float) || input.Dimensions.Length != 4 || (input.Dimensions[1] != 3 && input.Dimensions[1] > 0))
        {
            throw new ModelCardException(path,
                $"input '{Card.Input.Name}' is {input.ElementType.Name}[{string.Join(",", input.Dimensions)}], the card declares float32 [N,3,H,W]");
        }

        if (output.ElementType != typeof(float) || output.Dimensions.Length != 4 ||
            (output.Dimensions[1] > 0 && output.Dimensions[1] != Card.Output.Classes.Count))
        {
            throw new ModelCardException(path,
                $"output '{Card.Output.Name}' is {output.ElementType.Name}[{string.Join(",", output.Dimensions)}], the card declares float32 [N,{Card.Output.Classes.Count},H,W]");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
