namespace Vigil.Runs;

/// <summary>Process exit codes, documented in README.md for scheduled jobs.</summary>
public static class ExitCodes
{
    /// <summary>The run completed (some inputs may have been rejected; the summary lists them).</summary>
    public const int Success = 0;

    /// <summary>An unexpected error.</summary>
    public const int Failure = 1;

    /// <summary>Bad options or configuration: model, baseline, black list or ledger unusable. Nothing was processed.</summary>
    public const int BadConfiguration = 2;

    /// <summary>No input could be processed: every input was rejected.</summary>
    public const int NoUsableInput = 3;

    /// <summary>Cancelled by the user (Ctrl+C); what was recorded stays recorded.</summary>
    public const int Cancelled = 130;

    /// <summary>A ledger command was refused (unknown number, transition the lifecycle forbids); the ledger is unchanged.</summary>
    public const int Refused = 4;

    /// <summary>The nightly job finished but something needs a person: a failed flight, a rejected input, a new red card.</summary>
    public const int NeedsAttention = 5;
}
