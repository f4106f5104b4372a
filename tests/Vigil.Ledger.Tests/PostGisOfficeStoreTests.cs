using Npgsql;

namespace Vigil.Ledger.Tests;

public sealed class PostGisOfficeStoreTests : OfficeStoreTests
{
    private readonly PostGisTestSchema _schema = new();

    public override void Dispose()
    {
        base.Dispose();
        _schema.Dispose();
    }

    protected override SqlLedgerStore OpenStoreCore() => PostGisLedgerStore.Open(_schema.ConnectionString);

    protected override void ExecuteSql(string sql)
    {
        using var connection = new NpgsqlConnection(_schema.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
