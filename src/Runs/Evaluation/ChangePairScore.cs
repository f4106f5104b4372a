namespace Vigil.Runs.Evaluation;

/// <summary>How one before/after pair came out of <c>vigil run</c> against a baseline made from its before image.</summary>
/// <param name="Name">The pair's file name.</param>
/// <param name="ChangedRegions">Labelled change regions of at least <see cref="ChangeEvaluator.MinChangedSquareMeters"/>.</param>
/// <param name="Caught">Changed regions a <c>new</c> record covers (<see cref="ChangeEvaluator"/> says how much).</param>
/// <param name="NewRecords">Records of kind new.</param>
/// <param name="FalseNew">New records lying mostly (at least half) on unchanged ground.</param>
/// <param name="Expanded">Records of kind expanded.</param>
/// <param name="DemolishedCandidates">Records of kind demolished-candidate.</param>
/// <param name="Records">Every record the run opened.</param>
/// <param name="Unchanged">True when the label marks no change: every record is false.</param>
public sealed record ChangePairScore(
    string Name, int ChangedRegions, int Caught, int NewRecords, int FalseNew, int Expanded, int DemolishedCandidates,
    int Records, bool Unchanged)
{
    /// <summary>The new-record figures at each case level the report sweeps (<see cref="ChangeEvaluator.LevelStep"/>).</summary>
    public IReadOnlyList<LevelScore> ByLevel { get; init; } = [];
}
