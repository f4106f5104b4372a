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
public sealed record ChangeOptions(
    double ToleranceMeters = 3.0,
    double ExpansionShare = 0.25,
    double ExpansionMinSquareMeters = 8.0,
    double MatchShare = 0.5)
{
    /// <summary>Throws <see cref="ArgumentException"/> for values that cannot work.</summary>
    public void Validate()
    {
        if (ToleranceMeters is < 0 or > 50)
        {
            throw new ArgumentException($"Tolerance {ToleranceMeters} m must lie in 0..50 m.");
        }

        if (ExpansionShare < 0 || ExpansionMinSquareMeters < 0)
        {
            throw new ArgumentException("Expansion thresholds must not be negative.");
        }

        if (MatchShare is <= 0 or > 1)
        {
            throw new ArgumentException($"Match share {MatchShare} must lie in (0, 1].");
        }
    }
}
