using Vigil.Core;
using Vigil.Ingest.Rasters;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests;

public sealed class MapTileRendererTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// A real drone chip of Zanzibar (fAIr OAM, ../shared/data) cut as web tile 21/1277168/1083840 and georeferenced as
    /// its mask is (EPSG:4326, the tile's bounds): rendering that tile gives the chip back, the next tile south nothing.
    /// </summary>
    [Fact]
    public void An_orthophoto_cut_as_a_web_tile_renders_back_as_that_tile()
    {
        var image = SharedData.File("fair_oam_buildings", "area1_zanzibar_tz", "images", "OAM-1277168-1083840-21.png");
        var mask = SharedData.File("fair_oam_buildings", "area1_zanzibar_tz", "masks", "OAM-1277168-1083840-21.tif");
        var (width, height, bands, _, _) = RasterFile.ReadAll(image);
        var (_, _, _, transform, crs) = RasterFile.ReadAll(mask);
        var orthophoto = _dir.File("zanzibar-chip.tif");
        GeoTiffWriter.Write(orthophoto, width, height, bands, transform!.Value, crs!);

        var rgba = MapTileRenderer.Render(orthophoto, new WebMercatorTile(21, 1277168, 1083840));
        var south = MapTileRenderer.Render(orthophoto, new WebMercatorTile(21, 1277168, 1083841));

        Assert.NotNull(rgba);
        Assert.Null(south);
        long difference = 0, opaque = 0;
        for (var i = 0; i < width * height; i++)
        {
            opaque += rgba[4 * i + 3] == 255 ? 1 : 0;
            for (var k = 0; k < 3; k++)
            {
                difference += Math.Abs(rgba[4 * i + k] - bands[k][i]);
            }
        }

        // EPSG:4326 and Web Mercator differ inside a 19 m tile by far less than a pixel: the chip comes back as it was.
        Assert.Equal(256 * 256, opaque);
        Assert.InRange(difference / (3.0 * width * height), 0, 0.5);
    }

    [Fact]
    public void A_16_bit_utm_raster_is_stretched_and_keeps_its_orientation()
    {
        var path = _dir.File("utm16.tif");
        // 0.5 m in UTM 33N; values rise eastwards from 1000 to 5000.
        var band = TestRasters.Make(400, 400, (x, _) => (ushort)(1000 + x * 10));
        GeoTiffWriter.WriteUInt16(path, 400, 400, [band], GeoTransform.NorthUp(500000, 5000000, 0.5), TestRasters.Utm33N);
        var (west, south, east, north, gsd) = MapTileRenderer.Coverage(path);
        var tile = WebMercatorTile.Containing((west + east) / 2, (south + north) / 2, 20);

        var rgba = MapTileRenderer.Render(path, tile)!;
        var off = MapTileRenderer.Render(path, WebMercatorTile.Containing(east + 0.01, north, 20));

        Assert.Equal(0.5, gsd, 3);
        Assert.Null(off);
        var row = Enumerable.Range(0, 256).Select(x => 4 * (128 * 256 + x)).Where(i => rgba[i + 3] == 255).ToList();
        Assert.True(row.Count > 100, $"{row.Count} opaque pixels in the middle row");
        Assert.All(row, i => Assert.True(rgba[i] == rgba[i + 1] && rgba[i + 1] == rgba[i + 2], "grey stays grey"));
        Assert.True(rgba[row[^1]] > rgba[row[0]] + 20, $"values rise eastwards: {rgba[row[0]]} .. {rgba[row[^1]]}");
    }
}
