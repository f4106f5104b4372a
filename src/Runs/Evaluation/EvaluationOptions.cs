namespace Vigil.Runs.Evaluation;

/// <summary>What <c>vigil eval</c> compares.</summary>
/// <param name="ImagesFolder">Images: any raster GDAL reads (PNG holding JPEG bytes, GeoTIFF...).</param>
/// <param name="MasksFolder">Masks paired by file stem: non-zero is building. Null when <paramref name="LabelsPath"/> is given.</param>
/// <param name="LabelsPath">Building polygons (any vector format, any CRS) for georeferenced images.</param>
/// <param name="ModelPath">The ONNX model or its card.</param>
/// <param name="DeclaredGsdMeters">GSD of images that carry no georeference of their own nor through their mask.</param>
/// <param name="Threads">ONNX Runtime threads.</param>
/// <param name="FootprintsPath">Where to write the predicted and true footprints with their outcomes (GeoJSON), or null.</param>
/// <param name="OffsetToleranceMeters">Largest shift tried for the offset-tolerant figures (labels drawn off the roofs).</param>
public sealed record EvaluationOptions(
    string ImagesFolder,
    string? MasksFolder,
    string? LabelsPath,
    string ModelPath,
    double? DeclaredGsdMeters = null,
    int Threads = 2,
    string? FootprintsPath = null,
    double OffsetToleranceMeters = 4.0);
