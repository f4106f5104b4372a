using System.Data;
using System.Data.Common;

namespace Vigil.Ledger.Stores;

/// <summary>Commands over any ADO.NET connection, with the parameter typing every engine accepts.</summary>
internal static class Sql
{
    /// <summary>
    /// A command with its parameters. A bare null is text and a <see cref="Real"/> a double precision (PostgreSQL
    /// refuses to guess an untyped null); a <see cref="DbParameter"/> goes in as its engine typed it.
    /// </summary>
    public static DbCommand Command(
        DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var parameter = value as DbParameter ?? command.CreateParameter();
            parameter.ParameterName = name;
            if (value is not DbParameter)
            {
                (DbType? Type, object? Value) typed = value switch
                {
                    null => (DbType.String, null),
                    Real real => (DbType.Double, real.Value),
                    When { Value: null } => (DbType.DateTimeOffset, null),
                    When time => (null, time.Value),
                    _ => (null, value),
                };
                if (typed.Type is { } type)
                {
                    parameter.DbType = type;
                }

                parameter.Value = typed.Value ?? DBNull.Value;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static int Execute(
        DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(
        DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteScalar();
    }

    /// <summary>Every row of a query, each made by <paramref name="row"/> from the reader positioned on it, in order.</summary>
    public static List<T> Rows<T>(
        DbConnection connection, DbTransaction? tx, string sql, Func<DbDataReader, T> row,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>The first column of every row, as text (table names, for one).</summary>
    public static HashSet<string> Names(DbConnection connection, DbTransaction? tx, string sql) =>
        Rows(connection, tx, sql, r => r.GetString(0)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>A double precision parameter value that may be null.</summary>
    public sealed record Real(double? Value);

    /// <summary>A time parameter value (a dialect's <c>Time</c>) that may be null, then typed as a time.</summary>
    public sealed record When(object? Value);
}
