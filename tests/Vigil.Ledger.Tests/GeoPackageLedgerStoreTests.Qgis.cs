using System.IO.Compression;
using System.Xml.Linq;
using Microsoft.Data.Sqlite;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Qgis;

namespace Vigil.Ledger.Tests;

/// <summary>The GeoPackage ledger's QGIS styles (layer_styles) and the project the report writes.</summary>
public sealed partial class GeoPackageLedgerStoreTests
{
    private const string ZoneWkt = "MULTIPOLYGON (((44.79 41.69, 44.81 41.69, 44.81 41.71, 44.79 41.71, 44.79 41.69)))";
    private static readonly DateTimeOffset Nov2026 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_ledger_holds_default_styles_for_its_layers_by_status_kind_and_card()
    {
        GeoPackageLedgerStore.Open(LedgerPath).Dispose();

        var rows = Query("SELECT f_table_name, f_geometry_column, styleName, useAsDefault, styleQML FROM layer_styles ORDER BY id");
        var registered = Query("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'");

        Assert.Equal(["violations", "blacklist_zones", "team_areas", "flights"], rows.Select(r => (string)r[0]));
        Assert.All(rows, r => Assert.Equal(("geom", "vigil", 1L), ((string)r[1], (string)r[2], (long)r[3])));
        Assert.Equal("attributes", Assert.Single(registered)[0]);
        var cases = XDocument.Parse((string)rows[0][4]).Root!.Element("renderer-v2")!;
        Assert.Equal("RuleRenderer", (string?)cases.Attribute("type"));
        var byStatus = cases.Element("rules")!.Elements("rule").ToList();
        Assert.Equal(CaseStatuses.All.Select(s => $"\"status\" = '{s}'"), byStatus.Select(r => (string?)r.Attribute("filter")));
        var symbols = cases.Element("symbols")!.Elements("symbol").Select(s => (string?)s.Attribute("name")).ToHashSet();
        foreach (var status in byStatus)
        {
            var kinds = status.Elements("rule").ToList();
            Assert.Equal(
                [ViolationKinds.New, ViolationKinds.Expanded, ViolationKinds.KnownViolation, ViolationKinds.DemolishedCandidate, ViolationKinds.RooftopAddition],
                kinds.Select(k => (string?)k.Attribute("label")));
            Assert.All(kinds, k => Assert.Contains((string?)k.Attribute("symbol"), symbols));
        }

        // Different statuses are told apart by fill, different kinds by outline.
        string Fill(string key, string option) => cases.Element("symbols")!.Elements("symbol")
            .Single(s => (string?)s.Attribute("name") == byStatus.SelectMany(r => r.Elements("rule")).Single(r => (string?)r.Attribute("key") == key).Attribute("symbol")!.Value)
            .Descendants("Option").Single(o => (string?)o.Attribute("name") == option).Attribute("value")!.Value;
        Assert.NotEqual(Fill("detected-new", "color"), Fill("confirmed-new", "color"));
        Assert.NotEqual(Fill("confirmed-new", "outline_style"), Fill("confirmed-expanded", "outline_style"));
        var zones = XDocument.Parse((string)rows[1][4]).Root!.Element("renderer-v2")!.Element("rules")!.Elements("rule");
        Assert.Equal(["\"card\" = 'red'", "\"card\" = 'yellow'", "ELSE"], zones.Select(r => (string?)r.Attribute("filter")));
    }

    [Fact]
    public void A_zone_keeps_its_card_colour_in_the_layer_through_a_reload_until_lifted()
    {
        using var store = GeoPackageLedgerStore.Open(LedgerPath);
        var zone = new List<(string, NetTopologySuite.Geometries.Geometry)> { ("城西街道违建重点区", Geo.Wkt(ZoneWkt)) };
        store.ReplaceBlacklistZones(zone, Nov2026, "张伟");

        store.RecordCard(new CardChange(CardSubjects.Zone, "城西街道违建重点区", CardColors.Red, "城西街道违建重点区", [], Nov2026, "张伟", "区内待处理案件 5 件"));
        var carded = ZoneCard();
        store.ReplaceBlacklistZones(zone, Nov2026.AddDays(1), "张伟");
        var reloaded = ZoneCard();
        store.RecordCard(new CardChange(CardSubjects.Zone, "城西街道违建重点区", CardColors.Lifted, "城西街道违建重点区", [], Nov2026.AddDays(2), "张伟", "已整改"));

        Assert.Equal(("red", "red"), (carded, reloaded));
        Assert.Null(ZoneCard());
    }

