using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.IO;
using Npgsql;
using OpenCvSharp;
using Vigil.Core;
using Vigil.Ingest.Rasters;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;
using Vigil.Web.Accounts;
using Vigil.Web.Hosting;

namespace Vigil.Web.Tests;

/// <summary>
/// vigil serve on a real Kestrel port over a fresh GeoPackage ledger: two sub-district teams with Chinese names, a red-card
/// black-list zone, detected cases in both teams, and one account per role (password <see cref="Password"/>).
/// </summary>
internal sealed class OfficeSite : IAsyncDisposable
{
    public const string Password = "Vigil-2026!";
    public const string Chengguan = "城关街道中队";
    public const string Donghu = "东湖街道中队";
    public static readonly DateTimeOffset Flown = new(2026, 10, 14, 2, 30, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private string? _schema;

    private OfficeSite(string folder, SqlLedgerStore store, WebApplication app, string baseUrl, List<string> chengguan, List<string> donghu)
    {
        Folder = folder;
        Store = store;
        _app = app;
        BaseUrl = baseUrl;
        ChengguanCases = chengguan;
        DonghuCases = donghu;
    }

    public string Folder { get; }

    public SqlLedgerStore Store { get; }

    public string BaseUrl { get; }

    public string LedgerPath => Path.Combine(Folder, "台账.gpkg");

    public string EvidenceFolder => Path.Combine(Folder, "evidence");

    /// <summary>Where the site keeps the map tiles it rendered.</summary>
    public string TileCache => Path.Combine(Folder, "tiles");

    /// <summary>The flight whose orthophoto (<see cref="OrthophotoPath"/>) lies under the first Chengguan case.</summary>
    public const string Flight = "F-2026-10-14";

    public string OrthophotoPath => Path.Combine(Folder, OrthophotoName);

    public IReadOnlyList<string> ChengguanCases { get; }

    public IReadOnlyList<string> DonghuCases { get; }

    /// <summary>The PostgreSQL connection string of a PostGIS site (its own schema, dropped on dispose); null for a GeoPackage one.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>Starts the site on a GeoPackage ledger, or on PostGIS in a fresh schema of the test database (VIGIL_POSTGIS).</summary>
    /// <param name="postGis">True: PostGIS.</param>
    /// <param name="busyTimeout">How long a write of the GeoPackage waits for another writer; null: the store's default.</param>
    public static async Task<OfficeSite> StartAsync(bool postGis = false, TimeSpan? busyTimeout = null)
    {
        var folder = Directory.CreateTempSubdirectory("vigil-web-").FullName;
        string? schema = null;
        string ledger = Path.Combine(folder, "台账.gpkg");
        if (postGis)
        {
            schema = $"web_{Guid.NewGuid():N}";
            var server = Environment.GetEnvironmentVariable("VIGIL_POSTGIS") is { Length: > 0 } configured
                ? configured
                : "Host=127.0.0.1;Port=5432;Database=vigil_test;Username=vigil;Password=vigil";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
                await create.ExecuteNonQueryAsync();
            }

            ledger = new NpgsqlConnectionStringBuilder(server) { SearchPath = $"{schema},public" }.ToString();
        }

        const int casesPerTeam = 3;
        SqlLedgerStore store = postGis ? PostGisLedgerStore.Open(ledger)
            : busyTimeout is { } timeout ? GeoPackageLedgerStore.Open(ledger, timeout) : GeoPackageLedgerStore.Open(ledger);
        store.ReplaceTeamAreas([(Chengguan, Square(120.10, 30.20, 0.02)), (Donghu, Square(120.12, 30.20, 0.02))], Flown, "setup");
        store.ReplaceBlacklistZones([("河道保护区", Square(120.105, 30.205, 0.004))], Flown, "setup");
        store.RecordCard(new CardChange(CardSubjects.Zone, "河道保护区", CardColors.Red, "河道保护区", [], Flown, "setup", "一年内三处违建"));
        var chengguan = Cases(store, 120.1005, casesPerTeam);
        store.BeginFlight(new FlightStart(Flight, Flown, [Orthophoto(folder)], "pipeline"));
        var donghu = Cases(store, 120.1205, casesPerTeam);
        var at = Flown;
        UserAdministration.Add(store, "admin", "管理员", "admin", null, "zh-CN", Password, at, "setup");
        UserAdministration.Add(store, "lihua", "李华", "analyst", null, "zh-CN", Password, at, "setup");
        UserAdministration.Add(store, "zhaolei", "赵磊", "teamlead", Chengguan, "zh-CN", Password, at, "setup");
        UserAdministration.Add(store, "wangfang", "王芳", "member", Chengguan, "zh-CN", Password, at, "setup");
        UserAdministration.Add(store, "chengang", "陈刚", "member", Donghu, "en", Password, at, "setup");
        UserAdministration.Add(store, "sunli", "孙丽", "viewer", null, "en", Password, at, "setup");

        var app = VigilServer.Build(
            new ServeOptions(ledger, "http://127.0.0.1:0", Path.Combine(folder, "evidence"), TileCacheDirectory: Path.Combine(folder, "tiles")), store);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OfficeSite(folder, store, app, address, chengguan, donghu)
        {
            _schema = schema,
            ConnectionString = postGis ? ledger : null,
        };
    }

