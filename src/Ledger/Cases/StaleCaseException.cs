namespace Vigil.Ledger.Cases;

/// <summary>
/// A decision was made on a form showing an older state of the case: the case changed since (another user, a flight, an
/// edit outside Vigil). Nothing was written.
/// </summary>
public sealed class StaleCaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StaleCaseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StaleCaseException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StaleCaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
