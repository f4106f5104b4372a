using System.Net;
using Npgsql;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;

namespace Vigil.Web.Tests;

/// <summary>The app over a PostGIS ledger: the same checks as on a GeoPackage, and an edit by SQL behind its back is shown.</summary>
public sealed class PostGisApiTests : IAsyncLifetime
{
    private OfficeSite _site = null!;

    public async Task InitializeAsync() => _site = await OfficeSite.StartAsync(postGis: true);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Review_dispatch_and_scope_work_and_a_status_set_by_SQL_is_shown_as_an_outside_edit()
    {
        using var analyst = await ApiSession.SignInAsync(_site, "lihua");
        using var lead = await ApiSession.SignInAsync(_site, "zhaolei");
        using var member = await ApiSession.SignInAsync(_site, "chengang");
        var number = _site.ChengguanCases[0];

        var version = await analyst.VersionAsync(number);
        var (confirmed, _) = await analyst.PostAsync($"/api/cases/{number}/review", new { decision = "confirm", reason = "违建属实", version });
        var (stale, _) = await lead.PostAsync($"/api/cases/{number}/dispatch", new { team = OfficeSite.Chengguan, version });
        var (dispatched, _) = await lead.PostAsync($"/api/cases/{number}/dispatch", new { team = OfficeSite.Chengguan, version = await lead.VersionAsync(number) });
        var (foreign, _) = await member.GetAsync($"/api/cases/{number}");
        await using (var psql = new NpgsqlConnection(_site.ConnectionString))
        {
            await psql.OpenAsync();
            await using var edit = new NpgsqlCommand($"UPDATE violations SET status = 'verified-demolished' WHERE number = '{number}'", psql);
            await edit.ExecuteNonQueryAsync();
        }

        var (_, detail) = await analyst.GetAsync($"/api/cases/{number}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.OK, HttpStatusCode.NotFound), (confirmed, stale, dispatched, foreign));
        Assert.True(detail.GetProperty("editedOutside").GetBoolean());
        var kinds = detail.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["created", "status-changed", OfficeEventKinds.Dispatched, OfficeEventKinds.StatusEditedOutside], kinds);
        Assert.StartsWith("outside Vigil: vigil@", detail.GetProperty("history").EnumerateArray().Last().GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Equal("verified-demolished", _site.Store.Find(number)!.Status);
        Assert.Equal(CaseStatuses.Detected, _site.Store.Find(_site.ChengguanCases[1])!.Status);
    }
}
