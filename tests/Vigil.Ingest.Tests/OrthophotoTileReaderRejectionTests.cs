using System.Threading.Channels;
using Vigil.Core;
using Vigil.Ingest.Rasters;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests;

/// <summary>Bad inputs become rejections naming the file; the run goes on; the writer is always completed.</summary>
public sealed class OrthophotoTileReaderRejectionTests : IDisposable
{
    private static readonly TilingOptions Options = new(0.5, new UtmZone(33, true), TileSizePixels: 64, OverlapPixels: 8);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Garbage_and_ungeoreferenced_files_are_rejected_while_a_good_file_still_yields_tiles()
    {
        var garbage = _dir.File("garbage.tif");
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        await File.WriteAllBytesAsync(garbage, bytes);
        var good = TestRasters.WriteUniformRgb(_dir.File("good.tif"), 100, 80);
        var png = _dir.File("plain.png");
        GdalTools.Run("gdal_translate", "-q", "-of", "PNG", "-co", "WORLDFILE=NO", "--config", "GDAL_PAM_ENABLED", "NO", good, png);
        Assert.False(File.Exists(png + ".aux.xml"));
        var missing = _dir.File("missing.tif");
        var rejections = new RejectionLog();

        var tiles = await TileRun.CollectAsync(Options, rejections, garbage, png, good, missing);

        Assert.NotEmpty(tiles);
        Assert.All(tiles, t => Assert.Equal(good, t.SourcePath));
        Assert.Equal([garbage, png, missing], rejections.Items.Select(r => r.Source));
        Assert.Contains("not a readable raster", rejections.Items[0].Reason);
        Assert.Contains("not georeferenced", rejections.Items[1].Reason);
        Assert.Contains("not a readable raster", rejections.Items[2].Reason);
        Assert.StartsWith(garbage + ": ", rejections.Items[0].ToString());
    }

    [Fact]
    public async Task A_truncated_geotiff_gives_tile_rejections_not_a_crash()
    {
        var full = _dir.File("full.tif");
        var random = new Random(11);
        var bands = Enumerable.Range(0, 3).Select(_ => TestRasters.Make(600, 600, (_, _) => (byte)random.Next(256))).ToArray();
        GeoTiffWriter.Write(full, 600, 600, bands, GeoTransform.NorthUp(500000, 5000000, 0.5), TestRasters.Utm33N);
        var truncated = _dir.File("truncated.tif");
        var bytes = await File.ReadAllBytesAsync(full);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var good = TestRasters.WriteUniformRgb(_dir.File("good.tif"), 100, 80);
        var rejections = new RejectionLog();

        var tiles = await TileRun.CollectAsync(Options, rejections, truncated, good);

        Assert.Contains(tiles, t => t.SourcePath == good);
        Assert.NotEmpty(rejections.Items);
        Assert.All(rejections.Items, r => Assert.Equal(truncated, r.Source));
        Assert.All(rejections.Items, r => Assert.Matches(@"^tile \(\d+,\d+\) unreadable, its ground left out \(not covered\): .+", r.Reason));

        // The upper half of the file is intact: its tiles still come out, and every tile is either emitted or rejected.
        var fromTruncated = tiles.Where(t => t.SourcePath == truncated).ToList();
        Assert.Contains(fromTruncated, t => t.TileRow == 0);
        var grid = fromTruncated[0].Grid;
        Assert.Equal(grid.TilesAcross * grid.TilesDown, fromTruncated.Count + rejections.Items.Count);
    }

