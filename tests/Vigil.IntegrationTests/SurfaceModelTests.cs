using NetTopologySuite.Geometries;
using Vigil.ChangeCompare;
using Vigil.Cli;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Inputs;

namespace Vigil.IntegrationTests;

/// <summary>
/// Real drone surface tiles in VN-2000 / TM 107°45' (../shared/data/uav_dsm_vietnam_buildings) against the real
/// building layer (EPSG:5899): heights above ground, a roof raised by 3 m on part of one building in a second epoch,
/// and a DSM in another CRS than its orthophoto.
/// </summary>
public sealed class SurfaceModelTests
{
    private const double GsdMeters = 0.21;
    private const float RaiseMeters = 3;

    /// <summary>
    /// The tiles' CRS as their file names state it. Their GeoTIFF keys carry it too (the base CRS with its EPSG code),
    /// so PROJ applies VN-2000's datum shift with or without it; a file that lost the datum needs it assigned.
    /// </summary>
    private const string TileCrs = "EPSG:5899";

    private static string Folder => SharedData.Folder("uav_dsm_vietnam_buildings");

    private static string Tile => Path.Combine(Folder, "dsm", "3072-10240.tif");

    [Fact]
    public void Raising_part_of_one_roof_by_3_m_makes_exactly_that_building_a_rooftop_addition()
    {
        using var temp = new TempDirectory();
        var (zone, before, buildings) = Load();
        var target = Covered(buildings, before).MaxBy(b => b.Outline.Buffer(0).Intersection(Extent(before)).Area)!;
        var onTile = target.Outline.Buffer(0).Intersection(Extent(before));
        var raisedPart = Square(onTile.InteriorPoint.Coordinate, 6).Intersection(onTile);
        var after = Raise(before, raisedPart, temp.File("epoch2.tif"), zone);

        var classifier = new ChangeClassifier(new BaselineIndex(buildings), new ChangeOptions(), new SurfaceEpochs(after, before));
        var additions = classifier.RooftopAdditions().ToList();

        var addition = Assert.Single(additions);
        Assert.Equal(FindingKind.RooftopAddition, addition.Kind);
        Assert.Equal(target.Id, addition.MatchedBaselineId);
        Assert.Equal(RaiseMeters, addition.HeightMeters!.Value, 0.2);
        Assert.Equal(raisedPart.Area, addition.AddedAreaSquareMeters, raisedPart.Area * 0.15);
    }

    [Fact]
    public void The_real_building_outlines_stand_above_the_ground_of_the_real_dsm()
    {
        var (_, surface, buildings) = Load();
        var heights = Covered(buildings, surface)
            .Select(b => SurfaceComparer.HeightAboveGround(b.Outline, surface))
            .OfType<double>()
            .ToList();

        Assert.True(heights.Count >= 3, $"only {heights.Count} buildings on the tile");
        Assert.All(heights, h => Assert.InRange(h, 2.5, 30));
    }

