using Vigil.Core;
using Vigil.Ingest.Rasters;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests;

/// <summary>Band mapping, masks and stretching. Sources are 0.5 m in UTM 33N, warped onto the same 0.5 m grid.</summary>
public sealed class OrthophotoTileReaderBandTests : IDisposable
{
    private const int Width = 120;
    private const int Height = 100;
    private static readonly GeoTransform Transform = GeoTransform.NorthUp(500000, 5000000, 0.5);
    private static readonly TilingOptions Options = new(0.5, new UtmZone(33, true), TileSizePixels: 64, OverlapPixels: 8);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Single_grey_band_is_replicated_to_rgb()
    {
        var path = _dir.File("grey.tif");
        var grey = TestRasters.Make(Width, Height, (x, y) => (byte)((x * 2 + y) % 256));
        GeoTiffWriter.Write(path, Width, Height, [grey], Transform, TestRasters.Utm33N);

        var mosaic = await ReadAsync(path);

        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                Assert.True(mosaic.IsValid(x, y));
                Assert.Equal(grey[y * Width + x], mosaic.R(x, y));
                Assert.Equal(grey[y * Width + x], mosaic.G(x, y));
                Assert.Equal(grey[y * Width + x], mosaic.B(x, y));
            }
        }
    }

    [Fact]
    public async Task Rgb_bands_keep_their_colours()
    {
        var path = _dir.File("rgb.tif");
        GeoTiffWriter.Write(
            path, Width, Height,
            [TestRasters.Fill(Width, Height, 200), TestRasters.Fill(Width, Height, 100), TestRasters.Fill(Width, Height, 30)],
            Transform, TestRasters.Utm33N);

        var mosaic = await ReadAsync(path);

        Assert.Equal((200, 100, 30), (mosaic.R(50, 50), mosaic.G(50, 50), mosaic.B(50, 50)));
        Assert.All(mosaic.Valid, v => Assert.Equal(255, v));
    }

    [Fact]
    public async Task Rgba_alpha_becomes_invalid_pixels()
    {
        var path = _dir.File("rgba.tif");
        var alpha = TestRasters.Make(Width, Height, (x, _) => x < 60 ? (byte)0 : (byte)255);
        GeoTiffWriter.Write(
            path, Width, Height,
            [TestRasters.Fill(Width, Height, 200), TestRasters.Fill(Width, Height, 100), TestRasters.Fill(Width, Height, 30), alpha],
            Transform, TestRasters.Utm33N);

        var mosaic = await ReadAsync(path);

        AssertLeftInvalidRightValid(mosaic, 60);
        Assert.Equal((200, 100, 30), (mosaic.R(90, 50), mosaic.G(90, 50), mosaic.B(90, 50)));
    }

    [Fact]
    public async Task Grey_plus_alpha_is_replicated_and_masked()
    {
        var path = _dir.File("grey-alpha.tif");
        var alpha = TestRasters.Make(Width, Height, (x, _) => x < 60 ? (byte)0 : (byte)255);
        GeoTiffWriter.Write(path, Width, Height, [TestRasters.Fill(Width, Height, 77), alpha], Transform, TestRasters.Utm33N);

        var mosaic = await ReadAsync(path);

        AssertLeftInvalidRightValid(mosaic, 60);
        Assert.Equal((77, 77, 77), (mosaic.R(90, 50), mosaic.G(90, 50), mosaic.B(90, 50)));
    }

    [Fact]
    public async Task Second_of_two_bands_is_alpha_even_when_untagged()
    {
        var tagged = _dir.File("grey-alpha.tif");
        var alpha = TestRasters.Make(Width, Height, (x, _) => x < 60 ? (byte)0 : (byte)255);
        GeoTiffWriter.Write(tagged, Width, Height, [TestRasters.Fill(Width, Height, 77), alpha], Transform, TestRasters.Utm33N);
        var untagged = _dir.File("grey-undefined.tif");
        GdalTools.Run("gdal_translate", "-q", "-colorinterp_2", "undefined", tagged, untagged);

        var mosaic = await ReadAsync(untagged);

        AssertLeftInvalidRightValid(mosaic, 60);
        Assert.Equal((77, 77, 77), (mosaic.R(90, 50), mosaic.G(90, 50), mosaic.B(90, 50)));
    }

    [Fact]
    public async Task Nodata_becomes_invalid_pixels()
    {
        var path = _dir.File("nodata.tif");
        var band = TestRasters.Make(Width, Height, (x, _) => x < 60 ? (byte)0 : (byte)120);
        GeoTiffWriter.Write(path, Width, Height, [band, band, band], Transform, TestRasters.Utm33N, noData: 0);

        var mosaic = await ReadAsync(path);

        AssertLeftInvalidRightValid(mosaic, 60);
        Assert.Equal(120, mosaic.R(90, 50));
    }

    [Fact]
    public async Task Uint16_is_stretched_between_2nd_and_98th_percentile_ignoring_nodata()
    {
        // Columns 0..19 are nodata 0; columns 20..119 ramp 1000..5000. Percentiles of the valid ramp: about 1080 and
        // 4920. Counting the nodata zeros would pull the 2nd percentile to 0 and column 20 up to about 52.
        var path = _dir.File("uint16.tif");
        var band = TestRasters.Make(Width, Height, (x, _) => x < 20 ? (ushort)0 : (ushort)(1000 + (x - 20) * 4000 / 99));
        GeoTiffWriter.WriteUInt16(path, Width, Height, [band], Transform, TestRasters.Utm33N, noData: 0);

        var mosaic = await ReadAsync(path);

        AssertLeftInvalidRightValid(mosaic, 20);
        Assert.InRange(mosaic.R(20, 50), 0, 3);
        Assert.InRange(mosaic.R(69, 50), 120, 136);
        Assert.Equal(255, mosaic.R(119, 50));
        for (var x = 21; x < Width; x++)
        {
            Assert.True(mosaic.R(x, 50) >= mosaic.R(x - 1, 50), $"the stretch is not monotonic at column {x}");
        }

        Assert.Equal(mosaic.R(69, 50), mosaic.B(69, 50));
    }

    [Fact]
    public async Task A_tile_without_any_valid_pixel_is_skipped_without_rejection()
    {
        // Only the right 40 columns hold data: with 48 px cores the first tile column sees none of it.
        var path = _dir.File("half-empty.tif");
        var alpha = TestRasters.Make(Width, Height, (x, _) => x < 80 ? (byte)0 : (byte)255);
        var grey = TestRasters.Fill(Width, Height, 90);
        GeoTiffWriter.Write(path, Width, Height, [grey, alpha], Transform, TestRasters.Utm33N);
        var rejections = new RejectionLog();

        var tiles = await TileRun.CollectAsync(Options, rejections, path);

        Assert.Empty(rejections.Items);
        Assert.DoesNotContain(tiles, t => t.TileColumn == 0);
        Assert.All(tiles, t => Assert.Contains(t.Valid, v => v != 0));
        Assert.Equal(tiles[0].Grid.TilesDown * (tiles[0].Grid.TilesAcross - 1), tiles.Count);
    }

    private static void AssertLeftInvalidRightValid(Mosaic mosaic, int edgeColumn)
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                // One pixel either side of the edge may be blended by the resampling.
                if (x < edgeColumn - 1)
                {
                    Assert.False(mosaic.IsValid(x, y), $"({x},{y}) should be masked");
                }
                else if (x > edgeColumn)
                {
                    Assert.True(mosaic.IsValid(x, y), $"({x},{y}) should be valid");
                }
            }
        }
    }

    private async Task<Mosaic> ReadAsync(string path)
    {
        var rejections = new RejectionLog();
        var tiles = await TileRun.CollectAsync(Options, rejections, path);
        Assert.Empty(rejections.Items);
        var grid = tiles[0].Grid;

        // Same CRS and GSD with -tap: the warped grid is the source grid, pixel for pixel.
        Assert.Equal((Width, Height), (grid.WidthPixels, grid.HeightPixels));
        Assert.Equal(Transform, grid.Transform);
        return TileRun.Assemble(tiles);
    }
}
