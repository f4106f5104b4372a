namespace Vigil.Core;

/// <summary>The role of a reference feature that detections are compared with.</summary>
public enum BaselineFeatureKind
{
    /// <summary>A legally registered building from the baseline.</summary>
    Registered,

    /// <summary>A violation already known to the office, listed in the baseline.</summary>
    KnownViolation,

    /// <summary>An open case of the Vigil ledger.</summary>
    LedgerRecord,
}
