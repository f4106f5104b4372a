using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Vigil.Ledger.Accounts;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;

namespace Vigil.Ledger.Stores;

/// <summary>
/// The office's work of <c>vigil serve</c>: accounts and their lockout, and decisions on cases that are refused when the
/// case changed since the form showing it was made (its version, the id of its latest event).
/// </summary>
public abstract partial class SqlLedgerStore
{
    private const string UserColumns =
        "name, display_name, password_hash, role, team, language, disabled, failed_logins, locked_until";

    /// <summary>Every account, by name.</summary>
    public IReadOnlyList<UserAccount> ReadUsers() => _dialect.Read(c => QueryUsers(c, null, "1 = 1 ORDER BY name"));

    /// <summary>The account with this login name, or null.</summary>
    public UserAccount? FindUser(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _dialect.Read(c => QueryUsers(c, null, "name = @n", ("@n", name)).SingleOrDefault());
    }

    /// <summary>Adds an account and appends a "user-added" event (role and team, never the hash).</summary>
    /// <exception cref="ArgumentException">The name is taken, the role unknown, or a member or lead has no team; nothing was written.</exception>
    public void AddUser(UserAccount user, DateTimeOffset atUtc, string actor)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Name, nameof(user));
        ArgumentException.ThrowIfNullOrWhiteSpace(user.PasswordHash, nameof(user));
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        CheckRole(user.Role, user.Team);
        _dialect.Write((c, tx) =>
        {
            if (QueryUsers(c, tx, "name = @n", ("@n", user.Name)).Count > 0)
            {
                throw new ArgumentException($"an account named '{user.Name}' already exists", nameof(user));
            }

            Sql.Execute(c, tx, $"""
                INSERT INTO {LedgerSchema.Users} (name, display_name, password_hash, role, team, language, disabled,
                    failed_logins, locked_until, created)
                VALUES (@n, @d, @h, @r, @t, @l, @x, 0, NULL, @at)
                """, ("@n", user.Name), ("@d", user.DisplayName), ("@h", user.PasswordHash), ("@r", user.Role),
                ("@t", user.Team), ("@l", user.Language), ("@x", Flag(user.Disabled)), ("@at", _dialect.Time(atUtc)));
            AppendEvent(c, tx, atUtc, null, null, OfficeEventKinds.UserAdded, actor,
                new { user = user.Name, display_name = user.DisplayName, role = user.Role, team = user.Team });
        });
    }

    /// <summary>Sets an account's role and team and appends a "user-changed" event.</summary>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    /// <exception cref="ArgumentException">Unknown role, or a member or lead without a team; nothing was written.</exception>
    public void SetUserRole(string name, string role, string? team, DateTimeOffset atUtc, string actor)
    {
        CheckRole(role, team);
        ChangeUser(name, "role = @r, team = @t", atUtc, actor, new { user = name, role, team }, ("@r", role), ("@t", team));
    }

    /// <summary>Disables or enables an account and appends a "user-changed" event; enabling also clears a lock.</summary>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public void SetUserDisabled(string name, bool disabled, DateTimeOffset atUtc, string actor) =>
        ChangeUser(name, disabled ? "disabled = @x" : "disabled = @x, failed_logins = 0, locked_until = NULL", atUtc, actor,
            new { user = name, disabled }, ("@x", Flag(disabled)));

    /// <summary>Sets an account's page language ("en" or "zh-CN"); a preference, not logged.</summary>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public void SetUserLanguage(string name, string language) => _dialect.Write((c, tx) =>
    {
        if (Sql.Execute(c, tx, $"UPDATE {LedgerSchema.Users} SET language = @l WHERE name = @n", ("@l", language), ("@n", name)) == 0)
        {
            throw new KeyNotFoundException($"no account named '{name}'");
        }
    });

    /// <summary>
    /// Counts a wrong password. The <paramref name="lockAfter"/>th in a row locks the account until
    /// <paramref name="atUtc"/> + <paramref name="lockFor"/> and appends a "user-locked" event; a count left from a lock
    /// that has run out starts again. Unknown names are not recorded.
    /// </summary>
    /// <returns>The account as it is now, or null for an unknown name.</returns>
    public UserAccount? RecordLoginFailure(string name, DateTimeOffset atUtc, int lockAfter, TimeSpan lockFor, string client)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _dialect.Write((c, tx) =>
        {
            if (QueryUsers(c, tx, "name = @n", ("@n", name)).SingleOrDefault() is not { } user)
            {
                return null;
            }

            var lockedBefore = user.LockedUntilUtc is { } until && until > atUtc;
            var failures = lockedBefore ? user.FailedLogins : (user.LockedUntilUtc is null ? user.FailedLogins : 0) + 1;
            DateTimeOffset? lockedUntil = lockedBefore ? user.LockedUntilUtc : null;
            if (!lockedBefore && failures >= lockAfter)
            {
                lockedUntil = atUtc + lockFor;
                AppendEvent(c, tx, atUtc, null, null, OfficeEventKinds.UserLocked, name,
                    new { user = name, failures, locked_until = lockedUntil.Value.UtcDateTime, client });
            }

            // A bare null parameter is text, which PostgreSQL refuses for a timestamptz column: write NULL in the SQL.
            Sql.Execute(c, tx, $"UPDATE {LedgerSchema.Users} SET failed_logins = @f, locked_until = "
                + (lockedUntil is null ? "NULL" : "@u") + " WHERE name = @n",
                ("@f", failures), ("@u", lockedUntil is { } u ? _dialect.Time(u) : ""), ("@n", name));
            return user with { FailedLogins = failures, LockedUntilUtc = lockedUntil };
        });
    }

    /// <summary>Clears an account's count of wrong passwords after a successful sign-in.</summary>
    public void RecordLoginSuccess(string name) => _dialect.Write((c, tx) =>
        Sql.Execute(c, tx, $"UPDATE {LedgerSchema.Users} SET failed_logins = 0, locked_until = NULL WHERE name = @n", ("@n", name)));

    /// <summary>
    /// Every case's version: the id of its latest event. A form carries the version it showed; a decision on it is
    /// refused once the version moved on.
    /// </summary>
    public IReadOnlyDictionary<string, long> ReadCaseVersions() => _dialect.Read(c =>
        Sql.Rows(c, null, $"SELECT number, max(id) FROM {LedgerSchema.Events} WHERE number IS NOT NULL GROUP BY number",
            reader => (Number: reader.GetString(0), Version: reader.GetInt64(1)))
        .ToDictionary(v => v.Number, v => v.Version, StringComparer.Ordinal));

    /// <summary>The team each dispatched case was last dispatched to.</summary>
    public IReadOnlyDictionary<string, string> ReadDispatches() => _dialect.Read(c =>
    {
        var teams = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (number, detail) in Sql.Rows(c, null,
            $"SELECT number, detail FROM {LedgerSchema.Events} WHERE kind = @k AND number IS NOT NULL ORDER BY id",
            reader => (reader.GetString(0), reader.GetString(1)), ("@k", OfficeEventKinds.Dispatched)))
        {
            using var json = JsonDocument.Parse(detail);
            teams[number] = json.RootElement.GetProperty("team").GetString()!;
        }

        return teams;
    });

    /// <summary>
    /// Changes a case's status as <see cref="ChangeStatus"/> does, only while the case is at <paramref name="version"/>;
    /// the event also holds the client address, and a field photo (when given) is attached in the same transaction.
    /// </summary>
    /// <exception cref="StaleCaseException">The case changed since <paramref name="version"/>; nothing was written.</exception>
    /// <exception cref="KeyNotFoundException">No case has this number; nothing was written.</exception>
    /// <exception cref="CaseTransitionException">The lifecycle does not allow the change; nothing was written.</exception>
    public void ChangeStatusAt(StatusChange change, long version, string client, EvidenceAttachment? photo = null)
    {
        LedgerArguments.Check(change);
        if (photo is not null)
        {
            LedgerArguments.Check(photo);
        }

        _dialect.Write((c, tx) =>
        {
            var from = StatusOf(c, tx, change.Number);
            RequireVersion(c, tx, change.Number, version);
            LedgerArguments.CheckTransition(change.Number, from, change.Status);
            AppendEvent(c, tx, change.AtUtc, change.Number, null, LedgerEventKinds.StatusChanged, change.Actor,
                new { from, to = change.Status, reason = change.Reason, client });
            UpdateCase(c, tx, change.Number, "status", change.Status);
            if (photo is not null)
            {
                AppendEvent(c, tx, photo.CapturedUtc, photo.Number, null, LedgerEventKinds.EvidenceAttached, photo.Actor,
                    LedgerArguments.EvidenceDetail(photo));
            }
        });
    }

    /// <summary>Dispatches a case to a team while the case is at <paramref name="version"/>: a "dispatched" event.</summary>
    /// <exception cref="StaleCaseException">The case changed since <paramref name="version"/>; nothing was written.</exception>
    /// <exception cref="KeyNotFoundException">No case has this number; nothing was written.</exception>
    public void Dispatch(string number, string team, long version, DateTimeOffset atUtc, string actor, string client)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        _dialect.Write((c, tx) =>
        {
            RequireCase(c, tx, number);
            RequireVersion(c, tx, number, version);
            AppendEvent(c, tx, atUtc, number, null, OfficeEventKinds.Dispatched, actor, new { team, client });
        });
    }

    private static void CheckRole(string role, string? team)
    {
        if (!UserRoles.All.Contains(role, StringComparer.Ordinal))
        {
            throw new ArgumentException($"unknown role '{role}'; the roles are {string.Join(", ", UserRoles.All)}", nameof(role));
        }

        if (UserRoles.NeedsTeam(role) && string.IsNullOrWhiteSpace(team))
        {
            throw new ArgumentException($"a {role} needs a team", nameof(team));
        }
    }

    private static long Flag(bool value) => value ? 1 : 0;

    private void ChangeUser(
        string name, string set, DateTimeOffset atUtc, string actor, object detail, params (string Name, object? Value)[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        _dialect.Write((c, tx) =>
        {
            if (Sql.Execute(c, tx, $"UPDATE {LedgerSchema.Users} SET {set} WHERE name = @n", [.. values, ("@n", name)]) == 0)
            {
                throw new KeyNotFoundException($"no account named '{name}' in {_dialect.Where}");
            }

            AppendEvent(c, tx, atUtc, null, null, OfficeEventKinds.UserChanged, actor, detail);
        });
    }

    private void RequireVersion(DbConnection c, DbTransaction tx, string number, long version)
    {
        var current = Convert.ToInt64(
            Sql.Scalar(c, tx, $"SELECT coalesce(max(id), 0) FROM {LedgerSchema.Events} WHERE number = @n", ("@n", number)),
            CultureInfo.InvariantCulture);
        if (current != version)
        {
            throw new StaleCaseException(
                $"case {number} changed since this form was opened; nothing was saved: reload it to see what changed");
        }
    }

    private List<UserAccount> QueryUsers(
        DbConnection c, DbTransaction? tx, string where, params (string Name, object? Value)[] parameters) =>
        Sql.Rows(c, tx, $"SELECT {UserColumns} FROM {LedgerSchema.Users} WHERE {where}", reader => new UserAccount(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetString(5),
            Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture) != 0,
            reader.GetInt32(7),
            reader.IsDBNull(8) ? null : _dialect.ReadTime(reader, 8)), parameters);
}