    [Fact]
    public async Task Dsm_crs_on_the_command_line_gives_a_dsm_that_lost_its_datum_its_place_and_heights_in_the_ledger()
    {
        using var temp = new TempDirectory();
        var orthophoto = BuildingMaskOrthophoto(temp.File("ortho-epsg5899.tif"));
        var dsm = WithoutDatum(temp.File("dsm-without-datum.vrt"));
        var baseline = temp.File("baseline.geojson");
        // A registered building on either side of the tile, none on it: the baseline is this area's, and what the
        // flight detects is new.
        File.WriteAllText(baseline, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"sw"},"geometry":{"type":"Polygon",
            "coordinates":[[[107.2130,10.6480],[107.2131,10.6480],[107.2131,10.6481],[107.2130,10.6481],[107.2130,10.6480]]]}},
            {"type":"Feature","properties":{"id":"ne"},"geometry":{"type":"Polygon",
            "coordinates":[[[107.2190,10.6530],[107.2191,10.6530],[107.2191,10.6531],[107.2190,10.6531],[107.2190,10.6530]]]}}]}
            """);
        string[] Run(string ledger, params string[] more) =>
        [
            "--input", orthophoto, "--baseline", baseline, "--ledger", temp.File(ledger), "--model", BadInputTests.BrightnessModel,
            "--dsm", dsm, "--baseline-dsm", dsm, "--flight-id", "F1", "--threads", "2", .. more,
        ];

        var assigned = await RunCommand.Create().Parse(Run("assigned.gpkg", "--dsm-crs", TileCrs)).InvokeAsync();
        var asFiled = await RunCommand.Create().Parse(Run("as-filed.gpkg")).InvokeAsync();
        var unknown = await RunCommand.Create().Parse(Run("unknown.gpkg", "--dsm-crs", "EPSG:99999")).InvokeAsync();

        Assert.Equal((ExitCodes.Success, ExitCodes.Success, ExitCodes.BadConfiguration), (assigned, asFiled, unknown));
        using var withCrs = GeoPackageLedgerStore.Open(temp.File("assigned.gpkg"));
        var heights = withCrs.ReadRecords().Select(r => r.HeightMeters).ToList();
        Assert.NotEmpty(heights);
        Assert.All(heights, h => Assert.InRange(h!.Value, 2.5, 30));
        Assert.Empty(withCrs.FindFlight("F1")!.Rejections);

        // As filed (transverse Mercator on WGS 84) the DSM would land about 225 m off: it is refused by name, no height.
        using var withoutCrs = GeoPackageLedgerStore.Open(temp.File("as-filed.gpkg"));
        Assert.Equal(heights.Count, withoutCrs.ReadRecords().Count);
        Assert.All(withoutCrs.ReadRecords(), r => Assert.Null(r.HeightMeters));
        Assert.StartsWith($"{dsm}: DSM in another CRS than its orthophoto", Assert.Single(withoutCrs.FindFlight("F1")!.Rejections));
        Assert.False(File.Exists(temp.File("unknown.gpkg")));
    }

    [Fact]
    public void A_dsm_in_another_crs_than_its_orthophoto_is_rejected_by_name()
    {
        using var temp = new TempDirectory();
        var (zone, surface, _) = Load();
        var orthophoto = temp.File("ortho-utm.tif");
        GeoTiffWriter.Write(orthophoto, surface.WidthPixels, surface.HeightPixels,
            [new byte[surface.WidthPixels * surface.HeightPixels]], surface.Transform, zone.EpsgName);

        var error = Assert.Throws<InputException>(() => SurfaceModelReader.Read(Tile, zone, GsdMeters, orthophoto));

        Assert.Equal(Tile, error.Path);
        Assert.Contains("another CRS", error.Reason);
    }

    /// <summary>
    /// The tile's building mask drawn white on black as an orthophoto in EPSG:5899 stated in full (GDAL writes the EPSG
    /// code, so PROJ applies VN-2000's datum shift): the brightness model detects the real buildings where they stand.
    /// </summary>
    private static string BuildingMaskOrthophoto(string path)
    {
        var (width, height, bands, transform, _) = RasterFile.ReadAll(Path.Combine(Folder, "mask", Path.GetFileName(Tile)));
        var white = bands[0].Select(v => v > 0 ? (byte)255 : (byte)0).ToArray();
        GeoTiffWriter.Write(path, width, height, [white, white, white], transform!.Value, TileCrs);
        return path;
    }

    /// <summary>
    /// The tile as a DSM whose file lost its datum: VN-2000 / TM-3 107-45 stated as the same projection on WGS 84, as
    /// software that knows the projection but not the national datum writes it.
    /// </summary>
    private static string WithoutDatum(string vrtPath)
    {
        var info = RasterProbe.Inspect(Tile);
        var c = info.GeoTransform.ToGdal();
        File.WriteAllText(vrtPath, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
            <VRTDataset rasterXSize="{info.WidthPixels}" rasterYSize="{info.HeightPixels}">
              <SRS>+proj=tmerc +lat_0=0 +lon_0=107.75 +k=0.9999 +x_0=500000 +y_0=0 +datum=WGS84 +units=m +no_defs</SRS>
              <GeoTransform>{string.Join(", ", c.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}</GeoTransform>
              <VRTRasterBand dataType="Float32" band="1">
                <NoDataValue>-32767</NoDataValue>
                <SimpleSource><SourceFilename relativeToVRT="0">{Tile}</SourceFilename><SourceBand>1</SourceBand></SimpleSource>
              </VRTRasterBand>
            </VRTDataset>
            """));
        return vrtPath;
    }

    private static (UtmZone Zone, HeightGrid Surface, IReadOnlyList<BaselineFeature> Buildings) Load()
    {
        var probe = RasterProbe.Inspect(Tile);
        var zone = UtmZone.Containing(probe.CenterLongitude, probe.CenterLatitude);
        var surface = SurfaceModelReader.Read(Tile, zone, GsdMeters, assignedCrs: TileCrs);
        var buildings = BaselineLoader.Load(Path.Combine(Folder, "kv-1-dem-epsg5899_buildings.geojson"), zone);
        return (zone, surface, buildings);
    }

    /// <summary>Buildings with at least 100 m² on the tile (the layer's buildings are larger than the 107 m tiles).</summary>
    private static IEnumerable<BaselineFeature> Covered(IReadOnlyList<BaselineFeature> buildings, HeightGrid surface) =>
        buildings.Where(b => b.Outline.EnvelopeInternal.Intersects(Extent(surface).EnvelopeInternal) &&
                             b.Outline.Buffer(0).Intersection(Extent(surface)).Area > 100);

    private static Geometry Extent(HeightGrid grid)
    {
        var (x0, y0) = grid.Transform.PixelToWorld(0, 0);
        var (x1, y1) = grid.Transform.PixelToWorld(grid.WidthPixels, grid.HeightPixels);
        return new GeometryFactory().ToGeometry(new Envelope(x0, x1, y0, y1));
    }

    private static Geometry Square(Coordinate centre, double sideMeters) => new GeometryFactory().ToGeometry(
        new Envelope(centre.X - sideMeters / 2, centre.X + sideMeters / 2, centre.Y - sideMeters / 2, centre.Y + sideMeters / 2));

    /// <summary>Writes the second epoch: the same heights, 3 m higher inside <paramref name="part"/>, and reads it back.</summary>
    private static HeightGrid Raise(HeightGrid before, Geometry part, string path, UtmZone zone)
    {
        var heights = (float[])before.HeightsMeters.Clone();
        var locator = new NetTopologySuite.Algorithm.Locate.IndexedPointInAreaLocator(part);
        for (var r = 0; r < before.HeightPixels; r++)
        {
            for (var c = 0; c < before.WidthPixels; c++)
            {
                var (x, y) = before.Transform.PixelToWorld(c + 0.5, r + 0.5);
                var i = r * before.WidthPixels + c;
                if (float.IsNaN(heights[i]))
                {
                    heights[i] = -32767;
                }
                else if (locator.Locate(new Coordinate(x, y)) == Location.Interior)
                {
                    heights[i] += RaiseMeters;
                }
            }
        }

        GeoTiffWriter.WriteFloat32(path, before.WidthPixels, before.HeightPixels, [heights], before.Transform, zone.EpsgName, -32767);
        return SurfaceModelReader.Read(path, zone, GsdMeters);
    }
}
