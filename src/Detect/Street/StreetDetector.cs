using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using OpenCvSharp.Dnn;

namespace Vigil.Detect.Street;

/// <summary>
/// Runs a street-level object detector (card: <see cref="StreetModelCard"/>) on video frames: letterboxes each frame
/// into the model's square input, decodes the boxes of either output format, suppresses overlaps and maps the boxes
/// back to the frame's pixels. One ONNX Runtime session; not thread-safe.
/// </summary>
public sealed class StreetDetector : IDisposable
{
    /// <summary>Grey of the letterbox bars (the value YOLO exports are trained with).</summary>
    private const byte PadValue = 114;

    private readonly InferenceSession _session;

    /// <summary>Loads the model of <paramref name="card"/> with <paramref name="threads"/> intra-op threads.</summary>
    public StreetDetector(StreetModelCard card, int threads)
    {
        ArgumentNullException.ThrowIfNull(card);
        Card = card;
        using var options = new SessionOptions { IntraOpNumThreads = Math.Max(1, threads), InterOpNumThreads = 1 };
        try
        {
            _session = new InferenceSession(card.OnnxPath, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelCardException(card.OnnxPath, $"ONNX Runtime cannot load the model: {ex.Message}");
        }

        if (!_session.InputMetadata.ContainsKey(card.Input.Name) || !_session.OutputMetadata.ContainsKey(card.Output.Name))
        {
            throw new ModelCardException(card.OnnxPath,
                $"the network's input/output ({string.Join(", ", _session.InputMetadata.Keys)} / {string.Join(", ", _session.OutputMetadata.Keys)}) " +
                $"do not match the card's {card.Input.Name} / {card.Output.Name}");
        }
    }

    /// <summary>The card the model was loaded with.</summary>
    public StreetModelCard Card { get; }

    /// <summary>The boxes found in a BGR frame (as OpenCV reads a JPEG), best first.</summary>
    public IReadOnlyList<StreetBox> Detect(Mat frameBgr)
    {
        ArgumentNullException.ThrowIfNull(frameBgr);
        var size = Card.Input.SizePixels;
        var scale = Math.Min((double)size / frameBgr.Width, (double)size / frameBgr.Height);
        var padX = (size - (frameBgr.Width * scale)) / 2;
        var padY = (size - (frameBgr.Height * scale)) / 2;
        using var input = OrtValue.CreateTensorValueFromMemory(Letterbox(frameBgr, scale, padX, padY), [1, 3, size, size]);
        using var outputs = _session.Run(new RunOptions(), [Card.Input.Name], [input], [Card.Output.Name]);
        var output = outputs[0];
        var shape = output.GetTensorTypeAndShape().Shape;
        var values = output.GetTensorDataAsSpan<float>().ToArray();
        var raw = Card.Output.Format == StreetModelOutput.YoloFormat ? DecodeYolo(values, shape) : DecodeBoxes(values, shape);

        // Back to frame pixels, clipped to the frame.
        var boxes = raw.Select(b => new StreetBox(
            Math.Clamp((b.Left - padX) / scale, 0, frameBgr.Width), Math.Clamp((b.Top - padY) / scale, 0, frameBgr.Height),
            Math.Clamp((b.Right - padX) / scale, 0, frameBgr.Width), Math.Clamp((b.Bottom - padY) / scale, 0, frameBgr.Height),
            b.Score, b.ClassName)).Where(b => b.Right > b.Left && b.Bottom > b.Top).ToList();
        return Suppress(boxes);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private float[] Letterbox(Mat frameBgr, double scale, double padX, double padY)
    {
        var size = Card.Input.SizePixels;
        using var resized = new Mat();
        Cv2.Resize(frameBgr, resized, new Size((int)Math.Round(frameBgr.Width * scale), (int)Math.Round(frameBgr.Height * scale)),
            interpolation: InterpolationFlags.Area);
        using var canvas = new Mat(size, size, MatType.CV_8UC3, Scalar.All(PadValue));
        var left = (int)Math.Round(padX - 0.1);
        var top = (int)Math.Round(padY - 0.1);
        using (var roi = new Mat(canvas, new Rect(left, top, resized.Width, resized.Height)))
        {
            resized.CopyTo(roi);
        }

        var plane = size * size;
        var tensor = new float[3 * plane];
        var input = Card.Input;
        var bytes = new byte[3 * plane];
        System.Runtime.InteropServices.Marshal.Copy(canvas.Data, bytes, 0, bytes.Length);
        for (var c = 0; c < 3; c++)
        {
            // OpenCV holds BGR; the model takes RGB.
            var source = 2 - c;
            var mean = input.Mean[c];
            var std = input.Std[c];
            for (var i = 0; i < plane; i++)
            {
                tensor[(c * plane) + i] = (float)(((bytes[(3 * i) + source] * input.PixelScale) - mean) / std);
            }
        }

        return tensor;
    }

    private List<StreetBox> DecodeYolo(float[] values, long[] shape)
    {
        var fields = 4 + Card.Classes.Count;
        if (shape.Length != 3 || shape[0] != 1 || (shape[1] != fields && shape[2] != fields))
        {
            throw new ModelCardException(Card.OnnxPath,
                $"a yolo output must be [1, {fields}, N] or [1, N, {fields}] for {Card.Classes.Count} classes, not [{string.Join(", ", shape)}]");
        }

        var fieldsFirst = shape[1] == fields;
        var count = (int)(fieldsFirst ? shape[2] : shape[1]);
        float At(int box, int field) => fieldsFirst ? values[(field * count) + box] : values[(box * fields) + field];
        var boxes = new List<StreetBox>();
        for (var b = 0; b < count; b++)
        {
            var best = 0;
            for (var c = 1; c < Card.Classes.Count; c++)
            {
                best = At(b, 4 + c) > At(b, 4 + best) ? c : best;
            }

            var score = At(b, 4 + best);
            if (score < Card.Thresholds.Score)
            {
                continue;
            }

            double cx = At(b, 0), cy = At(b, 1), w = At(b, 2), h = At(b, 3);
            boxes.Add(new StreetBox(cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2), score, Card.Classes[best]));
        }

        return boxes;
    }

    private List<StreetBox> DecodeBoxes(float[] values, long[] shape)
    {
        if (shape.Length != 3 || shape[0] != 1 || shape[2] != 6)
        {
            throw new ModelCardException(Card.OnnxPath, $"a boxes output must be [1, N, 6], not [{string.Join(", ", shape)}]");
        }

        var boxes = new List<StreetBox>();
        for (var b = 0; b < shape[1]; b++)
        {
            var row = values.AsSpan(b * 6, 6);
            var cls = (int)Math.Round(row[5]);
            if (row[4] >= Card.Thresholds.Score && cls >= 0 && cls < Card.Classes.Count)
            {
                boxes.Add(new StreetBox(row[0], row[1], row[2], row[3], row[4], Card.Classes[cls]));
            }
        }

        return boxes;
    }

    /// <summary>Drops the weaker of two overlapping boxes (any class: one structure is one sighting), best first.</summary>
    private List<StreetBox> Suppress(List<StreetBox> boxes)
    {
        var rects = boxes.Select(b => new Rect2d(b.Left, b.Top, b.Right - b.Left, b.Bottom - b.Top));
        CvDnn.NMSBoxes(rects, boxes.Select(b => (float)b.Score), (float)Card.Thresholds.Score, (float)Card.Thresholds.Iou, out var keep);
        return keep.Select(i => boxes[i]).OrderByDescending(b => b.Score).ToList();
    }
}
