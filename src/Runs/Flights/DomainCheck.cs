using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Vigil.Core;
using Vigil.Detect;

namespace Vigil.Runs.Flights;

/// <summary>
/// Compares what a flight's imagery gave with what it should give if the model fits it: the number of structures
/// detected against the baseline buildings in the ground it covered, and the detections' confidences against those of
/// the model's validation (when its card gives them). Thread-safe (no state).
/// </summary>
public static class DomainCheck
{
    /// <summary>With fewer baseline buildings than this in the covered ground, a count says nothing either way.</summary>
    public const int MinBaselineBuildings = 10;

    /// <summary>
    /// Detections per baseline building below which the flight is flagged. On towns it was not trained on, the shipped
    /// model finds about a third of the buildings one to one and detects most of the rest joined with a neighbour, so a
    /// flight that fits it detects well over half as many structures as the baseline holds; one fifth or less is a
    /// model that does not see buildings in this imagery.
    /// </summary>
    public const double MinDetectionsPerBaselineBuilding = 0.2;

    /// <summary>
    /// New records per baseline building above which the flight is flagged: over a district whose register is kept,
    /// a flight sees mostly registered buildings, and even a fifth of them left out of the baseline gives a quarter as
    /// many new records; more new records than registered buildings is a model that sees structures that are not there
    /// (SpaceNet's 0.5 m panchromatic Atlanta tile: 160 new records over 43 buildings, 12 detections matching one).
    /// </summary>
    public const double MaxNewRecordsPerBaselineBuilding = 1.0;

    /// <summary>Fewer detections than this give no reliable median confidence.</summary>
    public const int MinDetectionsForConfidence = 20;

    /// <summary>The warnings a flight earns; empty when it looks like the model's own imagery.</summary>
    /// <param name="baseline">The baseline's buildings and known violations, working CRS.</param>
    /// <param name="coveredWorking">Ground covered with valid imagery, working CRS.</param>
    /// <param name="detections">Structures detected (after merging across tiles and photos).</param>
    /// <param name="newRecords">Of those, the ones that match no baseline building or case (new and expanded).</param>
    /// <param name="confidences">The confidence of each detection, 0..1.</param>
    /// <param name="card">The model's card.</param>
    public static IReadOnlyList<DomainWarning> Check(
        IReadOnlyList<BaselineFeature> baseline, Geometry coveredWorking, int detections, int newRecords,
        IReadOnlyList<double> confidences, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(coveredWorking);
        ArgumentNullException.ThrowIfNull(confidences);
        ArgumentNullException.ThrowIfNull(card);
        var inCovered = 0;
        if (!coveredWorking.IsEmpty)
        {
            var covered = PreparedGeometryFactory.Prepare(coveredWorking);
            inCovered = baseline.Count(f => f.Kind != BaselineFeatureKind.LedgerRecord && covered.Contains(f.Outline.InteriorPoint));
        }

        var figures = ConfidenceFigures.From([.. confidences]);
        var reference = card.Validation?.DetectionConfidence;
        var warnings = new List<DomainWarning>();
        if (inCovered >= MinBaselineBuildings && detections < MinDetectionsPerBaselineBuilding * inCovered)
        {
            warnings.Add(new DomainWarning(DomainWarning.FewDetections, detections, inCovered, figures, reference, DomainWarning.ModelName(card)));
        }

        if (inCovered >= MinBaselineBuildings && newRecords > MaxNewRecordsPerBaselineBuilding * inCovered)
        {
            warnings.Add(new DomainWarning(DomainWarning.MostlyNew, detections, inCovered, figures, reference, DomainWarning.ModelName(card))
            {
                NewRecords = newRecords,
            });
        }

        if (reference is not null && figures is { Of: >= MinDetectionsForConfidence } && figures.Median < reference.P10)
        {
            warnings.Add(new DomainWarning(DomainWarning.UnlikeValidation, detections, inCovered, figures, reference, DomainWarning.ModelName(card)));
        }

        return warnings;
    }
}
