using Vigil.Ingest.Gdal;

namespace Vigil.Ingest;

/// <summary>Coordinate transformations through GDAL/PROJ. Thread-safe (each call builds its own transformation).</summary>
public static class CrsTransform
{
    /// <summary>Transforms one point to WGS 84 longitude/latitude in degrees (longitude first, whatever the CRS's axis order).</summary>
    /// <param name="crsWkt">The point's CRS: WKT, "EPSG:n" or anything else GDAL's OSRSetFromUserInput accepts.</param>
    /// <param name="x">Easting or longitude, in the CRS's units.</param>
    /// <param name="y">Northing or latitude, in the CRS's units.</param>
    /// <exception cref="ArgumentException">The CRS is not understood or cannot be transformed to WGS 84.</exception>
    public static (double Longitude, double Latitude) ToWgs84(string crsWkt, double x, double y)
    {
        ArgumentException.ThrowIfNullOrEmpty(crsWkt);
        GdalRuntime.EnsureInitialized();
        try
        {
            using var source = SpatialReferences.FromUserInput(crsWkt);
            using var wgs84 = SpatialReferences.Wgs84();
            using var transformation = SpatialReferences.Transformation(source, wgs84);
            Span<double> xs = [x];
            Span<double> ys = [y];
            SpatialReferences.Transform(transformation, xs, ys);
            return (xs[0], ys[0]);
        }
        catch (GdalException ex)
        {
            throw new ArgumentException($"cannot transform to WGS 84: {ex.Message}", nameof(crsWkt), ex);
        }
    }

    /// <summary>
    /// Transforms WGS 84 longitude/latitude points (degrees) into a CRS, in place: on return the arrays hold the
    /// CRS's x (easting or longitude) and y (northing or latitude).
    /// </summary>
    /// <exception cref="ArgumentException">The CRS is not understood or cannot be reached from WGS 84.</exception>
    public static void FromWgs84(string crsWkt, Span<double> longitudes, Span<double> latitudes)
    {
        ArgumentException.ThrowIfNullOrEmpty(crsWkt);
        GdalRuntime.EnsureInitialized();
        try
        {
            using var wgs84 = SpatialReferences.Wgs84();
            using var target = SpatialReferences.FromUserInput(crsWkt);
            using var transformation = SpatialReferences.Transformation(wgs84, target);
            SpatialReferences.Transform(transformation, longitudes, latitudes);
        }
        catch (GdalException ex)
        {
            throw new ArgumentException($"cannot transform from WGS 84: {ex.Message}", nameof(crsWkt), ex);
        }
    }
}