    [Fact]
    public void An_older_ledger_gets_the_styles_when_opened()
    {
        GeoPackageLedgerStore.Open(LedgerPath).Dispose();
        Execute("DROP TABLE layer_styles; DELETE FROM gpkg_contents WHERE table_name = 'layer_styles'; ALTER TABLE blacklist_zones DROP COLUMN card;");

        GeoPackageLedgerStore.Open(LedgerPath).Dispose();

        Assert.Equal(4L, Query("SELECT count(*) FROM layer_styles")[0][0]);
        Assert.Single(Query("SELECT 1 FROM pragma_table_info('blacklist_zones') WHERE name = 'card'"));
    }

    [Fact]
    public void The_project_holds_the_styled_ledger_layers_and_the_imagery_that_exists()
    {
        var ortho = _dir.File("城西-正射影像.tif");
        File.WriteAllBytes(ortho, [0x49, 0x49, 0x2A, 0x00]);
        using var store = GeoPackageLedgerStore.Open(LedgerPath);
        store.BeginFlight(new FlightStart("2026-11-19-城西", Nov2026, [ortho, _dir.File("gone.tif"), _dir.File("DJI_0001.JPG")], "cron"));
        var project = _dir.File("out.qgz");

        var imagery = QgisProject.Write(store, LedgerPath, project);
        var postgis = _dir.File("pg.qgz");
        QgisProject.Write(store, "Host=db.example;Port=5433;Database=vigil;Username=clerk;Password=secret;Search Path=city", postgis);

        Assert.Equal([ortho], imagery);
        var qgs = Read(project);
        var layers = qgs.Root!.Element("projectlayers")!.Elements("maplayer").ToList();
        Assert.Equal(
            [$"{LedgerPath}|layername=violations", $"{LedgerPath}|layername=blacklist_zones", $"{LedgerPath}|layername=team_areas",
             $"{LedgerPath}|layername=flights", ortho],
            layers.Select(l => l.Element("datasource")!.Value));
        Assert.Equal(["ogr", "ogr", "ogr", "ogr", "gdal"], layers.Select(l => l.Element("provider")!.Value));
        Assert.Equal("RuleRenderer", (string?)layers[0].Element("renderer-v2")!.Attribute("type"));
        Assert.Equal("2026-11-19-城西 · 城西-正射影像.tif", layers[4].Element("layername")!.Value);
        Assert.Equal(layers.Select(l => l.Element("id")!.Value).Order(),
            qgs.Root.Descendants("layer-tree-layer").Select(l => (string)l.Attribute("id")!).Order());
        var pgProject = Read(postgis);
        var pg = pgProject.Root!.Element("projectlayers")!.Elements("maplayer").First().Element("datasource")!.Value;
        Assert.Equal("dbname='vigil' host=db.example port=5433 user='clerk' key='fid' srid=4326 type=MultiPolygon table=\"city\".\"violations\" (geom)", pg);
        Assert.DoesNotContain("secret", pgProject.ToString(), StringComparison.Ordinal);
    }

    private static XDocument Read(string qgz)
    {
        using var zip = ZipFile.OpenRead(qgz);
        var entry = Assert.Single(zip.Entries);
        Assert.EndsWith(".qgs", entry.Name, StringComparison.Ordinal);
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    private string? ZoneCard() => Query("SELECT card FROM blacklist_zones")[0][0] as string;

    private List<object[]> Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={LedgerPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
