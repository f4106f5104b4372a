using Vigil.Core;

namespace Vigil.Ingest.Rasters;

/// <summary>What <see cref="RasterProbe"/> learned about a georeferenced raster, before any resampling.</summary>
/// <param name="Path">The file, as given.</param>
/// <param name="WidthPixels">Raster width in source pixels.</param>
/// <param name="HeightPixels">Raster height in source pixels.</param>
/// <param name="BandCount">Number of bands, alpha included.</param>
/// <param name="DataTypeName">GDAL name of the first band's data type: "Byte", "UInt16", "Float32"...</param>
/// <param name="CrsWkt">The raster's CRS as WKT.</param>
/// <param name="GeoTransform">The raster's geotransform, in units of <paramref name="CrsWkt"/>.</param>
/// <param name="CenterLongitude">WGS 84 longitude (degrees) of the raster's centre.</param>
/// <param name="CenterLatitude">WGS 84 latitude (degrees) of the raster's centre.</param>
/// <param name="ApproxGsdMeters">
/// Ground sample distance at the centre in metres: the square root of the area of a pixel there on the ground
/// (measured in the UTM zone containing the centre, so within about 0.1 % of true ground distance).
/// </param>
public sealed record RasterInfo(
    string Path,
    int WidthPixels,
    int HeightPixels,
    int BandCount,
    string DataTypeName,
    string CrsWkt,
    GeoTransform GeoTransform,
    double CenterLongitude,
    double CenterLatitude,
    double ApproxGsdMeters);
