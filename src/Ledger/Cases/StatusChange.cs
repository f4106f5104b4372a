namespace Vigil.Ledger.Cases;

/// <summary>A change of a case's lifecycle status, kept as a "status-changed" event.</summary>
/// <param name="Number">The case.</param>
/// <param name="Status">The new status, one of <see cref="CaseStatuses"/>, allowed from the current one.</param>
/// <param name="AtUtc">When the change happened (a review, a notice, a demolition, a flight).</param>
/// <param name="Actor">Who made it (analyst, inspector, the pipeline).</param>
/// <param name="Reason">Why, in words; required.</param>
public sealed record StatusChange(string Number, string Status, DateTimeOffset AtUtc, string Actor, string Reason);
