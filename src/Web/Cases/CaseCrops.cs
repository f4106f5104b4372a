using System.Collections.Concurrent;
using Vigil.Core;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;
using Vigil.Runs.Inputs;
using Vigil.Web.Hosting;
using Vigil.Web.Imagery;

namespace Vigil.Web.Cases;

/// <summary>
/// Before/after pictures of a case: a crop of the orthophoto of every flight that saw it (opened it or saw it again), with
/// the outline in red and the flight as caption, drawn as the work lists draw them and kept on disk for the app's life.
/// A flight's rasters are read where the ledger recorded them, else by file name in <c>--imagery</c>.
/// </summary>
internal sealed class CaseCrops(FlightRasters rasters) : IDisposable
{
    private readonly Lazy<GdalImagerySource> _imagery = new(() => new GdalImagerySource());
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-crops-").FullName;
    private readonly ConcurrentDictionary<string, string?> _drawn = new(StringComparer.Ordinal);

    /// <summary>The flights that saw the case and have rasters to show it, in the order they saw it.</summary>
    public IReadOnlyList<string> FlightsOf(SqlLedgerStore store, string number) => store.ReadEvents(number)
        .Where(e => e.FlightId is not null && e.Kind is LedgerEventKinds.Created or LedgerEventKinds.Seen)
        .Select(e => e.FlightId!)
        .Distinct(StringComparer.Ordinal)
        .Where(f => store.FindFlight(f) is { } flight && rasters.Of(flight).Count > 0)
        .ToList();

    /// <summary>The PNG of the case in the flight's imagery; null when the flight's rasters do not show it.</summary>
    public string? Picture(SqlLedgerStore store, ViolationRecord record, string flightId) =>
        _drawn.GetOrAdd($"{record.Number}\n{flightId}", _ => Draw(store, record, flightId));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string? Draw(SqlLedgerStore store, ViolationRecord record, string flightId)
    {
        var flight = store.FindFlight(flightId) ?? throw Refusal.NotFound($"no flight '{flightId}' in the ledger");
        var window = CasePictures.Window(record.FootprintWgs84, WorkListExport.CropMarginMeters);
        foreach (var raster in rasters.Of(flight))
        {
            ImageryCrop? crop;
            try
            {
                crop = _imagery.Value.Crop(raster, window, CasePictures.CropPixels);
            }
            catch (IOException)
            {
                continue;
            }

            if (crop is not null)
            {
                var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.png");
                CasePictures.Crop(path, crop, record.FootprintWgs84, $"{flightId} {flight.StartedUtc:yyyy-MM-dd}");
                return path;
            }
        }

        return null;
    }
}
