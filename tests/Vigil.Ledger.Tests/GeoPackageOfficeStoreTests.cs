using Microsoft.Data.Sqlite;

namespace Vigil.Ledger.Tests;

public sealed class GeoPackageOfficeStoreTests : OfficeStoreTests
{
    private readonly TempDirectory _dir = new();

    public override void Dispose()
    {
        base.Dispose();
        _dir.Dispose();
    }

    protected override SqlLedgerStore OpenStoreCore() => GeoPackageLedgerStore.Open(_dir.File("ledger.gpkg"));

    protected override void ExecuteSql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("ledger.gpkg")};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
