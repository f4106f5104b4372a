using NetTopologySuite.IO;
using Vigil.Core;

namespace Vigil.Core.Tests;

public sealed class UtmZoneTests
{
    // Reference values from PROJ (GDAL 3.6 osr.CoordinateTransformation, EPSG:4326 -> EPSG:326zz/327zz).
    [Theory]
    [InlineData(39.24, -6.04, 37, false, 526558.7983, 9332367.8894)]
    [InlineData(32.59, 0.35, 36, true, 454377.7187, 38686.5181)]
    [InlineData(12.0, 60.0, 33, true, 332705.1789, 6655205.4836)]
    [InlineData(85.52, 27.62, 45, true, 353966.0664, 3055983.5130)]
    public void Forward_matches_proj_to_the_millimetre(
        double lon, double lat, int zone, bool north, double easting, double northing)
    {
        var utm = UtmZone.Containing(lon, lat);

        var (e, n) = utm.Forward(lon, lat);

        Assert.Equal(new UtmZone(zone, north), utm);
        Assert.Equal(easting, e, 0.002);
        Assert.Equal(northing, n, 0.002);
    }

    [Theory]
    [InlineData(39.24, -6.04)]
    [InlineData(-122.4, 37.8)]
    [InlineData(105.8, 21.0)]
    public void Inverse_undoes_forward(double lon, double lat)
    {
        var utm = UtmZone.Containing(lon, lat);
        var (e, n) = utm.Forward(lon + 0.01, lat - 0.01);

        var (backLon, backLat) = utm.Inverse(e, n);

        Assert.Equal(lon + 0.01, backLon, 1e-8); // 1e-8 degrees is about a millimetre
        Assert.Equal(lat - 0.01, backLat, 1e-8);
    }

    [Fact]
    public void Geometry_round_trip_keeps_area_and_sets_srids()
    {
        var zone = new UtmZone(37, false);
        var square = new WKTReader().Read("POLYGON ((526000 9332000, 526010 9332000, 526010 9332010, 526000 9332010, 526000 9332000))");

        var wgs84 = zone.ToWgs84(square);
        var back = zone.FromWgs84(wgs84);

        Assert.Equal(4326, wgs84.SRID);
        Assert.Equal(32737, back.SRID);
        Assert.Equal(100, back.Area, 1e-4);
        Assert.True(wgs84.EnvelopeInternal.MinX is > 39 and < 40);
    }
}
