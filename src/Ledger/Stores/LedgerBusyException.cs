namespace Vigil.Ledger.Stores;

/// <summary>
/// A write waited for another program's write transaction on the ledger (a flight being recorded, an edit in QGIS)
/// longer than the busy timeout and gave up; nothing of the write was recorded, and trying again later is safe.
/// </summary>
public sealed class LedgerBusyException : IOException
{
    /// <summary>Creates the exception for the ledger at <paramref name="where"/> after <paramref name="waited"/>.</summary>
    public LedgerBusyException(string where, TimeSpan waited, Exception? innerException = null)
        : base($"the ledger '{where}' stayed locked by another program's write for {waited.TotalSeconds:0.#} s; nothing was written: try again", innerException)
    {
        Waited = waited;
    }

    /// <summary>How long the write waited.</summary>
    public TimeSpan Waited { get; }
}
