using System.Net;
using System.Text;

namespace Vigil.Web.Tests;

/// <summary>The map's cases as CSV over HTTP: the byte-order mark Excel needs, Chinese names and reasons, the team scope.</summary>
public sealed class ExportTests : IAsyncLifetime
{
    private const string Reason = "临时堆放建材，非违建 (\"彩钢棚\")";

    private OfficeSite _site = null!;

    public async Task InitializeAsync() => _site = await OfficeSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_member_exports_the_teams_cases_with_a_byte_order_mark_and_the_chinese_reasons()
    {
        var rejected = _site.ChengguanCases[1];
        using var analyst = await ApiSession.SignInAsync(_site, "lihua");
        await analyst.PostAsync($"/api/cases/{rejected}/review", new { decision = "reject", reason = Reason, version = await analyst.VersionAsync(rejected) });
        await analyst.PostAsync($"/api/cases/{_site.ChengguanCases[2]}/review",
            new { decision = "reject", reason = "=1+1 公式", version = await analyst.VersionAsync(_site.ChengguanCases[2]) });
        using var member = await ApiSession.SignInAsync(_site, "wangfang");

        var (status, headers, bytes) = await member.GetFileAsync("/api/cases.csv");
        var (_, _, otherTeam) = await member.GetFileAsync($"/api/cases.csv?team={Uri.EscapeDataString(OfficeSite.Donghu)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/csv", headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Parse(bytes);
        Assert.Equal(["案件编号", "状态", "类型", "责任队"], rows[0][..4]);
        Assert.Equal(_site.ChengguanCases, rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal(OfficeSite.Chengguan, r[Column(rows, "责任队")]));
        var row = rows.Single(r => r[0] == rejected);
        Assert.Equal("rejected", row[Column(rows, "状态")]);
        Assert.Equal(Reason, row[Column(rows, "最近处理理由")]);
        Assert.Equal("lihua", row[Column(rows, "处理人")]);
        Assert.Equal("'=1+1 公式", rows.Single(r => r[0] == _site.ChengguanCases[2])[Column(rows, "最近处理理由")]);
        var disposition = headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"违建案件-{OfficeSite.Chengguan}-{DateTime.UtcNow:yyyy-MM-dd}.csv", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''%E8%BF%9D%E5%BB%BA", disposition.ToString(), StringComparison.Ordinal);
        Assert.Single(Parse(otherTeam));
    }

    [Fact]
    public async Task The_export_follows_the_maps_filters_and_the_users_language()
    {
        using var analyst = await ApiSession.SignInAsync(_site, "lihua");
        var rejected = _site.DonghuCases[0];
        await analyst.PostAsync($"/api/cases/{rejected}/review", new { decision = "reject", reason = Reason, version = await analyst.VersionAsync(rejected) });
        using var viewer = await ApiSession.SignInAsync(_site, "sunli");

        var (_, headers, bytes) = await viewer.GetFileAsync($"/api/cases.csv?status=rejected&team={Uri.EscapeDataString(OfficeSite.Donghu)}");
        var (_, _, all) = await viewer.GetFileAsync("/api/cases.csv");
        var (bad, badBody) = await viewer.GetAsync("/api/cases.csv?from=2026-02-30");

        var rows = Parse(bytes);
        Assert.Equal(["number", "status", "kind", "team"], rows[0][..4]);
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal([rejected, "rejected", "new", OfficeSite.Donghu], row[..4]);
        Assert.Equal(Reason, row[Column(rows, "last_reason")]);
        Assert.Equal($"vigil-cases-{OfficeSite.Donghu}-{DateTime.UtcNow:yyyy-MM-dd}.csv", headers.ContentDisposition!.FileNameStar);
        Assert.Equal(_site.ChengguanCases.Count + _site.DonghuCases.Count, Parse(all).Count - 1);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("from: '2026-02-30' is not a date; write it as YYYY-MM-DD", badBody.GetProperty("error").GetString());
    }

    private static int Column(List<string[]> rows, string heading) => Array.IndexOf(rows[0], heading);

    /// <summary>RFC 4180 records of a UTF-8 CSV (the byte-order mark dropped, as Excel does).</summary>
    private static List<string[]> Parse(byte[] bytes)
    {
        var text = new UTF8Encoding(false).GetString(bytes.AsSpan(3));
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is ',' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                if (c == '\n')
                {
                    rows.Add([.. fields]);
                    fields.Clear();
                }
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        return rows;
    }
}
