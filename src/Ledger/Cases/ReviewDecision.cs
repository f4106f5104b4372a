using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Cases;

/// <summary>
/// A reviewer's decision on several detected cases at once: confirm some (they reach the teams' work lists and count
/// towards cards) and reject others (later flights raise nothing new at that place unless the structure grows).
/// </summary>
/// <param name="Confirm">The cases confirmed.</param>
/// <param name="Reject">The cases rejected.</param>
/// <param name="AtUtc">When the decision is made.</param>
/// <param name="Actor">Who decides, kept in each case's history.</param>
/// <param name="Reason">Why, kept in each case's history (any language).</param>
public sealed record ReviewDecision(
    IReadOnlyList<string> Confirm, IReadOnlyList<string> Reject, DateTimeOffset AtUtc, string Actor, string Reason)
{
    /// <summary>
    /// Checks every case first, then changes each one's status (one transaction per case, each a "status-changed"
    /// event with the actor and reason): an unknown number, a number named twice, or a case whose status cannot change
    /// so leaves the ledger unchanged.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A number names no case; nothing was written.</exception>
    /// <exception cref="CaseTransitionException">A case cannot change so (already reviewed); nothing was written.</exception>
    /// <exception cref="ArgumentException">No case, a number named twice, or no actor or reason; nothing was written.</exception>
    public void Apply(ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(Actor);
        if (string.IsNullOrWhiteSpace(Reason))
        {
            throw new ArgumentException("A reason is required to confirm or reject cases.");
        }

        var changes = Confirm.Select(n => (Number: n, Status: CaseStatuses.Confirmed))
            .Concat(Reject.Select(n => (Number: n, Status: CaseStatuses.Rejected)))
            .ToList();
        if (changes.Count == 0)
        {
            throw new ArgumentException("Name at least one case to confirm or reject.");
        }

        if (changes.GroupBy(c => c.Number, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"Case {repeated.Key} is named twice.");
        }

        foreach (var (number, status) in changes)
        {
            var record = store.Find(number) ?? throw new KeyNotFoundException($"No case numbered '{number}'.");
            if (!CaseStatuses.CanChange(record.Status, status))
            {
                throw new CaseTransitionException(number, record.Status, status);
            }
        }

        foreach (var (number, status) in changes)
        {
            store.ChangeStatus(new StatusChange(number, status, AtUtc, Actor, Reason));
        }
    }
}
