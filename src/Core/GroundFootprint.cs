using NetTopologySuite.Geometries;

namespace Vigil.Core;

/// <summary>
/// Where a near-nadir picture lies on the ground, in a UTM zone: its outline, the affine geotransform from its pixels
/// (rotated by the camera's yaw) and its ground sample distance. Immutable.
/// </summary>
/// <param name="Zone">The UTM zone of every coordinate here.</param>
/// <param name="Transform">Pixel (column, row) to UTM metres; carries rotation terms when the image is not north-up.</param>
/// <param name="WidthPixels">Image width.</param>
/// <param name="HeightPixels">Image height.</param>
/// <param name="GsdMeters">Ground sample distance, metres per pixel (square pixels).</param>
public sealed record GroundFootprint(UtmZone Zone, GeoTransform Transform, int WidthPixels, int HeightPixels, double GsdMeters)
{
    /// <summary>The image's outline on the ground: four corners, UTM metres, SRID set to the zone's EPSG code.</summary>
    public Polygon OutlineUtm
    {
        get
        {
            var corners = new[] { (0.0, 0.0), (WidthPixels, 0.0), (WidthPixels, HeightPixels), (0.0, HeightPixels), (0.0, 0.0) }
                .Select(c => Transform.PixelToWorld(c.Item1, c.Item2))
                .Select(w => new Coordinate(w.X, w.Y))
                .ToArray();
            var factory = new GeometryFactory(new PrecisionModel(), Zone.EpsgCode);
            return factory.CreatePolygon(corners);
        }
    }

    /// <summary>UTM position of the image centre, metres.</summary>
    public (double Easting, double Northing) CenterUtm => Transform.PixelToWorld(WidthPixels / 2.0, HeightPixels / 2.0);
}
