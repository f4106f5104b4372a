using System.CommandLine;
using Vigil.Ledger.Stores;
using Vigil.Web.Accounts;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil users add|disable|enable|set-role|list</c>: the accounts of <c>vigil serve</c>, kept in the ledger. The
/// password of <c>add</c> is read from standard input (the first line), never from the command line.
/// </summary>
public static class UsersCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var ledger = new Option<string>("--ledger") { Description = "Ledger GeoPackage or PostGIS connection string", Required = true };
        var name = new Option<string>("--name") { Description = "Login name", Required = true };
        var role = new Option<string>("--role") { Description = "admin, analyst, teamlead, member or viewer", Required = true };
        var team = new Option<string?>("--team") { Description = "The team (a team area's name) of a member or team lead" };
        var display = new Option<string?>("--display-name") { Description = "Name shown on pages, e.g. 王芳" };
        var language = new Option<string>("--language") { Description = "Page language: zh-CN or en", DefaultValueFactory = _ => "zh-CN" };
        var actor = new Option<string>("--actor") { Description = "Who makes the change", DefaultValueFactory = _ => Environment.UserName };

        var add = new Command("add", "Add an account; the password is read from standard input") { ledger, name, role, team, display, language, actor };
        add.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => UserActions.Add(s, Console.In, Console.Out, parse.GetValue(name)!,
            parse.GetValue(display), parse.GetValue(role)!, parse.GetValue(team), parse.GetValue(language)!, parse.GetValue(actor)!)));
        var disable = new Command("disable", "Disable an account: no sign-in, its sessions end") { ledger, name, actor };
        disable.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => UserActions.Disable(s, Console.Out, parse.GetValue(name)!, true, parse.GetValue(actor)!)));
        var enable = new Command("enable", "Enable a disabled or locked account") { ledger, name, actor };
        enable.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => UserActions.Disable(s, Console.Out, parse.GetValue(name)!, false, parse.GetValue(actor)!)));
        var setRole = new Command("set-role", "Change an account's role (and team)") { ledger, name, role, team, actor };
        setRole.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => UserActions.SetRole(s, Console.Out, parse.GetValue(name)!,
            parse.GetValue(role)!, parse.GetValue(team), parse.GetValue(actor)!)));
        var list = new Command("list", "List the accounts") { ledger };
        list.SetAction(parse => WithStore(parse.GetValue(ledger)!, s => UserActions.List(s, Console.Out)));
        return new Command("users", "Accounts of vigil serve") { add, disable, enable, setRole, list };
    }

    private static int WithStore(string ledger, Func<SqlLedgerStore, int> action) =>
        LedgerCommand.WithStore(ledger, s => action((SqlLedgerStore)s));
}
