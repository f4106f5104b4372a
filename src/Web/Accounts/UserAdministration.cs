using Vigil.Ledger.Accounts;
using Vigil.Ledger.Stores;

namespace Vigil.Web.Accounts;

/// <summary>
/// The account operations of <c>vigil users</c>: add (password hashed here, never stored or logged in clear), disable,
/// set role. Each is an event in the ledger naming <c>actor</c>.
/// </summary>
public static class UserAdministration
{
    /// <summary>The page languages an account may choose.</summary>
    public static readonly IReadOnlyList<string> Languages = ["zh-CN", "en"];

    /// <summary>Adds an account.</summary>
    /// <exception cref="ArgumentException">
    /// The name is taken or empty, the role unknown, a member or lead has no team (or one that is no team area), the
    /// password is shorter than 8 characters, or the language is not zh-CN or en; the message says which. Nothing was written.
    /// </exception>
    public static void Add(
        SqlLedgerStore store, string name, string? displayName, string role, string? team, string language, string password,
        DateTimeOffset atUtc, string actor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(password);
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("a login name is needed, without spaces", nameof(name));
        }

        if (password.Length < Passwords.MinimumLength)
        {
            throw new ArgumentException($"the password must have at least {Passwords.MinimumLength} characters", nameof(password));
        }

        var tag = LanguageNamed(language);
        var roleName = RoleNamed(role);
        CheckTeam(store, roleName, team);
        store.AddUser(new UserAccount(name, string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(),
            Passwords.Hash(password), roleName, UserRoles.NeedsTeam(roleName) ? team : null, tag), atUtc, actor);
    }

    /// <summary>Sets an account's role (and team, for members and leads).</summary>
    /// <exception cref="ArgumentException">Unknown role, or a member or lead without a known team.</exception>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public static void SetRole(SqlLedgerStore store, string name, string role, string? team, DateTimeOffset atUtc, string actor)
    {
        ArgumentNullException.ThrowIfNull(store);
        var roleName = RoleNamed(role);
        CheckTeam(store, roleName, team);
        store.SetUserRole(name, roleName, UserRoles.NeedsTeam(roleName) ? team : null, atUtc, actor);
    }

    /// <summary>The language tag a user named ("zh-cn", "EN"), or the error listing the choices.</summary>
    /// <exception cref="ArgumentException">Neither zh-CN nor en.</exception>
    public static string LanguageNamed(string language) =>
        Languages.FirstOrDefault(l => l.Equals(language?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown language '{language}'; choose {string.Join(" or ", Languages)}", nameof(language));

    private static string RoleNamed(string role) => UserRoles.Named(role ?? "")
        ?? throw new ArgumentException($"unknown role '{role}'; the roles are {string.Join(", ", UserRoles.All)}", nameof(role));

    private static void CheckTeam(SqlLedgerStore store, string role, string? team)
    {
        if (!UserRoles.NeedsTeam(role))
        {
            return;
        }

        var teams = store.ReadTeamAreas().Select(a => a.Team).ToList();
        if (string.IsNullOrWhiteSpace(team) || !teams.Contains(team, StringComparer.Ordinal))
        {
            throw new ArgumentException(teams.Count == 0
                ? $"a {role} needs a team, and the ledger has no team areas yet: load them with 'vigil ledger teams --load'"
                : $"a {role} needs one of the ledger's teams ({string.Join(", ", teams)}); got '{team}'", nameof(team));
        }
    }
}
