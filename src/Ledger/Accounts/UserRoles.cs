namespace Vigil.Ledger.Accounts;

/// <summary>The roles of <see cref="UserAccount.Role"/>, and which need a team.</summary>
public static class UserRoles
{
    /// <summary>Manages accounts; may do everything the others may.</summary>
    public const string Admin = "admin";

    /// <summary>Reviews detected cases: confirms or rejects them.</summary>
    public const string Analyst = "analyst";

    /// <summary>Dispatches confirmed cases to teams; records field work of the own team.</summary>
    public const string TeamLead = "teamlead";

    /// <summary>Sees the own team's cases only and records field work on them.</summary>
    public const string Member = "member";

    /// <summary>Reads the map and the dashboard; writes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary>Every role.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Analyst, TeamLead, Member, Viewer];

    /// <summary>The role a user named, in any case ("TeamLead", "team-lead"); null when it names none.</summary>
    public static string? Named(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var name = role.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return All.FirstOrDefault(r => r.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for the roles that belong to a team (members and team leads).</summary>
    public static bool NeedsTeam(string role) => role is Member or TeamLead;
}
