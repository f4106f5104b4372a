using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OpenCvSharp;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;
using Vigil.Web.Hosting;

namespace Vigil.Web.Imagery;

/// <summary>
/// The flights' orthophotos as web map tiles (XYZ, Web Mercator, 256 px PNG), rendered through GDAL on first request and
/// kept on disk: <c>CACHE/&lt;flight&gt;/&lt;version&gt;/z/x/y.png</c>, a tile holding no imagery as <c>y.empty</c>. The
/// version hashes the rasters' paths, sizes and modification times: an orthophoto replaced or re-exported gets fresh
/// tiles, and the tiles of its older versions are deleted. Thread-safe.
/// </summary>
internal sealed class FlightImagery(FlightRasters rasters, string cacheDirectory)
{
    /// <summary>
    /// Zoom levels served below a flight's own (<see cref="WebMercatorTile.NativeZoom"/>): at 5, one tile averages up to
    /// 8192 x 8192 source pixels, a second or two of reading for a raster without overviews. Further out the flight's
    /// imagery is a few pixels on the screen and is not drawn.
    /// </summary>
    public const int MaxZoomOutLevels = 5;

    private readonly ConcurrentDictionary<string, Footprint?> _footprints = new(StringComparer.Ordinal);

    /// <summary>A flight's imagery as the map shows it.</summary>
    /// <param name="Flight">The flight's identifier.</param>
    /// <param name="Captured">When the imagery was captured; null when unknown.</param>
    /// <param name="West">Bounding box of the flight's rasters, WGS 84 degrees.</param>
    /// <param name="South">See <paramref name="West"/>.</param>
    /// <param name="East">See <paramref name="West"/>.</param>
    /// <param name="North">See <paramref name="West"/>.</param>
    /// <param name="NativeZoom">The zoom of the finest raster's own detail.</param>
    /// <param name="MinZoom">The farthest zoom tiles are drawn at.</param>
    /// <param name="Version">Changes when a raster of the flight changes.</param>
    public sealed record FlightLayer(
        string Flight, DateTimeOffset? Captured, double West, double South, double East, double North, int NativeZoom, int MinZoom, string Version);

    /// <summary>A raster's place and detail, and the file version they were read from.</summary>
    private sealed record Footprint(string Path, string FileVersion, double West, double South, double East, double North, int NativeZoom);

    /// <summary>The flights whose rasters are at hand and georeferenced, in the order they were recorded.</summary>
    public IReadOnlyList<FlightLayer> Layers(SqlLedgerStore store) => store.ReadFlights()
        .Select(f => LayerOf(f, FootprintsOf(f)))
        .OfType<FlightLayer>()
        .ToList();

    /// <summary>
    /// The PNG of one tile of a flight's imagery, rendered now or read from the cache; null when the tile holds none of it.
    /// </summary>
    /// <exception cref="Refusal">404: no such flight, or none of its rasters is at hand.</exception>
    public (string? PngPath, string Version) Tile(SqlLedgerStore store, string flightId, WebMercatorTile tile)
    {
        var flight = store.FindFlight(flightId) ?? throw Refusal.NotFound($"no flight '{flightId}' in the ledger");
        var footprints = FootprintsOf(flight);
        var layer = LayerOf(flight, footprints)
            ?? throw Refusal.NotFound($"the imagery of flight '{flightId}' is not at hand: none of its {flight.Inputs.Count} input file(s) is a georeferenced raster found where the ledger recorded it or in --imagery");
        if (tile.Z < layer.MinZoom)
        {
            return (null, layer.Version);
        }

        var flightFolder = Path.Combine(cacheDirectory, WorkListExport.FileStem(flightId));
        var versionFolder = Path.Combine(flightFolder, layer.Version);
        if (!Directory.Exists(versionFolder))
        {
            Directory.CreateDirectory(versionFolder);
            RemoveOtherVersions(flightFolder, layer.Version);
        }

        var folder = Path.Combine(versionFolder, tile.Z.ToString(CultureInfo.InvariantCulture),
            tile.X.ToString(CultureInfo.InvariantCulture));
        var stem = Path.Combine(folder, tile.Y.ToString(CultureInfo.InvariantCulture));
        if (File.Exists(stem + ".png"))
        {
            return (stem + ".png", layer.Version);
        }

        if (File.Exists(stem + ".empty"))
        {
            return (null, layer.Version);
        }

        var rgba = Composite(footprints, tile);
        Directory.CreateDirectory(folder);
        var target = stem + (rgba is null ? ".empty" : ".png");
        var partial = $"{target}.{Guid.NewGuid():N}.part";
        File.WriteAllBytes(partial, rgba is null ? [] : Png(rgba));
        File.Move(partial, target, overwrite: true);
        return (rgba is null ? null : target, layer.Version);
    }

