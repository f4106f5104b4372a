using Vigil.Core;
using Vigil.Ingest.Rasters;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests;

/// <summary>Where pixels land: grid, tiling and placement after warping to UTM at a new GSD.</summary>
public sealed class OrthophotoTileReaderGeometryTests : IDisposable
{
    private const byte Background = 40;
    private const byte Bright = 250;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Utm_source_is_downsampled_and_the_bright_square_lands_at_its_world_position()
    {
        // 400 x 300 px at 0.5 m; a 10 m square at E 500060..500070, N 4999900..4999910.
        var path = _dir.File("utm.tif");
        var band = TestRasters.Make(400, 300, (x, y) => x is >= 120 and < 140 && y is >= 180 and < 200 ? Bright : Background);
        GeoTiffWriter.Write(path, 400, 300, [band, band, band], GeoTransform.NorthUp(500000, 5000000, 0.5), "EPSG:32633");
        var options = new TilingOptions(0.7, new UtmZone(33, true), TileSizePixels: 64, OverlapPixels: 8);

        var rejections = new RejectionLog();
        var tiles = await TileRun.CollectAsync(options, rejections, path);

        Assert.Empty(rejections.Items);
        var grid = tiles[0].Grid;
        AssertGridIsAlignedAt(grid, 0.7);
        Assert.True(grid.Transform.OriginX <= 500000 && grid.Transform.OriginX + grid.WidthPixels * 0.7 >= 500200);
        Assert.True(grid.Transform.OriginY >= 5000000 && grid.Transform.OriginY - grid.HeightPixels * 0.7 <= 4999850);
        AssertTilingIsExact(tiles, options);

        var mosaic = TileRun.Assemble(tiles);
        AssertBrightSquareAt(mosaic, grid, (500060, 4999910), (500070, 4999900));
    }

    [Fact]
    public async Task Wgs84_source_is_warped_to_utm_and_the_bright_square_lands_at_its_projected_position()
    {
        // 500 x 400 px of 5e-6 degrees (about 0.39 m east x 0.56 m north at 45 N) starting at 15 E, 45 N.
        const double step = 5e-6;
        var path = _dir.File("wgs84.tif");
        var band = TestRasters.Make(500, 400, (x, y) => x is >= 200 and < 216 && y is >= 200 and < 216 ? Bright : Background);
        GeoTiffWriter.Write(path, 500, 400, [band, band, band], new GeoTransform(15.0, step, 0, 45.0, 0, -step), "EPSG:4326");
        var zone = new UtmZone(33, true);
        var options = new TilingOptions(0.5, zone, TileSizePixels: 96, OverlapPixels: 16);

        var rejections = new RejectionLog();
        var tiles = await TileRun.CollectAsync(options, rejections, path);

        Assert.Empty(rejections.Items);
        var grid = tiles[0].Grid;
        Assert.Equal(zone, grid.Crs);
        AssertGridIsAlignedAt(grid, 0.5);
        AssertTilingIsExact(tiles, options);

        // The square spans lon 15.001..15.00108, lat 44.999..44.99892; its corners go through UtmZone.Forward.
        var mosaic = TileRun.Assemble(tiles);
        var topLeft = zone.Forward(15.0 + 200 * step, 45.0 - 200 * step);
        var bottomRight = zone.Forward(15.0 + 216 * step, 45.0 - 216 * step);
        AssertBrightSquareAt(mosaic, grid, topLeft, bottomRight);
    }

    [Fact]
    public async Task Tiles_of_several_inputs_come_contiguously_in_row_major_order()
    {
        var first = TestRasters.WriteUniformRgb(_dir.File("a.tif"), 200, 150);
        var second = TestRasters.WriteUniformRgb(_dir.File("b.tif"), 120, 170);
        var options = new TilingOptions(0.5, new UtmZone(33, true), TileSizePixels: 64, OverlapPixels: 8);

        var tiles = await TileRun.CollectAsync(options, new RejectionLog(), first, second);

        var order = tiles.Select(t => t.SourcePath).Distinct().ToList();
        Assert.Equal([first, second], order);
        Assert.Equal(tiles.Count, tiles.Count(t => t.SourcePath == first) + tiles.Count(t => t.SourcePath == second));
        foreach (var group in tiles.GroupBy(t => t.SourcePath))
        {
            var indices = group.Select(t => t.TileRow * t.Grid.TilesAcross + t.TileColumn).ToList();
            Assert.Equal(Enumerable.Range(0, group.First().Grid.TilesAcross * group.First().Grid.TilesDown), indices);
        }
    }

