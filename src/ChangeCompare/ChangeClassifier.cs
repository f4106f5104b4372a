using System.Threading.Channels;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Union;
using Vigil.Core;

namespace Vigil.ChangeCompare;

/// <summary>
/// Pipeline stage: classifies each detected footprint against the baseline (new, expanded, known violation,
/// unchanged) and, when the input completes, reports the registered buildings and open ledger cases on the covered
/// ground that no footprint matched: demolished candidates where the imagery shows bare ground, unverified elsewhere.
/// Both expansions and demolitions are judged on the ground evidence the batches carry (<see cref="GroundEvidence"/>):
/// a footprint comes after the evidence of its tiles, and the unseen features are judged once all has arrived.
/// </summary>
public sealed class ChangeClassifier
{
    /// <summary>
    /// Half the narrowest added part that counts as an expansion, metres: the confidently-building part outside the
    /// registered outline is opened by this radius, so slivers from outline offsets and the thin bridges of bare ground
    /// the model draws between a building and its neighbour fall away, and a wing at least 2 m wide stays.
    /// </summary>
    public const double ExpansionHalfWidthMeters = 1.0;

    /// <summary>A demolished candidate's footprint must show decoded imagery over at least this share of it.</summary>
    public const double DemolishedMinImageryShare = 0.9;

    /// <summary>...and the model must be confidently background over at least this share of what it judged ("most of it").</summary>
    public const double DemolishedMinBackgroundShare = 0.7;

    /// <summary>
    /// Evidence farther than this from every baseline outline is dropped when it arrives: only registered buildings,
    /// cases and the detections matching them are judged on it, and a large flight's memory stays with the baseline.
    /// </summary>
    public const double EvidenceMarginMeters = 30;

    private readonly BaselineIndex _baseline;
    private readonly ChangeOptions _options;
    private readonly SurfaceEpochs? _surfaces;
    private readonly HashSet<BaselineFeature> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly List<Geometry> _coveredParts = [];
    private readonly GroundEvidenceMap _evidence = new();

    /// <summary>Creates the stage for one flight.</summary>
    /// <param name="baseline">Registered buildings, known violations and ledger cases.</param>
    /// <param name="options">Thresholds.</param>
    /// <param name="surfaces">
    /// Surface models, working CRS, or null: with them new, expanded and known structures get a height (the ledger
    /// keeps the latest), and with a baseline epoch too,
    /// registered buildings whose roof rose are reported as rooftop additions when the input completes.
    /// </param>
    public ChangeClassifier(BaselineIndex baseline, ChangeOptions options, SurfaceEpochs? surfaces = null)
    {
        options.Validate();
        _baseline = baseline;
        _options = options;
        _surfaces = surfaces;
    }

    /// <summary>Union of the ground covered by valid imagery, working CRS; complete once <see cref="RunAsync"/> returns.</summary>
    public Geometry CoveredArea { get; private set; } = Polygon.Empty;

