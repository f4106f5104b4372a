using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Npgsql;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Qgis;

/// <summary>
/// A QGIS project (<c>.qgz</c>: a zip holding one <c>.qgs</c> XML) with the ledger's layers, styled as in
/// <see cref="LayerStyles"/>, over the imagery of every flight the ledger holds (the orthophotos that still exist, by
/// absolute path). A PostGIS ledger is referenced without its password: QGIS asks for it or reads ~/.pgpass.
/// </summary>
public static class QgisProject
{
    /// <summary>The file name the report gives the project.</summary>
    public const string FileName = "ledger.qgz";

    private static readonly string[] VectorLayers =
        [LedgerSchema.Flights, LedgerSchema.TeamAreas, LedgerSchema.BlacklistZones, LedgerSchema.Violations];

    /// <summary>Writes the project; returns the imagery files it references.</summary>
    /// <param name="store">The ledger; only read (its flights' inputs).</param>
    /// <param name="ledger">The ledger's GeoPackage path or PostGIS connection string, as given to the command.</param>
    /// <param name="path">The <c>.qgz</c> to write (replaced when it exists).</param>
    public static IReadOnlyList<string> Write(ILedgerStore store, string ledger, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(ledger);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var imagery = Imagery(store);
        var tree = new XElement("layer-tree-group");
        var layers = new XElement("projectlayers");
        var order = new XElement("custom-order", new XAttribute("enabled", "0"));
        foreach (var layer in VectorLayers.Reverse())
        {
            var id = $"{layer}_vigil";
            var source = Source(ledger, layer);
            tree.Add(TreeLayer(id, layer, source.DataSource, source.Provider));
            layers.Add(new XElement("maplayer", new XAttribute("type", "vector"), new XAttribute("geometry", "Polygon"),
                new XAttribute("wkbType", "MultiPolygon"),
                new XElement("id", id), new XElement("datasource", source.DataSource), new XElement("layername", layer),
                Wgs84(), new XElement("provider", new XAttribute("encoding", "UTF-8"), source.Provider),
                LayerStyles.Renderer(layer)));
        }

        var imageryGroup = new XElement("layer-tree-group", new XAttribute("name", "imagery"), new XAttribute("checked", "Qt::Checked"),
            new XAttribute("expanded", "1"));
        var index = 0;
        foreach (var (flight, raster) in imagery)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"imagery_{index++}");
            var name = $"{flight} · {Path.GetFileName(raster)}";
            imageryGroup.Add(TreeLayer(id, name, raster, "gdal"));
            layers.Add(new XElement("maplayer", new XAttribute("type", "raster"),
                new XElement("id", id), new XElement("datasource", raster), new XElement("layername", name),
                new XElement("provider", "gdal")));
        }

        tree.Add(imageryGroup);
        tree.Add(order);
        var project = new XDocument(new XElement("qgis",
            new XAttribute("projectname", "Vigil ledger"), new XAttribute("version", LayerStyles.QgisVersion),
            new XElement("title", "Vigil ledger"),
            new XElement("projectCrs", Wgs84().Elements()),
            tree,
            layers,
            new XElement("properties", new XElement("Paths", new XElement("Absolute", new XAttribute("type", "bool"), "true")))));

        var temporary = path + ".tmp";
        using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry(Path.ChangeExtension(Path.GetFileName(path), ".qgs"));
            using var stream = entry.Open();
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            project.Save(writer);
        }

        File.Move(temporary, path, overwrite: true);
        return [.. imagery.Select(i => i.Raster)];
    }

    /// <summary>The rasters of every flight, in the order flights were first started; missing files and photos are left out.</summary>
    private static List<(string Flight, string Raster)> Imagery(ILedgerStore store)
    {
        var flights = store.ReadEvents()
            .Where(e => e.Kind == LedgerEventKinds.FlightStarted && e.FlightId is not null)
            .Select(e => e.FlightId!)
            .Distinct(StringComparer.Ordinal);
        var imagery = new List<(string, string)>();
        foreach (var flight in flights)
        {
            foreach (var input in store.FindFlight(flight)?.Inputs ?? [])
            {
                if (Path.GetExtension(input).ToLowerInvariant() is ".tif" or ".tiff" or ".vrt" or ".jp2" or ".img" && File.Exists(input))
                {
                    imagery.Add((flight, Path.GetFullPath(input)));
                }
            }
        }

        return imagery;
    }

    private static (string DataSource, string Provider) Source(string ledger, string layer)
    {
        if (!PostGisLedgerStore.IsConnectionString(ledger))
        {
            return ($"{Path.GetFullPath(ledger)}|layername={layer}", "ogr");
        }

        var pg = new NpgsqlConnectionStringBuilder(ledger);
        var schema = pg.SearchPath?.Split(',')[0].Trim() is { Length: > 0 } first ? first : "public";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"dbname='{pg.Database}' host={pg.Host} port={pg.Port}");
        if (pg.Username is { Length: > 0 } user)
        {
            text.Append(CultureInfo.InvariantCulture, $" user='{user}'");
        }

        text.Append(CultureInfo.InvariantCulture, $" key='fid' srid=4326 type=MultiPolygon table=\"{schema}\".\"{layer}\" (geom)");
        return (text.ToString(), "postgres");
    }

    private static XElement TreeLayer(string id, string name, string source, string provider) =>
        new("layer-tree-layer", new XAttribute("id", id), new XAttribute("name", name), new XAttribute("source", source),
            new XAttribute("providerKey", provider), new XAttribute("checked", "Qt::Checked"), new XAttribute("expanded", "0"));

    private static XElement Wgs84() =>
        new("srs", new XElement("spatialrefsys", new XElement("authid", "EPSG:4326"), new XElement("srid", "4326")));
}
