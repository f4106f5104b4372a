namespace Vigil.Ledger.Language;

/// <summary>The report's chart titles, axis titles, legends and table headings, in one language.</summary>
public sealed record ReportLabels(
    string OpenTitle,
    string OpenAxis,
    string OpenLegend,
    string Day,
    string DemolishedTitle,
    string DemolishedLegend,
    string Month,
    string ClosureTitle,
    string ClosureAxis,
    string ClosureLegend,
    string Team,
    string Closed,
    string Cases,
    string Rate,
    string NoTeam,
    string PerFlightTitle,
    string PerFlightAxis,
    string PerFlightLegend,
    string Flight,
    string NewCases);
