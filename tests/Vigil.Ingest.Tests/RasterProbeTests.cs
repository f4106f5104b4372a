using Vigil.Core;
using Vigil.Ingest.Rasters;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests;

public sealed class RasterProbeTests : IDisposable
{
    private const string ZanzibarMask =
        "/work/shared/data/fair_oam_buildings/area1_zanzibar_tz/masks/OAM-1277168-1083840-21.tif";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_real_epsg_4326_chip_is_located_in_zanzibar()
    {
        Assert.True(File.Exists(ZanzibarMask), $"{ZanzibarMask} is missing: the shared fAIr OAM data set must be in /work/shared/data");

        var info = RasterProbe.Inspect(ZanzibarMask);

        Assert.Equal((256, 256, 1, "Byte"), (info.WidthPixels, info.HeightPixels, info.BandCount, info.DataTypeName));
        Assert.Contains("4326", info.CrsWkt);

        // gdalinfo: origin (39.240417480468750, -6.042236111676103), pixel (6.70552254e-7, -6.66826943e-7) degrees;
        // the centre is 128 pixels in.
        Assert.Equal(39.24041748046875 + 128 * 6.70552254e-7, info.CenterLongitude, 9);
        Assert.Equal(-6.042236111676103 - 128 * 6.66826943e-7, info.CenterLatitude, 9);

        // 6.7e-7 degrees is about 7.4 cm at 6 S (zoom-21 web tiles).
        Assert.InRange(info.ApproxGsdMeters, 0.072, 0.076);
    }

    [Fact]
    public void A_utm_raster_reports_its_grid_and_gsd()
    {
        var path = TestRasters.WriteUniformRgb(_dir.File("utm.tif"), 200, 100);

        var info = RasterProbe.Inspect(path);

        Assert.Equal((200, 100, 3), (info.WidthPixels, info.HeightPixels, info.BandCount));
        Assert.Equal(GeoTransform.NorthUp(500000, 5000000, 0.5), info.GeoTransform);
        Assert.Equal(0.5, info.ApproxGsdMeters, 6);
        var (lon, lat) = new UtmZone(33, true).Inverse(500000 + 100 * 0.5, 5000000 - 50 * 0.5);
        Assert.Equal(lon, info.CenterLongitude, 8);
        Assert.Equal(lat, info.CenterLatitude, 8);
    }

    [Fact]
    public void An_image_without_georeferencing_is_refused()
    {
        var png = _dir.File("plain.png");
        GdalTools.Run("gdal_translate", "-q", "-of", "PNG", "-co", "WORLDFILE=NO", "--config", "GDAL_PAM_ENABLED", "NO",
            TestRasters.WriteUniformRgb(_dir.File("src.tif"), 10, 10), png);

        var ex = Assert.Throws<InputException>(() => RasterProbe.Inspect(png));

        Assert.Equal(png, ex.Path);
        Assert.Contains("not georeferenced", ex.Reason);
    }

    [Fact]
    public void A_local_crs_that_cannot_reach_wgs84_is_refused()
    {
        var path = _dir.File("local.tif");
        var band = TestRasters.Fill(10, 10, 1);
        GeoTiffWriter.Write(path, 10, 10, [band], GeoTransform.NorthUp(0, 100, 1), """LOCAL_CS["site grid",UNIT["metre",1]]""");

        var ex = Assert.Throws<InputException>(() => RasterProbe.Inspect(path));

        Assert.Equal(path, ex.Path);
        Assert.Contains("cannot be transformed to WGS 84", ex.Reason);
    }

    [Fact]
    public void A_file_that_is_not_a_raster_is_refused()
    {
        var path = _dir.File("notes.tif");
        File.WriteAllText(path, "not an image");

        var ex = Assert.Throws<InputException>(() => RasterProbe.Inspect(path));

        Assert.Equal($"{path}: {ex.Reason}", ex.Message);
        Assert.Contains("not a readable raster", ex.Reason);
    }
}
