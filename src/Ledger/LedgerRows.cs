using System.Data.Common;
using NetTopologySuite.Geometries;
using Vigil.Core;

namespace Vigil.Ledger;

/// <summary>Reads the rows both stores select with the same column list; only geometries and times differ.</summary>
internal static class LedgerRows
{
    /// <summary>The columns after <c>geom</c> that <see cref="Record"/> reads, in order.</summary>
    public const string RecordColumns = """
        geom, number, kind, area_m2, confidence, first_seen, last_seen, first_flight, last_flight, status,
            blacklist_zone, card, baseline_ref, offender
        """;

    /// <summary>A case from a row of <see cref="RecordColumns"/>.</summary>
    public static ViolationRecord Record(DbDataReader reader, Geometry outline, Func<int, DateTimeOffset> time) => new(
        reader.GetString(1),
        outline,
        reader.GetString(2),
        reader.GetDouble(3),
        reader.GetDouble(4),
        time(5),
        time(6),
        reader.GetString(7),
        reader.GetString(8),
        reader.GetString(9),
        Text(reader, 10),
        Text(reader, 11),
        Text(reader, 12),
        Text(reader, 13));

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
