using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO;

namespace Vigil.Ledger;

/// <summary>
/// Converts between NTS geometries and GeoPackage geometry blobs for the ledger's MULTIPOLYGON layers, EPSG:4326.
/// </summary>
internal static class GeoPackageGeometry
{
    public const int Wgs84Srid = 4326;

    private static readonly GeometryFactory Wgs84Factory = NtsGeometryServices.Instance.CreateGeometryFactory(Wgs84Srid);

    /// <summary>
    /// The blob of a polygonal lon/lat geometry written as a multipolygon with SRID 4326, and its extent.
    /// </summary>
    /// <exception cref="ArgumentException">Empty, not polygonal, in another CRS, or outside lon/lat bounds.</exception>
    public static (byte[] Blob, Envelope Extent) Write(Geometry wgs84, string paramName)
    {
        ArgumentNullException.ThrowIfNull(wgs84, paramName);
        // 0 and -1 mean "not set" (NTS readers use either); anything else must be 4326.
        if (wgs84.SRID > 0 && wgs84.SRID != Wgs84Srid)
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

        var writer = new GeoPackageGeoWriter { HandleOrdinates = Ordinates.XY };
        return (writer.Write(multi), extent);
    }

    /// <summary>The geometry stored in a blob, SRID from its header.</summary>
    public static Geometry Read(byte[] blob) => new GeoPackageGeoReader { HandleSRID = true }.Read(blob);
}
