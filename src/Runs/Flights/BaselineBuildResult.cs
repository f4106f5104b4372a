namespace Vigil.Runs.Flights;

/// <summary>What <see cref="BaselineBuilder"/> wrote.</summary>
/// <param name="Flight">The run of the flight (against an empty baseline, into a scratch ledger).</param>
/// <param name="OutPath">The baseline file, full path.</param>
/// <param name="Buildings">Building outlines written.</param>
public sealed record BaselineBuildResult(FlightRunResult Flight, string OutPath, int Buildings);
