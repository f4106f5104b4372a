using Vigil.Core;

namespace Vigil.Core.Tests;

public sealed class NadirGeoreferenceTests
{
    private static readonly CameraOptics Optics = new(FocalLengthMm: 10, SensorWidthMm: 10, SensorHeightMm: 7.5);

    [Fact]
    public void A_north_up_nadir_picture_is_centred_on_the_camera_with_height_over_focal_gsd()
    {
        var pose = new CameraPose(-83.7, 41.55, 100, 0, -90, null);

        var footprint = NadirGeoreference.Compute(pose, Optics, 1000, 750);

        var (e, n) = footprint.Zone.Forward(-83.7, 41.55);
        Assert.Equal(0.1, footprint.GsdMeters, 12);
        Assert.Equal(e, footprint.CenterUtm.Easting, 6);
        Assert.Equal(n, footprint.CenterUtm.Northing, 6);
        Assert.True(footprint.Transform.IsNorthUp);
        Assert.Equal(100 * 75, footprint.OutlineUtm.Area, 6);
    }

    [Fact]
    public void A_video_frame_of_90_degrees_across_covers_twice_its_height_on_the_ground()
    {
        var optics = CameraOptics.FromHorizontalFieldOfView(90, 1920, 1080);
        var pose = new CameraPose(-83.7, 41.55, 100, 0, -90, null);

        var footprint = NadirGeoreference.Compute(pose, optics, 1920, 1080);

        Assert.Equal(90, optics.HorizontalFieldOfViewDeg, 9);
        Assert.Equal(200.0 / 1920, footprint.GsdMeters, 12);
        Assert.Equal(200 * 200.0 * 1080 / 1920, footprint.OutlineUtm.Area, 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => CameraOptics.FromHorizontalFieldOfView(180, 1920, 1080));
    }

    [Fact]
    public void Yaw_90_puts_the_top_edge_east()
    {
        var pose = new CameraPose(-83.7, 41.55, 100, 90, -90, null);

        var footprint = NadirGeoreference.Compute(pose, Optics, 1000, 750);

        var (topX, topY) = footprint.Transform.PixelToWorld(500, 0);
        Assert.Equal(footprint.CenterUtm.Easting + 37.5, topX, 6);
        Assert.Equal(footprint.CenterUtm.Northing, topY, 6);
        var (rightX, rightY) = footprint.Transform.PixelToWorld(1000, 375);
        Assert.Equal(footprint.CenterUtm.Easting, rightX, 6);
        Assert.Equal(footprint.CenterUtm.Northing - 50, rightY, 6);
    }

    [Fact]
    public void A_slight_tilt_moves_the_centre_ahead_along_the_yaw()
    {
        var footprint = NadirGeoreference.Compute(new CameraPose(-83.7, 41.55, 100, 0, -85, null), Optics, 1000, 750);

        var (_, n) = footprint.Zone.Forward(-83.7, 41.55);
        Assert.Equal(n + 100 * Math.Tan(5 * Math.PI / 180), footprint.CenterUtm.Northing, 6);
    }

    [Theory]
    [InlineData(-45.0, "oblique")]
    [InlineData(-79.0, "oblique")]
    public void Oblique_pictures_are_rejected_with_the_reason(double pitch, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            NadirGeoreference.Compute(new CameraPose(-83.7, 41.55, 100, 0, pitch, null), Optics, 1000, 750));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void An_unknown_height_asks_for_altitude_agl()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            NadirGeoreference.Compute(new CameraPose(-83.7, 41.55, null, 0, -90, null), Optics, 1000, 750));

        Assert.Contains("--altitude-agl", error.Message);
    }

    [Fact]
    public void The_35mm_equivalent_scales_the_diagonal_to_full_frame()
    {
        var optics = CameraOptics.From35MmEquivalent(20, 4000, 3000);

        Assert.Equal(CameraOptics.FullFrameDiagonalMm * 0.8, optics.SensorWidthMm, 9);
        Assert.Equal(CameraOptics.FullFrameDiagonalMm * 0.6, optics.SensorHeightMm, 9);
    }
}
