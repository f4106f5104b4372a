using Npgsql;

namespace Vigil.Ledger.Tests;

/// <summary>The ledger contract against PostgreSQL/PostGIS, each test in a schema of its own, dropped afterwards.</summary>
public sealed class PostGisLedgerStoreTests : LedgerStoreTests
{
    private readonly PostGisTestSchema _schema = new();

    public override void Dispose()
    {
        base.Dispose();
        _schema.Dispose();
    }

    protected override ILedgerStore OpenStoreCore() => PostGisLedgerStore.Open(_schema.ConnectionString);

    protected override void ExecuteSql(string sql)
    {
        using var connection = new NpgsqlConnection(_schema.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Opening_an_empty_schema_without_creating_refuses_and_creates_nothing()
    {
        var error = Assert.Throws<InvalidDataException>(() => PostGisLedgerStore.Open(_schema.ConnectionString, createWhenMissing: false));

        Assert.Contains("holds no Vigil ledger", error.Message, StringComparison.Ordinal);
        Assert.Contains("vigil ledger init", error.Message, StringComparison.Ordinal);
        using var connection = new NpgsqlConnection(_schema.ConnectionString);
        connection.Open();
        using var count = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", connection);
        Assert.Equal(0L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public void Events_cannot_be_updated_or_deleted_in_the_database()
    {
        var store = OpenStore();
        store.InsertRecord(Violation());

        using var connection = new NpgsqlConnection(_schema.ConnectionString);
        connection.Open();
        using var update = new NpgsqlCommand("UPDATE events SET actor = 'someone else'", connection);
        var updateError = Assert.Throws<PostgresException>(() => update.ExecuteNonQuery());
        using var delete = new NpgsqlCommand("DELETE FROM events", connection);
        var deleteError = Assert.Throws<PostgresException>(() => delete.ExecuteNonQuery());

        Assert.Contains("cannot be updated", updateError.MessageText, StringComparison.Ordinal);
        Assert.Contains("cannot be deleted", deleteError.MessageText, StringComparison.Ordinal);
        Assert.Equal("tester", Assert.Single(store.ReadEvents()).Actor);
    }

    [Fact]
    public void A_schema_holding_only_part_of_a_ledger_is_refused()
    {
        using (var connection = new NpgsqlConnection(_schema.ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand("CREATE TABLE violations (fid integer)", connection);
            create.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidDataException>(() => OpenStore());

        Assert.Contains("not a Vigil ledger", error.Message, StringComparison.Ordinal);
        Assert.Contains("events", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_server_is_an_IO_error_naming_it_without_the_password()
    {
        var error = Assert.Throws<IOException>(() => PostGisLedgerStore.Open(
            "Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=secret;Timeout=2"));

        Assert.Contains("127.0.0.1:1/nowhere", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
