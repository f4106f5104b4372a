namespace Vigil.Ingest;

/// <summary>
/// An input file cannot be used. The message is "&lt;path&gt;: &lt;reason&gt;"; stages record it as a rejection and go on.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception for a file and a reason a user can act on.</summary>
    public InputException(string path, string reason, Exception? innerException = null)
        : base($"{path}: {reason}", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The offending file, as given by the caller.</summary>
    public string Path { get; }

    /// <summary>Why the file cannot be used, without the path.</summary>
    public string Reason { get; }
}
