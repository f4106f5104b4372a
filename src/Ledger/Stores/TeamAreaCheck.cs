using System.Globalization;
using NetTopologySuite.Geometries;

namespace Vigil.Ledger.Stores;

/// <summary>The checks both stores make on team areas before replacing them, so they refuse with the same message.</summary>
internal static class TeamAreaCheck
{
    /// <summary>
    /// Overlap tolerated between two areas, square degrees (about 0.01 m² at mid latitudes): neighbouring areas drawn
    /// on a shared border touch with rounding noise, which is not an overlap.
    /// </summary>
    private const double OverlapToleranceSquareDegrees = 1e-12;

    /// <summary>Length of a degree of latitude, metres (mean).</summary>
    private const double MetersPerDegree = 111_320;

    /// <summary>
    /// The areas as multipolygons with SRID 4326, in the given order.
    /// </summary>
    /// <exception cref="ArgumentException">A name is blank or repeated, a geometry is invalid, or two areas overlap.</exception>
    public static List<(string Name, MultiPolygon Area)> Normalize(IReadOnlyList<(string Team, Geometry Wgs84)> areas, string paramName)
    {
        var rows = Wgs84Outline.NormalizeNamed(areas, paramName, "team areas");
        foreach (var (team, area) in rows)
        {
            if (!area.IsValid)
            {
                throw new ArgumentException($"The area of team '{team}' is not a valid polygon (it crosses itself).", paramName);
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = i + 1; j < rows.Count; j++)
            {
                if (!rows[i].Area.EnvelopeInternal.Intersects(rows[j].Area.EnvelopeInternal))
                {
                    continue;
                }

                var overlap = rows[i].Area.Intersection(rows[j].Area);
                if (overlap.Area > OverlapToleranceSquareDegrees)
                {
                    // For the message only: a square degree's ground area at the overlap's latitude.
                    var squareMeters = overlap.Area * MetersPerDegree * MetersPerDegree * Math.Cos(overlap.Centroid.Y * Math.PI / 180);
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"The areas of teams '{rows[i].Name}' and '{rows[j].Name}' overlap (about {squareMeters:F0} m²); a case must belong to one team."),
                        paramName);
                }
            }
        }

        return rows;
    }
}
