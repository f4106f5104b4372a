using System.Globalization;
using OpenCvSharp;

namespace Vigil.Ledger.Reports;

/// <summary>Line and bar charts drawn with OpenCV as PNG: title, axes with ticks and labels, legend; "no data" when empty.</summary>
internal static class Chart
{
    public const int WidthPixels = 900;
    public const int HeightPixels = 460;

    /// <summary>The colour of the data (BGR): a blue that prints dark in grey.</summary>
    public static readonly Scalar SeriesColor = new(180, 110, 30);

    private const int Left = 80;
    private const int Right = 30;
    private const int Top = 60;
    private const int Bottom = 90;

    /// <summary>Labels on the x axis are thinned out to at most this many, so that they do not overlap.</summary>
    private const int MaxXLabels = 12;

    private static readonly Scalar Ink = Scalar.Black;
    private static readonly Scalar Grid = new(220, 220, 220);

    /// <summary>A line through the values, one point per label, with a dot on each.</summary>
    public static void Line(string path, string title, string yTitle, string legend, IReadOnlyList<string> labels, IReadOnlyList<double> values)
    {
        using var canvas = Frame(title, labels.Count == 0);
        if (labels.Count > 0)
        {
            var yMax = Axes(canvas, yTitle, labels, values, slotted: false, format: "0.##");
            var points = values.Select((v, i) => new Point(X(i, labels.Count, slotted: false), Y(v, yMax))).ToArray();
            if (points.Length > 1)
            {
                Cv2.Polylines(canvas, [points], isClosed: false, SeriesColor, 2, LineTypes.AntiAlias);
            }

            foreach (var p in points)
            {
                Cv2.Circle(canvas, p, 4, SeriesColor, -1, LineTypes.AntiAlias);
            }

            Legend(canvas, legend, filled: false);
        }

        Cv2.ImWrite(path, canvas);
    }

    /// <summary>One bar per label, with its value written above it (or <paramref name="barTexts"/> when given).</summary>
    public static void Bars(
        string path, string title, string yTitle, string legend, IReadOnlyList<string> labels, IReadOnlyList<double> values,
        string format, IReadOnlyList<string>? barTexts = null, double? yMaxFixed = null)
    {
        using var canvas = Frame(title, labels.Count == 0);
        if (labels.Count > 0)
        {
            var yMax = Axes(canvas, yTitle, labels, values, slotted: true, format, yMaxFixed);
            var slot = (WidthPixels - Left - Right) / (double)labels.Count;
            var half = (int)Math.Max(2, slot * 0.35);
            for (var i = 0; i < labels.Count; i++)
            {
                var x = X(i, labels.Count, slotted: true);
                var top = Y(values[i], yMax);
                Cv2.Rectangle(canvas, new Point(x - half, top), new Point(x + half, HeightPixels - Bottom), SeriesColor, -1);
                var text = barTexts?[i] ?? values[i].ToString(format, CultureInfo.InvariantCulture);
                Centered(canvas, text, x, top - 6, 0.45);
            }

            Legend(canvas, legend, filled: true);
        }

        Cv2.ImWrite(path, canvas);
    }

    private static Mat Frame(string title, bool empty)
    {
        var canvas = new Mat(HeightPixels, WidthPixels, MatType.CV_8UC3, Scalar.White);
        Centered(canvas, title, WidthPixels / 2, 32, 0.75, thickness: 2);
        if (empty)
        {
            Centered(canvas, "no data", WidthPixels / 2, HeightPixels / 2, 1.0, thickness: 2);
        }

        return canvas;
    }

