using Vigil.Core;
using Vigil.Ledger.Language;
using Vigil.Runs.Flights;

namespace Vigil.Demo;

/// <summary>Outcome of <c>vigil demo</c>.</summary>
/// <param name="Run">The pipeline run over the second epoch.</param>
/// <param name="OpenedRecords">The records the run opened.</param>
/// <param name="AddedStructures">Structures the scene added between the epochs.</param>
/// <param name="AddedFound">How many of them came back as "new" records.</param>
/// <param name="ExpansionFound">Whether the extended building came back as an "expanded" record.</param>
/// <param name="Files">The generated inputs and the outputs, for the user to open.</param>
public sealed record DemoResult(
    FlightRunResult Run,
    IReadOnlyList<ViolationRecord> OpenedRecords,
    int AddedStructures,
    int AddedFound,
    bool ExpansionFound,
    IReadOnlyList<string> Files)
{
    /// <summary>The run's summary, what came back of the scene's changes, the records opened and the files, line by line.</summary>
    public IEnumerable<string> Lines(OfficeText text) => [
        .. FlightSummary.Lines(Run, text),
        "",
        $"the scene added {AddedStructures} structures; {AddedFound} came back as new records; " +
        $"the extension {(ExpansionFound ? "came back as an expanded record" : "was not flagged")}",
        .. OpenedRecords.Select(record =>
            $"  {record.Number}  {record.Kind,-20} {record.AreaSquareMeters,7:F1} m²  " +
            $"conf {record.Confidence:F2}  {record.FootprintWgs84.Centroid.Y:F6}, {record.FootprintWgs84.Centroid.X:F6}  {record.BlacklistZone}"),
        "files:",
        .. Files.Select(file => $"  {Path.GetFullPath(file)}"),
    ];
}