    [Fact]
    public async Task A_jpeg_that_ends_early_leaves_out_the_tiles_past_its_end_instead_of_reading_them_as_grey()
    {
        var textured = _dir.File("textured.tif");
        var random = new Random(5);
        var bands = Enumerable.Range(0, 3).Select(_ => TestRasters.Make(600, 600, (_, _) => (byte)random.Next(40, 200))).ToArray();
        GeoTiffWriter.Write(textured, 600, 600, bands, GeoTransform.NorthUp(500000, 5000000, 0.5), TestRasters.Utm33N);
        var photo = _dir.File("DJI_0042.jpg");
        GdalTools.Run("gdal_translate", "-q", "-of", "JPEG", "-co", "QUALITY=95", textured, photo);
        var bytes = await File.ReadAllBytesAsync(photo);
        await File.WriteAllBytesAsync(photo, bytes[..(bytes.Length * 3 / 10)]);
        var rejections = new RejectionLog();

        var tiles = await TileRun.CollectAsync(Options, rejections, photo);

        Assert.Contains(tiles, t => t.TileRow == 0);
        var rejection = Assert.Single(rejections.Items);
        Assert.Equal(photo, rejection.Source);
        Assert.Matches(@"^ends early at tile \(\d+,\d+\): GDAL reports ""libjpeg: Premature end of JPEG file.*the rest of the file is left out \(not covered\)$", rejection.Reason);
        var grid = tiles[0].Grid;
        Assert.InRange(tiles.Count, 1, grid.TilesAcross * grid.TilesDown / 2);
        Assert.DoesNotContain(tiles, t => t.TileRow == grid.TilesDown - 1);
        Assert.All(tiles, t => Assert.True(LongestFlatRun(t) < 32, $"tile ({t.TileColumn},{t.TileRow}) holds fill"));
    }

    [Fact]
    public async Task Cancellation_completes_the_writer_and_surfaces_as_cancellation()
    {
        var good = TestRasters.WriteUniformRgb(_dir.File("good.tif"), 100, 80);
        var channel = Channel.CreateUnbounded<GeoTile>();
        var reader = new OrthophotoTileReader(Options, new RejectionLog());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.RunAsync([good], channel.Writer, cts.Token));

        Assert.True(channel.Reader.Completion.IsCompleted);
        Assert.False(channel.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_full_bounded_channel_holds_the_reader_until_the_consumer_reads()
    {
        var good = TestRasters.WriteUniformRgb(_dir.File("good.tif"), 200, 150);
        var channel = Channel.CreateBounded<GeoTile>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.Wait });
        var reader = new OrthophotoTileReader(Options, new RejectionLog());

        var run = reader.RunAsync([good], channel.Writer, CancellationToken.None);
        Assert.True(await channel.Reader.WaitToReadAsync());

        // 20 tiles (5 x 4 cores of 48 px) and room for one: the reader cannot finish before the consumer takes some.
        Assert.False(run.IsCompleted);
        var tiles = new List<GeoTile>();
        await foreach (var tile in channel.Reader.ReadAllAsync())
        {
            tiles.Add(tile);
        }

        await run;
        Assert.Equal(tiles[0].Grid.TilesAcross * tiles[0].Grid.TilesDown, tiles.Count);
        Assert.Equal(20, tiles.Count);
    }

    [Theory]
    [InlineData(0.5, 64, 32)]
    [InlineData(0.5, 64, -1)]
    [InlineData(0.0, 64, 8)]
    [InlineData(double.NaN, 64, 8)]
    public void Invalid_options_are_refused_before_any_work(double gsd, int tileSize, int overlap)
    {
        var options = new TilingOptions(gsd, new UtmZone(33, true), tileSize, overlap);

        Assert.Throws<ArgumentException>(() => new OrthophotoTileReader(options, new RejectionLog()));
    }

    [Fact]
    public void Default_tiling_is_512_with_32_overlap()
    {
        var options = new TilingOptions(0.3, new UtmZone(37, false));

        Assert.Equal((512, 32, 448), (options.TileSizePixels, options.OverlapPixels, options.StridePixels));
        options.Validate();
    }

    /// <summary>The longest horizontal run of valid pixels of one colour: fill (a JPEG's grey past its end), not imagery.</summary>
    private static int LongestFlatRun(GeoTile tile)
    {
        var (longest, width) = (0, tile.Window.Width);
        for (var y = 0; y < tile.Window.Height; y++)
        {
            var run = 0;
            for (var x = 1; x < width; x++)
            {
                var (i, j) = (y * width + x, y * width + x - 1);
                var same = tile.Valid[i] != 0 && tile.Rgb[3 * i] == tile.Rgb[3 * j] && tile.Rgb[3 * i + 1] == tile.Rgb[3 * j + 1] && tile.Rgb[3 * i + 2] == tile.Rgb[3 * j + 2];
                run = same ? run + 1 : 0;
                longest = Math.Max(longest, run + 1);
            }
        }

        return longest;
    }
}
