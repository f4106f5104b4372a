using Vigil.Ledger.Cards;

namespace Vigil.Runs.Nightly;

/// <summary>What one <c>vigil nightly</c> did, written as JSON beside the text summary.</summary>
/// <param name="StartedUtc">When the job started.</param>
/// <param name="FinishedUtc">When it ended.</param>
/// <param name="Flights">Each flight folder processed in this run, in order.</param>
/// <param name="AlreadyDone">Flight folders the ledger already holds as completed with the same files, skipped.</param>
/// <param name="Cards">Card changes recorded after the flights.</param>
/// <param name="NeedsAttention">What a person should look at; empty when nothing.</param>
/// <param name="ReportPath">The JSON report written.</param>
public sealed record NightlyReport(
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    IReadOnlyList<NightlyFlight> Flights,
    IReadOnlyList<string> AlreadyDone,
    IReadOnlyList<CardChange> Cards,
    IReadOnlyList<string> NeedsAttention,
    string ReportPath)
{
    /// <summary>"flight: why" for each flight folder whose upload is not finished: left for a later run.</summary>
    public IReadOnlyList<string> Waiting { get; init; } = [];

    /// <summary>"flight: reason" for each flight that failed before and whose files have not changed since: not run again.</summary>
    public IReadOnlyList<string> StillFailed { get; init; } = [];
}
