namespace Vigil.Core;

/// <summary>What ChangeCompare concluded about a footprint or a baseline feature.</summary>
public enum FindingKind
{
    /// <summary>Nothing registered or known overlaps the footprint: a new structure.</summary>
    New,

    /// <summary>Matches a registered building whose area grew beyond the configured share and square metres.</summary>
    Expanded,

    /// <summary>Matches a known violation (an existing ledger record or one listed in the baseline).</summary>
    KnownViolation,

    /// <summary>Matches a registered building without significant growth.</summary>
    Unchanged,

    /// <summary>
    /// A registered building or open case inside the covered area that was not seen, on valid imagery the model holds to
    /// be confidently background over most of its footprint.
    /// </summary>
    DemolishedCandidate,

    /// <summary>Part of a registered building's roof rose beyond the configured height and area between two surface models.</summary>
    RooftopAddition,

    /// <summary>
    /// A registered building or open case on this flight's ground that was not seen, but whose footprint the imagery
    /// does not show as bare (missing or filled imagery, or the model unsure); or a footprint on no reference outline
    /// below the confidence that opens a new case (<see cref="ChangeOptions.NewMinConfidence"/>): nothing is concluded
    /// and no case opened.
    /// </summary>
    Unverified,
}
