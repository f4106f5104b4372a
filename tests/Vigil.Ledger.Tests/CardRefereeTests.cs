using Vigil.Core;

namespace Vigil.Ledger.Tests;

public sealed class CardRefereeTests : IDisposable
{
    private static readonly DateTimeOffset May2026 = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);
    private static readonly CardRules Rules = new(
        OpenCasesPerZone: 2, OpenCasesPerOffender: 2, DeadlineDays: 90, YellowUnresolvedDays: 30, RedWhenRebuilt: true);

    private const string House =
        "POLYGON ((44.8000 41.7000, 44.8002 41.7000, 44.8002 41.7002, "
        + "44.8000 41.7002, "
        + "44.8000 41.7000))";

    private readonly TempDirectory _dir = new();
    private readonly GeoPackageLedgerStore _store;

    public CardRefereeTests() => _store = GeoPackageLedgerStore.Open(_dir.File("ledger.gpkg"));

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Zone_gets_yellow_at_N_open_cases_red_after_M_days_and_the_card_is_lifted_when_resolved()
    {
        var first = Open("river bank");
        Assert.Empty(Referee(May2026.AddDays(1)));
        var second = Open("river bank");

        var yellow = Assert.Single(Referee(May2026.AddDays(1)));
        Assert.Equal((CardSubjects.Zone, "river bank", CardColors.Yellow), (yellow.SubjectKind, yellow.Subject, yellow.Color));
        Assert.Equal([first, second], yellow.Cases);
        Assert.Empty(Referee(May2026.AddDays(20)));

        var red = Assert.Single(Referee(May2026.AddDays(31)));
        Assert.Equal(CardColors.Red, red.Color);
        Assert.Contains("unresolved", red.Reason, StringComparison.Ordinal);

        _store.ChangeStatus(new StatusChange(second, CaseStatuses.Rejected, May2026.AddDays(32), "analyst", "a tent"));
        var lifted = Assert.Single(Referee(May2026.AddDays(33)));
        Assert.Equal((CardSubjects.Zone, CardColors.Lifted), (lifted.SubjectKind, lifted.Color));
        Assert.Empty(CardBook.Current(_store.ReadEvents()));
    }

    [Fact]
    public void Unreviewed_detections_earn_no_card_until_confirmed()
    {
        var first = Open("城西街道", reviewed: false);
        var second = Open("城西街道", reviewed: false);
        _store.AssignOffender(first, "地块 12/7", May2026, "clerk");
        _store.AssignOffender(second, "地块 12/7", May2026, "clerk");

        Assert.Empty(Referee(May2026.AddDays(120)));

        new ReviewDecision([first, second], [], May2026.AddDays(121), "王科长", "现场核实，确属违建").Apply(_store);
        Assert.Contains(Referee(May2026.AddDays(122)), c => c.SubjectKind == CardSubjects.Zone && c.Subject == "城西街道");
    }

    [Fact]
    public void Offender_with_N_open_cases_and_a_case_past_its_deadline_get_yellow()
    {
        var a = Open(null);
        var b = Open(null);
        _store.AssignOffender(a, "parcel 12/7", May2026, "clerk");
        _store.AssignOffender(b, "parcel 12/7", May2026, "clerk");

        var changes = Referee(May2026.AddDays(91));

        Assert.Equal(
            [(CardSubjects.Offender, "parcel 12/7"), (CardSubjects.Case, a), (CardSubjects.Case, b)],
            changes.Select(c => (c.SubjectKind, c.Subject)));
        Assert.All(changes, c => Assert.Equal(CardColors.Yellow, c.Color));
        Assert.Contains("deadline 2026-08-02", changes[1].Reason, StringComparison.Ordinal);
        Assert.Equal(CardColors.Yellow, _store.Find(a)!.Card);
    }

    [Fact]
    public void Case_rebuilt_after_demolition_gets_red_at_once()
    {
        var number = Open("old town");
        foreach (var status in new[] { "scheduled", "demolished", "rebuilt" })
        {
            _store.ChangeStatus(new StatusChange(number, status, May2026.AddDays(5), "inspector", "office"));
        }

        var red = Assert.Single(Referee(May2026.AddDays(6)));

        Assert.Equal((CardSubjects.Case, number, CardColors.Red, "old town"), (red.SubjectKind, red.Subject, red.Color, red.Zone));
        Assert.Equal(CardColors.Red, _store.Find(number)!.Card);
        Assert.Equal("old town", Assert.Single(CardBook.Current(_store.ReadEvents())).Zone);
    }

    /// <summary>Opens a case and, unless told otherwise, confirms it as a reviewer would: only reviewed cases earn cards.</summary>
    private string Open(string? zone, bool reviewed = true)
    {
        var number = _store.InsertRecord(new NewViolation(
            ViolationKinds.New, Geo.Wkt(House), 100, 0, 0.9, May2026, "F1", zone, null, "tester"));
        if (reviewed)
        {
            _store.ChangeStatus(new StatusChange(number, CaseStatuses.Confirmed, May2026, "审核员", "影像核实"));
        }

        return number;
    }

    /// <summary>Evaluates the rules and records the changes, as the nightly job does.</summary>
    private IReadOnlyList<CardChange> Referee(DateTimeOffset now)
    {
        var changes = CardReferee.Evaluate(_store.ReadRecords(), CardBook.Current(_store.ReadEvents()), Rules, now, "vigil");
        foreach (var change in changes)
        {
            _store.RecordCard(change);
        }

        return changes;
    }
}
