using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using Vigil.Core;

namespace Vigil.Detect;

/// <summary>
/// Turns whole pixel-space regions into world footprints: simplify, map through the grid's geotransform, drop the small
/// and the unsure (the card's minimum area and minimum confidence).
/// </summary>
internal sealed class FootprintBuilder(RasterGrid grid, string sourcePath, ModelThresholds thresholds)
{
    /// <summary>
    /// Douglas-Peucker tolerance in pixels: removes the staircase of pixel edges while keeping corners; one pixel is
    /// the resolution of the mask anyway.
    /// </summary>
    private const double SimplifyTolerancePixels = 1.0;

    private readonly GeometryFactory _worldFactory = new(new PrecisionModel(), grid.Crs.EpsgCode);

    /// <summary>Appends the footprints of <paramref name="piece"/> (one per polygon part) to <paramref name="into"/>.</summary>
    public void Build(PixelPiece piece, List<Footprint> into)
    {
        var simplified = TopologyPreservingSimplifier.Simplify(piece.Outline, SimplifyTolerancePixels);
        var confidence = piece.PixelCount == 0 ? 0 : piece.ProbabilitySum / piece.PixelCount;
        if (confidence < (thresholds.MinConfidence ?? 0))
        {
            return;
        }

        for (var i = 0; i < simplified.NumGeometries; i++)
        {
            if (simplified.GetGeometryN(i) is not Polygon part || part.IsEmpty)
            {
                continue;
            }

            var world = ToWorld(part);
            if (world.Area >= thresholds.MinAreaSquareMeters)
            {
                into.Add(new Footprint(world, confidence, sourcePath));
            }
        }
    }

    /// <summary>The world rectangle of a pixel rectangle of the grid.</summary>
    public Polygon WorldRectangle(PixelRect rect)
    {
        var t = grid.Transform;
        var (ax, ay) = t.PixelToWorld(rect.X0, rect.Y0);
        var (bx, by) = t.PixelToWorld(rect.X1, rect.Y1);
        return (Polygon)_worldFactory.ToGeometry(new Envelope(ax, bx, ay, by));
    }

    private Polygon ToWorld(Polygon pixelPolygon)
    {
        var t = grid.Transform;
        LinearRing Map(LineString ring) => _worldFactory.CreateLinearRing(ring.Coordinates.Select(c =>
        {
            var (x, y) = t.PixelToWorld(c.X, c.Y);
            return new Coordinate(x, y);
        }).ToArray());

        var shell = Map(pixelPolygon.ExteriorRing);
        var holes = pixelPolygon.InteriorRings.Select(Map).ToArray();
        return _worldFactory.CreatePolygon(shell, holes);
    }
}
