using System.Globalization;
using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>
/// One input raster behind a lazy GDAL warped VRT in the working UTM zone at the target GSD: only the windows asked
/// for are read and resampled, so memory stays bounded whatever the raster size. When the warped grid is the source's
/// own grid (the source already is at the target GSD in the working CRS, aligned), windows are read from the source
/// directly: the same pixels without the warper's per-pixel work. Not thread-safe.
/// </summary>
internal sealed unsafe class WarpedSource : IDisposable
{
    // Destination alpha is 0..255 whatever the data type; a pixel is valid when at least half of its footprint
    // was covered by valid source pixels (partial coverage appears along nodata edges with average/bilinear).
    private const int AlphaMax = 255;
    private const byte MinValidAlpha = 128;

    // GDAL mask flags (gdal.h GMF_*).
    private const int MaskPerDataset = 0x02;
    private const int MaskNoData = 0x08;

    /// <summary>Largest difference between two grids' origins and pixel sizes still taken as the same grid, in pixels.</summary>
    private const double SameGridTolerancePixels = 1e-6;

    private readonly DatasetHandle _source;
    private readonly DatasetHandle _warped;
    private readonly int[] _bandNumbers;
    private readonly nint[] _bands;
    private readonly BandStretch?[] _stretches;

    // The alpha (or mask) band the validity is read from; 0 when every pixel of the source is valid.
    private readonly nint _alpha;
    private float[] _values = [];
    private byte[] _alphaValues = [];

    private WarpedSource(
        string path, DatasetHandle source, DatasetHandle warped, BandMapping mapping,
        BandStretch?[] stretches, RasterGrid grid, TileLayout layout, DirectRead? direct)
    {
        Path = path;
        _source = source;
        _warped = warped;
        _bandNumbers = [mapping.Red, mapping.Green, mapping.Blue];
        var readFrom = direct is null ? warped : source;
        _bands = [.. _bandNumbers.Select(b => Datasets.Band(readFrom, b))];
        _stretches = stretches;
        _alpha = direct is { } d ? d.Mask : Datasets.Band(warped, GdalNative.GDALGetRasterCount(warped));
        ReadsDirectly = direct is not null;
        Grid = grid;
        Layout = layout;
    }

    /// <summary>How validity is read when the source is read directly.</summary>
    /// <param name="Mask">The source's per-dataset mask or alpha band, or 0 when every pixel is valid.</param>
    private readonly record struct DirectRead(nint Mask);

    internal string Path { get; }

    internal RasterGrid Grid { get; }

    internal TileLayout Layout { get; }

    /// <summary>True when windows are read from the source itself, its grid being the warped grid.</summary>
    internal bool ReadsDirectly { get; }

