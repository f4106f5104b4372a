using Vigil.Core;

namespace Vigil.Core.Tests;

/// <summary>Boxes of a 1000 x 600 frame placed on the ground: half field of view 45°, so the focal length is 500 px.</summary>
public sealed class SightingGeometryTests
{
    private static readonly SightingGeometry Geometry = new(HalfFieldOfViewDegrees: 45, CameraHeightMeters: 1.4, MaxRangeMeters: 40);
    private static readonly CameraPose Camera = new(10, 50, null, 30, null, null);

    [Theory]
    [InlineData(500, 30)]
    [InlineData(1000, 75)]
    [InlineData(0, 345)]
    public void The_bearing_follows_the_box_column(double centerX, double bearingDeg)
    {
        var sighting = Geometry.Locate("/f.jpg", Camera, 1000, 600, centerX, 400, "building", 0.9)!;

        Assert.Equal(bearingDeg, sighting.BearingDeg, 6);
    }

    [Fact]
    public void The_range_comes_from_where_the_box_meets_the_ground()
    {
        // 70 px below the horizon at f = 500 px is atan(0.14) down: a camera 1.4 m up sees the ground 10 m ahead.
        var sighting = Geometry.Locate("/f.jpg", Camera, 1000, 600, 500, 370, "building", 0.9)!;

        Assert.Equal(10, sighting.RangeMeters, 6);
        Assert.Equal(10, LocalMetricFrame.DistanceMeters(10, 50, sighting.LongitudeDeg, sighting.LatitudeDeg), 2);
        var (east, north) = new LocalMetricFrame(10, 50).ToMeters(sighting.LongitudeDeg, sighting.LatitudeDeg);
        Assert.Equal(30, LocalMetricFrame.BearingDeg(east, north), 3);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(100)]
    [InlineData(303)]
    public void A_foot_at_or_above_the_horizon_or_far_away_is_capped(double bottom)
    {
        var sighting = Geometry.Locate("/f.jpg", Camera, 1000, 600, 500, bottom, "building", 0.9)!;

        Assert.Equal(40, sighting.RangeMeters);
    }

    [Fact]
    public void A_frame_without_heading_places_nothing() =>
        Assert.Null(Geometry.Locate("/f.jpg", Camera with { YawDeg = null }, 1000, 600, 500, 400, "building", 0.9));
}