    /// <summary>A JPEG photo of the given size in pixels, written into the site's folder.</summary>
    public string Photo(string name, int width = 320, int height = 240)
    {
        var path = Path.Combine(Folder, name);
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(60, 140, 200));
        Cv2.PutText(image, "site", new Point(20, height / 2), HersheyFonts.HersheySimplex, 2, Scalar.White, 3);
        Cv2.ImWrite(path, image);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Store.Dispose();
        Directory.Delete(Folder, recursive: true);
        if (_schema is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The orthophoto's georeferencing: EPSG:4326, about 0.5 m a pixel, 120.100-120.102° E, 30.210-30.212° N.</summary>
    public static readonly GeoTransform OrthophotoTransform = new(120.1, 0.000005, 0, 30.212, 0, -0.000005);

    /// <summary>The orthophoto's side, pixels.</summary>
    public const int OrthophotoPixels = 400;

    private const string OrthophotoName = "城关-正射影像.tif";

    /// <summary>The orthophoto's colour at a pixel: red grows eastwards, green southwards, blue constant.</summary>
    public static (byte Red, byte Green, byte Blue) OrthophotoColour(double column, double row) =>
        ((byte)Math.Round(40 + column * 200 / OrthophotoPixels), (byte)Math.Round(30 + row * 200 / OrthophotoPixels), 90);

    /// <summary>An 8-bit RGB GeoTIFF (<see cref="OrthophotoTransform"/>, <see cref="OrthophotoColour"/>) over the first Chengguan case.</summary>
    private static string Orthophoto(string folder)
    {
        var path = Path.Combine(folder, OrthophotoName);
        var bands = Enumerable.Range(0, 3).Select(_ => new byte[OrthophotoPixels * OrthophotoPixels]).ToArray();
        for (var i = 0; i < bands[0].Length; i++)
        {
            (bands[0][i], bands[1][i], bands[2][i]) = OrthophotoColour(i % OrthophotoPixels + 0.5, i / OrthophotoPixels + 0.5);
        }

        GeoTiffWriter.Write(path, OrthophotoPixels, OrthophotoPixels, bands, OrthophotoTransform, "EPSG:4326");
        return path;
    }

    private static List<string> Cases(SqlLedgerStore store, double lon, int count) => Enumerable.Range(0, count)
        .Select(i => store.InsertRecord(new NewViolation(ViolationKinds.New, Square(lon + i * 0.003, 30.2105, 0.0002),
            86.5 + i, 0, 0.9, Flown, "F-2026-10-14", null, null, "pipeline")))
        .ToList();

    private static NetTopologySuite.Geometries.Geometry Square(double lon, double lat, double size) => new WKTReader().Read(
        FormattableString.Invariant($"POLYGON (({lon} {lat}, {lon + size} {lat}, {lon + size} {lat + size}, {lon} {lat + size}, {lon} {lat}))"));
}
