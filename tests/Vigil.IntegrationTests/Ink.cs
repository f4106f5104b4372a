using SkiaSharp;

namespace Vigil.IntegrationTests;

/// <summary>
/// The dark pixels of a piece of text, cropped to their bounding box: to compare what a chart drew with the same text
/// rendered by the font itself.
/// </summary>
internal sealed class Ink
{
    /// <summary>Luminance below which a pixel is ink (black text on white).</summary>
    private const int Threshold = 128;

    /// <summary>Bounding boxes of one text in one font and size differ by hinting and placement only, pixels.</summary>
    private const int SizeTolerancePixels = 3;

    /// <summary>Share of each side's ink within one pixel of the other's that makes two renderings the same text.</summary>
    private const double MinSharedInk = 0.85;

    private readonly bool[,] _mask;

    private Ink(bool[,] mask) => _mask = mask;

    public int Width => _mask.GetLength(1);

    public int Height => _mask.GetLength(0);

    /// <summary>The ink inside <paramref name="region"/> of a bitmap.</summary>
    public static Ink Of(SKBitmap bitmap, SKRectI region)
    {
        var dark = new List<(int X, int Y)>();
        for (var y = region.Top; y < region.Bottom; y++)
        {
            for (var x = region.Left; x < region.Right; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if ((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue) < Threshold)
                {
                    dark.Add((x, y));
                }
            }
        }

        if (dark.Count == 0)
        {
            return new Ink(new bool[0, 0]);
        }

        var (left, top) = (dark.Min(p => p.X), dark.Min(p => p.Y));
        var mask = new bool[dark.Max(p => p.Y) - top + 1, dark.Max(p => p.X) - left + 1];
        foreach (var (x, y) in dark)
        {
            mask[y - top, x - left] = true;
        }

        return new Ink(mask);
    }

    /// <summary>The text drawn black on white in <paramref name="typeface"/> at <paramref name="sizePixels"/>.</summary>
    public static Ink Render(string text, SKTypeface typeface, float sizePixels)
    {
        using var font = new SKFont(typeface, sizePixels) { Edging = SKFontEdging.Antialias };
        font.MeasureText(text, out var bounds);
        var (width, height) = ((int)Math.Ceiling(bounds.Width) + 20, (int)Math.Ceiling(bounds.Height) + 20);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            canvas.Clear(SKColors.White);
            canvas.DrawText(text, 10 - bounds.Left, 10 - bounds.Top, font, paint);
        }

        return Of(bitmap, new SKRectI(0, 0, width, height));
    }

    /// <summary>
    /// True when both are the same text: bounding boxes of about one size and, laid on each other by their top-left
    /// corner, most ink of each lies within a pixel of the other's.
    /// </summary>
    public bool Matches(Ink other) =>
        Width > 0 && other.Width > 0
        && Math.Abs(Width - other.Width) <= SizeTolerancePixels
        && Math.Abs(Height - other.Height) <= SizeTolerancePixels
        && SharedWith(other) >= MinSharedInk
        && other.SharedWith(this) >= MinSharedInk;

    public override string ToString() => $"{Width}x{Height} px, {Count()} ink px";

    private double SharedWith(Ink other)
    {
        var (inked, near) = (0, 0);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                if (!_mask[y, x])
                {
                    continue;
                }

                inked++;
                if (other.InkNear(x, y))
                {
                    near++;
                }
            }
        }

        return inked == 0 ? 0 : near / (double)inked;
    }

    private bool InkNear(int x, int y)
    {
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                var (px, py) = (x + dx, y + dy);
                if (px >= 0 && py >= 0 && px < Width && py < Height && _mask[py, px])
                {
                    return true;
                }
            }
        }

        return false;
    }

    private int Count() => _mask.Cast<bool>().Count(b => b);
}