    /// <summary>Opens and warps a source; throws <see cref="InputException"/> naming the file when it cannot be used.</summary>
    /// <param name="path">The raster.</param>
    /// <param name="options">Target GSD, working CRS and tiling.</param>
    /// <param name="allowDirectRead">False forces every read through the warper (tests compare the two).</param>
    internal static WarpedSource Open(string path, TilingOptions options, bool allowDirectRead = true)
    {
        var source = Datasets.OpenRaster(path);
        DatasetHandle? warped = null;
        try
        {
            var info = RasterProbe.Inspect(source, path, options.Limits);
            var mapping = BandMapping.For(source, path);
            var stretches = MeasureStretches(source, mapping, info, path);
            warped = Warp(source, path, options, info, mapping);

            var width = GdalNative.GDALGetRasterXSize(warped);
            var height = GdalNative.GDALGetRasterYSize(warped);
            var transform = Datasets.GetGeoTransform(warped)
                ?? throw new InputException(path, "the warped grid has no geotransform");
            var layout = new TileLayout(width, height, options.StridePixels, options.OverlapPixels);
            var grid = new RasterGrid(transform, options.WorkingCrs, width, height, layout.TilesAcross, layout.TilesDown);
            var direct = allowDirectRead ? DirectReadOf(source, mapping, stretches, grid, options) : null;
            return new WarpedSource(path, source, warped, mapping, stretches, grid, layout, direct);
        }
        catch
        {
            warped?.Dispose();
            source.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads one tile; null when its window holds no valid pixel.
    /// Throws <see cref="GdalException"/> when GDAL cannot read the window (a corrupt block), <see cref="InputException"/>
    /// when it read it but warned that pixels are missing (it returns fill for the rest of the file then).
    /// </summary>
    internal GeoTile? ReadTile(int column, int row)
    {
        using var messages = GdalMessages.Capture();
        GeoTile? tile;
        try
        {
            tile = ReadTileWindow(column, row);
        }
        catch (GdalException) when (messages.EndsEarly is { } end)
        {
            // A JPEG is decoded from its start: past its end, later windows may come back as the decoder's grey.
            throw new InputException(Path, $"ends early at tile ({column},{row}): GDAL reports \"{end}\"; the rest of the file is left out (not covered)");
        }

        if (messages.SilentDataLoss is { } silent)
        {
            // GDAL said so once and returns fill from here on: nothing further of this file can be trusted.
            throw new InputException(Path, $"damaged from tile ({column},{row}) on: GDAL reports \"{silent}\"; the rest of the file is left out (not covered)");
        }

        return messages.DataLoss is { } loss
            ? throw new GdalException($"GDAL reports \"{loss}\": part of its pixels are missing")
            : tile;
    }

    private GeoTile? ReadTileWindow(int column, int row)
    {
        var window = Layout.Window(column, row);
        var width = window.Width;
        var count = width * window.Height;

        var valid = new byte[count];
        var any = _alpha == 0;
        if (_alpha == 0)
        {
            Array.Fill(valid, (byte)255);
        }
        else
        {
            if (_alphaValues.Length < count)
            {
                _alphaValues = new byte[count];
            }

            fixed (byte* p = _alphaValues)
            {
                Datasets.Read(_alpha, window, p, width, window.Height, GdalDataType.Byte, 1, width);
            }

            for (var i = 0; i < count; i++)
            {
                var isValid = _alphaValues[i] >= MinValidAlpha;
                valid[i] = isValid ? (byte)255 : (byte)0;
                any |= isValid;
            }
        }

        if (!any)
        {
            return null;
        }

        var rgb = new byte[count * 3];
        for (var k = 0; k < 3; k++)
        {
            if (k > 0 && _bandNumbers[k] == _bandNumbers[k - 1])
            {
                for (var i = 0; i < count; i++)
                {
                    rgb[3 * i + k] = rgb[3 * i + k - 1];
                }
            }
            else if (_stretches[k] is { } stretch)
            {
                ReadStretched(_bands[k], window, stretch, rgb, k);
            }
            else
            {
                fixed (byte* p = rgb)
                {
                    Datasets.Read(_bands[k], window, p + k, width, window.Height, GdalDataType.Byte, 3, 3 * width);
                }
            }
        }

        if (ReadsDirectly && _alpha != 0)
        {
            // The warper leaves pixels without any valid source black; so does the direct read.
            for (var i = 0; i < count; i++)
            {
                if (_alphaValues[i] == 0)
                {
                    rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = 0;
                }
            }
        }

        return new GeoTile(Path, Grid, column, row, window, Layout.Core(column, row), rgb, valid);
    }

    public void Dispose()
    {
        // The warped VRT reads through the source handle: close it first.
        _warped.Dispose();
        _source.Dispose();
    }

    private void ReadStretched(nint band, PixelRect window, BandStretch stretch, byte[] rgb, int channel)
    {
        var count = window.Width * window.Height;
        if (_values.Length < count)
        {
            _values = new float[count];
        }

        fixed (float* p = _values)
        {
            Datasets.Read(band, window, p, window.Width, window.Height, GdalDataType.Float32, sizeof(float), sizeof(float) * window.Width);
        }

        for (var i = 0; i < count; i++)
        {
            rgb[3 * i + channel] = stretch.Apply(_values[i]);
        }
    }

    /// <summary>
    /// The direct read of <paramref name="source"/> when its grid is the warped grid (same CRS, size, origin and pixel
    /// size, north-up), its bands are 8-bit and its validity is all-valid or one mask for the dataset (alpha or
    /// internal mask): warping is then the identity and the warper's work per pixel can be skipped. Null otherwise,
    /// including per-band nodata, whose combination across bands is the warper's to decide.
    /// </summary>
    private static DirectRead? DirectReadOf(
        DatasetHandle source, BandMapping mapping, BandStretch?[] stretches, RasterGrid grid, TilingOptions options)
    {
        if (mapping.ForceSourceAlpha || stretches.Any(s => s is not null) ||
            GdalNative.GDALGetRasterXSize(source) != grid.WidthPixels ||
            GdalNative.GDALGetRasterYSize(source) != grid.HeightPixels ||
            Datasets.GetGeoTransform(source) is not { IsNorthUp: true } transform || !SameGrid(transform, grid.Transform))
        {
            return null;
        }

        var sourceCrs = GdalNative.GDALGetSpatialRef(source);
        using var workingCrs = SpatialReferences.FromUserInput(options.WorkingCrs.EpsgName);
        if (sourceCrs == 0 || OgrNative.OSRIsSame(sourceCrs, workingCrs) == 0)
        {
            return null;
        }

        var red = Datasets.Band(source, mapping.Red);
        var flags = GdalNative.GDALGetMaskFlags(red);
        if (flags == GdalNative.MaskAllValid)
        {
            return new DirectRead(0);
        }

        return (flags & MaskPerDataset) != 0 && (flags & MaskNoData) == 0
            ? new DirectRead(GdalNative.GDALGetMaskBand(red))
            : null;
    }

    private static bool SameGrid(GeoTransform a, GeoTransform b)
    {
        var tolerance = SameGridTolerancePixels * Math.Abs(b.PixelWidth);
        return Math.Abs(a.OriginX - b.OriginX) <= tolerance && Math.Abs(a.OriginY - b.OriginY) <= tolerance &&
               Math.Abs(a.PixelWidth - b.PixelWidth) <= tolerance / 1000 && Math.Abs(a.PixelHeight - b.PixelHeight) <= tolerance / 1000;
    }

    private static BandStretch?[] MeasureStretches(DatasetHandle source, BandMapping mapping, RasterInfo info, string path)
    {
        int[] bandNumbers = [mapping.Red, mapping.Green, mapping.Blue];
        var stretches = new BandStretch?[3];
        for (var k = 0; k < 3; k++)
        {
            var band = Datasets.Band(source, bandNumbers[k]);
            var type = GdalNative.GDALGetRasterDataType(band);
            if (type == GdalDataType.Byte)
            {
                continue;
            }

            if (GdalNative.GDALDataTypeIsComplex(type) != 0)
            {
                throw new InputException(path, $"band {bandNumbers[k]} holds complex numbers ({Datasets.DataTypeName(type)}), not an image");
            }

            stretches[k] = k > 0 && bandNumbers[k] == bandNumbers[k - 1]
                ? stretches[k - 1]
                : BandStretch.Measure(band, info.WidthPixels, info.HeightPixels)
                    ?? throw new InputException(path, $"band {bandNumbers[k]} holds no valid pixel (all nodata or masked)");
        }

        return stretches;
    }

    private static DatasetHandle Warp(DatasetHandle source, string path, TilingOptions options, RasterInfo info, BandMapping mapping)
    {
        var gsd = options.GsdMeters.ToString("R", CultureInfo.InvariantCulture);
        List<string> argv =
        [
            "-of", "VRT",
            "-t_srs", options.WorkingCrs.EpsgName,
            "-tr", gsd, gsd,
            "-tap",
            "-r", info.ApproxGsdMeters < options.GsdMeters ? "average" : "bilinear",
            "-dstalpha",
            "-wo", $"DST_ALPHA_MAX={AlphaMax}",
        ];
        if (mapping.ForceSourceAlpha)
        {
            argv.Add("-srcalpha");
        }

        var warped = Warper.Run(source, argv, path, $"cannot be warped to {options.WorkingCrs.EpsgName}");
        var bandCount = GdalNative.GDALGetRasterCount(warped);
        if (GdalNative.GDALGetRasterColorInterpretation(Datasets.Band(warped, bandCount)) != ColorInterpretation.AlphaBand)
        {
            warped.Dispose();
            throw new GdalException("the warped raster has no alpha band last");
        }

        return warped;
    }
}
