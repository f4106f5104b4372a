namespace Vigil.Ledger.Flights;

/// <summary>State of a flight's processing, stored as text in the <c>flights</c> layer.</summary>
public enum FlightStatus
{
    /// <summary>Started and not finished (or the process running it died): stored as "running".</summary>
    Running,

    /// <summary>Every input was processed, possibly with rejections: stored as "completed".</summary>
    Completed,

    /// <summary>The run stopped on a systemic failure: stored as "failed".</summary>
    Failed,
}
