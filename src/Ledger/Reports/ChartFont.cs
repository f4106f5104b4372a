using SkiaSharp;

namespace Vigil.Ledger.Reports;

/// <summary>
/// The font of the charts: Noto Sans CJK SC (Debian's <c>fonts-noto-cjk</c>, installed by scripts/setup.sh), which
/// draws Chinese team names, flight ids and labels as well as Latin text. Loaded once; thread-safe.
/// </summary>
public static class ChartFont
{
    /// <summary>The family name the charts ask ScottPlot for.</summary>
    public const string Family = "Noto Sans CJK SC";

    /// <summary>
    /// The face of the Simplified Chinese glyphs in Noto's font collection (JP, KR, SC, TC, HK, in that order); the other
    /// faces draw some Han characters the Japanese or traditional way.
    /// </summary>
    public const int CollectionIndex = 2;

    /// <summary>Size of the charts' titles, pixels.</summary>
    public const float TitleSizePixels = 22;

    /// <summary>Where Debian and other distributions put the collection.</summary>
    public static readonly IReadOnlyList<string> Candidates =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
    ];

    private static readonly Lazy<SKTypeface> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The font file in use.</summary>
    /// <exception cref="FileNotFoundException">No CJK font is installed; the message says which package to install.</exception>
    public static string Path => Candidates.FirstOrDefault(File.Exists) ?? throw Missing();

    /// <summary>The typeface the charts draw with; shared, never dispose it.</summary>
    /// <exception cref="InvalidDataException">The font file cannot be read.</exception>
    /// <exception cref="FileNotFoundException">No CJK font is installed; the message says which package to install.</exception>
    public static SKTypeface Typeface => Loaded.Value;

    private static SKTypeface Load() =>
        SKTypeface.FromFile(Path, CollectionIndex) ?? throw new InvalidDataException(
            $"the chart font {Path} cannot be read; reinstall fonts-noto-cjk (apt-get install --reinstall fonts-noto-cjk)");

    private static FileNotFoundException Missing() => new(
        "the charts need a CJK font to draw Chinese names and none is installed: run scripts/setup.sh, or apt-get install "
        + $"fonts-noto-cjk (looked for {string.Join(", ", Candidates)})");
}
