using Npgsql;

namespace Vigil.Ledger.Tests;

/// <summary>
/// A fresh schema in the test database (VIGIL_POSTGIS, default: the one scripts/postgis.sh creates) whose connection
/// string puts it first on the search path; dropped on dispose. Fails, never skips, when the server is unreachable.
/// </summary>
internal sealed class PostGisTestSchema : IDisposable
{
    public const string DefaultConnectionString =
        "Host=127.0.0.1;Port=5432;Database=vigil_test;Username=vigil;Password=vigil";

    private readonly string _server;
    private readonly string _name = $"t_{Guid.NewGuid():N}";

    public PostGisTestSchema()
    {
        _server = Environment.GetEnvironmentVariable("VIGIL_POSTGIS") is { Length: > 0 } configured
            ? configured
            : DefaultConnectionString;
        try
        {
            Execute($"CREATE SCHEMA {_name}");
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL with PostGIS is needed for these tests and is not reachable ({ex.Message}). Run "
                + "`sudo bash scripts/postgis.sh` (installs, starts and creates the test database), or point "
                + "VIGIL_POSTGIS at another server.", ex);
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { SearchPath = $"{_name},public" }.ToString();
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP SCHEMA {_name} CASCADE");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
