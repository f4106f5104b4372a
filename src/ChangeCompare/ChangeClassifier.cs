using System.Threading.Channels;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
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

    /// <summary>
    /// An added piece farther than this from the registered outline is a separate structure, not a wing. The opening
    /// cuts a wing off at a junction narrower than 2 m (the demo's extension: 15 m² touching, 21 m² at 1.7 m), so a
    /// piece that near still counts; a neighbour across a lane or yard lies farther.
    /// </summary>
    public const double WingContactMeters = 2.0;

    /// <summary>
    /// An attached added part at least this share of the registered building's area is a building of its own, opened
    /// as <c>new</c>: a removed building sharing a wall with a registered neighbour comes back, under one detected
    /// outline with it, at 74-260 % of the neighbour's size on the Zanzibar scene, while an extension is built onto a
    /// building and is smaller than it (the demo's adds 60 %, detected 40 %). A very large extension recorded as new
    /// still opens a case on the same ground; a neighbour recorded as an expansion sends a team to the wrong owner.
    /// </summary>
    public const double OwnBuildingMinShare = 0.7;

    /// <summary>
    /// An extension is built against the wall: the added part runs along the registered outline (within
    /// <see cref="ExpansionHalfWidthMeters"/>) for at least this share of its own narrowest width (a wing along the
    /// wall: over 1; a square one: 1). A part that meets the outline over less hangs on through a neck of the
    /// detection (the model's contact between two roofs) and is a neighbour of its own, opened as <c>new</c>.
    /// </summary>
    public const double AttachedMinShareOfWidth = 0.5;

    /// <summary>
    /// For an expansion, the offset alignment is taken only when it lays the registered outline on more of the
    /// detection than no offset does by this share of the registered area: a wing pulls the centroids apart by itself.
    /// </summary>
    public const double AlignmentMinGainShare = 0.05;

    /// <summary>A demolished candidate's footprint must show decoded imagery over at least this share of it.</summary>
    public const double DemolishedMinImageryShare = 0.9;

    /// <summary>
    /// ...and the model must be confidently background over at least this share of what it judged ("most of it"). On the
    /// Zanzibar scene the shipped model is confidently background over some standing roofs it misses; at 0.8 (with the
    /// background level of <c>GroundEvidenceBuilder</c>) one of 78 standing buildings would qualify, at 0.7 three.
    /// </summary>
    public const double DemolishedMinBackgroundShare = 0.8;

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

    /// <summary>
    /// Reads footprint batches until the input completes and writes one finding per footprint, unchanged ones included,
    /// then the unseen features; last, when the input brought one, the run's <see cref="FlightTally"/> with the covered
    /// ground.
    /// </summary>
    public async Task RunAsync(ChannelReader<FootprintBatch> input, ChannelWriter<LedgerMessage> output, CancellationToken ct)
    {
        Exception? failure = null;
        FlightTally? tally = null;
        try
        {
            await foreach (var batch in input.ReadAllAsync(ct).ConfigureAwait(false))
            {
                tally ??= batch.Tally;
                if (!batch.CoveredArea.IsEmpty)
                {
                    _coveredParts.Add(batch.CoveredArea);
                }

                if (batch.Evidence is { } evidence && _baseline.Near(evidence.Extent, EvidenceMarginMeters).Count > 0)
                {
                    _evidence.Add(evidence);
                }

                foreach (var finding in batch.Footprints.SelectMany(ClassifyAll))
                {
                    await output.WriteAsync(finding, ct).ConfigureAwait(false);
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

            if (tally is not null)
            {
                await output.WriteAsync(tally with { CoveredArea = CoveredArea }, ct).ConfigureAwait(false);
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
    /// Classifies one footprint and marks the reference features it matches as seen (the first finding of
    /// <see cref="ClassifyAll"/>).
    /// </summary>
    public Finding Classify(Footprint footprint) => ClassifyAll(footprint)[0];

    /// <summary>
    /// Classifies one footprint and marks the reference features it matches as seen: its own finding first, then, for a
    /// footprint over a registered building, a new finding for each confidently-building part outside the registered
    /// outline that is a building of its own: one that does not touch it (a neighbour the detection joined over bare
    /// ground), or one attached to it that is nearly its size or meets it only along a short stretch (a neighbour
    /// sharing a wall). Expansions and those parts need the evidence of the footprint's ground (<see cref="Evidence"/>):
    /// without it a grown outline is unchanged. A new finding needs the footprint's confidence to reach
    /// <see cref="ChangeOptions.NewMinConfidence"/>: below it a footprint on no reference outline is unverified and its
    /// separate parts are dropped.
    /// </summary>
    public IReadOnlyList<Finding> ClassifyAll(Footprint footprint)
    {
        ArgumentNullException.ThrowIfNull(footprint);
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
            return [Make(FindingKind.KnownViolation, ledgerCase.Id, null)];
        }

        var knownViolation = Best(matches, BaselineFeatureKind.KnownViolation);
        if (knownViolation is not null)
        {
            return [Make(FindingKind.KnownViolation, null, knownViolation.Id)];
        }

        var registered = matches.Where(m => m.Feature.Kind == BaselineFeatureKind.Registered).ToList();
        if (registered.Count == 0)
        {
            return [Make(OpensCase(footprint) ? FindingKind.New : FindingKind.Unverified, null, null)];
        }

        var outlines = registered.Select(m => m.Feature.Outline).ToList();
        var registeredUnion = outlines.Count == 1 ? outlines[0] : UnaryUnionOp.Union(outlines);
        var registeredArea = registeredUnion.Area;
        var bestId = registered.MaxBy(m => m.Score).Feature.Id;
        bool Significant(double added) => added > _options.ExpansionShare * registeredArea && added > _options.ExpansionMinSquareMeters;
        // The aligned outlines overlap at least as much as the unaligned ones: what lies outside unaligned bounds the rest.
        if (SafeDifference(outline, registeredUnion).Area <= _options.ExpansionMinSquareMeters)
        {
            return [Make(FindingKind.Unchanged, null, bestId)];
        }

        // What lies on another reference outline nearby (a registered neighbour the detection runs onto) is not added.
        var nearby = _baseline.Near(outline, _options.ToleranceMeters).Select(f => f.Outline).Concat(outlines).ToList();
        var (wing, separate) = AddedBuilding(outline, registeredUnion, UnaryUnionOp.Union(nearby));
        double? HeightOf(Geometry part) => _surfaces is { } surfaces ? SurfaceComparer.HeightAboveGround(part, surfaces.Current) : null;
        var findings = new List<Finding>
        {
            Significant(wing.Area)
                ? new Finding(FindingKind.Expanded, wing, wing.Area, wing.Area, footprint.Confidence, footprint.SourcePath,
                    null, bestId, HeightOf(outline), outline)
                : Make(FindingKind.Unchanged, null, bestId),
        };
        // A separate piece is held to the size an expansion of this building would need, and to the confidence of a new case.
        findings.AddRange(separate.Where(p => Significant(p.Area) && OpensCase(footprint)).Select(p =>
            new Finding(FindingKind.New, p, p.Area, 0, footprint.Confidence, footprint.SourcePath, null, null, HeightOf(p))));
        return findings;
    }

    /// <summary>True when <paramref name="footprint"/> is confident enough to open a new case (<see cref="ChangeOptions.NewMinConfidence"/>).</summary>
    private bool OpensCase(Footprint footprint) => footprint.Confidence >= (_options.NewMinConfidence ?? 0);

    /// <summary>
    /// The part of a detected outline outside its registered outline (after the offset alignment) that the model holds
    /// to be confidently building and on no other reference outline nearby (<paramref name="references"/>, the
    /// registered ones included), in pieces at least 2 m wide (<see cref="ExpansionHalfWidthMeters"/>), split into the
    /// wing (the parts within <see cref="WingContactMeters"/> of the registered outline that extend it) and the separate
    /// buildings (farther pieces, and attached parts that are buildings of their own: <see cref="IsOwnBuilding"/>);
    /// polygonal, working CRS, in the imagery's frame; the wing empty when there is none.
    /// </summary>
    private (Geometry Wing, List<Geometry> Separate) AddedBuilding(Polygon outline, Geometry registered, Geometry references)
    {
        // The centroid alignment is pulled towards a wing by the wing itself: it is taken only where it lays the
        // registered outline on clearly more of the detection than no offset does (a real offset between the data).
        var (dx, dy, _, _) = OutlineMatcher.Align(outline, registered, _options.ToleranceMeters);
        if (dx == 0 && dy == 0)
        {
            return AddedBuilding(outline, registered, references, 0, 0);
        }

        var moved = AffineTransformation.TranslationInstance(dx, dy).Transform(outline);
        var gain = SafeIntersection(moved, registered).Area - SafeIntersection(outline, registered).Area;
        return gain > AlignmentMinGainShare * registered.Area
            ? AddedBuilding(outline, registered, references, dx, dy)
            : AddedBuilding(outline, registered, references, 0, 0);
    }

    private (Geometry Wing, List<Geometry> Separate) AddedBuilding(
        Polygon outline, Geometry registered, Geometry references, double dx, double dy)
    {
        var toImagery = AffineTransformation.TranslationInstance(-dx, -dy);
        var registeredHere = dx == 0 && dy == 0 ? registered : toImagery.Transform(registered);
        var outside = AreaOnly(SafeDifference(outline, dx == 0 && dy == 0 ? references : toImagery.Transform(references)));
        var building = AreaOnly(SafeIntersection(_evidence.BuildingWithin(outside.EnvelopeInternal, outline.Factory), outside));
        var opened = building.Buffer(-ExpansionHalfWidthMeters).Buffer(ExpansionHalfWidthMeters);
        var pieces = Polygons(SafeIntersection(opened, building));
        var attached = pieces.Where(p => p.Distance(registeredHere) <= WingContactMeters).ToList();
        var separate = pieces.Except(attached).Select(p => (Geometry)p).ToList();
        var wing = new List<Polygon>();
        foreach (var part in Parts(attached))
        {
            var geometry = Polygonal(part, outline.Factory);
            if (IsOwnBuilding(geometry, registeredHere))
            {
                separate.Add(geometry);
            }
            else
            {
                wing.AddRange(part);
            }
        }

        return (Polygonal(wing, outline.Factory), separate);
    }

    /// <summary>
    /// True when an attached added part (polygonal, in the frame of <paramref name="registered"/>) is a building of its
    /// own rather than an extension: at least <see cref="OwnBuildingMinShare"/> of the registered area, or meeting the
    /// registered outline along less than <see cref="AttachedMinShareOfWidth"/> of its narrowest width.
    /// </summary>
    private static bool IsOwnBuilding(Geometry part, Geometry registered)
    {
        if (part.Area >= OwnBuildingMinShare * registered.Area)
        {
            return true;
        }

        var contactMeters = SafeIntersection(registered.Boundary, part.Buffer(ExpansionHalfWidthMeters)).Length;
        var widthMeters = new MinimumDiameter(part).Length;
        return contactMeters < AttachedMinShareOfWidth * widthMeters;
    }

    /// <summary>
    /// The attached pieces grouped into parts: pieces within <see cref="WingContactMeters"/> of each other belong to one
    /// part (one wing the opening cut at a narrow junction, or one roof split where two evidence chunks meet).
    /// </summary>
    private static List<List<Polygon>> Parts(List<Polygon> pieces)
    {
        var part = Enumerable.Range(0, pieces.Count).ToArray();
        int Root(int i) => part[i] == i ? i : part[i] = Root(part[i]);
        for (var i = 0; i < pieces.Count; i++)
        {
            for (var j = i + 1; j < pieces.Count; j++)
            {
                if (pieces[i].Distance(pieces[j]) <= WingContactMeters)
                {
                    part[Root(j)] = Root(i);
                }
            }
        }

        return pieces.Select((p, i) => (Piece: p, Root: Root(i))).GroupBy(x => x.Root)
            .Select(g => g.Select(x => x.Piece).ToList()).ToList();
    }

    /// <summary>One polygon, a multipolygon of several, or an empty polygon.</summary>
    private static Geometry Polygonal(List<Polygon> polygons, GeometryFactory factory) => polygons.Count switch
    {
        0 => factory.CreatePolygon(),
        1 => polygons[0],
        _ => factory.CreateMultiPolygon([.. polygons]),
    };

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

    // OverlayNG with its snapping fallbacks: detected outlines, evidence cells and aligned registered outlines meet at
    // nearly coincident edges, where the classic overlay (even after Buffer(0)) throws non-noded intersections.
    private static Geometry SafeDifference(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Difference);

    private static Geometry SafeIntersection(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection);

    /// <summary>
    /// The polygonal part of an overlay's result. Where two areas only touch along an edge or at a corner, the overlay
    /// gives the line or point too, and an overlay fed such a mixed collection refuses it.
    /// </summary>
    internal static Geometry AreaOnly(Geometry geometry) =>
        geometry is Polygon or MultiPolygon ? geometry : Polygonal(Polygons(geometry), geometry.Factory);

    /// <summary>The polygons of <paramref name="geometry"/> (lines and points of a degenerate overlay dropped).</summary>
    private static List<Polygon> Polygons(Geometry geometry)
    {
        var polygons = new List<Polygon>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon { IsEmpty: false, Area: > 0 } polygon)
            {
                polygons.Add(polygon);
            }
        }

        return polygons;
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
