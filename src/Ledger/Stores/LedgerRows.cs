using System.Data.Common;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Vigil.Core;
using Vigil.Ledger.Cases;

namespace Vigil.Ledger.Stores;

/// <summary>
/// Reads the rows both stores select with the same column list, and holds the statements both run with the same text;
/// only geometries and times differ.
/// </summary>
internal static class LedgerRows
{
    /// <summary>
    /// Opens a case with status "detected" (parameters @geom, @number, @kind, @area, @added, @confidence, @seen,
    /// @flight, @zone, @baseline, @height, @whole).
    /// </summary>
    public const string InsertViolation = $"""
        INSERT INTO {LedgerSchema.Violations} (geom, number, kind, area_m2, added_area_m2, confidence,
            first_seen, last_seen, first_flight, last_flight, status, blacklist_zone, card, baseline_ref, height_m,
            {LedgerSchema.WholeOutlineColumn})
        VALUES (@geom, @number, @kind, @area, @added, @confidence, @seen, @seen, @flight, @flight, 'detected',
            @zone, NULL, @baseline, @height, @whole)
        """;

    /// <summary>The whole outline of a case to open as WKT (EPSG:4326), or null when it has none.</summary>
    public static string? WholeOutlineText(NewViolation violation) =>
        violation.WholeOutlineWgs84 is { IsEmpty: false } whole ? new WKTWriter().Write(whole) : null;

    /// <summary>
    /// Records a sighting on its case (parameters @seen, @flight, @confidence, @height, @number). A flight processed
    /// late never moves last seen, last flight or confidence back in time; its height is kept only where no later flight
    /// measured one. A flight without a surface model (@height null) leaves the height as it was.
    /// </summary>
    public const string SightingUpdate = $"""
        UPDATE {LedgerSchema.Violations} SET
            height_m = CASE WHEN last_seen <= @seen OR height_m IS NULL THEN COALESCE(@height, height_m) ELSE height_m END,
            confidence = CASE WHEN last_seen <= @seen THEN @confidence ELSE confidence END,
            last_flight = CASE WHEN last_seen <= @seen THEN @flight ELSE last_flight END,
            last_seen = CASE WHEN last_seen <= @seen THEN @seen ELSE last_seen END
        WHERE number = @number
        """;

    /// <summary>The columns after <c>geom</c> that <see cref="Record"/> reads, in order.</summary>
    public const string RecordColumns = """
        geom, number, kind, area_m2, confidence, first_seen, last_seen, first_flight, last_flight, status,
            blacklist_zone, card, baseline_ref, offender, height_m, whole_outline_wkt
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
        Text(reader, 13),
        reader.IsDBNull(14) ? null : reader.GetDouble(14),
        reader.IsDBNull(15) ? null : WholeOutline(reader.GetString(15)));

    private static Geometry WholeOutline(string wkt)
    {
        var outline = new WKTReader().Read(wkt);
        outline.SRID = 4326;
        return outline;
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
