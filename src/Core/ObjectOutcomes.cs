namespace Vigil.Core;

/// <summary>
/// The per-footprint side of an evaluation of one image: the outcome of each true footprint and whether each
/// predicted footprint was matched, indexed by footprint number (index 0 and numbers absent from the raster: null / false).
/// </summary>
/// <param name="Truth">Outcome per true footprint number.</param>
/// <param name="PredictedMatched">Whether each predicted footprint number was paired with a true one.</param>
public sealed record ObjectOutcomes(ObjectOutcome?[] Truth, bool[] PredictedMatched)
{
    /// <summary>How many true footprints had <paramref name="outcome"/>.</summary>
    public int Count(ObjectOutcome outcome) => Truth.Count(o => o == outcome);
}
