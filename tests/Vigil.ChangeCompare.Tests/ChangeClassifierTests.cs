using System.Threading.Channels;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Vigil.Core;

namespace Vigil.ChangeCompare.Tests;

public sealed class ChangeClassifierTests
{
    private static readonly WKTReader Wkt = new();

    private static BaselineFeature Registered(string id, string wkt) => new(id, BaselineFeatureKind.Registered, Wkt.Read(wkt));

    private static Footprint Detected(string wkt) => new((Polygon)Wkt.Read(wkt), 0.9, "ortho.tif");

    private static ChangeClassifier Classifier(params BaselineFeature[] features) =>
        new(new BaselineIndex(features), new ChangeOptions());

    [Fact]
    public void Footprint_with_nothing_registered_nearby_is_new()
    {
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));

        var finding = classifier.Classify(Detected("POLYGON ((50 50, 60 50, 60 58, 50 58, 50 50))"));

        Assert.Equal(FindingKind.New, finding.Kind);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 2.0)]
    [InlineData(-3.0, 0.0)]
    public void Registered_building_seen_with_a_gps_offset_is_unchanged(double dx, double dy)
    {
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 8 0, 8 6, 0 6, 0 0))"));

        var finding = classifier.Classify(Detected(
            $"POLYGON (({dx} {dy}, {8 + dx} {dy}, {8 + dx} {6 + dy}, {dx} {6 + dy}, {dx} {dy}))"));

        Assert.Equal(FindingKind.Unchanged, finding.Kind);
        Assert.Equal("B1", finding.MatchedBaselineId);
    }

    [Fact]
    public void Registered_building_that_grew_is_expanded_with_the_added_area()
    {
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));

        var finding = classifier.Classify(Detected("POLYGON ((0 0, 16 0, 16 10, 0 10, 0 0))"));

        Assert.Equal(FindingKind.Expanded, finding.Kind);
        Assert.Equal(60, finding.AddedAreaSquareMeters, 1);
    }

    [Fact]
    public void Small_growth_within_the_thresholds_is_unchanged()
    {
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));

        var finding = classifier.Classify(Detected("POLYGON ((0 0, 10.5 0, 10.5 10.5, 0 10.5, 0 0))"));

        Assert.Equal(FindingKind.Unchanged, finding.Kind);
    }

    [Fact]
    public void Separate_shed_beside_a_registered_building_is_new()
    {
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 12 0, 12 10, 0 10, 0 0))"));

        var finding = classifier.Classify(Detected("POLYGON ((13 2, 17 2, 17 6, 13 6, 13 2))"));

        Assert.Equal(FindingKind.New, finding.Kind);
    }

    [Fact]
    public void Footprint_over_an_open_ledger_case_is_a_known_violation_of_that_number()
    {
        var classifier = Classifier(
            Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
            new BaselineFeature("VIG-2026-000007", BaselineFeatureKind.LedgerRecord,
                Wkt.Read("POLYGON ((0 0, 16 0, 16 10, 0 10, 0 0))")));

        var finding = classifier.Classify(Detected("POLYGON ((1 1, 17 1, 17 11, 1 11, 1 1))"));

        Assert.Equal(FindingKind.KnownViolation, finding.Kind);
        Assert.Equal("VIG-2026-000007", finding.MatchedRecordNumber);
    }

    [Fact]
    public void Over_a_surface_model_new_and_known_structures_get_their_height_and_unchanged_ones_none()
    {
        // Flat ground at 100 m; every roof below stands 7 m on it.
        var heights = new float[60 * 60];
        for (var r = 0; r < 60; r++)
        {
            for (var c = 0; c < 60; c++)
            {
                var (x, y) = (c + 0.5, 59.5 - r);
                var onRoof = (x is > 0 and < 10 || x is > 20 and < 36) && y is > 0 and < 10 || x is > 40 and < 50 && y is > 40 and < 48;
                heights[r * 60 + c] = onRoof ? 107 : 100;
            }
        }

        var surface = new HeightGrid("dsm.tif", GeoTransform.NorthUp(0, 60, 1), 60, 60, heights);
        var classifier = new ChangeClassifier(new BaselineIndex(
        [
            Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
            new BaselineFeature("VIG-2026-000007", BaselineFeatureKind.LedgerRecord, Wkt.Read("POLYGON ((20 0, 36 0, 36 10, 20 10, 20 0))")),
        ]), new ChangeOptions(), new SurfaceEpochs(surface, null));

        var unchanged = classifier.Classify(Detected("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
        var known = classifier.Classify(Detected("POLYGON ((20 0, 36 0, 36 10, 20 10, 20 0))"));
        var added = classifier.Classify(Detected("POLYGON ((40 40, 50 40, 50 48, 40 48, 40 40))"));

        Assert.Equal((FindingKind.Unchanged, (double?)null), (unchanged.Kind, unchanged.HeightMeters));
        Assert.Equal((FindingKind.KnownViolation, 7.0), (known.Kind, known.HeightMeters!.Value));
        Assert.Equal((FindingKind.New, 7.0), (added.Kind, added.HeightMeters!.Value));
    }

    [Fact]
    public async Task Unseen_registered_building_inside_the_covered_area_is_a_demolished_candidate()
    {
        var classifier = Classifier(
            Registered("SEEN", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
            Registered("GONE", "POLYGON ((30 30, 40 30, 40 40, 30 40, 30 30))"),
            Registered("OUTSIDE", "POLYGON ((300 300, 310 300, 310 310, 300 310, 300 300))"));
        var input = Channel.CreateUnbounded<FootprintBatch>();
        var output = Channel.CreateUnbounded<Finding>();
        input.Writer.TryWrite(new FootprintBatch(
            [Detected("POLYGON ((0.5 0, 10.5 0, 10.5 10, 0.5 10, 0.5 0))")],
            Wkt.Read("POLYGON ((-20 -20, 100 -20, 100 100, -20 100, -20 -20))")));
        input.Writer.Complete();

        await classifier.RunAsync(input.Reader, output.Writer, CancellationToken.None);
        var findings = await output.Reader.ReadAllAsync().ToListAsync();

        Assert.Equal(2, findings.Count);
        Assert.Equal(FindingKind.Unchanged, findings[0].Kind);
        var missing = findings[1];
        Assert.Equal(FindingKind.DemolishedCandidate, missing.Kind);
        Assert.Equal("GONE", missing.MatchedBaselineId);
        Assert.Equal(120 * 120, classifier.CoveredArea.Area, 1);
    }

    [Fact]
    public async Task Classifier_completes_its_output_with_the_error_when_the_input_fails()
    {
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
        var input = Channel.CreateUnbounded<FootprintBatch>();
        var output = Channel.CreateUnbounded<Finding>();
        input.Writer.Complete(new IOException("tile reader broke"));

        await Assert.ThrowsAsync<IOException>(() => classifier.RunAsync(input.Reader, output.Writer, CancellationToken.None));

        await Assert.ThrowsAsync<IOException>(() => output.Reader.Completion);
    }
}
