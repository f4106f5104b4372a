using OpenCvSharp;
using Vigil.Detect.Street;

namespace Vigil.Detect.Tests;

/// <summary>
/// The street-model path through ONNX Runtime with TestModels/street.onnx, a raw-YOLO graph whose boxes are the 80-px
/// cells (every 40 px of its 640-px input) that are bright.
/// </summary>
public sealed class StreetDetectorTests
{
    [Fact]
    public void A_bright_square_comes_back_as_one_box_in_frame_pixels()
    {
        // 1280x720 letterboxes at scale 0.5 with 140-px bars above and below: frame (800..960, 360..520) is the input
        // cell (400..480, 320..400), which the model reports alone; its half-covered neighbours score ~0.
        using var frame = new Mat(720, 1280, MatType.CV_8UC3, Scalar.All(0));
        frame.Rectangle(new Rect(800, 360, 160, 160), Scalar.All(255), -1);
        using var detector = new StreetDetector(StreetModelCard.Load(DetectorRun.Card("street")), 1);

        var box = Assert.Single(detector.Detect(frame));

        Assert.Equal("building", box.ClassName);
        Assert.InRange(box.Score, 0.99, 1.0);
        Assert.Equal(800, box.Left, 1);
        Assert.Equal(960, box.Right, 1);
        Assert.Equal(360, box.Top, 1);
        Assert.Equal(520, box.Bottom, 1);
    }

    [Fact]
    public void Of_two_overlapping_boxes_the_weaker_is_suppressed_and_the_rest_kept_best_first()
    {
        // Cell 80..160 is white (score ~0.99995); cell 120..200 is half white, half light grey (~0.9993) and overlaps
        // it by IoU 1/3, above the card's 0.3: it goes. A separate white square is a second box.
        using var frame = new Mat(640, 640, MatType.CV_8UC3, Scalar.All(0));
        frame.Rectangle(new Rect(80, 80, 80, 80), Scalar.All(255), -1);
        frame.Rectangle(new Rect(160, 80, 40, 80), Scalar.All(220), -1);
        frame.Rectangle(new Rect(400, 480, 80, 80), Scalar.All(255), -1);
        using var detector = new StreetDetector(StreetModelCard.Load(DetectorRun.Card("street")), 1);

        var boxes = detector.Detect(frame);

        Assert.Equal([80.0, 400.0], boxes.Select(b => b.Left).Order());
        Assert.True(boxes[0].Score >= boxes[1].Score);
    }

    [Fact]
    public void A_dark_frame_gives_no_box()
    {
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(30));
        using var detector = new StreetDetector(StreetModelCard.Load(DetectorRun.Card("street")), 1);

        Assert.Empty(detector.Detect(frame));
    }

    [Fact]
    public void A_card_with_an_unknown_output_format_is_refused_naming_the_file()
    {
        using var temp = new TempFolder();
        var card = Path.Combine(temp.Path, "odd.card.json");
        File.Copy(DetectorRun.Card("street").Replace(".card.json", ".onnx", StringComparison.Ordinal), Path.Combine(temp.Path, "street.onnx"));
        File.WriteAllText(card, File.ReadAllText(DetectorRun.Card("street")).Replace("\"yolo\"", "\"ssd\"", StringComparison.Ordinal));

        var ex = Assert.Throws<ModelCardException>(() => StreetModelCard.Load(card));

        Assert.Equal(card, ex.Path);
        Assert.Contains("output.format", ex.Message, StringComparison.Ordinal);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("vigil-street-").FullName;

        public void Dispose() => Directory.Delete(Path, true);
    }
}
