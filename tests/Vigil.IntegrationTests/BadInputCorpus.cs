using System.Buffers.Binary;
using static Vigil.IntegrationTests.BadInputCorpusTests;

namespace Vigil.IntegrationTests;

/// <summary>The bad inputs of <see cref="BadInputCorpusTests"/>: each writes its own file(s) into the case's folder.</summary>
internal static class Corpus
{
    private const int NoInput = 3;
    private const int BadConfiguration = 2;
    private const int Refused = 4;

    // The good scene lies at 528000..528200 E, 9332000..9332200 N in UTM 37S (Zanzibar); 39.2530 E, 6.0415 S.
    private const string Srs = "EPSG:32737";
    private static readonly string[] Corners = ["528000", "9332200", "528200", "9332000"];

    private const string SquareNearScene = "[[39.2531,-6.0416],[39.2532,-6.0416],[39.2532,-6.0417],[39.2531,-6.0417],[39.2531,-6.0416]]";

    public static IReadOnlyList<Case> All { get; } =
    [
        // Imagery that is not what it claims: refused by name before any tile, or left out.
        new("random bytes as a GeoTIFF", NoInput, "garbage.tif: not a readable raster", f => f.Run(f.Write("garbage.tif", Noise(5000, 3)))),
        new("an empty file", NoInput, "empty.tif: not a readable raster", f => f.Run(f.Write("empty.tif", []))),
        new("a text file named .tif", NoInput, "notes.tif: not a readable raster", f => f.Run(f.Write("notes.tif", "航拍任务 2026-11-25 未完成\n"))),
        new("a missing input", NoInput, "absent.tif: not a readable raster", f => f.Run(f.File("absent.tif"))),
        new("a PNG without georeferencing", NoInput, "plain.png: not georeferenced", f => f.Run(Translate(f, "plain.png", "-of", "PNG"))),
        new("a GeoTIFF without a CRS", NoInput, "nocrs.tif: not georeferenced: it has no CRS", f => f.Run(Create(f, "nocrs.tif", 64, 64, "-a_ullr", "528000", "9332200", "528032", "9332168"))),
        new("a GeoTIFF without a geotransform", NoInput, "notransform.tif: not georeferenced: it has no geotransform", f => f.Run(Create(f, "notransform.tif", 64, 64, "-a_srs", Srs))),
        new("a 13 KB GeoTIFF whose header claims 2048 x 2048 px (Incorrect count for StripOffsets)", NoInput,
            "claims-2048.tif: damaged: GDAL reports \"TIFFFetchStripThing:Incorrect count for \"StripOffsets\"", f => f.Run(Claiming(f, "claims-2048.tif", 2048, 2048))),
        new("a 13 KB GeoTIFF whose header claims 60000 x 60000 px", NoInput,
            "claims-60000.tif: damaged: GDAL reports", f => f.Run(Claiming(f, "claims-60000.tif", 60000, 60000))),
        new("a sparse GeoTIFF of 100000 x 100000 px holding no block", NoInput,
            "sparse.tif: its header claims 100000 x 100000 px", f => f.Run(Create(f, "sparse.tif", 100000, 100000, "-a_srs", Srs, "-a_ullr", "528000", "9332200", "543000", "9317200", "-co", "SPARSE_OK=TRUE", "-co", "TILED=YES", "-co", "BLOCKXSIZE=512", "-co", "BLOCKYSIZE=512"))),
        new("a raster over --max-megapixels", NoInput, "scene.tif: too large: 400 x 400 px", f => f.Run(f.Scene, "--max-megapixels", "0.1")),
        new("a GeoTIFF cut short after its first blocks", NoInput, "cut.tif: tile (0,0) unreadable, its ground left out (not covered)", f => f.Run(CutShort(f, "cut.tif"))),
        new("a GeoTIFF of complex numbers", NoInput, "complex.tif: band 1 holds complex numbers", f => f.Run(Create(f, "complex.tif", 64, 64, "-ot", "CInt16", "-a_srs", Srs, "-a_ullr", "528000", "9332200", "528032", "9332168"))),
        new("a GeoTIFF in a local engineering CRS", NoInput, "local.tif: its CRS cannot be transformed to WGS 84",
            f => f.Run(Create(f, "local.tif", 64, 64, "-a_srs", "LOCAL_CS[\"site grid\",UNIT[\"metre\",1]]", "-a_ullr", "0", "64", "64", "0"))),
        new("a GeoTIFF with a singular geotransform", NoInput, "flat.tif: not georeferenced: its geotransform is singular",
            f => f.Run(Create(f, "flat.tif", 64, 64, "-a_srs", Srs, "-a_ullr", "528000", "9332200", "528000", "9332200"))),

        // Baselines and black lists that cannot be used: the run stops before any work (exit 2).
        new("a baseline declaring EPSG:999999", BadConfiguration, "crs999999.geojson: it declares a CRS that PROJ does not know",
            f => f.RunWithBaseline(f.Write("crs999999.geojson", CollectionIn("EPSG:999999", Polygon("B1", SquareNearScene))))),
        new("a baseline with kind: maybe", BadConfiguration, "maybe.geojson: unknown kind on feature(s) B1 ('maybe')",
            f => f.RunWithBaseline(f.Write("maybe.geojson", Collection(Polygon("B1", SquareNearScene, "\"kind\":\"maybe\""))))),
        new("a baseline with a Chinese kind the schema does not know", BadConfiguration, "unknown kind on feature(s) 东-3 ('待定')",
            f => f.RunWithBaseline(f.Write("待定.geojson", Collection(Polygon("东-3", SquareNearScene, "\"kind\":\"待定\""))))),
        new("a baseline of another city (Shenzhen) for a flight over Zanzibar", BadConfiguration,
            "shenzhen.geojson: does not overlap the flight: the baseline covers longitude 114.0",
            f => f.RunWithBaseline(f.Write("shenzhen.geojson", Collection(Polygon("深圳-1", "[[114.05,22.54],[114.0502,22.54],[114.0502,22.5402],[114.05,22.5402],[114.05,22.54]]"))))),
        new("a baseline 7 km beside the flight", BadConfiguration, "beside.geojson: does not overlap the flight",
            f => f.RunWithBaseline(f.Write("beside.geojson", Collection(Polygon("B1", "[[39.30,-6.0],[39.3002,-6.0],[39.3002,-6.0002],[39.30,-6.0002],[39.30,-6.0]]"))))),
        new("a CSV baseline without a CRS", BadConfiguration, "nocrs.csv: layer 'nocrs' has an unknown CRS",
            f => f.RunWithBaseline(f.Write("nocrs.csv", "id,WKT\n1,\"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))\"\n"))),
        new("a baseline of points", BadConfiguration, "points.geojson: the baseline holds features but no polygon",
            f => f.RunWithBaseline(f.Write("points.geojson", Collection("{\"type\":\"Feature\",\"properties\":{\"id\":\"P1\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[39.2531,-6.0416]}}")))),
        new("random bytes as a baseline", BadConfiguration, "noise.gpkg: not a readable vector file", f => f.RunWithBaseline(f.Write("noise.gpkg", Noise(3000, 5)))),
        new("a missing baseline", BadConfiguration, "absent.geojson: not a readable vector file", f => f.RunWithBaseline(f.File("absent.geojson"))),
        new("a baseline GeoJSON cut short", BadConfiguration, "cut.geojson: not a readable vector file",
            f => f.RunWithBaseline(f.Write("cut.geojson", Collection(Polygon("B1", SquareNearScene))[..60]))),
        new("a Shapefile baseline without its .prj", BadConfiguration, "has an unknown CRS: declare one", f => f.RunWithBaseline(ShapefileWithoutPrj(f))),
        new("a black list with two zones of one name", BadConfiguration, "zones.geojson: two zones are named '老城区'",
            f => f.Run(f.Scene, "--blacklist", f.Write("zones.geojson", Collection(Polygon("Z1", SquareNearScene, "\"name\":\"老城区\""), Polygon("Z2", SquareNearScene, "\"name\":\"老城区\""))))),
        new("a black list of points", BadConfiguration, "zone-points.geojson: the black list holds no polygon",
            f => f.Run(f.Scene, "--blacklist", f.Write("zone-points.geojson", Collection("{\"type\":\"Feature\",\"properties\":{\"name\":\"河道\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[39.2531,-6.0416]}}")))),
        new("a black list declaring EPSG:999999", BadConfiguration, "zones999999.geojson: it declares a CRS that PROJ does not know",
            f => f.Run(f.Scene, "--blacklist", f.Write("zones999999.geojson", CollectionIn("EPSG:999999", Polygon("Z1", SquareNearScene, "\"name\":\"河道\""))))),

        // Options that cannot work: exit 2, the option named.
        new("--expansion-min-m2 NaN", BadConfiguration, "--expansion-min-m2 NaN is not a number Vigil can use", f => f.Run(f.Scene, "--expansion-min-m2", "NaN")),
        new("--tolerance-m Infinity", BadConfiguration, "--tolerance-m Infinity is not a number Vigil can use", f => f.Run(f.Scene, "--tolerance-m", "Infinity")),
        new("--expansion-share -Infinity", BadConfiguration, "--expansion-share -Infinity is not a number", f => f.Run(f.Scene, "--expansion-share=-Infinity")),
        new("--rise-m NaN", BadConfiguration, "--rise-m NaN is not a number", f => f.Run(f.Scene, "--rise-m", "NaN")),
        new("--altitude-agl NaN", BadConfiguration, "--altitude-agl NaN is not a number", f => f.Run(f.Scene, "--altitude-agl", "NaN")),
        new("--max-megapixels NaN", BadConfiguration, "--max-megapixels NaN is not a number", f => f.Run(f.Scene, "--max-megapixels", "NaN")),
        new("--max-megapixels 0", BadConfiguration, "--max-megapixels must be a positive number", f => f.Run(f.Scene, "--max-megapixels", "0")),
        new("--tolerance-m 500", BadConfiguration, "Tolerance 500 m must lie in 0..50 m", f => f.Run(f.Scene, "--tolerance-m", "500")),
        new("--threads abc", BadConfiguration, "'vigil run --help' lists the options", f => f.Run(f.Scene, "--threads", "abc")),
        new("an unknown option", BadConfiguration, "--overwrite", f => f.Run(f.Scene, "--overwrite")),
        new("an orthophoto without --baseline", BadConfiguration, "--baseline is required for orthophoto inputs",
            f => ["run", "--input", f.Scene, "--ledger", f.LedgerPath, "--model", BadInputTests.BrightnessModel]),
        new("a missing model", BadConfiguration, "absent.card.json", f => [.. f.Run(f.Scene).Take(7), "--model", f.File("absent.onnx")]),
        new("a model card that is not JSON", BadConfiguration, "bad.card.json",
            f => [.. f.Run(f.Scene).Take(7), "--model", BadCard(f)]),
        new("--dsm-crs EPSG:999999", BadConfiguration, "EPSG:999999", f => f.Run(f.Scene, "--dsm", f.Scene, "--dsm-crs", "EPSG:999999")),

        // Ledger commands the register does not allow: exit 4, nothing written.
        new("set-status on an unknown number", Refused, "no case numbered 'VIG-2026-999999'",
            f => f.LedgerVerb("set-status", "VIG-2026-999999", "confirmed", "--reason", "现场核实")),
        new("set-status to an unknown status", Refused, "'已确认'", f => f.LedgerVerb("set-status", f.Number, "已确认", "--reason", "现场核实")),
        new("a status change the lifecycle forbids", Refused, "the ledger is unchanged",
            f => f.LedgerVerb("set-status", f.Number, "verified-demolished", "--reason", "已拆除")),
        new("set-offender on an unknown number", Refused, "no case numbered 'VIG-2026-000404'",
            f => f.LedgerVerb("set-offender", "VIG-2026-000404", "地块 12/7")),
        new("team areas that overlap", Refused, "城西街道",
            f => f.LedgerVerb("teams", "--load", f.Write("teams.geojson", Collection(Polygon("T1", SquareNearScene, "\"team\":\"城西街道\""), Polygon("T2", SquareNearScene, "\"team\":\"城东街道\""))))),
        new("team areas in a garbage file", Refused, "teams.gpkg: not a readable vector file", f => f.LedgerVerb("teams", "--load", f.Write("teams.gpkg", Noise(2000, 9)))),
        new("a rules file with an unknown key", Refused, "unknown key 'colour'",
            f => f.LedgerVerb("cards", "--rules", f.Write("rules.yaml", "yellow: {open_cases_per_zone: 5, colour: red}\nred: {yellow_unresolved_days: 30}\n"))),
        new("a rules file that is not YAML", Refused, "rules-cut.yaml", f => f.LedgerVerb("cards", "--rules", f.Write("rules-cut.yaml", "yellow: {open_cases_per_zone: [5\n"))),
        new("a work list before any team area is loaded", Refused, "No team areas are loaded in the ledger", f => ["worklist", "--team", "城南街道", "--out", f.File("lists"), "--ledger", f.LedgerPath]),
        new("worklist --out on an existing file", Refused, "is a file; give a folder",
            f => ["worklist", "--team", "城西街道", "--out", f.Write("清单.csv", "已有的文件"), "--ledger", f.LedgerPath]),
        new("report --out on an existing file", Refused, "is a file; give a folder",
            f => ["report", "--out", f.Write("报告.html", "<html></html>"), "--ledger", f.LedgerPath]),
        new("--actor not on the staff list", Refused, "--actor '王方' is not on the staff list",
            f => f.LedgerVerb("set-status", f.Number, "confirmed", "--reason", "现场核实", "--actor", "王方"), WithStaffList: true),
        new("the signed-in user not on the staff list", Refused, "is not on the staff list",
            f => f.LedgerVerb("set-offender", f.Number, "地块 12/7"), WithStaffList: true),

        // Ledgers that are not there or not ledgers: exit 2, none created.
        new("a mistyped --ledger", BadConfiguration, "no ledger at", f => ["ledger", "list", "--ledger", f.File("台帐.gpkg")]),
        new("a text file as --ledger", BadConfiguration, "ledger.txt", f => ["ledger", "list", "--ledger", f.Write("ledger.txt", "这不是台账\n")]),
        new("random bytes as --ledger", BadConfiguration, "noise-ledger.gpkg", f => ["ledger", "list", "--ledger", f.Write("noise-ledger.gpkg", Noise(8192, 4))]),
        new("set-status without --reason", BadConfiguration, "--reason", f => f.LedgerVerb("set-status", f.Number, "confirmed")),
        new("an unknown ledger command", BadConfiguration, "shwo", f => f.LedgerVerb("shwo", f.Number)),
        new("a connection file with an unknown service", BadConfiguration, "the PostgreSQL service '城西'",
            f => ["ledger", "list", "--ledger", f.Write("ledger.conn", "# 台账数据库\nService=城西\n")]),
    ];

    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    internal static string Collection(params string[] features) => Collection(features, null);

