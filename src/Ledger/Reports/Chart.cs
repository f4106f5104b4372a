using System.Globalization;
using ScottPlot;

namespace Vigil.Ledger.Reports;

/// <summary>
/// Line and bar charts drawn with ScottPlot (SkiaSharp) as PNG in <see cref="ChartFont"/>, so that Chinese names and
/// labels are drawn as text: title, axes with ticks and labels, legend; "no data" when empty.
/// </summary>
internal static class Chart
{
    public const int WidthPixels = 900;
    public const int HeightPixels = 460;

    /// <summary>The colour of the data: a blue that prints dark in grey (BGR 180, 110, 30 as OpenCV reads it).</summary>
    public static readonly Color SeriesColor = new(30, 110, 180);

    /// <summary>Labels on the x axis are thinned out to at most this many, so that they do not overlap.</summary>
    private const int MaxXLabels = 13;

    /// <summary>A line through the values, one point per label, with a dot on each.</summary>
    public static void Line(string path, string title, string yTitle, string legend, string noData, IReadOnlyList<string> labels, IReadOnlyList<double> values)
    {
        var plot = Frame(title, yTitle);
        if (labels.Count == 0)
        {
            NoData(plot, noData);
        }
        else
        {
            var xs = Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray();
            var line = plot.Add.Scatter(xs, values.ToArray(), SeriesColor);
            line.LineWidth = 2;
            line.MarkerSize = 9;
            line.LineStyle.AntiAlias = false;
            XLabels(plot, labels);
            plot.Axes.SetLimitsX(-0.5, labels.Count - 0.5);
            plot.Axes.SetLimitsY(0, NiceTop(values.DefaultIfEmpty(0).Max()));
            Legend(plot, legend, filled: false);
        }

        Save(plot, path);
    }

    /// <summary>One bar per label, with its value written above it (or <paramref name="barTexts"/> when given).</summary>
    public static void Bars(
        string path, string title, string yTitle, string legend, string noData, IReadOnlyList<string> labels,
        IReadOnlyList<double> values, string format, IReadOnlyList<string>? barTexts = null, double? yMaxFixed = null)
    {
        var plot = Frame(title, yTitle);
        if (labels.Count == 0)
        {
            NoData(plot, noData);
        }
        else
        {
            var bars = Enumerable.Range(0, labels.Count).Select(i => new Bar
            {
                Position = i,
                Value = values[i],
                FillColor = SeriesColor,
                LineWidth = 0,
                Size = 0.7,
                Label = barTexts?[i] ?? values[i].ToString(format, CultureInfo.InvariantCulture),
            }).ToList();
            var plotted = plot.Add.Bars(bars);
            plotted.ValueLabelStyle.FontName = ChartFont.Family;
            plotted.ValueLabelStyle.FontSize = 13;
            XLabels(plot, labels);
            plot.Axes.SetLimitsX(-0.5, labels.Count - 0.5);
            plot.Axes.SetLimitsY(0, yMaxFixed ?? NiceTop(values.DefaultIfEmpty(0).Max()) * 1.08);
            Legend(plot, legend, filled: true);
        }

        Save(plot, path);
    }

    private static Plot Frame(string title, string yTitle)
    {
        ChartFontResolver.Register();
        var plot = new Plot();
        plot.Title(title, ChartFont.TitleSizePixels);
        plot.YLabel(yTitle, 15);
        plot.Font.Set(ChartFont.Family);
        plot.Axes.Title.Label.Bold = false;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        return plot;
    }

    private static void NoData(Plot plot, string noData)
    {
        var text = plot.Add.Text(noData, 0.5, 0.5);
        text.LabelFontName = ChartFont.Family;
        text.LabelFontSize = 26;
        text.LabelAlignment = Alignment.MiddleCenter;
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
    }

    private static void XLabels(Plot plot, IReadOnlyList<string> labels)
    {
        var every = (int)Math.Ceiling(labels.Count / (double)MaxXLabels);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < labels.Count; i++)
        {
            if (i % every == 0 || (i == labels.Count - 1 && labels.Count <= MaxXLabels))
            {
                ticks.AddMajor(i, labels[i]);
            }
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        var slotPixels = (WidthPixels - 100) / (double)Math.Min(labels.Count, MaxXLabels);
        if (labels.Max(LabelWidthPixels) > slotPixels * 0.9)
        {
            // Slanted up to the right and ending at the tick, as spreadsheets draw long category names.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperRight;
            plot.Axes.Bottom.MinimumSize = (float)(labels.Max(LabelWidthPixels) * 0.7) + 20;
        }
    }

    /// <summary>
    /// What the series shows, in a box at the top right, in the series' colour: a note rather than ScottPlot's legend,
    /// whose box is sized for Latin line heights and cuts the top off CJK text.
    /// </summary>
    private static void Legend(Plot plot, string legend, bool filled)
    {
        var note = plot.Add.Annotation((filled ? "■ " : "● ") + legend, Alignment.UpperRight);
        note.LabelFontName = ChartFont.Family;
        note.LabelFontSize = 13;
        note.LabelFontColor = SeriesColor;
        note.LabelBackgroundColor = Colors.White;
        note.LabelBorderColor = Colors.Gray;
        note.LabelShadowColor = Colors.Transparent;
    }

    private static void Save(Plot plot, string path)
    {
        // Set last, so that every label added (legend, bar values, notes) is measured and drawn in the CJK font.
        plot.Font.Set(ChartFont.Family);
        plot.SavePng(path, WidthPixels, HeightPixels);
    }

    /// <summary>Width of a tick label at 13 px, pixels: CJK characters are square, Latin ones about half as wide.</summary>
    private static double LabelWidthPixels(string label) => label.Sum(c => c > 0x2E80 ? 13.0 : 7.5);

    /// <summary>A round top for the y axis: 1, 2 or 5 times a power of ten, at least 1.</summary>
    private static double NiceTop(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= max);
    }
}
