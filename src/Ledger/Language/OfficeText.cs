namespace Vigil.Ledger.Language;

/// <summary>
/// The words of the office's documents and messages in one language: work-list pages and CSV headings, report
/// headings, chart titles and labels. Immutable; <see cref="English"/> and <see cref="SimplifiedChinese"/> are the two
/// languages Vigil speaks (<c>--lang en|zh-CN</c>).
/// </summary>
public sealed partial record OfficeText
{
    /// <summary>The language tag, as given to <c>--lang</c> and written in the pages' <c>lang</c> attribute.</summary>
    public required string Tag { get; init; }

    /// <summary>Work-list page: title before the team's name.</summary>
    public required string WorkListTitle { get; init; }

    /// <summary>Work-list page: "Made {0} UTC. {1} open case(s). Order: {2}".</summary>
    public required string WorkListIntro { get; init; }

    /// <summary>Work-list page: the ranking rule in words.</summary>
    public required string WorkListOrder { get; init; }

    /// <summary>Work-list page: the labels of a case's facts, in page order.</summary>
    public required WorkListLabels Labels { get; init; }

    /// <summary>
    /// CSV headings, one per <c>CaseRow.Names</c> field in the same order (the GeoJSON keeps the field names, which GIS
    /// tools key on).
    /// </summary>
    public required IReadOnlyList<string> CsvHeadings { get; init; }

    /// <summary>Report page: title.</summary>
    public required string ReportTitle { get; init; }

    /// <summary>Report page: "Made {0} UTC." followed by what the figures mean.</summary>
    public required string ReportIntro { get; init; }

    /// <summary>Report: "no data" on an empty chart and under an empty table.</summary>
    public required string NoData { get; init; }

    /// <summary>Report: the four charts' titles, axis titles, legends and table headings.</summary>
    public required ReportLabels Report { get; init; }

    /// <summary>Console: "{0} open case(s) for team {1}: {2}" after a work list is written.</summary>
    public required string WorkListWritten { get; init; }

    /// <summary>Console: "{0} open case(s), {1} m² reported demolished; {2}" after a report is written.</summary>
    public required string ReportWritten { get; init; }

    /// <summary>
    /// Run summary, out-of-domain warning: {0} structures detected, {1} baseline buildings in the covered ground, {2} the
    /// ratio, {3} the model (name, version, GSD).
    /// </summary>
    public required string FewDetections { get; init; }

    /// <summary>
    /// Run summary, out-of-domain warning: {0} new records, {1} baseline buildings in the covered ground, {2} detections
    /// that matched the baseline, {3} the model.
    /// </summary>
    public required string MostlyNew { get; init; }

    /// <summary>
    /// Run summary, out-of-domain warning: {0} the run's median confidence, {1} and {2} the 10th percentile and median of
    /// the model's validation detections, {3} the model.
    /// </summary>
    public required string UnlikeValidation { get; init; }
}
