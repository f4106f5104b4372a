using NetTopologySuite.Geometries;

namespace Vigil.Core;

/// <summary>
/// A coarse picture of what one tile's core showed: a north-up grid of square cells in the working CRS (UTM metres),
/// each a <see cref="GroundState"/>. Cells of one raster's chunks partition its ground without overlap; chunks of
/// different rasters (overlapping photos) may cover the same ground. Immutable once built; safe to read from any thread.
/// </summary>
/// <param name="Left">World X of the grid's left edge, working CRS.</param>
/// <param name="Top">World Y of the grid's top edge, working CRS.</param>
/// <param name="CellMeters">Side of a cell in metres.</param>
/// <param name="Columns">Cells across.</param>
/// <param name="Rows">Cells down; row 0 is the top.</param>
/// <param name="States">Rows x Columns cells, row-major, each a <see cref="GroundState"/>.</param>
public sealed record GroundEvidence(double Left, double Top, double CellMeters, int Columns, int Rows, byte[] States)
{
    /// <summary>The ground the chunk covers, working CRS.</summary>
    public Envelope Extent => new(Left, Left + Columns * CellMeters, Top - Rows * CellMeters, Top);

    /// <summary>The state of cell (<paramref name="column"/>, <paramref name="row"/>).</summary>
    public GroundState At(int column, int row) => (GroundState)States[row * Columns + column];
}
