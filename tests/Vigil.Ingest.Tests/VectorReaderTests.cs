using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests;

/// <summary>Vector files in several formats and CRSs come back in the UTM zone, within centimetres of UtmZone.Forward.</summary>
public sealed class VectorReaderTests : IDisposable
{
    private const double CentimeterTolerance = 0.01;

    // Two buildings in Stone Town, Zanzibar (UTM 37S), a feature without geometry, lon/lat as GeoJSON requires (CRS84).
    private const string GeoJson = """
        {
          "type": "FeatureCollection",
          "features": [
            { "type": "Feature", "properties": { "id": "B1", "name": "house" },
              "geometry": { "type": "Polygon", "coordinates": [[[39.1901, -6.1620], [39.1903, -6.1620], [39.1903, -6.1622], [39.1901, -6.1622], [39.1901, -6.1620]]] } },
            { "type": "Feature", "properties": { "id": "B2", "name": null },
              "geometry": { "type": "MultiPolygon", "coordinates": [[[[39.1910, -6.1630], [39.1912, -6.1630], [39.1911, -6.1632], [39.1910, -6.1630]]]] } },
            { "type": "Feature", "properties": { "id": "B3", "name": "no geometry" }, "geometry": null }
          ]
        }
        """;

    private static readonly UtmZone Zone = new(37, false);
    private readonly TempDirectory _dir = new();

    public VectorReaderTests()
    {
        GeoJsonPath = _dir.File("buildings.geojson");
        File.WriteAllText(GeoJsonPath, GeoJson);
    }

    private string GeoJsonPath { get; }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GeoJson_in_crs84_is_projected_to_the_utm_zone()
    {
        var features = VectorReader.Read(GeoJsonPath, Zone);

        AssertMatchesSource(features);
        Assert.Equal("house", features[0].Attributes["name"]);
        Assert.Null(features[1].Attributes["name"]);
    }

    [Fact]
    public void GeoPackage_in_epsg_4326_is_read_in_lon_lat_order_and_projected()
    {
        var gpkg = _dir.File("buildings.gpkg");
        GdalTools.Run("ogr2ogr", "-f", "GPKG", "-a_srs", "EPSG:4326", gpkg, GeoJsonPath);

        AssertMatchesSource(VectorReader.Read(gpkg, Zone));
    }

    [Fact]
    public void Shapefile_in_web_mercator_is_reprojected()
    {
        var shp = _dir.File("buildings.shp");
        GdalTools.Run("ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", "EPSG:3857", "-nlt", "PROMOTE_TO_MULTI", shp, GeoJsonPath);

        AssertMatchesSource(VectorReader.Read(shp, Zone));
    }

    [Fact]
    public void Features_without_an_id_attribute_get_layer_and_fid()
    {
        var path = _dir.File("noid.geojson");
        File.WriteAllText(path, GeoJson.Replace("\"id\":", "\"ref\":"));

        var features = VectorReader.Read(path, Zone);

        Assert.Equal(["noid:0", "noid:1"], features.Select(f => f.Id));
        Assert.Equal("B1", features[0].Attributes["ref"]);
    }

    [Fact]
    public void A_shapefile_without_prj_is_refused_naming_the_file()
    {
        var shp = _dir.File("nocrs.shp");
        GdalTools.Run("ogr2ogr", "-f", "ESRI Shapefile", shp, GeoJsonPath, "-where", "id = 'B1'");
        File.Delete(Path.ChangeExtension(shp, ".prj"));

        var ex = Assert.Throws<InputException>(() => VectorReader.Read(shp, Zone));

        Assert.Equal(shp, ex.Path);
        Assert.StartsWith(shp + ": ", ex.Message);
        Assert.Contains("unknown CRS: declare one", ex.Reason);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var path = _dir.File("empty.geojson");
        File.WriteAllText(path, """{ "type": "FeatureCollection", "features": [] }""");

        var ex = Assert.Throws<InputException>(() => VectorReader.Read(path, Zone));

        Assert.Equal(path, ex.Path);
        Assert.Contains("empty", ex.Reason);
    }

    [Fact]
    public void An_unreadable_file_is_refused()
    {
        var path = _dir.File("garbage.gpkg");
        File.WriteAllText(path, "this is not a GeoPackage");

        var ex = Assert.Throws<InputException>(() => VectorReader.Read(path, Zone));

        Assert.Equal(path, ex.Path);
        Assert.Contains("not a readable vector file", ex.Reason);
    }

    private static void AssertMatchesSource(IReadOnlyList<VectorFeature> features)
    {
        Assert.Equal(["B1", "B2"], features.Select(f => f.Id));
        Assert.All(features, f => Assert.Equal(Zone.EpsgCode, f.Geometry.SRID));
        Assert.IsAssignableFrom<IPolygonal>(features[0].Geometry);
        Assert.IsAssignableFrom<IPolygonal>(features[1].Geometry);

        AssertCorner(features[0].Geometry.Coordinates[0], 39.1901, -6.1620);
        AssertCorner(features[0].Geometry.Coordinates[2], 39.1903, -6.1622);
        AssertCorner(features[1].Geometry.Coordinates[2], 39.1911, -6.1632);

        // About 22 m x 22 m: a sanity check on units (metres, not degrees).
        Assert.InRange(features[0].Geometry.Area, 480, 500);
    }

    private static void AssertCorner(Coordinate actual, double longitude, double latitude)
    {
        var (easting, northing) = Zone.Forward(longitude, latitude);
        Assert.InRange(actual.X, easting - CentimeterTolerance, easting + CentimeterTolerance);
        Assert.InRange(actual.Y, northing - CentimeterTolerance, northing + CentimeterTolerance);
    }
}
