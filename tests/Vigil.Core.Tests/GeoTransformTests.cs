using Vigil.Core;

namespace Vigil.Core.Tests;

public sealed class GeoTransformTests
{
    [Fact]
    public void Pixel_and_world_coordinates_round_trip_on_a_rotated_grid()
    {
        var transform = new GeoTransform(1000, 0.5, 0.1, 2000, 0.05, -0.5);

        var (x, y) = transform.PixelToWorld(10.5, 20.25);
        var (column, row) = transform.WorldToPixel(x, y);

        Assert.Equal(10.5, column, 1e-9);
        Assert.Equal(20.25, row, 1e-9);
    }

    [Fact]
    public void North_up_grid_puts_pixel_centres_half_a_pixel_inside()
    {
        var transform = GeoTransform.NorthUp(500000, 9300000, 0.15);

        var (x, y) = transform.PixelToWorld(0.5, 0.5);

        Assert.Equal(500000.075, x, 1e-9);
        Assert.Equal(9299999.925, y, 1e-9);
        Assert.True(transform.IsNorthUp);
    }
}