    /// <summary>Reads footprint batches until the input completes and writes one finding per footprint, unchanged ones included.</summary>
    public async Task RunAsync(ChannelReader<FootprintBatch> input, ChannelWriter<Finding> output, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            await foreach (var batch in input.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (!batch.CoveredArea.IsEmpty)
                {
                    _coveredParts.Add(batch.CoveredArea);
                }

                if (batch.Evidence is { } evidence && _baseline.Near(evidence.Extent, EvidenceMarginMeters).Count > 0)
                {
                    _evidence.Add(evidence);
                }

                foreach (var footprint in batch.Footprints)
                {
                    await output.WriteAsync(Classify(footprint), ct).ConfigureAwait(false);
                }
            }

            CoveredArea = _coveredParts.Count == 0 ? Polygon.Empty : UnaryUnionOp.Union(_coveredParts);
            foreach (var missing in Unseen(CoveredArea))
            {
                await output.WriteAsync(missing, ct).ConfigureAwait(false);
            }

            foreach (var addition in RooftopAdditions())
            {
                await output.WriteAsync(addition, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = ex;
            throw;
        }
        finally
        {
            output.TryComplete(failure);
        }
    }

    /// <summary>The ground evidence received so far (<see cref="RunAsync"/> adds each batch's).</summary>
    public GroundEvidenceMap Evidence => _evidence;

    /// <summary>
    /// Classifies one footprint and marks the reference features it matches as seen. An expansion needs the evidence of
    /// the footprint's ground (<see cref="Evidence"/>): without it a grown outline is unchanged.
    /// </summary>
    public Finding Classify(Footprint footprint)
    {
        var outline = footprint.Outline;
        var matches = new List<(BaselineFeature Feature, double Score)>();
        foreach (var feature in _baseline.Near(outline, _options.ToleranceMeters))
        {
            var (ofDetection, ofReference) = OutlineMatcher.Overlap(outline, feature.Outline, _options.ToleranceMeters);
            if (ofDetection >= _options.MatchShare || ofReference >= _options.MatchShare)
            {
                matches.Add((feature, ofDetection + ofReference));
                _seen.Add(feature);
            }
        }

        var area = footprint.AreaSquareMeters;

        // Unchanged buildings are not measured: nothing records their height.
        Finding Make(FindingKind kind, string? number, string? baselineId) =>
            new(kind, outline, area, 0, footprint.Confidence, footprint.SourcePath, number, baselineId,
                kind == FindingKind.Unchanged || _surfaces is not { } s ? null : SurfaceComparer.HeightAboveGround(outline, s.Current));

        var ledgerCase = Best(matches, BaselineFeatureKind.LedgerRecord);
        if (ledgerCase is not null)
        {
            return Make(FindingKind.KnownViolation, ledgerCase.Id, null);
        }

        var knownViolation = Best(matches, BaselineFeatureKind.KnownViolation);
        if (knownViolation is not null)
        {
            return Make(FindingKind.KnownViolation, null, knownViolation.Id);
        }

        var registered = matches.Where(m => m.Feature.Kind == BaselineFeatureKind.Registered).ToList();
        if (registered.Count == 0)
        {
            return Make(FindingKind.New, null, null);
        }

        var outlines = registered.Select(m => m.Feature.Outline).ToList();
        var registeredUnion = outlines.Count == 1 ? outlines[0] : UnaryUnionOp.Union(outlines);
        var registeredArea = registeredUnion.Area;
        var bestId = registered.MaxBy(m => m.Score).Feature.Id;
        bool Significant(double added) => added > _options.ExpansionShare * registeredArea && added > _options.ExpansionMinSquareMeters;
        // The aligned outlines overlap at least as much as the unaligned ones: what lies outside unaligned bounds the rest.
        if (!Significant(SafeDifference(outline, registeredUnion).Area))
        {
            return Make(FindingKind.Unchanged, null, bestId);
        }

        var addedPart = AddedBuilding(outline, registeredUnion);
        if (!Significant(addedPart.Area))
        {
            return Make(FindingKind.Unchanged, null, bestId);
        }

        var height = _surfaces is { } surfaces ? SurfaceComparer.HeightAboveGround(outline, surfaces.Current) : null;
        return new Finding(FindingKind.Expanded, addedPart, addedPart.Area, addedPart.Area, footprint.Confidence,
            footprint.SourcePath, null, bestId, height, outline);
    }

    /// <summary>
    /// The part of a detected outline outside its registered outline (after the offset alignment) that the model holds
    /// to be confidently building, in pieces at least 2 m wide (<see cref="ExpansionHalfWidthMeters"/>); polygonal,
    /// working CRS, in the imagery's frame; empty when there is none.
    /// </summary>
    private Geometry AddedBuilding(Polygon outline, Geometry registered)
    {
        var (dx, dy, _, _) = OutlineMatcher.Align(outline, registered, _options.ToleranceMeters);
        var registeredHere = dx == 0 && dy == 0
            ? registered
            : AffineTransformation.TranslationInstance(-dx, -dy).Transform(registered);
        var outside = SafeDifference(outline, registeredHere);
        if (outside.IsEmpty)
        {
            return outline.Factory.CreatePolygon();
        }

        var building = SafeIntersection(_evidence.BuildingWithin(outside.EnvelopeInternal, outline.Factory), outside);
        var opened = building.Buffer(-ExpansionHalfWidthMeters).Buffer(ExpansionHalfWidthMeters);
        return Polygonal(SafeIntersection(opened, building), outline.Factory);
    }

    /// <summary>
    /// The registered buildings and open cases on the covered ground that no footprint matched: demolished candidates
    /// where their whole footprint is covered and shows bare ground, unverified otherwise.
    /// </summary>
    private IEnumerable<Finding> Unseen(Geometry covered)
    {
        if (covered.IsEmpty)
        {
            yield break;
        }

        var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(covered);
        foreach (var feature in _baseline.Features)
        {
            if (feature.Kind == BaselineFeatureKind.KnownViolation || _seen.Contains(feature) ||
                !prepared.Intersects(feature.Outline))
            {
                continue;
            }

            var kind = prepared.Covers(feature.Outline) && ShowsBareGround(feature.Outline)
                ? FindingKind.DemolishedCandidate
                : FindingKind.Unverified;
            var isCase = feature.Kind == BaselineFeatureKind.LedgerRecord;
            yield return new Finding(kind, feature.Outline, feature.Outline.Area, 0, 0, "",
                isCase ? feature.Id : null, isCase ? null : feature.Id);
        }
    }

    /// <summary>True when the imagery over <paramref name="outline"/> is valid and the model confidently background on most of it.</summary>
    private bool ShowsBareGround(Geometry outline)
    {
        var tally = _evidence.Tally(outline);
        return tally.ImageryShare >= DemolishedMinImageryShare && tally.BackgroundShare >= DemolishedMinBackgroundShare;
    }

    private static Geometry SafeDifference(Geometry a, Geometry b)
    {
        try
        {
            return a.Difference(b);
        }
        catch (TopologyException)
        {
            return a.Buffer(0).Difference(b.Buffer(0));
        }
    }

    private static Geometry SafeIntersection(Geometry a, Geometry b)
    {
        try
        {
            return a.Intersection(b);
        }
        catch (TopologyException)
        {
            return a.Buffer(0).Intersection(b.Buffer(0));
        }
    }

    /// <summary>The polygons of <paramref name="geometry"/> (lines and points of a degenerate overlay dropped).</summary>
    private static Geometry Polygonal(Geometry geometry, GeometryFactory factory)
    {
        var polygons = new List<Polygon>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon { IsEmpty: false, Area: > 0 } polygon)
            {
                polygons.Add(polygon);
            }
        }

        return polygons.Count switch
        {
            0 => factory.CreatePolygon(),
            1 => polygons[0],
            _ => factory.CreateMultiPolygon([.. polygons]),
        };
    }

    /// <summary>Registered buildings whose roof rose between the baseline and this flight's surface models.</summary>
    public IEnumerable<Finding> RooftopAdditions()
    {
        if (_surfaces is not { Baseline: { } before, Current: var after })
        {
            yield break;
        }

        foreach (var feature in _baseline.Features.Where(f => f.Kind == BaselineFeatureKind.Registered))
        {
            if (SurfaceComparer.RooftopAddition(feature.Outline, before, after, _options) is { } addition)
            {
                yield return new Finding(FindingKind.RooftopAddition, feature.Outline, feature.Outline.Area,
                    addition.RaisedSquareMeters, 1, after.SourcePath, null, feature.Id, addition.MeanRiseMeters);
            }
        }
    }

    private static BaselineFeature? Best(List<(BaselineFeature Feature, double Score)> matches, BaselineFeatureKind kind) =>
        matches.Where(m => m.Feature.Kind == kind).OrderByDescending(m => m.Score).Select(m => m.Feature).FirstOrDefault();
}
