using Vigil.Ledger.Language;
using Vigil.Runs.Flights;
using Vigil.Runs.Nightly;
using Xunit.Abstractions;

namespace Vigil.IntegrationTests;

/// <summary>
/// The out-of-domain warning on real imagery the shipped model was not made for. SpaceNet's Atlanta tile (0.5 m,
/// single-band panchromatic, a US suburb) with its 43 labelled buildings as the baseline: the model, trained on 0.15 m
/// RGB drone imagery of African and Nepalese towns, sees structures everywhere and matches few of the buildings. Real
/// DJI photos of Toledo (Ohio) under a baseline of a dense town laid over their ground: far fewer detections than
/// buildings.
/// </summary>
public sealed class OutOfDomainTests(ITestOutputHelper output)
{
    private static readonly string Atlanta = Path.Combine(SharedData.Folder("solaris_spacenet_atlanta"), "sample_geotiff.tif");
    private static readonly string AtlantaBuildings = Path.Combine(SharedData.Folder("solaris_spacenet_atlanta"), "geotiff_labels.geojson");

    [Fact]
    public async Task A_scene_the_model_fails_on_is_flagged_in_the_summary_in_both_languages_and_in_the_nightly_report()
    {
        using var temp = new TempDirectory();
        var result = await FlightRunner.RunAsync(
            new FlightRunOptions([Atlanta], AtlantaBuildings, temp.File("ledger.gpkg"), null, SharedData.ShippedModel, "atlanta"),
            null, CancellationToken.None);

        var warning = Assert.Single(result.DomainWarnings);
        output.WriteLine($"Atlanta: {warning.Detections} structure(s) detected, {warning.NewRecords} new, {warning.BaselineBuildings} baseline building(s) covered");
        output.WriteLine(warning.Describe(OfficeText.English));
        output.WriteLine(warning.Describe(OfficeText.SimplifiedChinese));
        Assert.Equal(DomainWarning.MostlyNew, warning.Kind);
        Assert.InRange(warning.BaselineBuildings, 40, 43);
        Assert.True(warning.NewRecords > warning.BaselineBuildings);
        Assert.StartsWith($"out of domain? {warning.NewRecords} new record(s) where the baseline holds {warning.BaselineBuildings} building(s)",
            warning.Describe(OfficeText.English), StringComparison.Ordinal);
        Assert.Contains("vigil-buildings", warning.Describe(OfficeText.English), StringComparison.Ordinal);
        Assert.StartsWith($"疑似超出模型适用范围：本次航拍覆盖范围内基准数据有建筑 {warning.BaselineBuildings} 栋，却新立记录 {warning.NewRecords} 条",
            warning.Describe(OfficeText.SimplifiedChinese), StringComparison.Ordinal);

        // The nightly job flags the flight and asks for a person.
        var inbox = Directory.CreateDirectory(temp.File("inbox")).FullName;
        File.Copy(Atlanta, Path.Combine(Directory.CreateDirectory(Path.Combine(inbox, "2026-12-01-atlanta")).FullName, "ortho.tif"));
        var configPath = temp.File("nightly.yaml");
        File.WriteAllText(configPath, $"""
            ledger: nightly.gpkg
            baseline: {AtlantaBuildings}
            model: {SharedData.ShippedModel}
            settle_minutes: 0
            """);
        var report = await NightlyJob.RunAsync(inbox, NightlyConfig.Load(configPath), "cron", TimeProvider.System, CancellationToken.None);

        var flight = Assert.Single(report.Flights);
        Assert.Null(flight.Error);
        Assert.Equal([warning.Describe(OfficeText.English)], flight.OutOfDomain);
        Assert.Contains($"flight 2026-12-01-atlanta: {flight.OutOfDomain[0]}", report.NeedsAttention);
        Assert.Contains("out of domain?", File.ReadAllText(report.ReportPath), StringComparison.Ordinal);
        Assert.Equal(Runs.ExitCodes.NeedsAttention, NightlyJob.Summary(report, TextWriter.Null));
    }

    [Fact]
    public async Task Far_fewer_detections_than_the_baseline_holds_in_the_covered_ground_are_flagged()
    {
        using var temp = new TempDirectory();
        var photos = Directory.CreateDirectory(temp.File("photos")).FullName;
        foreach (var name in new[] { "DJI_0061.JPG", "DJI_0062.JPG", "DJI_0063.JPG", "DJI_0064.JPG", "DJI_0065.JPG" })
        {
            File.Copy(Path.Combine(SharedData.Folder("odm_toledo_dji_photos"), "images", name), Path.Combine(photos, name));
        }

        // A dense town's register (280 buildings of 5 x 4 m, 8 m apart) laid over the photos' ground.
        var baseline = temp.File("dense-town.geojson");
        var features = new List<string>();
        for (var column = 0; column < 20; column++)
        {
            for (var row = 0; row < 14; row++)
            {
                var (x, y) = (-83.6998 + column * 0.0001, 41.5479 + row * 0.0001);
                features.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{{\"type\":\"Feature\",\"properties\":{{\"id\":\"T{column}-{row}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x},{y}],[{x + 0.00006},{y}],[{x + 0.00006},{y + 0.00004}],[{x},{y + 0.00004}],[{x},{y}]]]}}}}"));
            }
        }

        File.WriteAllText(baseline, $"{{\"type\":\"FeatureCollection\",\"features\":[{string.Join(",", features)}]}}");

        var result = await FlightRunner.RunAsync(
            new FlightRunOptions([photos], baseline, temp.File("ledger.gpkg"), null, SharedData.ShippedModel, "toledo", AltitudeAglMeters: 120),
            null, CancellationToken.None);

        var warning = Assert.Single(result.DomainWarnings);
        output.WriteLine($"Toledo: {warning.Detections} structure(s) detected, {warning.BaselineBuildings} baseline building(s) covered");
        output.WriteLine(warning.Describe(OfficeText.SimplifiedChinese));
        Assert.Equal(DomainWarning.FewDetections, warning.Kind);
        Assert.True(warning.Detections < DomainCheck.MinDetectionsPerBaselineBuilding * warning.BaselineBuildings);
        Assert.StartsWith($"疑似超出模型适用范围：本次航拍覆盖范围内基准数据有建筑 {warning.BaselineBuildings} 栋，仅检测到 {warning.Detections} 处",
            warning.Describe(OfficeText.SimplifiedChinese), StringComparison.Ordinal);
    }
}
