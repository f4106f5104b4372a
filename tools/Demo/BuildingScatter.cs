using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Vigil.Demo;

/// <summary>
/// Places slightly rotated rectangular buildings at random inside an extent, keeping a gap between them and a margin
/// from the extent's edges. Deterministic for a <see cref="Random"/>; not thread-safe.
/// </summary>
/// <param name="random">Source of positions, sizes and angles.</param>
/// <param name="extent">Where buildings may stand, UTM metres.</param>
/// <param name="factory">Creates the outlines (carries the zone's SRID).</param>
/// <param name="marginMeters">Distance kept from the extent's edges to a building's centre.</param>
/// <param name="gapMeters">Smallest distance between two buildings.</param>
internal sealed class BuildingScatter(Random random, Envelope extent, GeometryFactory factory, double marginMeters, double gapMeters)
{
    private const int AttemptsPerBuilding = 400;

    private readonly List<Polygon> _placed = [];

    /// <summary>A new outline with sides between the bounds (metres), or null when no free place was found.</summary>
    public Polygon? Place(double minSideMeters, double maxSideMeters)
    {
        for (var attempt = 0; attempt < AttemptsPerBuilding; attempt++)
        {
            var w = minSideMeters + random.NextDouble() * (maxSideMeters - minSideMeters);
            var h = minSideMeters + random.NextDouble() * (maxSideMeters - minSideMeters) * 0.8;
            var cx = extent.MinX + marginMeters + random.NextDouble() * (extent.Width - 2 * marginMeters);
            var cy = extent.MinY + marginMeters + random.NextDouble() * (extent.Height - 2 * marginMeters);
            var angle = (random.NextDouble() - 0.5) * 0.5;
            var rect = (Polygon)AffineTransformation.RotationInstance(angle, cx, cy).Transform(
                factory.ToGeometry(new Envelope(cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2)));
            if (_placed.All(p => p.Distance(rect) > gapMeters))
            {
                _placed.Add(rect);
                return rect;
            }
        }

        return null;
    }
}
