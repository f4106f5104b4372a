namespace Vigil.Runs.Adapt;

/// <summary>What <c>vigil adapt</c> was asked to do.</summary>
/// <param name="Inputs">The office's earlier flights (orthophotos GDAL reads).</param>
/// <param name="RegisterPath">The register of buildings used as labels (any vector format GDAL reads, any CRS).</param>
/// <param name="OutputPath">The adapted model to write (its card is written beside it).</param>
/// <param name="BaseModelPath">The model to start from (its card beside it): the shipped one by default.</param>
/// <param name="Minutes">Wall-clock budget of the whole adaptation.</param>
/// <param name="Threads">Threads for training.</param>
/// <param name="Steps">A fixed step count instead of the time budget (the same inputs, seed and steps give the same model).</param>
/// <param name="Seed">Seed of the training crops.</param>
/// <param name="WorkFolder">Labels and the resumable checkpoint; default <c>OUTPUT.work</c> beside the output.</param>
public sealed record AdaptOptions(
    IReadOnlyList<string> Inputs,
    string RegisterPath,
    string OutputPath,
    string BaseModelPath,
    double Minutes = 60,
    int Threads = 2,
    int? Steps = null,
    int Seed = 0,
    string? WorkFolder = null)
{
    /// <summary>Fewer registered buildings over the imagery than this leave nothing to learn from.</summary>
    public const int MinBuildings = 20;

    /// <summary>The Python that trains: Debian's, with python3-torch, python3-onnx and python3-gdal; VIGIL_PYTHON overrides.</summary>
    public string Python { get; init; } = Environment.GetEnvironmentVariable("VIGIL_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>The training script: models/adapt.py beside the executable (copied by the build).</summary>
    public string ScriptPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "models", "adapt.py");

    /// <summary>Where labels and the checkpoint are kept.</summary>
    public string Work => WorkFolder ?? OutputPath + ".work";
}
