using NetTopologySuite.IO;
using Vigil.Cli;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Office;

namespace Vigil.IntegrationTests;

/// <summary><c>vigil ledger</c> actions on a real GeoPackage ledger.</summary>
public sealed class LedgerCommandTests
{
    private static readonly DateTimeOffset May2026 = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Status_is_set_listed_and_traced_and_a_refused_change_leaves_the_ledger_unchanged()
    {
        using var temp = new TempDirectory();
        using var store = GeoPackageLedgerStore.Open(temp.File("ledger.gpkg"));
        var number = store.InsertRecord(new NewViolation(ViolationKinds.New,
            new WKTReader().Read("POLYGON ((44.8 41.7, 44.8002 41.7, 44.8002 41.7002, 44.8 41.7002, 44.8 41.7))"),
            120, 0, 0.9, May2026, "F1", "river bank", null, "vigil", HeightMeters: 6.44));
        var output = new StringWriter();

        var confirmed = LedgerCommand.Exit(() => LedgerActions.SetStatus(store, output, new StatusChange(number, "confirmed", May2026, "ana", "checked on site")));
        var refused = LedgerCommand.Exit(() => LedgerActions.SetStatus(store, output, new StatusChange(number, "verified-demolished", May2026, "ana", "?")));
        var unknown = LedgerCommand.Exit(() => LedgerActions.SetStatus(store, output, new StatusChange("VIG-2026-000404", "confirmed", May2026, "ana", "?")));
        var eventsAfter = store.ReadEvents().Count;
        LedgerCommand.Exit(() => LedgerActions.List(store, output, openOnly: true));
        LedgerCommand.Exit(() => LedgerActions.Show(store, output, number));

        Assert.Equal((ExitCodes.Success, ExitCodes.Refused, ExitCodes.Refused), (confirmed, refused, unknown));
        Assert.Equal(2, eventsAfter);
        Assert.Equal("confirmed", store.Find(number)!.Status);
        var text = output.ToString();
        Assert.Contains($"{number}: detected -> confirmed (ana: checked on site)", text, StringComparison.Ordinal);
        Assert.Contains("1 case(s)", text, StringComparison.Ordinal);
        Assert.Contains("status-changed", text, StringComparison.Ordinal);
        Assert.Contains("  height     6.4 m above the ground around it", text, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, LedgerCommand.Exit(() => LedgerActions.History(store, TextWriter.Null, "VIG-2026-000404")));
    }
}
