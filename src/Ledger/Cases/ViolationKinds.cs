namespace Vigil.Ledger.Cases;

/// <summary>
/// The values of <see cref="Core.ViolationRecord.Kind"/> and of the <c>kind</c> column of the <c>violations</c> layer:
/// why a case was opened.
/// </summary>
public static class ViolationKinds
{
    /// <summary>A structure where nothing registered or known stood.</summary>
    public const string New = "new";

    /// <summary>A registered building that grew beyond its registered outline.</summary>
    public const string Expanded = "expanded";

    /// <summary>A violation listed in the baseline that had no ledger case yet.</summary>
    public const string KnownViolation = "known-violation";

    /// <summary>A registered building that a flight did not see where it should be.</summary>
    public const string DemolishedCandidate = "demolished-candidate";

    /// <summary>A registered building whose roof rose (surface models of two epochs): a storey or structure added on top.</summary>
    public const string RooftopAddition = "rooftop-addition";

    /// <summary>True for one of the kinds above.</summary>
    public static bool IsKnown(string kind) =>
        kind is New or Expanded or KnownViolation or DemolishedCandidate or RooftopAddition;
}
