using NetTopologySuite.IO;
using Vigil.Cli;
using Vigil.Ledger.Accounts;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Web.Accounts;
using Vigil.Runs.Office;

namespace Vigil.IntegrationTests;

/// <summary><c>vigil users</c> and <c>vigil serve</c>'s refusals on a real GeoPackage ledger.</summary>
public sealed class UsersCommandTests
{
    private static readonly DateTimeOffset Loaded = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Accounts_are_added_with_a_hashed_password_from_standard_input_changed_and_disabled()
    {
        using var temp = new TempDirectory();
        using var store = GeoPackageLedgerStore.Open(temp.File("台账.gpkg"));
        store.ReplaceTeamAreas([("城关街道中队", new WKTReader().Read("POLYGON ((120.1 30.2, 120.12 30.2, 120.12 30.22, 120.1 30.22, 120.1 30.2))"))],
            Loaded, "admin");
        var output = new StringWriter();

        var added = LedgerCommand.Exit(() => UserActions.Add(store, new StringReader("城关-口令-2026\n"), output, "wangfang", "王芳", "Member", "城关街道中队", "zh-cn", "admin"));
        var noPassword = LedgerCommand.Exit(() => UserActions.Add(store, new StringReader(""), output, "lihua", null, "analyst", null, "en", "admin"));
        var noTeam = LedgerCommand.Exit(() => UserActions.Add(store, new StringReader("long enough 1\n"), output, "chengang", null, "member", "东湖街道中队", "en", "admin"));
        var badRole = LedgerCommand.Exit(() => UserActions.SetRole(store, output, "wangfang", "director", null, "admin"));
        var lead = LedgerCommand.Exit(() => UserActions.SetRole(store, output, "wangfang", "team-lead", "城关街道中队", "admin"));
        var disabled = LedgerCommand.Exit(() => UserActions.Disable(store, output, "wangfang", true, "admin"));
        LedgerCommand.Exit(() => UserActions.List(store, output));

        Assert.Equal((ExitCodes.Success, ExitCodes.Refused, ExitCodes.Refused, ExitCodes.Refused, ExitCodes.Success, ExitCodes.Success),
            (added, noPassword, noTeam, badRole, lead, disabled));
        var user = Assert.Single(store.ReadUsers());
        Assert.Equal(("王芳", UserRoles.TeamLead, "城关街道中队", "zh-CN", true), (user.DisplayName, user.Role, user.Team, user.Language, user.Disabled));
        Assert.DoesNotContain("口令", user.PasswordHash, StringComparison.Ordinal);
        Assert.StartsWith("AQAAAA", user.PasswordHash, StringComparison.Ordinal);
        Assert.Contains("wangfang\t王芳\tteamlead\t城关街道中队\tzh-CN\tdisabled", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(store.ReadEvents(), e => e.Detail.Contains("口令", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_refuses_plain_HTTP_off_loopback_and_a_missing_ledger_before_listening()
    {
        using var temp = new TempDirectory();
        GeoPackageLedgerStore.Open(temp.File("ledger.gpkg")).Dispose();

        var open = await ServeCommand.Run(temp.File("ledger.gpkg"), "http://0.0.0.0:8080", null, null, null, CancellationToken.None);
        var missing = await ServeCommand.Run(temp.File("nothing.gpkg"), "http://127.0.0.1:8080", null, null, null, CancellationToken.None);

        Assert.Equal((ExitCodes.Refused, ExitCodes.BadConfiguration), (open, missing));
        Assert.False(File.Exists(temp.File("nothing.gpkg")));
    }
}