    /// <summary>Draws the grid, ticks and labels; returns the value at the top of the y axis.</summary>
    private static double Axes(
        Mat canvas, string yTitle, IReadOnlyList<string> labels, IReadOnlyList<double> values, bool slotted, string format,
        double? yMaxFixed = null)
    {
        var (yMax, step) = yMaxFixed is { } fixedMax ? (fixedMax, fixedMax / 5) : NiceScale(values.DefaultIfEmpty(0).Max());
        for (var v = 0.0; v <= yMax + step / 2; v += step)
        {
            var y = Y(v, yMax);
            Cv2.Line(canvas, new Point(Left, y), new Point(WidthPixels - Right, y), Grid, 1);
            Cv2.Line(canvas, new Point(Left - 6, y), new Point(Left, y), Ink, 1);
            var text = v.ToString(format, CultureInfo.InvariantCulture);
            var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, 0.45, 1, out _);
            Cv2.PutText(canvas, text, new Point(Left - 10 - size.Width, y + size.Height / 2), HersheyFonts.HersheySimplex, 0.45, Ink, 1, LineTypes.AntiAlias);
        }

        Cv2.Line(canvas, new Point(Left, Top), new Point(Left, HeightPixels - Bottom), Ink, 2);
        Cv2.Line(canvas, new Point(Left, HeightPixels - Bottom), new Point(WidthPixels - Right, HeightPixels - Bottom), Ink, 2);
        var every = (int)Math.Ceiling(labels.Count / (double)MaxXLabels);
        for (var i = 0; i < labels.Count; i++)
        {
            var x = X(i, labels.Count, slotted);
            Cv2.Line(canvas, new Point(x, HeightPixels - Bottom), new Point(x, HeightPixels - Bottom + 6), Ink, 1);
            if (i % every == 0 || i == labels.Count - 1 && labels.Count <= MaxXLabels)
            {
                Centered(canvas, labels[i], x, HeightPixels - Bottom + 24, 0.42);
            }
        }

        Cv2.PutText(canvas, yTitle, new Point(10, Top - 14), HersheyFonts.HersheySimplex, 0.5, Ink, 1, LineTypes.AntiAlias);
        return yMax;
    }

    private static void Legend(Mat canvas, string legend, bool filled)
    {
        var size = Cv2.GetTextSize(legend, HersheyFonts.HersheySimplex, 0.5, 1, out _);
        var x = WidthPixels - Right - size.Width - 40;
        var y = HeightPixels - 30;
        Cv2.Rectangle(canvas, new Point(x - 10, y - 18), new Point(WidthPixels - Right, y + 10), Ink, 1);
        if (filled)
        {
            Cv2.Rectangle(canvas, new Point(x, y - 10), new Point(x + 18, y + 2), SeriesColor, -1);
        }
        else
        {
            Cv2.Line(canvas, new Point(x, y - 4), new Point(x + 18, y - 4), SeriesColor, 2, LineTypes.AntiAlias);
        }

        Cv2.PutText(canvas, legend, new Point(x + 26, y), HersheyFonts.HersheySimplex, 0.5, Ink, 1, LineTypes.AntiAlias);
    }

    private static int X(int index, int count, bool slotted)
    {
        var width = WidthPixels - Left - Right;
        return slotted || count == 1
            ? Left + (int)((index + 0.5) * width / count)
            : Left + (int)(index * (double)width / (count - 1));
    }

    private static int Y(double value, double yMax) =>
        HeightPixels - Bottom - (int)Math.Round(value / yMax * (HeightPixels - Bottom - Top));

    /// <summary>A round top for the y axis (1, 2 or 5 times a power of ten, at least 1) and a step giving about 5 ticks.</summary>
    private static (double Max, double Step) NiceScale(double max)
    {
        if (max <= 0)
        {
            return (1, 0.2);
        }

        var rough = max / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= rough);
        return (Math.Ceiling(max / step) * step, step);
    }

    private static void Centered(Mat canvas, string text, int x, int y, double scale, int thickness = 1)
    {
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, scale, thickness, out _);
        Cv2.PutText(canvas, text, new Point(x - size.Width / 2, y), HersheyFonts.HersheySimplex, scale, Ink, thickness, LineTypes.AntiAlias);
    }
}
