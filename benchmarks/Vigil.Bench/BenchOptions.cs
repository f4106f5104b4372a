namespace Vigil.Bench;

/// <summary>What <c>vigil bench</c> measures and with which settings.</summary>
/// <param name="SizePixels">Width and height of the generated raster at the model's GSD.</param>
/// <param name="WorkDirectory">Where the raster is cached and the ledger written.</param>
/// <param name="ModelPath">The ONNX model (its card beside it).</param>
/// <param name="Threads">ONNX Runtime intra-op threads, for the pipeline, the inference-only run and the reference.</param>
/// <param name="BatchSize">Tiles per inference call.</param>
/// <param name="TileSizePixels">Tile size at the model's GSD.</param>
/// <param name="OverlapPixels">Overlap on each side of a tile.</param>
/// <param name="Python">Interpreter of the Python reference, or null to skip it.</param>
/// <param name="PythonScript">benchmarks/python_reference.py, or null to search for it.</param>
/// <param name="PythonMaxTiles">Tiles the reference runs (0: all of them).</param>
public sealed record BenchOptions(
    int SizePixels,
    string WorkDirectory,
    string ModelPath,
    int Threads,
    int BatchSize,
    int TileSizePixels,
    int OverlapPixels,
    string? Python,
    string? PythonScript,
    int PythonMaxTiles)
{
    /// <summary>The smallest raster the issue asks to be measured on is 20,000 px square; smaller ones are for trying out.</summary>
    public const int DefaultSizePixels = 20_000;
}
