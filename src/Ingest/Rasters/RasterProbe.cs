using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>Reads a raster's size, type and georeferencing without reading its pixels. Thread-safe.</summary>
public static class RasterProbe
{
    /// <summary>Inspects a georeferenced raster in any format GDAL reads.</summary>
    /// <param name="path">A file path or a GDAL virtual path (/vsizip/..., /vsicurl/...).</param>
    /// <exception cref="InputException">
    /// The file is unreadable, damaged or not a raster, claims more pixels than <paramref name="limits"/> allow, is not georeferenced (no geotransform or no CRS), or its CRS cannot
    /// be transformed to WGS 84.
    /// </exception>
    /// <param name="limits">What the raster may claim (<see cref="RasterLimits.Default"/> when null).</param>
    public static RasterInfo Inspect(string path, RasterLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        GdalRuntime.EnsureInitialized();
        using var dataset = Datasets.OpenRaster(path);
        return Inspect(dataset, path, limits);
    }

    internal static RasterInfo Inspect(DatasetHandle dataset, string path, RasterLimits? limits = null)
    {
        var width = GdalNative.GDALGetRasterXSize(dataset);
        var height = GdalNative.GDALGetRasterYSize(dataset);
        var bandCount = GdalNative.GDALGetRasterCount(dataset);
        if (bandCount == 0 || width <= 0 || height <= 0)
        {
            throw new InputException(path, "not a raster: it holds no raster band");
        }

        (limits ?? RasterLimits.Default).Check(path, width, height, bandCount, Datasets.FileBytes(dataset));

        var dataType = Datasets.DataTypeName(GdalNative.GDALGetRasterDataType(Datasets.Band(dataset, 1)));
        var transform = Datasets.GetGeoTransform(dataset)
            ?? throw new InputException(path, "not georeferenced: it has no geotransform");
        var crsWkt = Datasets.GetCrsWkt(dataset)
            ?? throw new InputException(path, "not georeferenced: it has no CRS");
        if (transform.PixelWidth * transform.PixelHeight - transform.RowRotation * transform.ColumnRotation == 0)
        {
            throw new InputException(path, "not georeferenced: its geotransform is singular");
        }

        double[] xs;
        double[] ys;
        try
        {
            (xs, ys) = CenterPixelToWgs84(crsWkt, transform, width, height);
        }
        catch (GdalException ex)
        {
            throw new InputException(path, $"its CRS cannot be transformed to WGS 84: {ex.Message}", ex);
        }

        return new RasterInfo(
            path, width, height, bandCount, dataType, crsWkt, transform,
            xs[0], ys[0], GroundPixelSizeMeters(xs, ys));
    }

    /// <summary>The raster's centre and the points one pixel right of and below it, as WGS 84 lon/lat.</summary>
    private static (double[] Longitudes, double[] Latitudes) CenterPixelToWgs84(
        string crsWkt, GeoTransform transform, int width, int height)
    {
        var column = width / 2.0;
        var row = height / 2.0;
        var xs = new double[3];
        var ys = new double[3];
        (xs[0], ys[0]) = transform.PixelToWorld(column, row);
        (xs[1], ys[1]) = transform.PixelToWorld(column + 1, row);
        (xs[2], ys[2]) = transform.PixelToWorld(column, row + 1);

        using var source = SpatialReferences.FromUserInput(crsWkt);
        using var wgs84 = SpatialReferences.Wgs84();
        using var toWgs84 = SpatialReferences.Transformation(source, wgs84);
        SpatialReferences.Transform(toWgs84, xs, ys);
        return (xs, ys);
    }

    private static double GroundPixelSizeMeters(double[] longitudes, double[] latitudes)
    {
        var zone = UtmZone.Containing(longitudes[0], latitudes[0]);
        var origin = zone.Forward(longitudes[0], latitudes[0]);
        var right = zone.Forward(longitudes[1], latitudes[1]);
        var down = zone.Forward(longitudes[2], latitudes[2]);
        var area = Math.Abs(
            (right.Easting - origin.Easting) * (down.Northing - origin.Northing) -
            (right.Northing - origin.Northing) * (down.Easting - origin.Easting));
        return Math.Sqrt(area);
    }
}
