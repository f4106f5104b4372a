using Vigil.Core;

namespace Vigil.Ingest.Tests;

public sealed class CrsTransformTests
{
    [Fact]
    public void Utm_to_wgs84_agrees_with_utm_zone_inverse()
    {
        var zone = new UtmZone(37, false);

        var (lon, lat) = CrsTransform.ToWgs84(zone.EpsgName, 522000, 9318000);

        var expected = zone.Inverse(522000, 9318000);
        Assert.Equal(expected.Longitude, lon, 8);
        Assert.Equal(expected.Latitude, lat, 8);
    }

    [Fact]
    public void Epsg_4326_stays_longitude_first()
    {
        Assert.Equal((39.2, -6.1), CrsTransform.ToWgs84("EPSG:4326", 39.2, -6.1));
    }

    [Fact]
    public void An_unknown_crs_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => CrsTransform.ToWgs84("EPSG:999999", 0, 0));
    }
}
