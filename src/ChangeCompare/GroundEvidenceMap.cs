using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Quadtree;
using NetTopologySuite.Operation.Union;
using Vigil.Core;

namespace Vigil.ChangeCompare;

/// <summary>
/// The ground evidence of a flight gathered chunk by chunk (<see cref="GroundEvidence"/>), answering share-of-polygon
/// questions in the working CRS. Ground no chunk covers counts as <see cref="GroundState.NoImagery"/>. Not
/// thread-safe: one stage adds and asks.
/// </summary>
public sealed class GroundEvidenceMap
{
    private readonly Quadtree<GroundEvidence> _chunks = new();

    /// <summary>Chunks held.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one chunk.</summary>
    public void Add(GroundEvidence chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _chunks.Insert(chunk.Extent, chunk);
        Count++;
    }

    /// <summary>
    /// Square metres of <paramref name="area"/> (polygonal, working CRS) in each state, by the cells whose centre lies
    /// inside it; what no cell covers is <see cref="GroundState.NoImagery"/>. Ground two chunks cover (overlapping
    /// photos) counts once per chunk, so the other states may add up to more than the area.
    /// </summary>
    public GroundTally Tally(Geometry area)
    {
        ArgumentNullException.ThrowIfNull(area);
        var squareMeters = new double[4];
        var locator = new IndexedPointInAreaLocator(area);
        foreach (var (chunk, column, row) in CellsIn(area.EnvelopeInternal))
        {
            var (x, y) = Centre(chunk, column, row);
            if (locator.Locate(new Coordinate(x, y)) != Location.Exterior)
            {
                squareMeters[(int)chunk.At(column, row)] += chunk.CellMeters * chunk.CellMeters;
            }
        }

        var seen = squareMeters[1] + squareMeters[2] + squareMeters[3];
        var unseen = Math.Max(squareMeters[0], area.Area - seen);
        return new GroundTally(area.Area, unseen, squareMeters[1], squareMeters[2], squareMeters[3]);
    }

    /// <summary>
    /// The cells the model holds to be confidently building within <paramref name="window"/>, as one polygonal
    /// geometry in the working CRS (empty when none).
    /// </summary>
    public Geometry BuildingWithin(Envelope window, GeometryFactory factory)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(factory);
        var runs = new List<Geometry>();
        foreach (var chunk in _chunks.Query(window).Where(c => c.Extent.Intersects(window)))
        {
            var (c0, c1, r0, r1) = Range(chunk, window);
            for (var r = r0; r < r1; r++)
            {
                // Horizontal runs of building cells, one rectangle each: far fewer pieces to union than cells.
                var start = -1;
                for (var c = c0; c <= c1; c++)
                {
                    var building = c < c1 && chunk.At(c, r) == GroundState.Building;
                    if (building && start < 0)
                    {
                        start = c;
                    }
                    else if (!building && start >= 0)
                    {
                        var top = chunk.Top - r * chunk.CellMeters;
                        runs.Add(factory.ToGeometry(new Envelope(
                            chunk.Left + start * chunk.CellMeters, chunk.Left + c * chunk.CellMeters, top - chunk.CellMeters, top)));
                        start = -1;
                    }
                }
            }
        }

        return runs.Count == 0 ? factory.CreatePolygon() : UnaryUnionOp.Union(runs);
    }

    private IEnumerable<(GroundEvidence Chunk, int Column, int Row)> CellsIn(Envelope window)
    {
        foreach (var chunk in _chunks.Query(window).Where(c => c.Extent.Intersects(window)))
        {
            var (c0, c1, r0, r1) = Range(chunk, window);
            for (var r = r0; r < r1; r++)
            {
                for (var c = c0; c < c1; c++)
                {
                    yield return (chunk, c, r);
                }
            }
        }
    }

    /// <summary>Columns [c0, c1) and rows [r0, r1) of the chunk's cells that touch <paramref name="window"/>.</summary>
    private static (int C0, int C1, int R0, int R1) Range(GroundEvidence chunk, Envelope window) => (
        Math.Clamp((int)Math.Floor((window.MinX - chunk.Left) / chunk.CellMeters), 0, chunk.Columns),
        Math.Clamp((int)Math.Ceiling((window.MaxX - chunk.Left) / chunk.CellMeters), 0, chunk.Columns),
        Math.Clamp((int)Math.Floor((chunk.Top - window.MaxY) / chunk.CellMeters), 0, chunk.Rows),
        Math.Clamp((int)Math.Ceiling((chunk.Top - window.MinY) / chunk.CellMeters), 0, chunk.Rows));

    private static (double X, double Y) Centre(GroundEvidence chunk, int column, int row) =>
        (chunk.Left + (column + 0.5) * chunk.CellMeters, chunk.Top - (row + 0.5) * chunk.CellMeters);
}
