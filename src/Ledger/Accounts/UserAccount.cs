namespace Vigil.Ledger.Accounts;

/// <summary>An account of <c>vigil serve</c>, a row of the ledger's <c>users</c> table.</summary>
/// <param name="Name">The login name, unique.</param>
/// <param name="DisplayName">The name shown on pages and in the event log's detail (Chinese allowed).</param>
/// <param name="PasswordHash">The password hash (ASP.NET Core Identity's format); never the password.</param>
/// <param name="Role">One of <see cref="UserRoles"/>.</param>
/// <param name="Team">The team (a team area's name) of a member or team lead; null for the others.</param>
/// <param name="Language">"en" or "zh-CN".</param>
/// <param name="Disabled">A disabled account cannot sign in, and its open sessions end at their next request.</param>
/// <param name="FailedLogins">Wrong passwords since the last successful sign-in or lock.</param>
/// <param name="LockedUntilUtc">Until when sign-in is refused after too many wrong passwords; null when not locked.</param>
public sealed record UserAccount(
    string Name,
    string DisplayName,
    string PasswordHash,
    string Role,
    string? Team,
    string Language,
    bool Disabled = false,
    int FailedLogins = 0,
    DateTimeOffset? LockedUntilUtc = null);
