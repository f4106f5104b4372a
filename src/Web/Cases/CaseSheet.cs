using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Ledger.Accounts;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;

namespace Vigil.Web.Cases;

/// <summary>
/// The cases of a map page as a CSV for Excel: UTF-8 with a byte-order mark, headings in the user's language, team
/// names, zones and reasons as written (Chinese included), status and kind as the ledger names them.
/// </summary>
internal static class CaseSheet
{
    private static readonly string[] English =
    [
        "number", "status", "kind", "team", "dispatched", "card", "blacklist_zone", "area_m2", "height_m", "first_seen",
        "last_seen", "first_flight", "last_flight", "offender", "latitude", "longitude", "last_reason", "decided_by", "decided_on",
    ];

    private static readonly string[] Chinese =
    [
        "案件编号", "状态", "类型", "责任队", "是否已派单", "警示牌", "黑名单区域", "面积_平方米", "高度_米", "首次发现",
        "最近发现", "首次航次", "最近航次", "当事人", "纬度", "经度", "最近处理理由", "处理人", "处理日期",
    ];

    /// <summary>The CSV's bytes, byte-order mark first; one row per case in the given order.</summary>
    /// <param name="cases">The cases, already filtered for the user.</param>
    /// <param name="events">The ledger's events: the latest reason given on each case is taken from them.</param>
    /// <param name="language">"zh-CN" or "en": the headings' language.</param>
    public static byte[] Write(IReadOnlyList<OfficeCase> cases, IReadOnlyList<LedgerEvent> events, string language)
    {
        var decisions = LatestReasons(events);
        var text = new StringBuilder();
        CsvText.AppendLine(text, language == "en" ? English : Chinese);
        foreach (var c in cases)
        {
            var r = c.Record;
            var centre = r.FootprintWgs84.Centroid;
            var decision = decisions.GetValueOrDefault(r.Number);
            CsvText.AppendLine(text,
            [
                r.Number, r.Status, r.Kind, CsvText.Typed(c.Team), c.Dispatched ? "true" : "false", r.Card ?? "",
                CsvText.Typed(r.BlacklistZone), Number(Math.Round(r.AreaSquareMeters, 1)),
                r.HeightMeters is { } h ? Number(Math.Round(h, 1)) : "", Day(r.FirstSeenUtc), Day(r.LastSeenUtc),
                r.FirstFlightId, r.LastFlightId, CsvText.Typed(r.Offender), Number(Math.Round(centre.Y, 7)),
                Number(Math.Round(centre.X, 7)), CsvText.Typed(decision?.Reason), CsvText.Typed(decision?.Actor),
                decision is null ? "" : Day(decision.AtUtc),
            ]);
        }

        var bytes = CsvText.Utf8WithBom.GetPreamble().ToList();
        bytes.AddRange(Encoding.UTF8.GetBytes(text.ToString()));
        return [.. bytes];
    }

    /// <summary>
    /// "违建案件-城关街道中队-2026-12-02.csv" (or "vigil-cases-..." in English): the team when the list is one team's
    /// (a member's always is), and the day it was made (UTC).
    /// </summary>
    public static string FileName(UserAccount user, string? team, DateTimeOffset nowUtc)
    {
        var scope = user.Role == UserRoles.Member ? user.Team : string.IsNullOrWhiteSpace(team) ? null : team.Trim();
        var stem = user.Language == "en" ? "vigil-cases" : "违建案件";
        return $"{stem}{(scope is null ? "" : "-" + WorkListExport.FileStem(scope))}-{Day(nowUtc)}.csv";
    }

    private sealed record Decision(string Reason, string Actor, DateTimeOffset AtUtc);

    /// <summary>The last event with a reason on each case (a review, a field report, a status set on the command line).</summary>
    private static Dictionary<string, Decision> LatestReasons(IReadOnlyList<LedgerEvent> events)
    {
        var latest = new Dictionary<string, Decision>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.Number is not null && e.Detail.Contains("\"reason\"", StringComparison.Ordinal)))
        {
            using var detail = JsonDocument.Parse(e.Detail);
            if (detail.RootElement.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String)
            {
                latest[e.Number!] = new Decision(reason.GetString()!, e.Actor, e.AtUtc);
            }
        }

        return latest;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
