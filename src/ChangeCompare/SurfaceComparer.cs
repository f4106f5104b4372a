using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Vigil.Core;

namespace Vigil.ChangeCompare;

/// <summary>
/// Heights from surface models: a structure's height above the ground around it, and the roof area of a registered
/// building that rose between two epochs. Pure and thread-safe.
/// </summary>
public static class SurfaceComparer
{
    /// <summary>Inner edge of the ring around a footprint where the ground is sampled, metres (clear of eaves).</summary>
    private const double GroundRingInnerMeters = 1.5;

    /// <summary>Outer edge of the ground ring, metres: wide enough to reach open ground between close buildings.</summary>
    private const double GroundRingOuterMeters = 6;

    /// <summary>Percentile of the ring's heights taken as the ground: low, because walls, cars and trees are in it too.</summary>
    private const double GroundPercentile = 0.1;

    /// <summary>
    /// Height of a structure above the ground around it, metres: the median surface height inside the outline minus a
    /// low percentile of the heights in a ring around it. Null when the grid holds too little of either.
    /// </summary>
    /// <param name="outline">Footprint, working CRS.</param>
    /// <param name="surface">The DSM, working CRS.</param>
    public static double? HeightAboveGround(Geometry outline, HeightGrid surface)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(surface);
        var roof = Sample(outline, surface, (x, y) => surface.At(x, y)).Select(s => s.Value).ToList();
        var ring = outline.Buffer(GroundRingOuterMeters).Difference(outline.Buffer(GroundRingInnerMeters));
        var ground = Sample(ring, surface, (x, y) => surface.At(x, y)).Select(s => s.Value).ToList();
        if (roof.Count == 0 || ground.Count == 0)
        {
            return null;
        }

        return Percentile(roof, 0.5) - Percentile(ground, GroundPercentile);
    }

    /// <summary>
    /// The rooftop addition on a registered building between two surface models: the roof area that rose by more than
    /// <see cref="ChangeOptions.RiseMeters"/>, and its mean rise. Null when that area is not above
    /// <see cref="ChangeOptions.RiseMinSquareMeters"/> (or the grids do not both cover the building).
    /// </summary>
    /// <param name="outline">The registered footprint, working CRS.</param>
    /// <param name="before">The earlier DSM.</param>
    /// <param name="after">This flight's DSM; its pixels are the ones counted.</param>
    /// <param name="options">Rise thresholds.</param>
    public static (double RaisedSquareMeters, double MeanRiseMeters)? RooftopAddition(
        Geometry outline, HeightGrid before, HeightGrid after, ChangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(options);
        var raised = 0;
        var riseSum = 0.0;
        foreach (var (value, x, y) in Sample(outline, after, (x, y) => after.At(x, y)))
        {
            var rise = value - before.At(x, y);
            if (rise > options.RiseMeters)
            {
                raised++;
                riseSum += rise;
            }
        }

        var area = raised * after.GsdMeters * after.GsdMeters;
        return area > options.RiseMinSquareMeters ? (area, riseSum / raised) : null;
    }

    /// <summary>Values at the centres of the grid's pixels inside a polygon, NaN skipped.</summary>
    private static IEnumerable<(double Value, double X, double Y)> Sample(Geometry area, HeightGrid grid, Func<double, double, double> at)
    {
        var locator = new IndexedPointInAreaLocator(area);
        var envelope = area.EnvelopeInternal;
        var (c0, r0) = grid.Transform.WorldToPixel(envelope.MinX, envelope.MaxY);
        var (c1, r1) = grid.Transform.WorldToPixel(envelope.MaxX, envelope.MinY);
        var columns = (Math.Max(0, (int)Math.Floor(c0)), Math.Min(grid.WidthPixels - 1, (int)Math.Ceiling(c1)));
        var rows = (Math.Max(0, (int)Math.Floor(r0)), Math.Min(grid.HeightPixels - 1, (int)Math.Ceiling(r1)));
        for (var r = rows.Item1; r <= rows.Item2; r++)
        {
            for (var c = columns.Item1; c <= columns.Item2; c++)
            {
                var (x, y) = grid.Transform.PixelToWorld(c + 0.5, r + 0.5);
                if (locator.Locate(new Coordinate(x, y)) != Location.Interior)
                {
                    continue;
                }

                var value = at(x, y);
                if (!double.IsNaN(value))
                {
                    yield return (value, x, y);
                }
            }
        }
    }

    private static double Percentile(List<double> values, double share)
    {
        values.Sort();
        return values[(int)Math.Round(share * (values.Count - 1))];
    }
}
