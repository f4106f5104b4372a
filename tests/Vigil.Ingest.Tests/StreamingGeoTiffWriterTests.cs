using Vigil.Core;
using Vigil.Ingest.Rasters;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests;

public sealed class StreamingGeoTiffWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Windows_written_one_by_one_read_back_as_one_georeferenced_rgb_raster()
    {
        // Two windows side by side: a flat orange left half, a flat blue right half (JPEG keeps flat areas close).
        const int width = 700;
        const int height = 300;
        var path = _dir.File("streamed.tif");
        var transform = GeoTransform.NorthUp(528000, 9335100, 0.15);
        using (var writer = StreamingGeoTiffWriter.CreateRgb(path, width, height, transform, "EPSG:32737"))
        {
            writer.WriteRgb(0, 0, 350, height, Flat(350, height, 230, 140, 40));
            writer.WriteRgb(350, 0, 350, height, Flat(350, height, 30, 60, 200));
        }

        var (w, h, bands, readTransform, crs) = RasterFile.ReadAll(path);

        Assert.Equal((width, height, 3), (w, h, bands.Length));
        Assert.Equal(transform, readTransform);
        Assert.Contains("32737", crs);
        Assert.InRange(bands[0][100 * width + 100], 224, 236);
        Assert.InRange(bands[2][100 * width + 100], 34, 46);
        Assert.InRange(bands[0][100 * width + 600], 24, 36);
        Assert.InRange(bands[2][100 * width + 600], 194, 206);
    }

    [Fact]
    public void A_window_outside_the_raster_is_refused()
    {
        using var writer = StreamingGeoTiffWriter.CreateRgb(
            _dir.File("small.tif"), 100, 100, GeoTransform.NorthUp(528000, 9335100, 0.15), "EPSG:32737");

        Assert.Throws<ArgumentException>(() => writer.WriteRgb(60, 0, 50, 10, Flat(50, 10, 0, 0, 0)));
    }

    private static byte[] Flat(int width, int height, byte red, byte green, byte blue)
    {
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = (red, green, blue);
        }

        return rgb;
    }
}
