using System.Net;
using OpenCvSharp;
using Vigil.Core;
using Vigil.Ingest.Rasters;

namespace Vigil.Web.Tests;

/// <summary>
/// The flights' orthophotos as map tiles over HTTP: rendered through GDAL from the site's GeoTIFF, decoded back and
/// compared with the source's pixels; empty off the image; kept in the tile cache and renewed when the orthophoto changes.
/// </summary>
public sealed class ImageryTests : IAsyncLifetime
{
    private OfficeSite _site = null!;

    public async Task InitializeAsync() => _site = await OfficeSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_tile_over_the_orthophoto_shows_its_pixels()
    {
        using var member = await ApiSession.SignInAsync(_site, "chengang");

        var (_, flights) = await member.GetAsync("/api/flights");
        var flight = Assert.Single(flights.EnumerateArray());
        var tile = WebMercatorTile.Containing(120.101, 30.211, 18);
        var (status, png) = await member.GetRawAsync(TileUrl(tile));

        Assert.Equal(OfficeSite.Flight, flight.GetProperty("flight").GetString());
        // 0.5 m a pixel at 30° N: Web Mercator zoom 18 is 0.52 m on the ground.
        Assert.Equal(18, flight.GetProperty("nativeZoom").GetInt32());
        var bounds = flight.GetProperty("bounds");
        Assert.Equal(30.210, bounds[0][0].GetDouble(), 6);
        Assert.Equal(120.102, bounds[1][1].GetDouble(), 6);
        Assert.Equal(HttpStatusCode.OK, status);
        var (opaque, matching) = CompareWithOrthophoto(png, tile);
        Assert.True(opaque > 256 * 256 / 4, $"only {opaque} opaque pixels");
        Assert.True(matching >= 0.98 * opaque, $"{matching} of {opaque} opaque pixels within 6 grey levels of the orthophoto");
    }

    [Fact]
    public async Task A_tile_off_the_orthophoto_or_too_far_out_is_empty_and_a_bad_one_is_refused()
    {
        using var viewer = await ApiSession.SignInAsync(_site, "sunli");
        using var anonymous = new ApiSession(_site);

        var (off, offBytes) = await viewer.GetRawAsync(TileUrl(WebMercatorTile.Containing(120.125, 30.211, 18)));
        var (far, _) = await viewer.GetRawAsync(TileUrl(WebMercatorTile.Containing(120.101, 30.211, 12)));
        var (unknown, unknownBody) = await viewer.GetAsync("/api/flights/F-1999-01-01/tiles/18/1/1.png");
        var (outside, outsideBody) = await viewer.GetAsync($"/api/flights/{OfficeSite.Flight}/tiles/3/8/0.png");
        var (unsigned, _) = await anonymous.GetRawAsync(TileUrl(WebMercatorTile.Containing(120.101, 30.211, 18)));

        Assert.Equal(HttpStatusCode.NoContent, off);
        Assert.Empty(offBytes);
        Assert.Equal(HttpStatusCode.NoContent, far);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("no flight 'F-1999-01-01' in the ledger", unknownBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, outside);
        Assert.StartsWith("no tile 3/8/0", outsideBody.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned);
        Assert.Single(Directory.EnumerateFiles(_site.TileCache, "*.empty", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_second_request_is_served_from_the_cache_until_the_orthophoto_changes()
    {
        using var viewer = await ApiSession.SignInAsync(_site, "sunli");
        var tile = WebMercatorTile.Containing(120.101, 30.211, 18);

        var (_, first) = await viewer.GetRawAsync(TileUrl(tile));
        var cached = Assert.Single(Directory.EnumerateFiles(_site.TileCache, "*.png", SearchOption.AllDirectories));
        Assert.EndsWith(Path.Combine("18", tile.X.ToString(), $"{tile.Y}.png"), cached, StringComparison.Ordinal);
        Assert.Equal(first, await File.ReadAllBytesAsync(cached));
        // The cache file is what the server sends: mark it, and the mark comes back.
        var marked = SolidPng(new Scalar(0, 0, 255, 255));
        await File.WriteAllBytesAsync(cached, marked);
        var (_, second) = await viewer.GetRawAsync(TileUrl(tile));
        File.SetLastWriteTimeUtc(_site.OrthophotoPath, DateTime.UtcNow.AddMinutes(1));
        var (_, third) = await viewer.GetRawAsync(TileUrl(tile));

        Assert.Equal(marked, second);
        Assert.Equal(first, third);
        var renewed = Assert.Single(Directory.EnumerateFiles(_site.TileCache, "*.png", SearchOption.AllDirectories));
        Assert.NotEqual(Path.GetDirectoryName(cached), Path.GetDirectoryName(renewed));
        Assert.False(File.Exists(cached), "the tiles of the orthophoto's older version are deleted");
    }

    private static string TileUrl(WebMercatorTile tile) => $"/api/flights/{OfficeSite.Flight}/tiles/{tile.Z}/{tile.X}/{tile.Y}.png";

    /// <summary>
    /// Decodes the PNG with GDAL and compares each opaque pixel with the orthophoto's colour at the same place (pixel
    /// centre through Web Mercator to longitude and latitude, then to the GeoTIFF's pixel).
    /// </summary>
    private (int Opaque, int Matching) CompareWithOrthophoto(byte[] png, WebMercatorTile tile)
    {
        var path = Path.Combine(_site.Folder, $"tile-{tile.Z}-{tile.X}-{tile.Y}.png");
        File.WriteAllBytes(path, png);
        var (width, height, bands, _, _) = RasterFile.ReadAll(path);
        Assert.Equal((256, 256, 4), (width, height, bands.Length));
        var (minX, _, _, maxY) = tile.BoundsMeters;
        var t = OfficeSite.OrthophotoTransform;
        int opaque = 0, matching = 0;
        for (var i = 0; i < width * height; i++)
        {
            if (bands[3][i] != 255)
            {
                continue;
            }

            opaque++;
            var lon = WebMercatorTile.Longitude(minX + (i % width + 0.5) * tile.PixelMeters);
            var lat = WebMercatorTile.Latitude(maxY - (i / width + 0.5) * tile.PixelMeters);
            var (red, green, blue) = OfficeSite.OrthophotoColour((lon - t.OriginX) / t.PixelWidth, (lat - t.OriginY) / t.PixelHeight);
            if (Math.Abs(bands[0][i] - red) <= 6 && Math.Abs(bands[1][i] - green) <= 6 && Math.Abs(bands[2][i] - blue) <= 6)
            {
                matching++;
            }
        }

        return (opaque, matching);
    }

    private static byte[] SolidPng(Scalar bgra)
    {
        using var image = new Mat(256, 256, MatType.CV_8UC4, bgra);
        return image.ImEncode(".png");
    }
}
