namespace Vigil.Core;

/// <summary>
/// A message from ChangeCompare to the ledger: a <see cref="Finding"/>, or the <see cref="FlightTally"/> that closes the
/// run after the last finding.
/// </summary>
public abstract record LedgerMessage;
