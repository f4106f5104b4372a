using Vigil.Core;
using Vigil.Ingest.Rasters;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests;

public sealed class GeoTiffWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Rgba_round_trips_through_raster_file_with_georeferencing()
    {
        var path = _dir.File("rgba.tif");
        var transform = GeoTransform.NorthUp(39.19, -6.16, 1e-6);
        byte[][] bands = [.. Enumerable.Range(0, 4).Select(b => TestRasters.Make(30, 20, (x, y) => (byte)(x + y * 30 + b * 7)))];

        GeoTiffWriter.Write(path, 30, 20, bands, transform, "EPSG:4326");
        var (width, height, read, readTransform, crsWkt) = RasterFile.ReadAll(path);

        Assert.Equal((30, 20), (width, height));
        Assert.Equal(4, read.Length);
        for (var b = 0; b < 4; b++)
        {
            Assert.Equal(bands[b], read[b]);
        }

        Assert.Equal(transform, readTransform);
        Assert.Contains("WGS 84", crsWkt);
        Assert.Equal((39.5, -6.5), CrsTransform.ToWgs84(crsWkt!, 39.5, -6.5));
    }

    [Fact]
    public void Float32_keeps_its_type_and_nodata()
    {
        var path = _dir.File("dsm.tif");
        var heights = TestRasters.Make(16, 8, (x, _) => x == 0 ? -9999f : x * 1.5f);

        GeoTiffWriter.WriteFloat32(path, 16, 8, [heights], GeoTransform.NorthUp(500000, 9300000, 0.25), "EPSG:32737", noData: -9999);
        var info = RasterProbe.Inspect(path);
        var (_, _, bands, _, _) = RasterFile.ReadAll(path);

        Assert.Equal("Float32", info.DataTypeName);
        Assert.Equal(0.25, info.ApproxGsdMeters, 6);
        Assert.Equal(15, bands[0][10]);
        Assert.Equal(0, bands[0][0]);
    }

    [Fact]
    public void A_raster_without_georeferencing_reads_with_null_transform_and_crs()
    {
        var png = _dir.File("plain.png");
        GdalTools.Run("gdal_translate", "-q", "-of", "PNG", "-co", "WORLDFILE=NO", "--config", "GDAL_PAM_ENABLED", "NO",
            TestRasters.WriteUniformRgb(_dir.File("src.tif"), 12, 10, value: 33), png);

        var (width, height, bands, transform, crsWkt) = RasterFile.ReadAll(png);

        Assert.Equal((12, 10, 3), (width, height, bands.Length));
        Assert.All(bands, b => Assert.All(b, v => Assert.Equal(33, v)));
        Assert.Null(transform);
        Assert.Null(crsWkt);
    }

    [Fact]
    public void Bad_band_lists_and_crs_are_refused()
    {
        var band = new byte[4];
        var transform = GeoTransform.NorthUp(0, 0, 1);

        Assert.Throws<ArgumentException>(() => GeoTiffWriter.Write(_dir.File("a.tif"), 2, 2, [], transform, "EPSG:4326"));
        Assert.Throws<ArgumentException>(() => GeoTiffWriter.Write(_dir.File("b.tif"), 2, 2, [band, band, band, band, band], transform, "EPSG:4326"));
        Assert.Throws<ArgumentException>(() => GeoTiffWriter.Write(_dir.File("c.tif"), 3, 2, [band], transform, "EPSG:4326"));
        Assert.Throws<ArgumentException>(() => GeoTiffWriter.Write(_dir.File("d.tif"), 2, 2, [band], transform, "not a crs"));
    }

    [Fact]
    public void An_unwritable_path_is_an_io_error()
    {
        var path = Path.Combine(_dir.File("no-such-folder"), "x.tif");

        var ex = Assert.Throws<IOException>(() => GeoTiffWriter.Write(path, 2, 2, [new byte[4]], GeoTransform.NorthUp(0, 0, 1), "EPSG:4326"));

        Assert.Contains(path, ex.Message);
    }
}
