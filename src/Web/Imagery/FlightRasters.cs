using Vigil.Ledger.Flights;

namespace Vigil.Web.Imagery;

/// <summary>
/// Where a flight's rasters are now: where the ledger recorded them, else by file name in <c>--imagery DIR</c> (the
/// office moved the orthophotos to a share). Thread-safe.
/// </summary>
internal sealed class FlightRasters(string? imageryDirectory)
{
    /// <summary>The flight's rasters that exist, in the order the flight read them.</summary>
    public IReadOnlyList<string> Of(FlightRow flight) => flight.Inputs.Select(Resolve).OfType<string>().ToList();

    /// <summary>The raster's path as recorded if it exists, else the same name in the imagery folder, else null.</summary>
    public string? Resolve(string raster)
    {
        if (File.Exists(raster))
        {
            return raster;
        }

        return imageryDirectory is not null && Path.Combine(imageryDirectory, Path.GetFileName(raster)) is var moved && File.Exists(moved)
            ? moved
            : null;
    }
}
