using Vigil.Ledger.Stores;
using Vigil.Runs;

namespace Vigil.Web.Accounts;

/// <summary>
/// <c>vigil users add|disable|enable|set-role|list</c>: the accounts of <c>vigil serve</c>, kept in the ledger. Each
/// writes one line to <c>output</c> and returns <see cref="ExitCodes.Success"/>; a refused one throws
/// <see cref="RunFailedException"/> with <see cref="ExitCodes.Refused"/> and changes nothing.
/// </summary>
public static class UserActions
{
    /// <summary>Adds an account with the password read from the first line of <paramref name="input"/>, never from the command line.</summary>
    public static int Add(
        SqlLedgerStore store, TextReader input, TextWriter output, string name, string? displayName, string role, string? team,
        string language, string actor)
    {
        ArgumentNullException.ThrowIfNull(input);
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            throw new RunFailedException("no password on standard input: pipe it in, e.g. from a file only you can read", ExitCodes.Refused);
        }

        return Done(output, $"added {name} ({role}{(team is null ? "" : ", " + team)})",
            () => UserAdministration.Add(store, name, displayName, role, team, language, password, DateTimeOffset.UtcNow, actor));
    }

    /// <summary>Disables (or enables) an account.</summary>
    public static int Disable(SqlLedgerStore store, TextWriter output, string name, bool disabled, string actor)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Done(output, $"{(disabled ? "disabled" : "enabled")} {name}",
            () => store.SetUserDisabled(name, disabled, DateTimeOffset.UtcNow, actor));
    }

    /// <summary>Changes an account's role and team.</summary>
    public static int SetRole(SqlLedgerStore store, TextWriter output, string name, string role, string? team, string actor) =>
        Done(output, $"{name} is now {role}{(team is null ? "" : ", " + team)}",
            () => UserAdministration.SetRole(store, name, role, team, DateTimeOffset.UtcNow, actor));

    /// <summary>Prints the accounts: name, display name, role, team, language, state.</summary>
    public static int List(SqlLedgerStore store, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var u in store.ReadUsers())
        {
            var state = u.Disabled ? "disabled" : u.LockedUntilUtc > DateTimeOffset.UtcNow ? "locked" : "active";
            output.WriteLine($"{u.Name}\t{u.DisplayName}\t{u.Role}\t{u.Team ?? "-"}\t{u.Language}\t{state}");
        }

        return ExitCodes.Success;
    }

    private static int Done(TextWriter output, string line, Action change)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            change();
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException)
        {
            throw new RunFailedException(ex.Message, ExitCodes.Refused, ex);
        }

        output.WriteLine(line);
        return ExitCodes.Success;
    }
}
