using System.Globalization;
using Vigil.Ledger.WorkLists;

namespace Vigil.Ledger.Language;

public sealed partial record OfficeText
{
    /// <summary>The tags <c>--lang</c> takes.</summary>
    public static readonly IReadOnlyList<string> Tags = ["zh-CN", "en"];

    /// <summary>English.</summary>
    public static readonly OfficeText English = new()
    {
        Tag = "en",
        WorkListTitle = "Work list: ",
        WorkListIntro = "Made {0} UTC. {1} open case(s). Order: {2}",
        WorkListOrder = WorkList.OrderDescription,
        Labels = new WorkListLabels(
            "Position", "(lat, lon WGS 84)", "Area", "Height", "Status", "Card", "Black-list zone", "Deadline", "overdue",
            "Offender", "Seen"),
        CsvHeadings = CaseRow.Names,
        ReportTitle = "Vigil ledger report",
        ReportIntro = "Made {0} UTC. Open cases: detected, confirmed, notified, scheduled or rebuilt.\n"
            + "Closure rate: demolished or verified-demolished cases over all cases of the team, rejected cases left out.",
        NoData = "No data.",
        Report = new ReportLabels(
            "Open cases over time", "open cases", "open cases at end of day", "day",
            "Area demolished per month", "m² reported demolished", "month",
            "Closure rate per team", "% closed", "% of cases closed (closed/all)", "team", "closed", "cases", "rate",
            "(no team)",
            "New cases per flight", "cases", "cases opened by the flight", "flight", "new cases"),
        WorkListWritten = "{0} open case(s) for team {1}: {2}",
        ReportWritten = "{0} open case(s), {1:F0} m² reported demolished; {2}",
        FewDetections = "out of domain? {0} structure(s) detected where the baseline holds {1} building(s) in the ground "
            + "this flight covered ({2:P0}): the imagery may be unlike what the model was trained on ({3}); check it "
            + "before acting on its new or demolished records",
        MostlyNew = "out of domain? {0} new record(s) where the baseline holds {1} building(s) in the ground this flight "
            + "covered, and only {2} detection(s) matched it: the model may see structures that are not there in imagery "
            + "unlike what it was trained on ({3}), or the baseline is of another place or time; check before acting on "
            + "its records",
        UnlikeValidation = "out of domain? the detections' median confidence {0:F2} is below the 10th percentile of the "
            + "model's validation detections ({1:F2}; their median {2:F2}): the imagery may be unlike what the model was "
            + "trained on ({3}); check it before acting on its records",
    };

    /// <summary>Simplified Chinese, as a district office in mainland China writes it.</summary>
    public static readonly OfficeText SimplifiedChinese = new()
    {
        Tag = "zh-CN",
        WorkListTitle = "工作清单：",
        WorkListIntro = "生成于 {0}（UTC）。待处理案件 {1} 件。排序：{2}",
        WorkListOrder = "红牌优先，其次黄牌，再次位于黑名单区域内的案件，最后按面积从大到小。",
        Labels = new WorkListLabels(
            "位置", "（纬度，经度，WGS 84）", "面积", "高度", "状态", "警示牌", "黑名单区域", "整改期限", "已逾期",
            "当事人", "发现时间"),
        CsvHeadings =
        [
            "序号", "案件编号", "责任队", "警示牌", "黑名单区域", "面积_平方米", "高度_米", "状态", "类型", "纬度",
            "经度", "整改期限", "是否逾期", "当事人", "首次发现", "最近发现", "位置图", "前期影像", "后期影像",
            "街景照片", "备注",
        ],
        ReportTitle = "Vigil 违法建设台账报告",
        ReportIntro = "生成于 {0}（UTC）。待处理案件：已发现、已确认、已通知、已排期或已复建。\n"
            + "结案率：各队已拆除或经核实已拆除的案件占该队全部案件的比例，不含已驳回案件。",
        NoData = "暂无数据。",
        Report = new ReportLabels(
            "待处理案件数量变化", "待处理案件", "每日末待处理案件数", "日期",
            "每月拆除面积", "上报拆除面积（平方米）", "月份",
            "各队结案率", "结案率（%）", "已结案占比（已结案/全部）", "责任队", "已结案", "案件数", "结案率",
            "（无责任队）",
            "各航次新增案件", "案件数", "该航次新立案件", "航次", "新增案件"),
        WorkListWritten = "{1}：待处理案件 {0} 件：{2}",
        ReportWritten = "待处理案件 {0} 件，上报拆除 {1:F0} 平方米；{2}",
        FewDetections = "疑似超出模型适用范围：本次航拍覆盖范围内基准数据有建筑 {1} 栋，仅检测到 {0} 处（{2:P0}）。"
            + "影像可能与模型的训练数据差异较大（{3}），请先核查影像，再据此处理新增或拆除记录",
        MostlyNew = "疑似超出模型适用范围：本次航拍覆盖范围内基准数据有建筑 {1} 栋，却新立记录 {0} 条，仅 {2} 处检测与基准相符。"
            + "模型可能在与训练数据差异较大的影像上（{3}）误检，或基准数据不属于此地、此时，请先核查，再据此处理其记录",
        UnlikeValidation = "疑似超出模型适用范围：检测置信度中位数 {0:F2} 低于模型验证集检测的第 10 百分位（{1:F2}，中位数 {2:F2}）。"
            + "影像可能与模型的训练数据差异较大（{3}），请先核查影像，再据此处理其记录",
    };

    /// <summary>
    /// The language of a <c>--lang</c> tag (<c>zh-CN</c>, <c>zh</c>, <c>en</c>..., case-insensitive); null: the one of
    /// the locale (<see cref="FromLocale"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A tag of another language; the message lists the tags.</exception>
    public static OfficeText For(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return FromLocale();
        }

        var t = tag.Trim().Replace('_', '-');
        if (t.Equals("zh", StringComparison.OrdinalIgnoreCase) || t.StartsWith("zh-", StringComparison.OrdinalIgnoreCase))
        {
            return SimplifiedChinese;
        }

        if (t.Equals("en", StringComparison.OrdinalIgnoreCase) || t.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
        {
            return English;
        }

        throw new ArgumentException($"unknown language '{tag}'; --lang takes {string.Join(" or ", Tags)}");
    }

    /// <summary>
    /// The language of the user's locale: LC_ALL, LC_MESSAGES, LANG (the first one set, as POSIX reads them), else the
    /// current UI culture; Chinese when it is a <c>zh</c> locale, English otherwise.
    /// </summary>
    public static OfficeText FromLocale()
    {
        var locale = new[] { "LC_ALL", "LC_MESSAGES", "LANG" }
            .Select(Environment.GetEnvironmentVariable)
            .FirstOrDefault(v => !string.IsNullOrEmpty(v))
            ?? CultureInfo.CurrentUICulture.Name;
        return locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? SimplifiedChinese : English;
    }
}
