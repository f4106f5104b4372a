using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Runs;

/// <summary>
/// Where a PostGIS ledger's connection comes from, so that no password needs to be on the command line: a connection
/// string (<c>"Host=db;Database=vigil;Username=clerk"</c>, its password left to <c>PGPASSWORD</c> or <c>~/.pgpass</c>),
/// a connection file holding one, <c>Service=NAME</c> from the PostgreSQL service file, or <c>postgresql:</c> alone for
/// the standard PostgreSQL environment (<c>PGSERVICE</c>, <c>PGHOST</c>, <c>PGPORT</c>, <c>PGDATABASE</c>, <c>PGUSER</c>).
/// Thread-safe.
/// </summary>
public static partial class PostgresConnection
{
    /// <summary>The <c>--ledger</c> value that takes the connection from the PostgreSQL environment.</summary>
    public const string FromEnvironmentValue = "postgresql:";

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    // libpq's names (service file, environment) and Npgsql's for the same setting.
    private static readonly Dictionary<string, string> LibpqToNpgsql = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = "Host", ["hostaddr"] = "Host", ["port"] = "Port", ["dbname"] = "Database", ["user"] = "Username",
        ["password"] = "Password", ["sslmode"] = "SSL Mode", ["options"] = "Options",
        ["application_name"] = "Application Name", ["connect_timeout"] = "Timeout", ["passfile"] = "Passfile",
    };

    /// <summary>
    /// The Npgsql connection string <paramref name="ledger"/> names, or null when it names a GeoPackage file.
    /// </summary>
    /// <exception cref="RunFailedException">A service, or the environment, that gives no connection (exit 2).</exception>
    public static string? Resolve(string ledger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ledger);
        if (ledger.Trim() is "postgresql:" or "postgres:")
        {
            return FromEnvironment();
        }

        if (IsConnectionString(ledger))
        {
            return ExpandService(ledger, ledger);
        }

        return ReadConnectionFile(ledger) is { } text ? ExpandService(text, ledger) : null;
    }

    /// <summary>True when <paramref name="ledger"/> names a database rather than a GeoPackage file.</summary>
    public static bool IsDatabase(string ledger) =>
        ledger.Trim() is "postgresql:" or "postgres:" || IsConnectionString(ledger) || ReadConnectionFile(ledger) is not null;

    /// <summary>True when a connection string, as given on a command line, carries a password.</summary>
    public static bool HasPassword(string ledger) => PasswordKey().IsMatch(ledger);

    private static bool IsConnectionString(string text) => ConnectionKey().IsMatch(text);

    /// <summary>
    /// A connection file: a small text file, not a GeoPackage (SQLite), holding a connection string (lines joined,
    /// lines starting with # ignored). Keep it readable by its owner only (chmod 600), as ~/.pgpass.
    /// </summary>
    private static string? ReadConnectionFile(string path)
    {
        const long MaxConnectionFileBytes = 64 * 1024;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length is 0 or > MaxConnectionFileBytes)
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            if (bytes.AsSpan().StartsWith(SqliteHeader))
            {
                return null;
            }

            var text = string.Join(';', Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n')
                .Select(l => l.Trim().TrimEnd(';'))
                .Where(l => l.Length > 0 && !l.StartsWith('#')));
            return IsConnectionString(text) ? text : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string FromEnvironment()
    {
        var builder = new DbConnectionStringBuilder();
        if (Environment.GetEnvironmentVariable("PGSERVICE") is { Length: > 0 } service)
        {
            AddService(builder, service, "PGSERVICE");
        }

        foreach (var (variable, key) in new[] { ("PGHOST", "host"), ("PGPORT", "port"), ("PGDATABASE", "dbname"), ("PGUSER", "user") })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value && !builder.ContainsKey(LibpqToNpgsql[key]))
            {
                builder[LibpqToNpgsql[key]] = value;
            }
        }

        if (!builder.ContainsKey("Host"))
        {
            throw new RunFailedException(
                $"--ledger {FromEnvironmentValue} takes the connection from the PostgreSQL environment, and neither PGSERVICE nor PGHOST is set",
                ExitCodes.BadConfiguration);
        }

        return builder.ConnectionString;
    }

    private static string ExpandService(string connectionString, string given)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            throw new RunFailedException(
                $"--ledger {(ReferenceEquals(connectionString, given) ? "" : $"(from the file {given}) ")}is not a readable connection string: write it as Host=...;Database=...;Username=...",
                ExitCodes.BadConfiguration);
        }

        if (!builder.TryGetValue("Service", out var service) || service?.ToString() is not { Length: > 0 } name)
        {
            return connectionString;
        }

        builder.Remove("Service");
        AddService(builder, name, "Service=");
        return builder.ConnectionString;
    }

    /// <summary>Adds a service's settings that <paramref name="builder"/> does not set itself (libpq's order).</summary>
    private static void AddService(DbConnectionStringBuilder builder, string service, string namedBy)
    {
        var files = ServiceFiles().ToList();
        foreach (var file in files.Where(File.Exists))
        {
            var section = ReadServiceSection(file, service);
            if (section is null)
            {
                continue;
            }

            foreach (var (key, value) in section)
            {
                if (LibpqToNpgsql.TryGetValue(key, out var npgsqlKey) && !builder.ContainsKey(npgsqlKey))
                {
                    builder[npgsqlKey] = value;
                }
            }

            return;
        }

        throw new RunFailedException(
            $"the PostgreSQL service '{service}' ({namedBy}) is in no service file: looked in {string.Join(", ", files)}",
            ExitCodes.BadConfiguration);
    }

    private static IEnumerable<string> ServiceFiles()
    {
        yield return Environment.GetEnvironmentVariable("PGSERVICEFILE") is { Length: > 0 } file
            ? file
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pg_service.conf");
        var system = Environment.GetEnvironmentVariable("PGSYSCONFDIR") is { Length: > 0 } directory
            ? directory
            : "/etc/postgresql-common";
        yield return Path.Combine(system, "pg_service.conf");
    }

    private static List<(string Key, string Value)>? ReadServiceSection(string file, string service)
    {
        List<(string, string)>? section = null;
        foreach (var raw in File.ReadLines(file, Encoding.UTF8))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                if (section is not null)
                {
                    break;
                }

                section = line[1..^1].Trim() == service ? [] : null;
                continue;
            }

            if (section is not null && line.IndexOf('=', StringComparison.Ordinal) is var at and > 0)
            {
                section.Add((line[..at].Trim(), line[(at + 1)..].Trim()));
            }
        }

        return section;
    }

    [GeneratedRegex(@"(^|;)\s*(host|server|service)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionKey();

    [GeneratedRegex(@"(^|;)\s*(password|pwd)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordKey();
}
