namespace Vigil.Detect;

/// <summary>
/// A run of a region's pixels on one seam line of the raster grid, in global pixel indices. Neighbouring tiles both
/// polygonize the pixels of the line between them, so the runs of the two pieces of one building coincide there.
/// </summary>
/// <param name="IsColumn">True for a vertical seam (the line is a pixel column), false for a horizontal one (a row).</param>
/// <param name="Line">Column (vertical seam) or row (horizontal seam) index.</param>
/// <param name="Start">First pixel of the run along the line (row for a column, column for a row).</param>
/// <param name="End">One past the last pixel of the run.</param>
internal readonly record struct SeamRun(bool IsColumn, int Line, int Start, int End)
{
    /// <summary>Pixels of the run.</summary>
    public int Length => End - Start;

    /// <summary>Pixels this run shares with <paramref name="other"/> (0 unless both lie on the same line).</summary>
    public int Shared(SeamRun other) =>
        IsColumn == other.IsColumn && Line == other.Line ? Math.Max(0, Math.Min(End, other.End) - Math.Max(Start, other.Start)) : 0;
}
