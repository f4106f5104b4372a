using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Vigil.Ledger;

/// <summary>
/// Converts between NTS geometries and GeoPackage geometry blobs for the ledger's MULTIPOLYGON layers, EPSG:4326.
/// </summary>
internal static class GeoPackageGeometry
{
    /// <summary>
    /// The blob of a polygonal lon/lat geometry written as a multipolygon with SRID 4326, and its extent.
    /// </summary>
    /// <exception cref="ArgumentException">Empty, not polygonal, in another CRS, or outside lon/lat bounds.</exception>
    public static (byte[] Blob, Envelope Extent) Write(Geometry wgs84, string paramName)
    {
        var multi = Wgs84Outline.Normalize(wgs84, paramName);
        var writer = new GeoPackageGeoWriter { HandleOrdinates = Ordinates.XY };
        return (writer.Write(multi), multi.EnvelopeInternal);
    }

    /// <summary>The geometry stored in a blob, SRID from its header.</summary>
    public static Geometry Read(byte[] blob) => new GeoPackageGeoReader { HandleSRID = true }.Read(blob);
}
