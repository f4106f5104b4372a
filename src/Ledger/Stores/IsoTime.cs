using System.Globalization;

namespace Vigil.Ledger.Stores;

/// <summary>
/// Times as stored in the ledger: ISO 8601 UTC with milliseconds, "2026-05-04T09:30:00.000Z", the GeoPackage DATETIME
/// form, fixed width so that text order is time order.
/// </summary>
internal static class IsoTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Write(DateTimeOffset time) =>
        time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Read(string text) =>
        DateTimeOffset.ParseExact(
            text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