    private static string CollectionIn(string crs, string feature) => Collection([feature], crs);

    private static string Collection(string[] features, string? crs) =>
        "{\"type\":\"FeatureCollection\"," +
        (crs is null ? "" : $"\"crs\":{{\"type\":\"name\",\"properties\":{{\"name\":\"{crs}\"}}}},") +
        $"\"features\":[{string.Join(",", features)}]}}";

    internal static string Polygon(string id, string ring, string? properties = null) =>
        $"{{\"type\":\"Feature\",\"properties\":{{\"id\":\"{id}\"{(properties is null ? "" : "," + properties)}}}," +
        $"\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[{ring}]}}}}";

    private static string Create(Folder f, string name, int width, int height, params string[] options)
    {
        Gdal("gdal_create", ["-q", "-of", "GTiff", "-outsize", $"{width}", $"{height}", "-bands", "3", .. options, f.File(name)]);
        return f.File(name);
    }

    private static string Translate(Folder f, string name, params string[] options)
    {
        Gdal("gdal_translate", ["-q", .. options, "--config", "GDAL_PAM_ENABLED", "NO", "-co", "WORLDFILE=NO", f.Scene, f.File(name)]);
        return f.File(name);
    }

    /// <summary>A 64 x 64 px single-strip GeoTIFF (13 KB) whose header is patched to claim <paramref name="width"/> x <paramref name="height"/>.</summary>
    internal static string Claiming(Folder f, string name, int width, int height)
    {
        var small = Create(f, "small-" + name, 64, 64, "-burn", "100", "-co", "BLOCKYSIZE=64", "-a_srs", Srs, "-a_ullr", "528000", "9332200", "528032", "9332168");
        var bytes = File.ReadAllBytes(small);
        Assert.Equal("II"u8.ToArray(), bytes[..2]);
        var ifd = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(ifd));
        for (var i = 0; i < entries; i++)
        {
            var entry = bytes.AsSpan(ifd + 2 + 12 * i);
            var tag = BinaryPrimitives.ReadUInt16LittleEndian(entry);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(entry[2..]);
            if (tag is 256 or 257)
            {
                var value = tag == 256 ? width : height;
                if (type == 3)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(entry[8..], (ushort)value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], (uint)value);
                }
            }
        }

        return f.Write(name, bytes);
    }

    /// <summary>A tiled 1024 x 1024 px GeoTIFF cut after its first 12 KB, as an upload that stopped early.</summary>
    private static string CutShort(Folder f, string name)
    {
        var full = Create(f, "full-" + name, 1024, 1024, "-burn", "90", "-co", "TILED=YES", "-co", "INTERLEAVE=PIXEL", "-a_srs", Srs, "-a_ullr", "528000", "9332200", "528200", "9332000");
        return f.Write(name, File.ReadAllBytes(full)[..12288]);
    }

    private static string ShapefileWithoutPrj(Folder f)
    {
        var json = f.Write("outline.geojson", Collection(Polygon("B1", SquareNearScene)));
        var shp = f.File("outline.shp");
        Gdal("ogr2ogr", "-f", "ESRI Shapefile", shp, json);
        File.Delete(f.File("outline.prj"));
        return shp;
    }

    private static string BadCard(Folder f)
    {
        var model = f.File("bad.onnx");
        File.Copy(BadInputTests.BrightnessModel, model);
        f.Write("bad.card.json", "{\"input\": [512, 512");
        return model;
    }
}
