using Vigil.Core;
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
    IReadOnlyList<string> Files);
