using Vigil.Core;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests;

/// <summary>Vector files written through OGR read back with their attributes, an empty layer included.</summary>
public sealed class VectorWriterTests : IDisposable
{
    private static readonly UtmZone Zone = new(37, false);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GeoJson_becomes_a_geopackage_layer_with_its_attributes()
    {
        var source = _dir.File("in.geojson");
        File.WriteAllText(source, """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"飞行-1:1","kind":"registered"},
               "geometry":{"type":"Polygon","coordinates":[[[39.1901,-6.1620],[39.1903,-6.1620],[39.1903,-6.1622],[39.1901,-6.1622],[39.1901,-6.1620]]]}}]}
            """);
        var gpkg = _dir.File("baseline.gpkg");
        File.WriteAllText(gpkg, "left over from an earlier run");

        VectorWriter.Translate(source, gpkg, "buildings");

        var feature = Assert.Single(VectorReader.Read(gpkg, Zone));
        Assert.Equal(("飞行-1:1", "registered"), (feature.Id, feature.Attributes["kind"]));
        Assert.InRange(feature.Geometry.Area, 400, 600);
    }

    [Fact]
    public void An_empty_collection_is_an_empty_layer_that_reads_as_no_feature_only_when_allowed()
    {
        var source = _dir.File("empty.geojson");
        File.WriteAllText(source, """{"type":"FeatureCollection","features":[]}""");
        var gpkg = _dir.File("empty.gpkg");

        VectorWriter.Translate(source, gpkg, "buildings");

        Assert.Empty(VectorReader.Read(gpkg, Zone, allowEmpty: true));
        Assert.Contains("no feature", Assert.Throws<InputException>(() => VectorReader.Read(gpkg, Zone)).Message, StringComparison.Ordinal);
    }
}
