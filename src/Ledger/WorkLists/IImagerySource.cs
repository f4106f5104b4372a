using NetTopologySuite.Geometries;
using Vigil.Ledger.Flights;

namespace Vigil.Ledger.WorkLists;

/// <summary>
/// Cuts a picture of the ground out of a flight's raster, for work lists. The ledger does not read rasters itself
/// (GDAL lives in the ingest stage); the CLI passes an implementation in.
/// </summary>
public interface IImagerySource
{
    /// <summary>The part of a raster that shows an area, at most <paramref name="maxSizePixels"/> on its longer side.</summary>
    /// <param name="rasterPath">A raster file of a flight (<see cref="FlightRow.Inputs"/>).</param>
    /// <param name="areaWgs84">The area to show, EPSG:4326 lon/lat.</param>
    /// <param name="maxSizePixels">The longest side of the picture; larger windows are downsampled.</param>
    /// <returns>The picture, or null when the raster does not show the area.</returns>
    /// <exception cref="IOException">The raster is missing or cannot be read; the message says which and why.</exception>
    ImageryCrop? Crop(string rasterPath, Envelope areaWgs84, int maxSizePixels);
}
