namespace Vigil.Ledger.Cases;

/// <summary>
/// The lifecycle of a case: the values of <see cref="Core.ViolationRecord.Status"/> and the changes allowed between
/// them. A case is opened "detected"; an analyst confirms or rejects it; the office notifies the owner, schedules and
/// carries out the demolition; a later flight verifies it, or finds it rebuilt, which reopens the case under its number.
/// </summary>
public static class CaseStatuses
{
    /// <summary>Opened by a flight, not yet reviewed.</summary>
    public const string Detected = "detected";

    /// <summary>An analyst confirmed the violation.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>An analyst rejected the detection; later flights raise nothing new at that place.</summary>
    public const string Rejected = "rejected";

    /// <summary>The owner was notified.</summary>
    public const string Notified = "notified";

    /// <summary>The demolition is scheduled.</summary>
    public const string Scheduled = "scheduled";

    /// <summary>The structure was reported demolished; the next flight over it verifies that.</summary>
    public const string Demolished = "demolished";

    /// <summary>A flight covered the place after the demolition and did not see the structure.</summary>
    public const string VerifiedDemolished = "verified-demolished";

    /// <summary>A flight saw the structure again after its demolition; the case is open again.</summary>
    public const string Rebuilt = "rebuilt";

    /// <summary>Every status, in lifecycle order.</summary>
    public static readonly IReadOnlyList<string> All =
        [Detected, Confirmed, Rejected, Notified, Scheduled, Demolished, VerifiedDemolished, Rebuilt];

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [Detected] = [Confirmed, Rejected],
        // A rejection can be reconsidered; a confirmation can be withdrawn before anyone is notified.
        [Rejected] = [Confirmed],
        [Confirmed] = [Rejected, Notified, Scheduled, Demolished],
        [Notified] = [Scheduled, Demolished],
        [Scheduled] = [Demolished],
        [Demolished] = [VerifiedDemolished, Rebuilt],
        [VerifiedDemolished] = [Rebuilt],
        [Rebuilt] = [Notified, Scheduled, Demolished],
    };

    /// <summary>
    /// The status a user named, in any case and with spaces or underscores for dashes (<c>Confirmed</c>,
    /// <c>VERIFIED_DEMOLISHED</c>); null when it names none.
    /// </summary>
    public static string? Named(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var name = status.Trim().Replace('_', '-').Replace(' ', '-');
        return All.FirstOrDefault(s => s.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for one of <see cref="All"/>.</summary>
    public static bool IsKnown(string status) => Allowed.ContainsKey(status);

    /// <summary>
    /// True while the office still has work on the case: detected, confirmed, notified, scheduled or rebuilt. Rejected,
    /// demolished (awaiting verification) and verified-demolished cases are not open.
    /// </summary>
    public static bool IsOpen(string status) => status is Detected or Confirmed or Notified or Scheduled or Rebuilt;

    /// <summary>
    /// True once a person reviewed the case and upheld it: confirmed and every status after it (not detected, not
    /// rejected). Raw model output never reaches a team: only reviewed cases are acted on and counted.
    /// </summary>
    public static bool IsReviewed(string status) => IsKnown(status) && status is not (Detected or Rejected);

    /// <summary>
    /// True for the cases the office acts on: open and reviewed (confirmed, notified, scheduled or rebuilt). Work lists,
    /// black-list cards and the report's open-case chart count these only; detected cases wait in <c>vigil ledger review</c>.
    /// </summary>
    public static bool IsActionable(string status) => IsOpen(status) && IsReviewed(status);

    /// <summary>The statuses a case in <paramref name="from"/> may change to; empty for an unknown status.</summary>
    public static IReadOnlyList<string> NextOf(string from) => Allowed.GetValueOrDefault(from) ?? [];

    /// <summary>True when a case may change from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanChange(string from, string to) => NextOf(from).Contains(to, StringComparer.Ordinal);
}
