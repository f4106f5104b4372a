namespace Vigil.Core;

/// <summary>How detections are compared with the baseline. Distances in metres, areas in square metres.</summary>
/// <param name="ToleranceMeters">
/// Largest offset between imagery and vector data that is still the same building (1-3 m is usual between drone
/// orthophotos and cadastre or OSM outlines).
/// </param>
/// <param name="ExpansionShare">A matched registered building counts as expanded when its area grew by more than this share...</param>
/// <param name="ExpansionMinSquareMeters">...and by more than this many square metres.</param>
/// <param name="MatchShare">
/// Two outlines are the same structure when, after aligning them within the tolerance, their overlap holds at least
/// this share of either outline.
/// </param>
/// <param name="RiseMeters">Surface models: a roof pixel that rose by more than this many metres is raised.</param>
/// <param name="RiseMinSquareMeters">...and a registered building with more raised roof than this many square metres has a rooftop addition.</param>
/// <param name="NewMinConfidence">
/// A footprint on no reference outline opens a new case only at this detection confidence (0..1) or above; below it the
/// model is unsure and nothing is opened (<see cref="FindingKind.Unverified"/>). Null: the run derives it from the
/// model card; 0: every footprint the model keeps is new (a baseline made from a flight takes them all).
/// </param>
public sealed record ChangeOptions(
    double ToleranceMeters = 3.0,
    double ExpansionShare = 0.25,
    double ExpansionMinSquareMeters = 8.0,
    double MatchShare = 0.5,
    double RiseMeters = 2.0,
    double RiseMinSquareMeters = 4.0,
    double? NewMinConfidence = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> for values that cannot work.</summary>
    public void Validate()
    {
        if (!double.IsFinite(ToleranceMeters) || !double.IsFinite(ExpansionShare) || !double.IsFinite(ExpansionMinSquareMeters) ||
            !double.IsFinite(MatchShare) || !double.IsFinite(RiseMeters) || !double.IsFinite(RiseMinSquareMeters))
        {
            throw new ArgumentException("Change thresholds must be finite numbers (NaN or infinity given).");
        }

        if (ToleranceMeters is < 0 or > 50)
        {
            throw new ArgumentException($"Tolerance {ToleranceMeters} m must lie in 0..50 m.");
        }

        if (ExpansionShare < 0 || ExpansionMinSquareMeters < 0)
        {
            throw new ArgumentException("Expansion thresholds must not be negative.");
        }

        if (!(RiseMeters > 0) || !(RiseMinSquareMeters >= 0))
        {
            throw new ArgumentException($"Rooftop rise {RiseMeters} m must be positive and its area {RiseMinSquareMeters} m² not negative.");
        }

        if (NewMinConfidence is { } confidence && !(confidence is >= 0 and <= 1))
        {
            throw new ArgumentException($"New-record confidence {confidence} must lie in 0..1.");
        }

        if (MatchShare is <= 0 or > 1)
        {
            throw new ArgumentException($"Match share {MatchShare} must lie in (0, 1].");
        }
    }
}
