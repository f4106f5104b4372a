using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetTopologySuite.IO;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;
using Vigil.Web.Accounts;
using Vigil.Web.Hosting;

// How long the map page takes to open with many cases: a GeoPackage ledger with N cases (default 5,000) over 13 team
// areas, vigil serve on a loopback port, Debian's chromium signed in as a viewer; each run loads the page afresh and waits
// until every case is drawn (the page sets body[data-map-ready]). Prints each run and the median.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var folder = Directory.CreateTempSubdirectory("vigil-webbench-").FullName;
try
{
    using var store = GeoPackageLedgerStore.Open(Path.Combine(folder, "ledger.gpkg"));
    var wkt = new WKTReader();
    string Square(double lon, double lat, double size) => FormattableString.Invariant(
        $"POLYGON (({lon} {lat}, {lon + size} {lat}, {lon + size} {lat + size}, {lon} {lat + size}, {lon} {lat}))");
    string[] teams = ["城关", "东湖", "西溪", "南山", "北塘", "江滨", "湖滨", "东新", "凯旋", "采荷", "闸弄口", "彭埠", "笕桥"];
    store.ReplaceTeamAreas(teams.Select((t, i) => ($"{t}街道中队", wkt.Read(Square(120.0 + i * 0.02, 30.2, 0.02)))).ToList(),
        DateTimeOffset.UtcNow, "bench");
    var seeding = Stopwatch.StartNew();
    var random = new Random(17);
    for (var i = 0; i < count; i++)
    {
        store.InsertRecord(new NewViolation(ViolationKinds.New, wkt.Read(Square(120.0 + random.NextDouble() * 0.259, 30.2 + random.NextDouble() * 0.019, 0.0002)),
            80 + random.NextDouble() * 200, 0, 0.8, DateTimeOffset.UtcNow, "F-bench", null, null, "bench"));
    }

    UserAdministration.Add(store, "viewer", "查看员", "viewer", null, "zh-CN", "bench-password", DateTimeOffset.UtcNow, "bench");
    Console.WriteLine($"{count} cases written in {seeding.Elapsed.TotalSeconds:F1} s");

    await using var app = VigilServer.Build(new ServeOptions(Path.Combine(folder, "ledger.gpkg"), "http://127.0.0.1:0", Path.Combine(folder, "evidence")), store);
    await app.StartAsync();
    var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("VIGIL_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-dev-shm-usage"],
    });
    var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 } });
    var page = await context.NewPageAsync();
    await page.GotoAsync(baseUrl);
    await page.Locator("#login-name").FillAsync("viewer");
    await page.Locator("#login-password").FillAsync("bench-password");
    await page.Locator("#login-submit").ClickAsync();
    await page.Locator("#sign-out").WaitForAsync();

    var seconds = new List<double>();
    for (var run = 0; run <= runs; run++)
    {
        var watch = Stopwatch.StartNew();
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("count => document.body.dataset.mapReady === String(count)", count, new() { Timeout = 120_000 });
        watch.Stop();
        if (run > 0)
        {
            seconds.Add(watch.Elapsed.TotalSeconds);
            Console.WriteLine($"run {run}: {watch.Elapsed.TotalSeconds:F2} s (page's own count from script start: {await page.EvaluateAsync<string>("document.body.dataset.mapMs")} ms)");
        }
    }

    var apiMs = await page.EvaluateAsync<double>(
        "async () => { const t = performance.now(); await (await fetch('/api/cases')).json(); return performance.now() - t; }");
    Console.WriteLine($"GET /api/cases alone (server and JSON parse): {apiMs:F0} ms");
    seconds.Sort();
    Console.WriteLine($"map page with {count} cases: median {seconds[seconds.Count / 2]:F2} s, min {seconds[0]:F2} s, max {seconds[^1]:F2} s over {runs} runs (first load not counted)");
    await app.StopAsync();
}
finally
{
    Directory.Delete(folder, recursive: true);
}
