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

    /// <summary>
    /// Evidence over (-20 -20, 60 60) in 0.5 m cells: each cell takes the state of the first region holding its centre,
    /// else <paramref name="rest"/>.
    /// </summary>
    private static GroundEvidence Ground(GroundState rest, params (GroundState State, string Wkt)[] regions)
    {
        const double cell = 0.5;
        const int side = 160;
        var areas = regions.Select(r => (r.State, Area: Wkt.Read(r.Wkt))).ToList();
        var states = new byte[side * side];
        for (var row = 0; row < side; row++)
        {
            for (var column = 0; column < side; column++)
            {
                var centre = new Point(-20 + (column + 0.5) * cell, 60 - (row + 0.5) * cell);
                states[row * side + column] = (byte)areas.Where(a => a.Area.Contains(centre)).Select(a => a.State)
                    .DefaultIfEmpty(rest).First();
            }
        }

        return new GroundEvidence(-20, 60, cell, side, side, states);
    }

    private static async Task<List<Finding>> Run(ChangeClassifier classifier, params FootprintBatch[] batches)
    {
        var input = Channel.CreateUnbounded<FootprintBatch>();
        var output = Channel.CreateUnbounded<LedgerMessage>();
        foreach (var batch in batches)
        {
            input.Writer.TryWrite(batch);
        }

        input.Writer.Complete();
        await classifier.RunAsync(input.Reader, output.Writer, CancellationToken.None);
        return (await output.Reader.ReadAllAsync().ToListAsync()).Cast<Finding>().ToList();
    }

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
    public void Wing_the_model_holds_to_be_building_is_an_expansion_recorded_as_the_added_part_with_the_whole_outline()
    {
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
        classifier.Evidence.Add(Ground(GroundState.Background,
            (GroundState.Building, "POLYGON ((0 0, 16 0, 16 10, 0 10, 0 0))")));
        var detected = Detected("POLYGON ((0 0, 16 0, 16 10, 0 10, 0 0))");

        var finding = classifier.Classify(detected);

        Assert.Equal(FindingKind.Expanded, finding.Kind);
        Assert.Equal("B1", finding.MatchedBaselineId);
        // The 6 x 10 m wing, less the corners the 1 m opening rounds.
        Assert.InRange(finding.AddedAreaSquareMeters, 58.5, 60.0);
        Assert.Equal(finding.Outline.Area, finding.AreaSquareMeters, 6);
        Assert.True(Wkt.Read("POLYGON ((10 0, 16 0, 16 10, 10 10, 10 0))").Buffer(0.01).Covers(finding.Outline),
            $"the record's geometry is not the added part: {finding.Outline}");
        Assert.True(detected.Outline.EqualsExact(finding.WholeOutline), "the whole outline is not kept");
    }

    [Fact]
    public void Added_band_whose_evidence_meets_the_registered_edge_along_a_line_is_an_expansion()
    {
        // The added band's confident cells join those of the registered roof, which end on its edge: cut to the part
        // outside the registered outline, the evidence is the band and that edge, a line (which the overlay refused).
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
        classifier.Evidence.Add(Ground(GroundState.Background,
            (GroundState.Building, "POLYGON ((0 0, 10 0, 10 14, 0 14, 0 0))"),
            (GroundState.Building, "POLYGON ((0 10, 16 10, 16 14, 0 14, 0 10))")));

        var finding = classifier.Classify(Detected("POLYGON ((0 0, 16 0, 16 14, 0 14, 0 0))"));

        Assert.Equal(FindingKind.Expanded, finding.Kind);
        Assert.InRange(finding.AddedAreaSquareMeters, 60, 64);
    }

    [Fact]
    public void Grown_outline_without_evidence_that_the_added_part_is_building_is_unchanged()
    {
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
        classifier.Evidence.Add(Ground(GroundState.Background,
            (GroundState.Building, "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
            (GroundState.Uncertain, "POLYGON ((10 0, 16 0, 16 10, 10 10, 10 0))")));

        var finding = classifier.Classify(Detected("POLYGON ((0 0, 16 0, 16 10, 0 10, 0 0))"));

        Assert.Equal(FindingKind.Unchanged, finding.Kind);
        Assert.Null(finding.WholeOutline);
    }

    [Theory]
    [InlineData("POLYGON EMPTY")]
    [InlineData("POLYGON ((10 4, 16 4, 16 5.5, 10 5.5, 10 4))")]
    public void Bare_ground_bridged_between_a_building_and_its_neighbour_is_not_an_expansion(string confidentInBridge)
    {
        // The detection runs from B1 over 6 m of ground into B2: 60 m² outside the registered outlines, over the 25 %
        // of 200 m². The model is unsure on the bridge, at most confident along a band 1.5 m wide (a wall, a shadow).
        var classifier = Classifier(
            Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
            Registered("B2", "POLYGON ((16 0, 26 0, 26 10, 16 10, 16 0))"));
        classifier.Evidence.Add(Ground(GroundState.Background,
            (GroundState.Building, confidentInBridge),
            (GroundState.Uncertain, "POLYGON ((10 0, 16 0, 16 10, 10 10, 10 0))"),
            (GroundState.Building, "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
            (GroundState.Building, "POLYGON ((16 0, 26 0, 26 10, 16 10, 16 0))")));

        var finding = classifier.Classify(Detected("POLYGON ((0 0, 26 0, 26 10, 0 10, 0 0))"));

        Assert.Equal(FindingKind.Unchanged, finding.Kind);
    }

    [Fact]
    public void Unregistered_neighbour_joined_over_bare_ground_is_new_and_the_registered_building_unchanged()
    {
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
        classifier.Evidence.Add(Ground(GroundState.Background,
            (GroundState.Building, "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
            (GroundState.Building, "POLYGON ((13 0, 21 0, 21 8, 13 8, 13 0))"),
            (GroundState.Uncertain, "POLYGON ((10 0, 13 0, 13 10, 10 10, 10 0))")));

        var findings = classifier.ClassifyAll(Detected("POLYGON ((0 0, 21 0, 21 10, 0 10, 0 0))"));

        Assert.Equal([FindingKind.Unchanged, FindingKind.New], findings.Select(f => f.Kind));
        Assert.Equal(64, findings[1].AreaSquareMeters, 1.0);
        Assert.True(Wkt.Read("POLYGON ((13 0, 21 0, 21 8, 13 8, 13 0))").Buffer(0.01).Covers(findings[1].Outline));
    }

    [Fact]
    public void Unregistered_neighbour_sharing_a_wall_and_nearly_the_registered_size_is_new_not_an_expansion()
    {
        // The detection runs over B1 and an 8 x 10 m house built against its east wall, one roof to the model: the
        // added part is 80 % of B1, a building of its own.
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
        classifier.Evidence.Add(Ground(GroundState.Background,
            (GroundState.Building, "POLYGON ((0 0, 18 0, 18 10, 0 10, 0 0))")));

        var findings = classifier.ClassifyAll(Detected("POLYGON ((0 0, 18 0, 18 10, 0 10, 0 0))"));

        Assert.Equal([FindingKind.Unchanged, FindingKind.New], findings.Select(f => f.Kind));
        Assert.InRange(findings[1].AreaSquareMeters, 78, 80.01);
        Assert.True(Wkt.Read("POLYGON ((10 0, 18 0, 18 10, 10 10, 10 0))").Buffer(0.01).Covers(findings[1].Outline),
            $"the new record is not the neighbour: {findings[1].Outline}");
    }

    [Fact]
    public void Neighbour_meeting_the_registered_outline_along_a_short_stretch_is_new_not_an_expansion()
    {
        // An 8 x 8 m house (53 % of B1) whose corner meets B1's north-east corner over 1 m of wall: it touches B1 along
        // about 3 m, under half its own 8 m width.
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 12 0, 12 10, 0 10, 0 0))"));
        classifier.Evidence.Add(Ground(GroundState.Background,
            (GroundState.Building, "POLYGON ((0 0, 12 0, 12 10, 0 10, 0 0))"),
            (GroundState.Building, "POLYGON ((12 9, 20 9, 20 17, 12 17, 12 9))")));

        var findings = classifier.ClassifyAll(Detected("POLYGON ((0 0, 12 0, 12 9, 20 9, 20 17, 12 17, 12 10, 0 10, 0 0))"));

        Assert.Equal([FindingKind.Unchanged, FindingKind.New], findings.Select(f => f.Kind));
        Assert.InRange(findings[1].AreaSquareMeters, 60, 64.01);
    }

    [Fact]
    public void Registered_building_seen_with_an_offset_and_a_real_wing_is_expanded_by_the_wing_only()
    {
        // Detection 2 m east of the register with an 8 x 10 m wing: after the alignment (3 m, pulled by the wing) the
        // 1 m sliver on the west falls away and the wing stays.
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 12 0, 12 10, 0 10, 0 0))"));
        classifier.Evidence.Add(Ground(GroundState.Background,
            (GroundState.Building, "POLYGON ((2 0, 22 0, 22 10, 2 10, 2 0))")));

        var finding = classifier.Classify(Detected("POLYGON ((2 0, 22 0, 22 10, 2 10, 2 0))"));

        Assert.Equal(FindingKind.Expanded, finding.Kind);
        Assert.InRange(finding.AddedAreaSquareMeters, 65, 80.01);
        Assert.True(Wkt.Read("POLYGON ((13.9 0, 22 0, 22 10, 13.9 10, 13.9 0))").Covers(finding.Outline), $"{finding.Outline}");
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

    [Theory]
    [InlineData(0.59, FindingKind.Unverified)]
    [InlineData(0.61, FindingKind.New)]
    public void Footprint_on_no_reference_outline_opens_a_case_only_at_the_new_record_confidence(double confidence, FindingKind expected)
    {
        var classifier = new ChangeClassifier(new BaselineIndex([Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")]),
            new ChangeOptions(NewMinConfidence: 0.6));

        var finding = classifier.Classify(new Footprint((Polygon)Wkt.Read("POLYGON ((50 50, 60 50, 60 58, 50 58, 50 50))"), confidence, "ortho.tif"));

        Assert.Equal(expected, finding.Kind);
    }

    [Fact]
    public void A_new_record_confidence_outside_0_to_1_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ChangeClassifier(new BaselineIndex([]), new ChangeOptions(NewMinConfidence: 1.5)));

        Assert.Contains("1.5", ex.Message, StringComparison.Ordinal);
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

    [Theory]
    [InlineData(GroundState.Background, FindingKind.DemolishedCandidate)]
    [InlineData(GroundState.NoImagery, FindingKind.Unverified)]
    [InlineData(GroundState.Uncertain, FindingKind.Unverified)]
    [InlineData(GroundState.Building, FindingKind.Unverified)]
    public async Task Unseen_registered_building_is_a_demolished_candidate_only_where_the_model_sees_bare_ground(
        GroundState underIt, FindingKind expected)
    {
        var classifier = Classifier(
            Registered("SEEN", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
            Registered("GONE", "POLYGON ((30 30, 40 30, 40 40, 30 40, 30 30))"),
            Registered("OUTSIDE", "POLYGON ((300 300, 310 300, 310 310, 300 310, 300 300))"));
        var ground = Ground(GroundState.Background,
            (GroundState.Building, "POLYGON ((0.5 0, 10.5 0, 10.5 10, 0.5 10, 0.5 0))"),
            (underIt, "POLYGON ((30 30, 40 30, 40 40, 30 40, 30 30))"));

        var findings = await Run(classifier, new FootprintBatch(
            [Detected("POLYGON ((0.5 0, 10.5 0, 10.5 10, 0.5 10, 0.5 0))")],
            Wkt.Read("POLYGON ((-20 -20, 60 -20, 60 60, -20 60, -20 -20))"), ground));

        Assert.Equal(2, findings.Count);
        Assert.Equal(FindingKind.Unchanged, findings[0].Kind);
        Assert.Equal((expected, "GONE"), (findings[1].Kind, findings[1].MatchedBaselineId));
        Assert.Equal(80 * 80, classifier.CoveredArea.Area, 1);
    }

    [Fact]
    public async Task Unseen_building_the_model_half_sees_or_whose_imagery_is_partly_missing_is_unverified()
    {
        // Neither is a building "no detection matched" may send a team to: 40 % building, or 20 % without imagery
        // (a missing strip across it).
        var classifier = Classifier(
            Registered("HALF", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"),
            Registered("STRIP", "POLYGON ((30 30, 40 30, 40 40, 30 40, 30 30))"));
        var ground = Ground(GroundState.Background,
            (GroundState.Building, "POLYGON ((0 0, 4 0, 4 10, 0 10, 0 0))"),
            (GroundState.NoImagery, "POLYGON ((-20 34, 60 34, 60 36, -20 36, -20 34))"));

        var findings = await Run(classifier, new FootprintBatch([], Wkt.Read("POLYGON ((-20 -20, 60 -20, 60 60, -20 60, -20 -20))"), ground));

        Assert.Equal([FindingKind.Unverified, FindingKind.Unverified], findings.Select(f => f.Kind));
    }

    [Fact]
    public async Task Open_case_on_confident_background_is_missed_and_one_without_evidence_is_unverified()
    {
        var classifier = Classifier(
            new BaselineFeature("VIG-2026-000001", BaselineFeatureKind.LedgerRecord, Wkt.Read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")),
            new BaselineFeature("VIG-2026-000002", BaselineFeatureKind.LedgerRecord, Wkt.Read("POLYGON ((100 0, 110 0, 110 10, 100 10, 100 0))")));

        var findings = await Run(classifier,
            new FootprintBatch([], Wkt.Read("POLYGON ((-20 -20, 120 -20, 120 60, -20 60, -20 -20))"), Ground(GroundState.Background)));

        Assert.Equal(
            [(FindingKind.DemolishedCandidate, "VIG-2026-000001"), (FindingKind.Unverified, "VIG-2026-000002")],
            findings.Select(f => (f.Kind, f.MatchedRecordNumber!)));
    }

    [Fact]
    public async Task Classifier_completes_its_output_with_the_error_when_the_input_fails()
    {
        var classifier = Classifier(Registered("B1", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
        var input = Channel.CreateUnbounded<FootprintBatch>();
        var output = Channel.CreateUnbounded<LedgerMessage>();
        input.Writer.Complete(new IOException("tile reader broke"));

        await Assert.ThrowsAsync<IOException>(() => classifier.RunAsync(input.Reader, output.Writer, CancellationToken.None));

        await Assert.ThrowsAsync<IOException>(() => output.Reader.Completion);
    }
}
