namespace Vigil.Runs.Evaluation;

/// <summary>What a pair (or every pair) gives when only footprints of this detection confidence or more open a new case.</summary>
/// <param name="Level">The case confidence level, 0..1.</param>
/// <param name="ChangedRegions">Labelled change regions (the same at every level).</param>
/// <param name="Caught">Changed regions a new record at this level covers.</param>
/// <param name="NewRecords">New records at this level.</param>
/// <param name="FalseNew">Of them, the ones lying mostly on unchanged ground.</param>
public sealed record LevelScore(double Level, int ChangedRegions, int Caught, int NewRecords, int FalseNew)
{
    /// <summary>Share of changed regions caught; 0 when none.</summary>
    public double Recall => ChangedRegions == 0 ? 0 : (double)Caught / ChangedRegions;

    /// <summary>Share of new records on unchanged ground; 0 when none.</summary>
    public double FalseNewShare => NewRecords == 0 ? 0 : (double)FalseNew / NewRecords;
}
