namespace Vigil.Runs.Office;

/// <summary>
/// Columns on a terminal: Chinese, Japanese and Korean characters take two cells, so padding by characters would leave
/// the columns after a Chinese team name out of line.
/// </summary>
public static class DisplayText
{
    /// <summary>Cells <paramref name="text"/> takes on a terminal: two for a wide (East Asian) character, one otherwise.</summary>
    public static int Width(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Sum(c => IsWide(c) ? 2 : 1);
    }

    /// <summary><paramref name="text"/> followed by spaces up to <paramref name="cells"/> cells (none when it is wider).</summary>
    public static string PadRight(string text, int cells) => text + new string(' ', Math.Max(0, cells - Width(text)));

    /// <summary>East Asian wide and full-width characters (Unicode's EastAsianWidth W and F) of the basic plane.</summary>
    private static bool IsWide(char c) =>
        c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
            or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60')
            or (>= '\uFFE0' and <= '\uFFE6');
}
