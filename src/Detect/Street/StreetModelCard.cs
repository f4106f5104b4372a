using System.Text.Json.Serialization;

namespace Vigil.Detect.Street;

/// <summary>
/// What Vigil needs to know about a street-level object detector (buildings, scaffolding, building sites seen from a
/// vehicle), read from <c>&lt;model&gt;.card.json</c> beside the ONNX file (schema in models/CARD_SCHEMA.md). The network
/// takes one letterboxed RGB frame and returns boxes in input pixels.
/// </summary>
public sealed record StreetModelCard
{
    /// <summary>Model name.</summary>
    public required string Name { get; init; }

    /// <summary>Model version.</summary>
    public string Version { get; init; } = "";

    /// <summary>ONNX file name, relative to the card.</summary>
    public required string OnnxFile { get; init; }

    /// <summary>Input tensor description.</summary>
    public required StreetModelInput Input { get; init; }

    /// <summary>Output tensor description.</summary>
    public required StreetModelOutput Output { get; init; }

    /// <summary>Class names in the order of the network's class scores.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Lowest score kept and the overlap above which the weaker of two boxes is dropped.</summary>
    public StreetModelThresholds Thresholds { get; init; } = new();

    /// <summary>Absolute path of the card file this was read from.</summary>
    [JsonIgnore]
    public string CardPath { get; init; } = "";

    /// <summary>Absolute path of the ONNX file.</summary>
    [JsonIgnore]
    public string OnnxPath => Path.Combine(Path.GetDirectoryName(CardPath) ?? ".", OnnxFile);

    /// <summary>Reads and checks the card of a street model (card path or ONNX path). Throws <see cref="ModelCardException"/>.</summary>
    public static StreetModelCard Load(string modelOrCardPath)
    {
        var (card, cardPath) = CardFile.Read<StreetModelCard>(modelOrCardPath);
        card = card with { CardPath = cardPath };
        card.Validate();
        return card;
    }

    private void Validate()
    {
        if (Input.SizePixels < 32 || Input.PixelScale <= 0 || Input.Mean.Count != 3 || Input.Std.Count != 3 ||
            Input.Std.Any(s => s <= 0))
        {
            throw new ModelCardException(CardPath,
                "input needs sizePixels >= 32, a positive pixelScale and 3 means and 3 positive stds");
        }

        if (Output.Format is not (StreetModelOutput.YoloFormat or StreetModelOutput.BoxesFormat))
        {
            throw new ModelCardException(CardPath,
                $"output.format must be \"{StreetModelOutput.YoloFormat}\" or \"{StreetModelOutput.BoxesFormat}\", not \"{Output.Format}\"");
        }

        if (Classes.Count == 0)
        {
            throw new ModelCardException(CardPath, "classes must name at least one class");
        }

        if (Thresholds.Score is <= 0 or >= 1 || Thresholds.Iou is <= 0 or > 1)
        {
            throw new ModelCardException(CardPath, "thresholds.score must lie in (0, 1) and thresholds.iou in (0, 1]");
        }

        if (!File.Exists(OnnxPath))
        {
            throw new ModelCardException(CardPath, $"the ONNX file {OnnxPath} does not exist");
        }
    }
}

/// <summary>The street model's input: NCHW float32 RGB, value = (byte * PixelScale - Mean[c]) / Std[c], square.</summary>
public sealed record StreetModelInput
{
    /// <summary>Input tensor name.</summary>
    public required string Name { get; init; }

    /// <summary>Side of the square input, pixels; frames are letterboxed into it (aspect kept, grey bars).</summary>
    public required int SizePixels { get; init; }

    /// <summary>Factor applied to 8-bit values before normalising (usually 1/255).</summary>
    public double PixelScale { get; init; } = 1 / 255.0;

    /// <summary>Per-channel mean subtracted after scaling.</summary>
    public IReadOnlyList<double> Mean { get; init; } = [0, 0, 0];

    /// <summary>Per-channel standard deviation divided by after subtracting the mean.</summary>
    public IReadOnlyList<double> Std { get; init; } = [1, 1, 1];
}

/// <summary>The street model's output tensor.</summary>
public sealed record StreetModelOutput
{
    /// <summary>
    /// Raw YOLO head (Ultralytics YOLOv8/YOLO11 export): [1, 4 + classes, N] or [1, N, 4 + classes], rows
    /// cx, cy, w, h in input pixels then one score per class; Vigil keeps the best class and suppresses overlaps.
    /// </summary>
    public const string YoloFormat = "yolo";

    /// <summary>Boxes after suppression: [1, N, 6], rows x1, y1, x2, y2 in input pixels, score, class index.</summary>
    public const string BoxesFormat = "boxes";

    /// <summary>Output tensor name.</summary>
    public required string Name { get; init; }

    /// <summary><see cref="YoloFormat"/> or <see cref="BoxesFormat"/>.</summary>
    public required string Format { get; init; }
}

/// <summary>Decision thresholds of the street model.</summary>
/// <param name="Score">Lowest class score kept.</param>
/// <param name="Iou">Overlap (intersection over union) above which the weaker of two boxes is dropped.</param>
public sealed record StreetModelThresholds(double Score = 0.35, double Iou = 0.5);
