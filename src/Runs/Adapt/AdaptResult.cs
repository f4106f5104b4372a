using System.Globalization;

namespace Vigil.Runs.Adapt;

/// <summary>Figures on the held-out block of the imagery, before or after adaptation.</summary>
/// <param name="PixelIoU">Pixel IoU against the aligned register (its ignored bands left out).</param>
/// <param name="ObjectF1">Object F1 at IoU 0.5.</param>
/// <param name="Buildings">Registered buildings in the block.</param>
public sealed record AdaptFigures(double PixelIoU, double ObjectF1, int Buildings);

/// <summary>The adapted model that was written, with its validation.</summary>
/// <param name="ModelPath">The ONNX file written.</param>
/// <param name="CardPath">Its card.</param>
/// <param name="Before">The base model on the held-out block.</param>
/// <param name="After">The adapted model on the same block.</param>
/// <param name="Steps">Training steps.</param>
/// <param name="Elapsed">Wall-clock time of the whole adaptation.</param>
public sealed record AdaptResult(string ModelPath, string CardPath, AdaptFigures Before, AdaptFigures After, int Steps, TimeSpan Elapsed)
{
    /// <summary>The validation, the time taken and where the model went, line by line, as <c>vigil adapt</c> prints them.</summary>
    public IEnumerable<string> Lines() => [
        string.Create(CultureInfo.InvariantCulture,
            $"held-out block ({After.Buildings} registered buildings): pixel IoU {Before.PixelIoU:F3} -> {After.PixelIoU:F3}, " +
            $"object F1 {Before.ObjectF1:F3} -> {After.ObjectF1:F3}"),
        $"{Steps} steps in {Elapsed.TotalMinutes:F1} min",
        $"model: {Path.GetFullPath(ModelPath)}",
        $"card: {CardPath}",
        $"use it: vigil run --model {ModelPath} ...",
    ];
}
