using System.Globalization;
using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>
/// Reads a surface model (DSM: one band of heights in metres, any CRS PROJ knows) into the working UTM zone at a
/// given pixel size, bilinear, nodata as NaN. Thread-safe (each call opens its own datasets).
/// </summary>
public static unsafe class SurfaceModelReader
{
    private const double NoData = -32767;

    /// <summary>
    /// Reads the DSM. Throws <see cref="InputException"/> naming the DSM when it is unreadable, not georeferenced,
    /// or in another CRS than <paramref name="companionRasterPath"/> (the orthophoto it was produced with): DSM and
    /// orthophoto of one flight come out of one photogrammetry run in one CRS, so a mismatch means the wrong pair. With
    /// <paramref name="assignedCrs"/> the assigned CRS is the one compared.
    /// </summary>
    /// <param name="dsmPath">The DSM.</param>
    /// <param name="zone">The working CRS.</param>
    /// <param name="gsdMeters">Pixel size of the result, metres.</param>
    /// <param name="companionRasterPath">Its orthophoto, or null (photo sets, or a DSM alone).</param>
    /// <param name="assignedCrs">
    /// The DSM's true CRS ("EPSG:5899", WKT) when its file states it incompletely, or null to trust the file. Files
    /// written with a national CRS can lose its datum: VN-2000 / TM-3 107-45 written as the same projection on WGS 84
    /// lands about 225 m off the same coordinates read as EPSG:5899 (PROJ 9 applies VN-2000's shift only when it
    /// recognises the datum, as it does in the Vietnamese tiles of ../shared/data, whose base CRS carries its EPSG code).
    /// </param>
    public static HeightGrid Read(
        string dsmPath, UtmZone zone, double gsdMeters, string? companionRasterPath = null, string? assignedCrs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dsmPath);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gsdMeters);
        GdalRuntime.EnsureInitialized();
        using var source = Datasets.OpenRaster(dsmPath);
        var info = RasterProbe.Inspect(source, dsmPath);
        if (companionRasterPath is not null)
        {
            CheckSameCrs(source, dsmPath, companionRasterPath, assignedCrs);
        }

        using var warped = Warp(source, dsmPath, zone, gsdMeters, info, assignedCrs);
        var width = GdalNative.GDALGetRasterXSize(warped);
        var height = GdalNative.GDALGetRasterYSize(warped);
        var transform = Datasets.GetGeoTransform(warped) ?? throw new InputException(dsmPath, "the warped DSM has no geotransform");
        var heights = new float[width * height];
        fixed (float* p = heights)
        {
            Datasets.Read(Datasets.Band(warped, 1), new PixelRect(0, 0, width, height), p, width, height,
                GdalDataType.Float32, sizeof(float), sizeof(float) * width);
        }

        for (var i = 0; i < heights.Length; i++)
        {
            if (heights[i] == (float)NoData)
            {
                heights[i] = float.NaN;
            }
        }

        return new HeightGrid(dsmPath, transform, width, height, heights);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="assignedCrs"/> when PROJ does not understand it, so
    /// that a mistyped CRS stops a run before any work rather than leaving every DSM unread.
    /// </summary>
    public static void CheckCrs(string assignedCrs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assignedCrs);
        GdalRuntime.EnsureInitialized();
        try
        {
            using var srs = SpatialReferences.FromUserInput(assignedCrs);
        }
        catch (GdalException ex)
        {
            throw new ArgumentException($"the surface models' CRS '{assignedCrs}' is not understood: {ex.Message}", nameof(assignedCrs), ex);
        }
    }

    private static void CheckSameCrs(DatasetHandle dsm, string dsmPath, string companionPath, string? assignedCrs)
    {
        using var companion = Datasets.OpenRaster(companionPath);
        var filedCrs = GdalNative.GDALGetSpatialRef(dsm);
        var companionCrs = GdalNative.GDALGetSpatialRef(companion);
        if ((filedCrs == 0 && assignedCrs is null) || companionCrs == 0)
        {
            return;
        }

        using var dsmCrs = assignedCrs is null ? SpatialReferences.Clone(filedCrs) : SpatialReferences.FromUserInput(assignedCrs);
        using var companionCopy = SpatialReferences.Clone(companionCrs);
        if (OgrNative.OSRIsSame(companionCrs, dsmCrs) == 0)
        {
            throw new InputException(dsmPath,
                $"DSM in another CRS than its orthophoto {Path.GetFileName(companionPath)}: " +
                $"{CrsName(dsmCrs)} against {CrsName(companionCopy)}; give the DSM of the same photogrammetry run");
        }
    }

    private static string CrsName(SpatialReferenceHandle srs)
    {
        var wkt = SpatialReferences.ToWkt(srs);
        var start = wkt.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : wkt.IndexOf('"', start + 1);
        return end > start ? wkt[(start + 1)..end] : "unnamed CRS";
    }

    private static DatasetHandle Warp(
        DatasetHandle source, string path, UtmZone zone, double gsdMeters, RasterInfo info, string? assignedCrs)
    {
        var gsd = gsdMeters.ToString("R", CultureInfo.InvariantCulture);
        List<string> argv =
        [
            "-of", "MEM", "-t_srs", zone.EpsgName, "-tr", gsd, gsd, "-tap", "-ot", "Float32",
            "-r", info.ApproxGsdMeters < gsdMeters ? "average" : "bilinear",
            "-dstnodata", NoData.ToString(CultureInfo.InvariantCulture),
        ];
        if (assignedCrs is not null)
        {
            argv.AddRange(["-s_srs", assignedCrs]);
        }

        return Warper.Run(source, argv, path, $"DSM cannot be warped to {zone.EpsgName}");
    }
}
