using System.Threading.Channels;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using Vigil.Core;

namespace Vigil.ChangeCompare;

/// <summary>
/// Pipeline stage: classifies each detected footprint against the baseline (new, expanded, known violation,
/// unchanged) and, when the input completes, reports the registered buildings and open ledger cases inside the
/// covered ground that no footprint matched as demolished candidates.
/// </summary>
public sealed class ChangeClassifier
{
    private readonly BaselineIndex _baseline;
    private readonly ChangeOptions _options;
    private readonly SurfaceEpochs? _surfaces;
    private readonly HashSet<BaselineFeature> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly List<Geometry> _coveredParts = [];

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

                foreach (var footprint in batch.Footprints)
                {
                    await output.WriteAsync(Classify(footprint), ct).ConfigureAwait(false);
                }
            }

            CoveredArea = _coveredParts.Count == 0 ? Polygon.Empty : UnaryUnionOp.Union(_coveredParts);
            foreach (var missing in DemolishedCandidates(CoveredArea))
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

    /// <summary>Classifies one footprint and marks the reference features it matches as seen.</summary>
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
        Finding Make(FindingKind kind, string? number, string? baselineId, double added = 0) =>
            new(kind, outline, area, added, footprint.Confidence, footprint.SourcePath, number, baselineId,
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

        var registeredArea = registered.Sum(m => m.Feature.Outline.Area);
        var growth = area - registeredArea;
        var bestId = registered.MaxBy(m => m.Score).Feature.Id;
        return growth > _options.ExpansionShare * registeredArea && growth > _options.ExpansionMinSquareMeters
            ? Make(FindingKind.Expanded, null, bestId, growth)
            : Make(FindingKind.Unchanged, null, bestId);
    }

    private IEnumerable<Finding> DemolishedCandidates(Geometry covered)
    {
        if (covered.IsEmpty)
        {
            yield break;
        }

        var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(covered);
        foreach (var feature in _baseline.Features)
        {
            if (feature.Kind == BaselineFeatureKind.KnownViolation || _seen.Contains(feature) ||
                !prepared.Covers(feature.Outline))
            {
                continue;
            }

            var isCase = feature.Kind == BaselineFeatureKind.LedgerRecord;
            yield return new Finding(FindingKind.DemolishedCandidate, feature.Outline, feature.Outline.Area, 0, 0, "",
                isCase ? feature.Id : null, isCase ? null : feature.Id);
        }
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
