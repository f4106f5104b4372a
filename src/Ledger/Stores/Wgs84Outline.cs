using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Vigil.Ledger.Stores;

/// <summary>The form every store keeps outlines in: a multipolygon, EPSG:4326 lon/lat, SRID 4326.</summary>
internal static class Wgs84Outline
{
    public const int Srid = 4326;

    private static readonly GeometryFactory Wgs84Factory = NtsGeometryServices.Instance.CreateGeometryFactory(Srid);

    /// <summary>A polygonal lon/lat geometry as a multipolygon with SRID 4326.</summary>
    /// <exception cref="ArgumentException">Empty, not polygonal, in another CRS, or outside lon/lat bounds.</exception>
    public static MultiPolygon Normalize(Geometry wgs84, string paramName)
    {
        ArgumentNullException.ThrowIfNull(wgs84, paramName);
        // 0 and -1 mean "not set" (NTS readers use either); anything else must be 4326.
        if (wgs84.SRID > 0 && wgs84.SRID != Srid)
        {
            throw new ArgumentException($"The geometry must be EPSG:4326 lon/lat; its SRID is {wgs84.SRID}.", paramName);
        }

        if (wgs84.IsEmpty)
        {
            throw new ArgumentException("The geometry is empty.", paramName);
        }

        var multi = wgs84 switch
        {
            MultiPolygon m => Wgs84Factory.CreateMultiPolygon([.. m.Geometries.Cast<Polygon>()]),
            Polygon p => Wgs84Factory.CreateMultiPolygon([p]),
            // Unions and overlays can return a collection of polygons; their parts are what the layer stores.
            GeometryCollection c when c.Geometries.All(g => g is Polygon or MultiPolygon) =>
                Wgs84Factory.CreateMultiPolygon([.. PolygonExtracter.GetPolygons(c).Cast<Polygon>()]),
            _ => throw new ArgumentException($"The geometry must be a polygon or multipolygon, not {wgs84.GeometryType}.", paramName),
        };

        var extent = multi.EnvelopeInternal;
        // A projected outline passed by mistake has metre coordinates far outside these bounds.
        if (extent.MinX < -180 || extent.MaxX > 180 || extent.MinY < -90 || extent.MaxY > 90)
        {
            throw new ArgumentException($"The geometry's extent {extent} is not lon/lat degrees.", paramName);
        }

        return multi;
    }

    /// <summary>Named areas as <see cref="Normalize"/> makes each, in the given order.</summary>
    /// <param name="areas">The areas by name.</param>
    /// <param name="paramName">The argument they came in, for messages.</param>
    /// <param name="what">What they are, plural, for messages: "black-list zones".</param>
    /// <exception cref="ArgumentException">A name is blank or repeated, or a geometry is refused by <see cref="Normalize"/>.</exception>
    public static List<(string Name, MultiPolygon Area)> NormalizeNamed(
        IReadOnlyList<(string Name, Geometry Wgs84)> areas, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(areas, paramName);
        var rows = new List<(string Name, MultiPolygon Area)>(areas.Count);
        foreach (var (name, geometry) in areas)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
            rows.Add((name, Normalize(geometry, paramName)));
        }

        var duplicate = rows.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two {what} are named '{duplicate.Key}'.", paramName);
        }

        return rows;
    }
}
