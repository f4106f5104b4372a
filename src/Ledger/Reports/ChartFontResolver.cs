using ScottPlot;
using SkiaSharp;

namespace Vigil.Ledger.Reports;

/// <summary>Gives ScottPlot <see cref="ChartFont.Typeface"/> for <see cref="ChartFont.Family"/>, whatever the weight or slant.</summary>
internal sealed class ChartFontResolver : IFontResolver
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Adds the resolver to ScottPlot's list once per process.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                Fonts.FontResolvers.Add(new ChartFontResolver());
                _registered = true;
            }
        }
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        fontName == ChartFont.Family ? ChartFont.Typeface : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == ChartFont.Family ? ChartFont.Typeface : null;
}
