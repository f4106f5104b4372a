namespace Vigil.Ledger.Reports;

/// <summary>What <see cref="LedgerReport.Write"/> wrote.</summary>
/// <param name="HtmlPath">report.html.</param>
/// <param name="ChartPaths">The PNG charts, in page order.</param>
/// <param name="Figures">The figures the charts show.</param>
public sealed record ReportFiles(string HtmlPath, IReadOnlyList<string> ChartPaths, LedgerFigures Figures);
