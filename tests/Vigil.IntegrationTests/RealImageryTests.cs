using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ledger.Stores;
using Vigil.Runs.Flights;
using Xunit.Abstractions;

namespace Vigil.IntegrationTests;

/// <summary>
/// End to end on real imagery: the 32 x 16 chip mosaic of Zanzibar (121 OSM buildings) with the area's OSM buildings
/// as the baseline, minus every fourth building. Most removed ones must come back as new records; the kept ones must
/// not; a rerun assigns no number. The shipped model is trained on all four fAIr areas, these chips included: this
/// tests the pipeline, while accuracy on unseen areas is measured with held-out runs (models/README.md).
/// </summary>
public sealed class RealImageryTests(ITestOutputHelper output)
{
    private const int FirstChipX = 1277168;
    private const int FirstChipY = 1083840;
    private const int ChipColumns = 32;
    private const int ChipRows = 16;
    private const int RemoveEvery = 4;
    private const double MinRemovedAreaSquareMeters = 15;

    [Fact]
    public async Task Removed_buildings_come_back_as_new_records_and_a_rerun_assigns_no_number()
    {
        using var temp = new TempDirectory();
        var area = Path.Combine(SharedData.Folder("fair_oam_buildings"), "area1_zanzibar_tz");
        var ortho = temp.File("zanzibar-mosaic.tif");
        var transform = OamMosaic.Build(area, FirstChipX, FirstChipY, ChipColumns, ChipRows, ortho);
        GdalRuntime.EnsureInitialized();

        // The stitched mosaic sits where the chips' own masks say (to well under a pixel).
        var (maskLon, maskLat) = OamMosaic.MaskCorner(area, FirstChipX, FirstChipY);
        var (lon, lat) = OamMosaic.ToLonLat(transform.OriginX, transform.OriginY);
        Assert.Equal(maskLon, lon, 1e-6);
        Assert.Equal(maskLat, lat, 1e-6);

        var zone = UtmZone.Containing(lon, lat);
        var extent = UtmExtent(transform, ChipColumns * 256, ChipRows * 256, zone);
        var buildings = VectorReader.Read(Path.Combine(area, "area_labels.geojson"), zone)
            .Where(f => f.Geometry is Polygon && f.Geometry.Intersects(extent))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        var inner = extent.Buffer(-3);
        var candidates = buildings.Where(b => inner.Contains(b.Geometry) && b.Geometry.Area >= MinRemovedAreaSquareMeters).ToList();
        var removed = candidates.Where((_, i) => i % RemoveEvery == 0).ToList();
        var kept = candidates.Except(removed).ToList();
        var baseline = temp.File("baseline.geojson");
        WriteBaseline(baseline, buildings.Except(removed), zone);

        var options = new FlightRunOptions([ortho], baseline, temp.File("ledger.gpkg"), null, SharedData.ShippedModel,
            FlightId: "zanzibar-test");
        var first = await FlightRunner.RunAsync(options, null, CancellationToken.None);

        using (var store = GeoPackageLedgerStore.Open(options.LedgerPath))
        {
            var opened = store.ReadRecords().Where(r => r.Kind == "new").Select(r => zone.FromWgs84(r.FootprintWgs84)).ToList();
            var found = removed.Count(b => opened.Any(r => r.Intersection(b.Geometry).Area >= 0.3 * b.Geometry.Area));
            var trueNew = opened.Count(r => removed.Any(b => r.Intersection(b.Geometry).Area >= 0.3 * Math.Min(r.Area, b.Geometry.Area)));
            var keptFlagged = kept.Count(b => opened.Any(r => r.Intersection(b.Geometry).Area >= 0.5 * b.Geometry.Area));
            var measured = new EndToEndFigures(
                Recall: (double)found / removed.Count,
                Precision: opened.Count == 0 ? 0 : (double)trueNew / opened.Count,
                KeptFlaggedShare: (double)keptFlagged / kept.Count);
            output.WriteLine($"buildings {buildings.Count}, removed {removed.Count}, kept {kept.Count}, new records {opened.Count}, " +
                             $"tiles {first.Tiles}, detections {first.Detections}, {first.Elapsed.TotalSeconds:F1} s");
            output.WriteLine($"measured {JsonSerializer.Serialize(measured)}");
            // A removed building joined with a kept neighbour into one detected outline must come back as new, not as
            // that neighbour's expansion.
            var expanded = store.ReadRecords().Where(r => r.Kind == "expanded").Select(r => zone.FromWgs84(r.FootprintWgs84)).ToList();
            var asExpansion = removed.Count(b => !opened.Any(r => r.Intersection(b.Geometry).Area >= 0.3 * b.Geometry.Area) &&
                                                 expanded.Any(r => r.Intersection(b.Geometry).Area >= 0.3 * b.Geometry.Area));
            output.WriteLine($"removed buildings back inside an expanded record instead: {asExpansion} of {removed.Count}");
            // Every registered building of the scene stands and none grew: each expanded record and each demolished
            // candidate is false (issue 14's bar: none expanded, demolished candidates <= 5 % of the registered).
            var registeredCount = buildings.Count - removed.Count;
            foreach (var r in store.ReadRecords().Where(r => r.Kind == "expanded"))
            {
                var added = zone.FromWgs84(r.FootprintWgs84);
                var whole = zone.FromWgs84(r.WholeOutlineWgs84!);
                var onRemoved = removed.Where(b => b.Geometry.Intersection(added).Area > 0).Select(b => $"{b.Id}:{b.Geometry.Intersection(added).Area:F0}/{b.Geometry.Area:F0}");
                var onKept = buildings.Except(removed).Where(b => b.Geometry.Intersection(added).Area > 0).Select(b => $"{b.Id}:{b.Geometry.Intersection(added).Area:F0}/{b.Geometry.Area:F0}");
                output.WriteLine($"EXPANDED {r.Number} ref {r.BaselineRef} added {added.Area:F0} m2 whole {whole.Area:F0} parts {added.NumGeometries}; on removed [{string.Join(" ", onRemoved)}] on registered [{string.Join(" ", onKept)}]");
            }
            var demolished = store.ReadRecords().Count(r => r.Kind == "demolished-candidate");
            output.WriteLine($"expanded records {expanded.Count} (all false), demolished candidates {demolished} of " +
                             $"{registeredCount} registered (all standing), unverified {first.Ledger.FindingsByKind[FindingKind.Unverified]}");
            // Issue 14's bar.
            Assert.True(measured.Recall >= 0.7, $"only {found} of {removed.Count} removed buildings came back as new");
            Assert.True(expanded.Count == 0, $"{expanded.Count} false expanded record(s), {asExpansion} of them over removed buildings");
            Assert.True(demolished <= 0.05 * registeredCount, $"{demolished} demolished candidates on {registeredCount} standing registered buildings");
            var expected = EndToEndFigures.Load("zanzibar-e2e.json");
            Assert.True(measured.Recall >= expected.Recall - EndToEndFigures.Tolerance, $"recall {measured.Recall:F2}, expected {expected.Recall:F2}");
            Assert.True(measured.Precision >= expected.Precision - EndToEndFigures.Tolerance, $"precision {measured.Precision:F2}, expected {expected.Precision:F2}");
            Assert.True(measured.KeptFlaggedShare <= expected.KeptFlaggedShare + EndToEndFigures.Tolerance,
                $"kept buildings flagged new {measured.KeptFlaggedShare:F2}, expected at most {expected.KeptFlaggedShare:F2}");
        }

        var second = await FlightRunner.RunAsync(options, null, CancellationToken.None);

        Assert.NotEmpty(first.Ledger.NumbersAssigned);
        Assert.Empty(second.Ledger.NumbersAssigned);

        // Imagery the model fits earns no out-of-domain warning.
        Assert.Empty(first.DomainWarnings);
        Assert.Equal(first.Detections, second.Detections);
    }

    private static Polygon UtmExtent(GeoTransform transform, int width, int height, UtmZone zone)
    {
        var corners = new[] { (0, 0), (width, 0), (width, height), (0, height), (0, 0) }
            .Select(p =>
            {
                var (x, y) = transform.PixelToWorld(p.Item1, p.Item2);
                var (lon, lat) = OamMosaic.ToLonLat(x, y);
                var (e, n) = zone.Forward(lon, lat);
                return new Coordinate(e, n);
            }).ToArray();
        return new GeometryFactory(new PrecisionModel(), zone.EpsgCode).CreatePolygon(corners);
    }

    private static void WriteBaseline(string path, IEnumerable<VectorFeature> buildings, UtmZone zone)
    {
        var collection = new FeatureCollection();
        foreach (var building in buildings)
        {
            collection.Add(new Feature(zone.ToWgs84(building.Geometry), new AttributesTable { { "id", building.Id } }));
        }

        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        File.WriteAllText(path, JsonSerializer.Serialize(collection, options));
    }
}
