using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Vigil.Core;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Flights;

namespace Vigil.Demo;

/// <summary>
/// <c>vigil demo</c>: generates the two-epoch scene, writes the first epoch's structures as the baseline (the register),
/// runs the second epoch through the whole pipeline and checks which of the added structures came back as new records.
/// </summary>
public static class DemoRun
{
    /// <summary>Generates the scene into <paramref name="directory"/> and runs it; returns what was found.</summary>
    public static async Task<DemoResult> RunAsync(
        string directory, string modelPath, Action<RunProgress>? onProgress, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var scene = DemoScene.Create();
        var before = Path.Combine(directory, "epoch-1.tif");
        var after = Path.Combine(directory, "epoch-2.tif");
        var baseline = Path.Combine(directory, "baseline.geojson");
        var blacklist = Path.Combine(directory, "blacklist.geojson");
        var ledger = Path.Combine(directory, "ledger.gpkg");
        Ingest.GdalRuntime.EnsureInitialized();
        DemoRenderer.Write(scene, scene.Before, before, seed: 1);
        DemoRenderer.Write(scene, scene.After, after, seed: 2);
        WriteGeoJson(baseline, scene.Before.Select(b => (scene.Zone.ToWgs84(b.Outline), new AttributesTable
        {
            { "id", b.Id },
            { "kind", "registered" },
        })));
        var east = new Envelope(scene.Extent.Centre.X, scene.Extent.MaxX, scene.Extent.MinY, scene.Extent.MaxY);
        WriteGeoJson(blacklist, [(scene.Zone.ToWgs84(new GeometryFactory().ToGeometry(east)), new AttributesTable
        {
            { "name", "East quarter" },
        })]);

        var options = new FlightRunOptions([after], baseline, ledger, blacklist, modelPath, FlightId: "demo-epoch-2");
        var result = await FlightRunner.RunAsync(options, onProgress, ct).ConfigureAwait(false);

        using var store = GeoPackageLedgerStore.Open(ledger);
        var opened = store.ReadRecords().Where(r => result.Ledger.NumbersAssigned.Contains(r.Number)).ToList();
        var expected = scene.Added.Select(b => (b.Id, Outline: b.Outline)).ToList();
        var found = expected.Count(e => opened.Any(r =>
            r.Kind == "new" && scene.Zone.FromWgs84(r.FootprintWgs84).Intersection(e.Outline).Area > 0.5 * e.Outline.Area));
        var grown = scene.After.Single(b => b.Id == scene.ExpandedId).Outline;
        var expansionFound = opened.Any(r =>
            r.Kind == "expanded" && scene.Zone.FromWgs84(r.FootprintWgs84).Intersects(grown));
        return new DemoResult(result, opened, expected.Count, found, expansionFound,
            [before, after, baseline, blacklist, ledger, result.NewRecordsGeoJsonPath]);
    }

    internal static void WriteGeoJson(string path, IEnumerable<(Geometry Geometry, AttributesTable Attributes)> features)
    {
        var collection = new FeatureCollection();
        foreach (var (geometry, attributes) in features)
        {
            collection.Add(new Feature(geometry, attributes));
        }

        var options = new JsonSerializerOptions { Encoder = ReadableJson.Encoder };
        options.Converters.Add(new GeoJsonConverterFactory());
        File.WriteAllText(path, JsonSerializer.Serialize(collection, options));
    }
}
