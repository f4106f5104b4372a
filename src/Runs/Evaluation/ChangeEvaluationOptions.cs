namespace Vigil.Runs.Evaluation;

/// <summary>What <c>vigil eval --change</c> needs: before/after images and change labels paired by file stem.</summary>
/// <param name="BeforeFolder">First-epoch images (any raster GDAL reads).</param>
/// <param name="AfterFolder">Second-epoch images of the same ground, same size.</param>
/// <param name="LabelsFolder">Change masks (non-zero = changed), same size.</param>
/// <param name="ModelPath">The ONNX model or its card.</param>
/// <param name="GsdMeters">Ground sample distance of images without georeference, metres.</param>
/// <param name="Threads">ONNX Runtime intra-op threads.</param>
public sealed record ChangeEvaluationOptions(
    string BeforeFolder, string AfterFolder, string LabelsFolder, string ModelPath, double? GsdMeters, int Threads = 2);
