using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ledger.Cases;

namespace Vigil.Runs.Flights;

/// <summary>
/// <c>vigil baseline</c>: turns a flight into a baseline for the next one. The flight goes through exactly the path of
/// <c>vigil run</c> against an empty baseline, into a scratch ledger that is thrown away; every structure it records is
/// written as a registered building with the flight id and capture date, in a vector file <c>vigil run --baseline</c> reads.
/// </summary>
public static class BaselineBuilder
{
    /// <summary>The layer written.</summary>
    public const string LayerName = "buildings";

    private const string EmptyCollection = """{"type":"FeatureCollection","features":[]}""";

    /// <summary>
    /// Runs the flight and writes the baseline. Throws <see cref="RunFailedException"/> as <see cref="FlightRunner"/> does,
    /// and with <see cref="ExitCodes.BadConfiguration"/> when the output cannot be written.
    /// </summary>
    public static async Task<BaselineBuildResult> RunAsync(
        FlightRunOptions flight, string outPath, Action<RunProgress>? onProgress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        var scratch = Directory.CreateTempSubdirectory("vigil-baseline-");
        try
        {
            var empty = Path.Combine(scratch.FullName, "empty.geojson");
            await File.WriteAllTextAsync(empty, EmptyCollection, ct).ConfigureAwait(false);
            var ledger = Path.Combine(scratch.FullName, "flight.gpkg");
            // Every footprint the model keeps, however unsure: a next flight's detection of the same building at a
            // higher confidence then matches it instead of opening a case (the case bar, CaseConfidence, is higher).
            var change = (flight.Change ?? new ChangeOptions()) with { NewMinConfidence = 0 };
            var run = await FlightRunner.RunAsync(
                flight with { BaselinePath = empty, LedgerPath = ledger, BlacklistPath = null, Change = change },
                onProgress, ct).ConfigureAwait(false);

            var captured = run.Capture?.CapturedUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var collection = new FeatureCollection();
            using (var store = LedgerLocation.Open(ledger))
            {
                foreach (var record in store.ReadRecords().Where(r => r.Kind == ViolationKinds.New))
                {
                    collection.Add(new Feature(record.FootprintWgs84, new AttributesTable
                    {
                        { "id", $"{run.FlightId}:{collection.Count + 1}" },
                        { "kind", "registered" },
                        { "flight", run.FlightId },
                        { "captured_on", captured },
                        { "area_m2", Math.Round(record.AreaSquareMeters, 1) },
                        { "confidence", Math.Round(record.Confidence, 3) },
                    }));
                }
            }

            var options = new JsonSerializerOptions { Encoder = ReadableJson.Encoder };
            options.Converters.Add(new GeoJsonConverterFactory());
            var geoJson = Path.Combine(scratch.FullName, "baseline.geojson");
            await File.WriteAllTextAsync(geoJson, JsonSerializer.Serialize(collection, options), ct).ConfigureAwait(false);
            try
            {
                VectorWriter.Translate(geoJson, outPath, LayerName);
            }
            catch (InputException ex)
            {
                throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
            }

            return new BaselineBuildResult(run, Path.GetFullPath(outPath), collection.Count);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
