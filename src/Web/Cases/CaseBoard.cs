using System.Globalization;
using Vigil.Ledger.Accounts;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;
using Vigil.Web.Hosting;

namespace Vigil.Web.Cases;

/// <summary>The cases of the ledger with their team and version, and who may see which.</summary>
internal static class CaseBoard
{
    public static List<OfficeCase> Read(SqlLedgerStore store)
    {
        var areas = store.ReadTeamAreas();
        var versions = store.ReadCaseVersions();
        var dispatched = store.ReadDispatches();
        return store.ReadRecords().Select(r => new OfficeCase(
            r,
            dispatched.GetValueOrDefault(r.Number) ?? TeamAssignment.TeamOf(r.FootprintWgs84, areas),
            dispatched.ContainsKey(r.Number),
            versions.GetValueOrDefault(r.Number))).ToList();
    }

    /// <summary>A member sees the own team's cases only; the other roles see every case.</summary>
    public static bool CanSee(UserAccount user, OfficeCase item) =>
        user.Role != UserRoles.Member || string.Equals(item.Team, user.Team, StringComparison.Ordinal);

    /// <summary>The case if it exists and the user may see it; otherwise 404, the same for both, so nothing leaks.</summary>
    public static OfficeCase Visible(SqlLedgerStore store, UserAccount user, string number) =>
        Read(store).FirstOrDefault(c => c.Record.Number == number) is { } item && CanSee(user, item)
            ? item
            : throw Refusal.NotFound($"no case numbered '{number}'");

    /// <summary>A YYYY-MM-DD query value as the start of that day (UTC), or null when absent.</summary>
    public static DateTimeOffset? Day(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : throw Refusal.BadRequest($"{name}: '{text}' is not a date; write it as YYYY-MM-DD");
    }
}
