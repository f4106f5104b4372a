using Vigil.Core;

namespace Vigil.Core.Tests;

public sealed class WebMercatorTileTests
{
    [Fact]
    public void Tiananmen_lies_in_the_tile_web_maps_give_it_and_inside_its_bounds()
    {
        // OpenStreetMap's tile for 116.3975 E, 39.9087 N at zoom 10 is 10/843/388.
        var tile = WebMercatorTile.Containing(116.3975, 39.9087, 10);
        var (west, south, east, north) = tile.BoundsWgs84;

        Assert.Equal(new WebMercatorTile(10, 843, 388), tile);
        Assert.InRange(116.3975, west, east);
        Assert.InRange(39.9087, south, north);
        Assert.Equal(360.0 / 1024, east - west, 9);
    }

    [Fact]
    public void The_world_tile_spans_the_mercator_square_and_tiles_outside_the_grid_are_invalid()
    {
        var (minX, minY, maxX, maxY) = new WebMercatorTile(0, 0, 0).BoundsMeters;

        Assert.Equal((-WebMercatorTile.HalfWorldMeters, -WebMercatorTile.HalfWorldMeters), (minX, minY));
        Assert.Equal((WebMercatorTile.HalfWorldMeters, WebMercatorTile.HalfWorldMeters), (maxX, maxY));
        Assert.Equal(85.0511, new WebMercatorTile(0, 0, 0).BoundsWgs84.North, 4);
        Assert.False(new WebMercatorTile(3, 8, 0).IsValid);
        Assert.False(new WebMercatorTile(25, 0, 0).IsValid);
        Assert.True(new WebMercatorTile(3, 7, 7).IsValid);
    }

    [Fact]
    public void The_native_zoom_is_the_one_whose_pixels_match_the_ground_sample_distance()
    {
        // Zoom 18 pixels are 0.597 m at the equator, 0.517 m at 30 degrees.
        Assert.Equal(18, WebMercatorTile.NativeZoom(0.5, 30));
        Assert.Equal(18, WebMercatorTile.NativeZoom(0.6, 0));
        Assert.Equal(21, WebMercatorTile.NativeZoom(0.075, -6));
    }
}
