using NetTopologySuite.Geometries;

namespace Vigil.Core;

/// <summary>
/// Message from ChangeCompare to the ledger: one classified footprint, or one baseline feature no longer seen.
/// </summary>
/// <param name="Kind">The classification.</param>
/// <param name="Outline">
/// Geometry in the working CRS: the detected footprint; for Expanded only the added part (outside the registered
/// outline, confidently building); for DemolishedCandidate and Unverified the missing feature's outline.
/// </param>
/// <param name="AreaSquareMeters">Area of <paramref name="Outline"/>.</param>
/// <param name="AddedAreaSquareMeters">For Expanded: area of the added part (the same as the outline's); else 0.</param>
/// <param name="Confidence">Detection confidence 0..1 (0 for demolished candidates).</param>
/// <param name="SourcePath">Raster the footprint came from; empty for demolished candidates.</param>
/// <param name="MatchedRecordNumber">The ledger number matched (KnownViolation, or an open case not seen).</param>
/// <param name="MatchedBaselineId">Identifier of the matched baseline feature, if any.</param>
/// <param name="HeightMeters">
/// From a surface model: for New, Expanded and KnownViolation, the structure's height above the ground around it; for
/// RooftopAddition, the mean rise of the raised part; null without a surface model (and for Unchanged and
/// DemolishedCandidate).
/// </param>
/// <param name="WholeOutline">For Expanded: the whole detected outline, registered part included, working CRS; else null.</param>
public sealed record Finding(
    FindingKind Kind,
    Geometry Outline,
    double AreaSquareMeters,
    double AddedAreaSquareMeters,
    double Confidence,
    string SourcePath,
    string? MatchedRecordNumber,
    string? MatchedBaselineId,
    double? HeightMeters = null,
    Geometry? WholeOutline = null) : LedgerMessage;
