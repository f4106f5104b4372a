namespace Vigil.Runs;

/// <summary>A failure that stops a run before or during processing; the message is the one line shown to the user.</summary>
public sealed class RunFailedException(string message, int exitCode, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The process exit code that goes with it.</summary>
    public int ExitCode { get; } = exitCode;
}