    private static void AssertGridIsAlignedAt(RasterGrid grid, double gsd)
    {
        Assert.True(grid.Transform.IsNorthUp);
        Assert.Equal(gsd, grid.Transform.PixelWidth, 12);
        Assert.Equal(-gsd, grid.Transform.PixelHeight, 12);
        Assert.Equal(gsd, grid.GsdMeters, 12);

        // -tap: the grid's corners are multiples of the GSD, so grids of different inputs line up.
        Assert.Equal(Math.Round(grid.Transform.OriginX / gsd), grid.Transform.OriginX / gsd, 6);
        Assert.Equal(Math.Round(grid.Transform.OriginY / gsd), grid.Transform.OriginY / gsd, 6);
    }

    private static void AssertTilingIsExact(List<GeoTile> tiles, TilingOptions options)
    {
        var grid = tiles[0].Grid;
        var stride = options.TileSizePixels - 2 * options.OverlapPixels;
        Assert.Equal((grid.WidthPixels + stride - 1) / stride, grid.TilesAcross);
        Assert.Equal((grid.HeightPixels + stride - 1) / stride, grid.TilesDown);
        Assert.Equal(grid.TilesAcross * grid.TilesDown, tiles.Count);

        foreach (var tile in tiles)
        {
            Assert.Same(grid, tile.Grid);
            var core = new PixelRect(
                tile.TileColumn * stride,
                tile.TileRow * stride,
                Math.Min((tile.TileColumn + 1) * stride, grid.WidthPixels),
                Math.Min((tile.TileRow + 1) * stride, grid.HeightPixels));
            Assert.Equal(core, tile.Core);
            var window = new PixelRect(
                Math.Max(core.X0 - options.OverlapPixels, 0),
                Math.Max(core.Y0 - options.OverlapPixels, 0),
                Math.Min(core.X1 + options.OverlapPixels, grid.WidthPixels),
                Math.Min(core.Y1 + options.OverlapPixels, grid.HeightPixels));
            Assert.Equal(window, tile.Window);
            Assert.True(window.Width <= options.TileSizePixels && window.Height <= options.TileSizePixels);
            Assert.Equal(window.Width * window.Height * 3, tile.Rgb.Length);
            Assert.Equal(window.Width * window.Height, tile.Valid.Length);
        }

        var mosaic = TileRun.Assemble(tiles);
        Assert.All(mosaic.Coverage, c => Assert.Equal(1, c));
    }

    private static void AssertBrightSquareAt(
        Mosaic mosaic, RasterGrid grid, (double X, double Y) topLeftWorld, (double X, double Y) bottomRightWorld)
    {
        const int threshold = (Background + Bright) / 2;
        double sumX = 0, sumY = 0;
        var count = 0;
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (var y = 0; y < mosaic.Height; y++)
        {
            for (var x = 0; x < mosaic.Width; x++)
            {
                if (!mosaic.IsValid(x, y) || mosaic.R(x, y) < threshold)
                {
                    continue;
                }

                Assert.Equal(mosaic.R(x, y), mosaic.G(x, y));
                Assert.Equal(mosaic.R(x, y), mosaic.B(x, y));
                sumX += x + 0.5;
                sumY += y + 0.5;
                count++;
                (minX, minY, maxX, maxY) = (Math.Min(minX, x), Math.Min(minY, y), Math.Max(maxX, x), Math.Max(maxY, y));
            }
        }

        Assert.True(count > 0, "the bright square is missing from the tiles");
        var topLeft = grid.Transform.WorldToPixel(topLeftWorld.X, topLeftWorld.Y);
        var bottomRight = grid.Transform.WorldToPixel(bottomRightWorld.X, bottomRightWorld.Y);
        Assert.InRange(sumX / count, (topLeft.Column + bottomRight.Column) / 2 - 1, (topLeft.Column + bottomRight.Column) / 2 + 1);
        Assert.InRange(sumY / count, (topLeft.Row + bottomRight.Row) / 2 - 1, (topLeft.Row + bottomRight.Row) / 2 + 1);
        Assert.InRange(minX, topLeft.Column - 1, topLeft.Column + 1);
        Assert.InRange(maxX + 1, bottomRight.Column - 1, bottomRight.Column + 1);
        Assert.InRange(minY, topLeft.Row - 1, topLeft.Row + 1);
        Assert.InRange(maxY + 1, bottomRight.Row - 1, bottomRight.Row + 1);
    }
}
