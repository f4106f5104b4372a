using Vigil.Ledger.Accounts;
using Vigil.Ledger.Cases;
using Vigil.Web.Hosting;

namespace Vigil.Web.Cases;

/// <summary>
/// The map's filters as the query string carries them (<c>?status=&amp;kind=&amp;team=&amp;card=&amp;flight=&amp;from=&amp;to=</c>,
/// each optional; dates YYYY-MM-DD, inclusive): the cases a map page, a list and a CSV export show.
/// </summary>
/// <param name="Status">A lifecycle status, in any case.</param>
/// <param name="Kind">A case kind: new, expanded, known-violation, demolished-candidate.</param>
/// <param name="Team">The team the case is dispatched to, else whose area holds it.</param>
/// <param name="Card">yellow, red or none.</param>
/// <param name="Flight">A flight that opened the case or saw it last.</param>
/// <param name="From">Cases seen on or after this day.</param>
/// <param name="To">Cases first seen on or before this day.</param>
internal sealed record CaseQuery(string? Status, string? Kind, string? Team, string? Card, string? Flight, string? From, string? To)
{
    /// <summary>The cases the user may see that pass the filters, in ledger order; 400 for a malformed value.</summary>
    public List<OfficeCase> Select(Office office, UserAccount user)
    {
        var status = string.IsNullOrWhiteSpace(Status) ? null : CaseStatuses.Named(Status)
            ?? throw Refusal.BadRequest($"status: '{Status}' is none of {string.Join(", ", CaseStatuses.All)}");
        var since = CaseBoard.Day(From, "from");
        var until = CaseBoard.Day(To, "to")?.AddDays(1);
        return CaseBoard.Read(office.Store).Where(c => CaseBoard.CanSee(user, c)
            && (status is null || c.Record.Status == status)
            && (string.IsNullOrWhiteSpace(Kind) || c.Record.Kind == Kind)
            && (string.IsNullOrWhiteSpace(Team) || c.Team == Team)
            && (string.IsNullOrWhiteSpace(Card) || (c.Record.Card ?? "none") == Card)
            && (string.IsNullOrWhiteSpace(Flight) || c.Record.FirstFlightId == Flight || c.Record.LastFlightId == Flight)
            && (since is null || c.Record.LastSeenUtc >= since)
            && (until is null || c.Record.FirstSeenUtc < until)).ToList();
    }
}
