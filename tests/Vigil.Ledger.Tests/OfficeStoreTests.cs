using Vigil.Core;
using Vigil.Ledger.Accounts;

namespace Vigil.Ledger.Tests;

/// <summary>
/// Accounts, stale-form refusal and the triggers that catch edits made behind Vigil's back, against every store; one
/// derived class per engine.
/// </summary>
public abstract class OfficeStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 3, 8, 0, 0, TimeSpan.Zero);
    private SqlLedgerStore? _store;

    protected abstract SqlLedgerStore OpenStoreCore();

    /// <summary>Runs SQL on the ledger through a connection of its own, as QGIS or psql would.</summary>
    protected abstract void ExecuteSql(string sql);

    /// <summary>The test's store, opened on first use and closed with the test.</summary>
    private SqlLedgerStore Store => _store ??= OpenStoreCore();

    public virtual void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string OpenCase(SqlLedgerStore store) => store.InsertRecord(new NewViolation(
        ViolationKinds.New, Geo.Wkt("POLYGON ((120.1 30.2, 120.1002 30.2, 120.1002 30.2002, 120.1 30.2002, 120.1 30.2))"),
        180, 0, 0.9, At, "F-2026-11", null, null, "pipeline"));

    private static UserAccount Member(string name = "wangfang") =>
        new(name, "王芳", "AQAAAAIAAYagAAAAEhash", UserRoles.Member, "城关街道中队", "zh-CN");

    [Fact]
    public void Accounts_keep_their_Chinese_names_and_teams_and_each_change_is_an_event()
    {
        var store = Store;

        store.AddUser(Member(), At, "admin");
        store.SetUserRole("wangfang", UserRoles.TeamLead, "东湖街道中队", At, "admin");
        store.SetUserDisabled("wangfang", true, At, "admin");

        using var reopened = OpenStoreCore();
        var user = reopened.FindUser("wangfang")!;
        Assert.Equal(("王芳", UserRoles.TeamLead, "东湖街道中队", true), (user.DisplayName, user.Role, user.Team, user.Disabled));
        Assert.Equal("AQAAAAIAAYagAAAAEhash", user.PasswordHash);
        Assert.Equal(
            [OfficeEventKinds.UserAdded, OfficeEventKinds.UserChanged, OfficeEventKinds.UserChanged],
            store.ReadEvents().Select(e => e.Kind));
        Assert.DoesNotContain(store.ReadEvents(), e => e.Detail.Contains("AQAAAA", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => store.AddUser(Member(), At, "admin"));
        Assert.Throws<ArgumentException>(() => store.AddUser(Member("li") with { Team = null }, At, "admin"));
        Assert.Throws<ArgumentException>(() => store.SetUserRole("wangfang", "director", null, At, "admin"));
    }

    [Fact]
    public void Five_wrong_passwords_lock_the_account_until_the_lock_runs_out()
    {
        var store = Store;
        store.AddUser(Member(), At, "admin");

        var states = Enumerable.Range(0, 5)
            .Select(i => store.RecordLoginFailure("wangfang", At.AddSeconds(i), 5, TimeSpan.FromMinutes(15), "10.0.0.7")!)
            .ToList();

        Assert.All(states.Take(4), s => Assert.Null(s.LockedUntilUtc));
        Assert.Equal(At.AddSeconds(4).AddMinutes(15), states[4].LockedUntilUtc);
        Assert.Equal(At.AddSeconds(4).AddMinutes(15), store.FindUser("wangfang")!.LockedUntilUtc);
        var locked = Assert.Single(store.ReadEvents(), e => e.Kind == OfficeEventKinds.UserLocked);
        Assert.Contains("10.0.0.7", locked.Detail, StringComparison.Ordinal);

        var later = store.RecordLoginFailure("wangfang", At.AddHours(1), 5, TimeSpan.FromMinutes(15), "10.0.0.7")!;
        Assert.Equal((1, (DateTimeOffset?)null), (later.FailedLogins, later.LockedUntilUtc));
        Assert.Null(store.RecordLoginFailure("nobody", At, 5, TimeSpan.FromMinutes(15), "10.0.0.7"));
    }

    [Fact]
    public void A_decision_on_a_stale_form_is_refused_and_writes_nothing()
    {
        var store = Store;
        var number = OpenCase(store);
        var version = store.ReadCaseVersions()[number];
        store.RecordSighting(number, "F-2026-12", At.AddDays(30), 0.95, "pipeline");
        var eventsBefore = store.ReadEvents().Count;

        Assert.Throws<StaleCaseException>(() => store.ChangeStatusAt(
            new StatusChange(number, CaseStatuses.Confirmed, At, "lihua", "违建属实"), version, "10.0.0.8"));
        Assert.Throws<StaleCaseException>(() => store.Dispatch(number, "城关街道中队", version, At, "zhaolei", "10.0.0.9"));

        Assert.Equal(eventsBefore, store.ReadEvents().Count);
        Assert.Equal(CaseStatuses.Detected, store.Find(number)!.Status);
        store.ChangeStatusAt(new StatusChange(number, CaseStatuses.Confirmed, At, "lihua", "违建属实"),
            store.ReadCaseVersions()[number], "10.0.0.8");
        var confirmed = store.ReadEvents(number)[^1];
        Assert.Equal(("lihua", CaseStatuses.Confirmed), (confirmed.Actor, store.Find(number)!.Status));
        Assert.Contains("\"client\":\"10.0.0.8\"", confirmed.Detail, StringComparison.Ordinal);
        Assert.Contains("违建属实", confirmed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_edited_behind_the_store_is_logged_as_an_outside_edit_and_its_own_changes_are_not()
    {
        var store = Store;
        var number = OpenCase(store);
        store.ChangeStatus(new StatusChange(number, CaseStatuses.Confirmed, At, "lihua", "违建属实"));
        store.ChangeStatusAt(new StatusChange(number, CaseStatuses.Notified, At, "wangfang", "已送达限拆通知书"),
            store.ReadCaseVersions()[number], "10.0.0.8");
        Assert.DoesNotContain(store.ReadEvents(), e => e.Kind == OfficeEventKinds.StatusEditedOutside);

        ExecuteSql($"UPDATE violations SET status = 'verified-demolished' WHERE number = '{number}'");
        ExecuteSql($"UPDATE violations SET area_m2 = 181 WHERE number = '{number}'");

        var outside = Assert.Single(store.ReadEvents(), e => e.Kind == OfficeEventKinds.StatusEditedOutside);
        Assert.Equal(number, outside.Number);
        Assert.StartsWith("outside Vigil", outside.Actor, StringComparison.Ordinal);
        Assert.Contains("\"from\"", outside.Detail, StringComparison.Ordinal);
        Assert.Contains("notified", outside.Detail, StringComparison.Ordinal);
        Assert.Contains("verified-demolished", outside.Detail, StringComparison.Ordinal);
        Assert.True(outside.AtUtc > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public void A_case_row_deleted_behind_the_store_is_logged()
    {
        var store = Store;
        var number = OpenCase(store);

        ExecuteSql($"DELETE FROM violations WHERE number = '{number}'");

        var deleted = Assert.Single(store.ReadEvents(), e => e.Kind == OfficeEventKinds.CaseDeletedOutside);
        Assert.Equal(number, deleted.Number);
        Assert.Contains("detected", deleted.Detail, StringComparison.Ordinal);
    }
}
