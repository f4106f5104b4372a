using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using Vigil.Core;
using Vigil.Ledger;
using Vigil.Ledger.Stores;
using Vigil.Runs;

namespace Vigil.Runs.Flights;

/// <summary>Writes the records a flight opened as GeoJSON (EPSG:4326) beside the ledger, for QGIS and for review.</summary>
public static class NewRecordsExport
{
    /// <summary>
    /// Writes <c>&lt;ledger&gt;.&lt;flight&gt;.new.geojson</c> with every record the flight opened, whichever of its runs
    /// opened it (a rerun after a crash rewrites the file whole), and returns its path.
    /// </summary>
    public static string Write(ILedgerStore store, string ledgerPath, string flightId)
    {
        var collection = new FeatureCollection();
        foreach (var record in store.ReadRecords().Where(r => r.FirstFlightId == flightId))
        {
            collection.Add(new Feature(record.FootprintWgs84, new AttributesTable
            {
                { "number", record.Number },
                { "kind", record.Kind },
                { "area_m2", Math.Round(record.AreaSquareMeters, 1) },
                { "height_m", record.HeightMeters is { } height ? Math.Round(height, 1) : null },
                { "confidence", Math.Round(record.Confidence, 3) },
                { "status", record.Status },
                { "blacklist_zone", record.BlacklistZone },
                { "first_seen", record.FirstSeenUtc.ToString("O") },
                { "flight", record.FirstFlightId },
            }));
        }

        var options = new JsonSerializerOptions { WriteIndented = false, Encoder = ReadableJson.Encoder };
        options.Converters.Add(new GeoJsonConverterFactory());
        var (directory, stem) = LedgerLocation.Beside(ledgerPath);
        var safeFlight = string.Concat(flightId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var path = Path.Combine(directory, $"{stem}.{safeFlight}.new.geojson");
        File.WriteAllText(path, JsonSerializer.Serialize(collection, options));
        return path;
    }
}
