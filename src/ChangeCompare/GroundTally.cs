namespace Vigil.ChangeCompare;

/// <summary>
/// How much of a polygon's ground the flight showed in each state (<see cref="GroundEvidenceMap.Tally"/>), square metres.
/// </summary>
/// <param name="AreaSquareMeters">The polygon's area.</param>
/// <param name="NoImagerySquareMeters">Without decoded imagery, or outside every chunk.</param>
/// <param name="BackgroundSquareMeters">Confidently background.</param>
/// <param name="UncertainSquareMeters">The model unsure.</param>
/// <param name="BuildingSquareMeters">Confidently building.</param>
public sealed record GroundTally(
    double AreaSquareMeters,
    double NoImagerySquareMeters,
    double BackgroundSquareMeters,
    double UncertainSquareMeters,
    double BuildingSquareMeters)
{
    /// <summary>Square metres judged by the model (valid imagery).</summary>
    public double JudgedSquareMeters => BackgroundSquareMeters + UncertainSquareMeters + BuildingSquareMeters;

    /// <summary>Share (0..1) of the polygon with valid imagery.</summary>
    public double ImageryShare => AreaSquareMeters <= 0 ? 0 : Math.Min(1, JudgedSquareMeters / AreaSquareMeters);

    /// <summary>Share (0..1) of the judged ground that is confidently background; 0 when nothing was judged.</summary>
    public double BackgroundShare => JudgedSquareMeters <= 0 ? 0 : BackgroundSquareMeters / JudgedSquareMeters;
}
