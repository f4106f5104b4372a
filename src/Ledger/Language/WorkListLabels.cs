namespace Vigil.Ledger.Language;

/// <summary>The labels of a case's facts on the work-list page, in one language.</summary>
public sealed record WorkListLabels(
    string Position,
    string PositionNote,
    string Area,
    string Height,
    string Status,
    string Card,
    string Zone,
    string Deadline,
    string Overdue,
    string Offender,
    string Seen);
