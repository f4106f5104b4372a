using System.Net;
using Microsoft.Data.Sqlite;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;

namespace Vigil.Web.Tests;

/// <summary>
/// The app on a GeoPackage ledger another program is writing: a second SQLite connection holds a write transaction
/// (BEGIN IMMEDIATE, as a flight being recorded or a QGIS edit does) while an analyst decides a case. The order of events
/// is fixed by the store's Busy signal (the request is waiting on the lock) and the writer's commit, not by time.
/// </summary>
public sealed class LedgerLockTests
{
    [Fact]
    public async Task A_review_waits_for_another_writer_and_is_recorded_once_it_commits()
    {
        await using var site = await OfficeSite.StartAsync();
        var number = site.ChengguanCases[0];
        var editedInQgis = site.DonghuCases[0];
        using var analyst = await ApiSession.SignInAsync(site, "lihua");
        var version = await analyst.VersionAsync(number);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ((GeoPackageLedgerStore)site.Store).Busy += (_, _) => waiting.TrySetResult();

        using var qgis = new SqliteConnection($"Data Source={site.LedgerPath};Pooling=false");
        qgis.Open();
        using (var edit = qgis.BeginTransaction(deferred: false))
        {
            using var update = qgis.CreateCommand();
            update.Transaction = edit;
            update.CommandText = $"UPDATE violations SET status = 'rejected' WHERE number = '{editedInQgis}'";
            update.ExecuteNonQuery();
            var review = analyst.PostAsync($"/api/cases/{number}/review", new { decision = "confirm", reason = "航拍比对确认", version });
            await waiting.Task.WaitAsync(TimeSpan.FromSeconds(25));
            Assert.False(review.IsCompleted, "the review answered while another program held the ledger's write lock");
            edit.Commit();

            var (status, body) = await review;
            Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        }

        Assert.Equal(CaseStatuses.Confirmed, site.Store.Find(number)!.Status);
        Assert.Equal("lihua", site.Store.ReadEvents(number)[^1].Actor);
        Assert.Equal(CaseStatuses.Rejected, site.Store.Find(editedInQgis)!.Status);
        Assert.Equal(OfficeEventKinds.StatusEditedOutside, site.Store.ReadEvents(editedInQgis)[^1].Kind);
    }

    [Fact]
    public async Task A_lock_held_past_the_timeout_is_refused_in_the_users_language_and_nothing_is_written()
    {
        await using var site = await OfficeSite.StartAsync(busyTimeout: TimeSpan.FromSeconds(1));
        var number = site.ChengguanCases[1];
        using var analyst = await ApiSession.SignInAsync(site, "lihua");
        using var admin = await ApiSession.SignInAsync(site, "admin");
        site.Store.SetUserLanguage("admin", "en");
        var version = await analyst.VersionAsync(number);
        var events = site.Store.ReadEvents().Count;

        using var writer = new SqliteConnection($"Data Source={site.LedgerPath};Pooling=false");
        writer.Open();
        using (writer.BeginTransaction(deferred: false))
        {
            var (chinese, chineseBody) = await analyst.PostAsync($"/api/cases/{number}/review", new { decision = "reject", reason = "临时大棚", version });
            var (english, englishBody) = await admin.PostAsync($"/api/cases/{number}/review", new { decision = "confirm", version });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, chinese);
            Assert.Equal("台账正被其他程序写入（正在入库的航次或 QGIS 中的编辑），等待 1 秒仍未释放。本次操作未保存，请稍后重试。",
                chineseBody.GetProperty("error").GetString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, english);
            Assert.StartsWith("The ledger is being written by another program", englishBody.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(CaseStatuses.Detected, site.Store.Find(number)!.Status);
        Assert.Equal(events, site.Store.ReadEvents().Count);
        var (later, _) = await analyst.PostAsync($"/api/cases/{number}/review", new { decision = "reject", reason = "临时大棚", version });
        Assert.Equal(HttpStatusCode.OK, later);
    }
}
