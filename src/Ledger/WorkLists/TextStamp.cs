using OpenCvSharp;
using SkiaSharp;
using Vigil.Ledger.Reports;

namespace Vigil.Ledger.WorkLists;

/// <summary>
/// Text on a picture in <see cref="ChartFont"/>, black on a white box: captions that name flights in Chinese, which
/// OpenCV's Hershey fonts draw as question marks.
/// </summary>
public static class TextStamp
{
    /// <summary>Size of captions on the work list's pictures, pixels.</summary>
    public const float CaptionSizePixels = 15;

    /// <summary>Smallest size a caption is shrunk to, pixels: still legible on a printed page.</summary>
    public const float MinSizePixels = 8;

    /// <summary>White space around the text inside its box, pixels.</summary>
    public const int Padding = 3;

    /// <summary>
    /// The size at which <paramref name="text"/> fits in <paramref name="widthPixels"/> (its box's padding included):
    /// <paramref name="sizePixels"/>, or smaller down to <see cref="MinSizePixels"/> (then cut at the picture's edge).
    /// </summary>
    public static float FittedSize(string text, int widthPixels, float sizePixels = CaptionSizePixels)
    {
        using var font = new SKFont(ChartFont.Typeface, sizePixels);
        var textWidth = font.MeasureText(text);
        var room = widthPixels - (2 * Padding);
        return textWidth <= room ? sizePixels : Math.Max(MinSizePixels, (float)Math.Floor(sizePixels * room / textWidth));
    }

    /// <summary>
    /// Draws <paramref name="text"/> with the top-left corner of its box at <paramref name="topLeft"/>, shrunk to fit
    /// the canvas's width (<see cref="FittedSize"/>).
    /// </summary>
    internal static void Draw(Mat canvas, string text, Point topLeft, float sizePixels = CaptionSizePixels)
    {
        var (canvasWidth, canvasHeight) = (canvas.Width, canvas.Height);
        using var font = new SKFont(ChartFont.Typeface, FittedSize(text, canvasWidth - topLeft.X, sizePixels))
        {
            Edging = SKFontEdging.Antialias,
        };
        font.MeasureText(text, out var bounds);
        var width = (int)Math.Ceiling(bounds.Width) + (2 * Padding);
        var height = (int)Math.Ceiling(font.Metrics.Descent - font.Metrics.Ascent) + (2 * Padding);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        using (var surface = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            surface.Clear(SKColors.White);
            surface.DrawText(text, Padding - bounds.Left, Padding - font.Metrics.Ascent, font, paint);
        }

        for (var y = 0; y < height && topLeft.Y + y < canvasHeight; y++)
        {
            for (var x = 0; x < width && topLeft.X + x < canvasWidth; x++)
            {
                var c = bitmap.GetPixel(x, y);
                canvas.Set(topLeft.Y + y, topLeft.X + x, new Vec3b(c.Blue, c.Green, c.Red));
            }
        }
    }
}
