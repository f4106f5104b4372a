using Vigil.Core;
using Vigil.Ingest.Rasters;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests;

/// <summary>A source already on the target grid is read directly, and gives the pixels the warper gives.</summary>
public sealed class WarpedSourceDirectReadTests : IDisposable
{
    private const double Gsd = 0.5;
    private static readonly UtmZone Zone = new(33, true);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Rgb_on_the_target_grid_is_read_directly_with_the_warpers_pixels()
    {
        var path = WriteNoisy("rgb.tif", 300, 220, GeoTransform.NorthUp(500000, 5000000, Gsd), alpha: false);

        AssertDirectEqualsWarped(path, expectDirect: true);
    }

    [Fact]
    public void Rgba_on_the_target_grid_is_read_directly_with_the_warpers_validity()
    {
        var path = WriteNoisy("rgba.tif", 260, 200, GeoTransform.NorthUp(500000, 5000000, Gsd), alpha: true);

        AssertDirectEqualsWarped(path, expectDirect: true);
    }

    [Fact]
    public void A_source_off_the_target_grid_goes_through_the_warper()
    {
        var path = WriteNoisy("shifted.tif", 200, 200, GeoTransform.NorthUp(500000.25, 5000000, Gsd), alpha: false);

        AssertDirectEqualsWarped(path, expectDirect: false);
    }

    [Fact]
    public void A_source_at_another_gsd_goes_through_the_warper()
    {
        var path = WriteNoisy("fine.tif", 200, 200, GeoTransform.NorthUp(500000, 5000000, Gsd / 2), alpha: false);

        AssertDirectEqualsWarped(path, expectDirect: false);
    }

    private static void AssertDirectEqualsWarped(string path, bool expectDirect)
    {
        var options = new TilingOptions(Gsd, Zone, TileSizePixels: 96, OverlapPixels: 16);
        using var direct = WarpedSource.Open(path, options);
        using var warped = WarpedSource.Open(path, options, allowDirectRead: false);

        Assert.Equal(expectDirect, direct.ReadsDirectly);
        Assert.False(warped.ReadsDirectly);
        Assert.Equal(warped.Grid, direct.Grid);
        for (var row = 0; row < warped.Layout.TilesDown; row++)
        {
            for (var column = 0; column < warped.Layout.TilesAcross; column++)
            {
                var expected = warped.ReadTile(column, row);
                var actual = direct.ReadTile(column, row);
                Assert.Equal(expected is null, actual is null);
                Assert.Equal(expected?.Valid, actual?.Valid);
                Assert.Equal(expected?.Rgb, actual?.Rgb);
            }
        }
    }

    private string WriteNoisy(string name, int width, int height, GeoTransform transform, bool alpha)
    {
        var random = new Random(name.Length);
        byte[] Noise()
        {
            var band = new byte[width * height];
            random.NextBytes(band);
            return band;
        }

        List<byte[]> bands = [Noise(), Noise(), Noise()];
        if (alpha)
        {
            // Opaque, transparent and partly transparent pixels, with a transparent border strip.
            bands.Add(TestRasters.Make(width, height, (x, y) => x < 20 ? (byte)0 : (byte)((x * 37 + y * 11) % 256)));
        }

        var path = _dir.File(name);
        GeoTiffWriter.Write(path, width, height, bands, transform, "EPSG:32633");
        return path;
    }
}
