using Vigil.Core;

namespace Vigil.Runs.Flights;

/// <summary>Everything one <c>vigil run</c> needs. Paths may be relative to the working directory.</summary>
/// <param name="Inputs">Orthophotos (GeoTIFF/COG or any raster GDAL reads, any CRS), drone JPEGs, or folders of drone JPEGs.</param>
/// <param name="BaselinePath">Registered buildings and known violations (GeoPackage, GeoJSON, Shapefile...).</param>
/// <param name="LedgerPath">The ledger GeoPackage, created when missing, or a PostGIS connection string.</param>
/// <param name="BlacklistPath">Black-list zones (polygons with a name), or null.</param>
/// <param name="ModelPath">The ONNX model or its card.</param>
/// <param name="FlightId">Flight identifier; null derives a stable one from the inputs.</param>
/// <param name="Threads">ONNX Runtime intra-op threads.</param>
/// <param name="BatchSize">Tiles per inference call.</param>
/// <param name="TileSizePixels">Tile size at the model's GSD.</param>
/// <param name="OverlapPixels">Overlap on each side of a tile.</param>
/// <param name="Change">Change-comparison thresholds.</param>
/// <param name="Actor">Who the ledger events are attributed to.</param>
/// <param name="DsmPath">This flight's surface model (heights in metres, same CRS as its orthophoto), or null.</param>
/// <param name="BaselineDsmPath">The baseline's or an earlier flight's surface model, for rooftop additions, or null.</param>
/// <param name="AltitudeAglMeters">Camera height above ground for drone photos, metres; null reads DJI XMP RelativeAltitude.</param>
/// <param name="DsmCrs">
/// The true CRS of both surface models ("EPSG:5899", WKT) when their files state it without its datum shift, or null
/// to trust the files (see <see cref="Vigil.Ingest.Rasters.SurfaceModelReader.Read"/>).
/// </param>
public sealed record FlightRunOptions(
    IReadOnlyList<string> Inputs,
    string BaselinePath,
    string LedgerPath,
    string? BlacklistPath,
    string ModelPath,
    string? FlightId = null,
    int Threads = 2,
    int BatchSize = 2,
    int TileSizePixels = 512,
    int OverlapPixels = 32,
    ChangeOptions? Change = null,
    string Actor = "vigil",
    double? AltitudeAglMeters = null,
    string? DsmPath = null,
    string? BaselineDsmPath = null,
    string? DsmCrs = null)
{
    /// <summary>
    /// True: an orthophoto that could not be read, whole or in part, ends the flight as failed rather than completed
    /// (the nightly intake, where an upload may have stopped short); the rest of it is still processed and recorded.
    /// </summary>
    public bool StrictInputs { get; init; }

    /// <summary>
    /// When the imagery was captured (<c>--captured-on</c>), overriding its metadata; null reads it from the imagery,
    /// else the file time (<see cref="FlightCapture"/>).
    /// </summary>
    public DateTimeOffset? CapturedOn { get; init; }

    /// <summary>What an input raster may claim before any pixel is read: its size, and its size against its file's.</summary>
    public Ingest.Rasters.RasterLimits Limits { get; init; } = Ingest.Rasters.RasterLimits.Default;

    /// <summary>Capacity of the channel of tiles in front of Detect: small, tiles are large.</summary>
    public int TileChannelCapacity { get; init; } = 4;

    /// <summary>Capacity of the channel of footprint batches.</summary>
    public int FootprintChannelCapacity { get; init; } = 64;

    /// <summary>Capacity of the channel of findings in front of the ledger.</summary>
    public int FindingChannelCapacity { get; init; } = 256;
}
