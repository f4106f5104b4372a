using System.Text.Json.Serialization;

namespace Vigil.Detect;

/// <summary>
/// What the pipeline needs to know about a segmentation model, read from <c>&lt;model&gt;.card.json</c> beside the
/// ONNX file (schema in models/CARD_SCHEMA.md). Immutable.
/// </summary>
public sealed record ModelCard
{
    /// <summary>Model name.</summary>
    public required string Name { get; init; }

    /// <summary>Model version.</summary>
    public required string Version { get; init; }

    /// <summary>ONNX file name, relative to the card.</summary>
    public required string OnnxFile { get; init; }

    /// <summary>Input tensor description.</summary>
    public required ModelInput Input { get; init; }

    /// <summary>Output tensor description.</summary>
    public required ModelOutput Output { get; init; }

    /// <summary>Ground sample distance the network was trained at, metres per pixel; every input is resampled to it.</summary>
    public required double GsdMeters { get; init; }

    /// <summary>Decision thresholds.</summary>
    public required ModelThresholds Thresholds { get; init; }

    /// <summary>Validation figures the run compares its own with; null or partial on cards that give none.</summary>
    public ModelValidation? Validation { get; init; }

    /// <summary>Absolute path of the card file this was read from.</summary>
    [JsonIgnore]
    public string CardPath { get; init; } = "";

    /// <summary>Absolute path of the ONNX file.</summary>
    [JsonIgnore]
    public string OnnxPath => Path.Combine(Path.GetDirectoryName(CardPath) ?? ".", OnnxFile);

    /// <summary>
    /// Reads the card for a model given either the card path or the ONNX path (the card is then
    /// <c>name.card.json</c> beside <c>name.onnx</c>). Throws <see cref="ModelCardException"/> naming the file.
    /// </summary>
    public static ModelCard Load(string modelOrCardPath)
    {
        var (card, cardPath) = CardFile.Read<ModelCard>(modelOrCardPath);
        card = card with { CardPath = cardPath };
        card.Validate();
        return card;
    }

    private void Validate()
    {
        if (Input.Channels.Count != 3 || Input.Mean.Count != 3 || Input.Std.Count != 3)
        {
            throw new ModelCardException(CardPath, "input must declare 3 channels with 3 means and 3 stds");
        }

        if (Input.Std.Any(s => s <= 0) || Input.PixelScale <= 0)
        {
            throw new ModelCardException(CardPath, "std and pixelScale must be positive");
        }

        if (GsdMeters <= 0 || GsdMeters > 10)
        {
            throw new ModelCardException(CardPath, $"gsdMeters {GsdMeters} is out of range (0, 10]");
        }

        if (Input.TileSizePixels < 32 || Input.TileSizePixels % 32 != 0)
        {
            throw new ModelCardException(CardPath, "tileSizePixels must be a positive multiple of 32");
        }

        if (Thresholds.Probability is <= 0 or >= 1)
        {
            throw new ModelCardException(CardPath, "thresholds.probability must lie in (0, 1)");
        }

        ValidateClasses();

        if (!File.Exists(OnnxPath))
        {
            throw new ModelCardException(CardPath, $"the ONNX file {OnnxPath} does not exist");
        }
    }

    private void ValidateClasses()
    {
        var classes = Output.Classes;
        if (classes.Count == 0 || classes[0] != ModelOutput.BuildingClass)
        {
            throw new ModelCardException(CardPath, $"output.classes must start with \"{ModelOutput.BuildingClass}\"");
        }

        // A class the detector does not know would be computed and ignored; more likely it is a misspelt
        // "separation", which would silently turn touching buildings back into one footprint.
        var unknown = classes.Skip(1).Where(c => c != ModelOutput.SeparationClass).ToList();
        if (unknown.Count > 0 || classes.Count(c => c == ModelOutput.SeparationClass) > 1)
        {
            throw new ModelCardException(CardPath,
                $"output.classes may be \"{ModelOutput.BuildingClass}\" followed by at most one \"{ModelOutput.SeparationClass}\"; got {string.Join(", ", classes)}");
        }

        if (Thresholds.MinConfidence is < 0 or >= 1)
        {
            throw new ModelCardException(CardPath, "thresholds.minConfidence must lie in [0, 1)");
        }

        if (Thresholds.CaseConfidence is { } level && (level < (Thresholds.MinConfidence ?? 0) || level >= 1))
        {
            throw new ModelCardException(CardPath, "thresholds.caseConfidence must lie in [thresholds.minConfidence, 1)");
        }

        if (Thresholds.Background is { } background && (background <= 0 || background >= Thresholds.Probability))
        {
            throw new ModelCardException(CardPath, "thresholds.background must lie in (0, thresholds.probability)");
        }

        if (Thresholds.Separation is { } separation)
        {
            if (Output.SeparationChannel < 0)
            {
                throw new ModelCardException(CardPath,
                    $"thresholds.separation is set but output.classes has no \"{ModelOutput.SeparationClass}\"");
            }

            if (separation is <= 0 or >= 1)
            {
                throw new ModelCardException(CardPath, "thresholds.separation must lie in (0, 1)");
            }
        }
    }
}