    private List<Footprint> FootprintsOf(FlightRow flight) =>
        rasters.Of(flight).Select(path => _footprints.GetOrAdd(FileVersion(path), _ => Measure(path))).OfType<Footprint>().ToList();

    private static FlightLayer? LayerOf(FlightRow flight, List<Footprint> footprints)
    {
        if (footprints.Count == 0)
        {
            return null;
        }

        var native = footprints.Max(f => f.NativeZoom);
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', footprints.Select(f => f.FileVersion)))))[..16];
        return new FlightLayer(flight.FlightId, flight.CapturedUtc, footprints.Min(f => f.West), footprints.Min(f => f.South),
            footprints.Max(f => f.East), footprints.Max(f => f.North), native, Math.Max(0, native - MaxZoomOutLevels), version);
    }

    /// <summary>The raster's footprint; null when it is no georeferenced raster (a flight's drone photos, a damaged file).</summary>
    private static Footprint? Measure(string path)
    {
        try
        {
            var (west, south, east, north, gsd) = MapTileRenderer.Coverage(path);
            return new Footprint(path, FileVersion(path), west, south, east, north, WebMercatorTile.NativeZoom(gsd, (south + north) / 2));
        }
        catch (InputException)
        {
            return null;
        }
    }

    private static string FileVersion(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? $"{file.FullName}\n{file.Length}\n{file.LastWriteTimeUtc.Ticks}" : file.FullName;
    }

    /// <summary>The flight's rasters in the tile, the first one read on top (a flight's orthophotos rarely overlap).</summary>
    private static byte[]? Composite(List<Footprint> footprints, WebMercatorTile tile)
    {
        byte[]? result = null;
        foreach (var footprint in footprints)
        {
            byte[]? next;
            try
            {
                next = MapTileRenderer.Render(footprint.Path, tile);
            }
            catch (InputException)
            {
                // A raster unreadable here is left out of the tile; the case crops name such files.
                continue;
            }

            if (next is null)
            {
                continue;
            }

            if (result is null)
            {
                result = next;
                continue;
            }

            for (var i = 0; i < result.Length; i += 4)
            {
                if (result[i + 3] == 0)
                {
                    next.AsSpan(i, 4).CopyTo(result.AsSpan(i, 4));
                }
            }
        }

        return result;
    }

    private static byte[] Png(byte[] rgba)
    {
        using var image = Mat.FromPixelData(WebMercatorTile.SizePixels, WebMercatorTile.SizePixels, MatType.CV_8UC4, rgba);
        using var bgra = new Mat();
        Cv2.CvtColor(image, bgra, ColorConversionCodes.RGBA2BGRA);
        return bgra.ImEncode(".png");
    }

    private static void RemoveOtherVersions(string flightFolder, string version)
    {
        foreach (var old in Directory.EnumerateDirectories(flightFolder).Where(d => Path.GetFileName(d) != version))
        {
            try
            {
                Directory.Delete(old, recursive: true);
            }
            catch (IOException)
            {
                // Another request is still writing there; the next new version removes it.
            }
        }
    }
}
