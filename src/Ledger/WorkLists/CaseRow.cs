using System.Globalization;

namespace Vigil.Ledger.WorkLists;

/// <summary>One case as a row of the work list's CSV and GeoJSON: the same fields, in the same order.</summary>
internal sealed class CaseRow
{
    /// <summary>The field names, CSV header and GeoJSON property names.</summary>
    public static readonly string[] Names =
    [
        "rank", "number", "team", "card", "blacklist_zone", "area_m2", "height_m", "status", "kind", "latitude", "longitude",
        "deadline", "overdue", "offender", "first_seen", "last_seen", "map", "before", "after", "street_frame", "notes",
    ];

    public CaseRow(WorkListItem item, DateTimeOffset madeUtc, CasePictureSet pictures)
    {
        Item = item;
        MadeUtc = madeUtc;
        Pictures = pictures;
        var r = item.Record;
        Values =
        [
            item.Rank, r.Number, item.Team, item.Card, r.BlacklistZone, Math.Round(r.AreaSquareMeters, 1),
            r.HeightMeters is { } height ? Math.Round(height, 1) : null, r.Status, r.Kind,
            Math.Round(item.Latitude, 7), Math.Round(item.Longitude, 7), Day(item.DeadlineUtc), item.IsOverdue(madeUtc),
            r.Offender, Day(r.FirstSeenUtc), Day(r.LastSeenUtc), pictures.Map, pictures.Before, pictures.After,
            pictures.StreetFrame, pictures.Notes.Count == 0 ? null : string.Join("; ", pictures.Notes),
        ];
    }

    public WorkListItem Item { get; }

    public DateTimeOffset MadeUtc { get; }

    public CasePictureSet Pictures { get; }

    /// <summary>One value per name: int, double, bool, string or null.</summary>
    public object?[] Values { get; }

    /// <summary>A value as CSV text: invariant numbers, "true"/"false", empty for null.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string? Day(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
