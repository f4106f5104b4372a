using Vigil.Core;

namespace Vigil.Detect;

/// <summary>
/// Turns a tile's probability map and valid-pixel mask into the coarse <see cref="GroundEvidence"/> of its core: cells
/// of about <see cref="TargetCellMeters"/>, aligned to the raster's pixel grid, each owned by the tile whose core holds
/// its top-left pixel (so one raster's chunks partition its ground) and judged from the pixels of the tile's window.
/// The confidence levels are set relative to the card's probability threshold, so a new model brings its own. Not
/// thread-safe (reuses a buffer): one tile at a time.
/// </summary>
internal sealed class GroundEvidenceBuilder
{
    /// <summary>
    /// Side of a cell, metres: a few pixels at the models' GSDs (4 at 0.15 m), fine enough to draw a 2 m wide wing and
    /// coarse enough that a flight's evidence is one byte per 0.36 m².
    /// </summary>
    public const double TargetCellMeters = 0.6;

    /// <summary>
    /// Confidently background when the card measures no level of its own (thresholds.background): mean probability at
    /// most this share of the card's threshold ("well below" it). A model
    /// misses some standing roofs with probabilities far under its threshold: on the Zanzibar scene the shipped model's
    /// median over the standing buildings it sees least is 0.006-0.03 (threshold 0.2), over the scene 0.003. At half
    /// the threshold 17 of 78 standing buildings looked bare over 70 % of their roof; at a twentieth, 1 over 80 %.
    /// </summary>
    public const double BackgroundShareOfThreshold = 0.05;

    /// <summary>
    /// Confidently building: mean probability at least halfway from the card's threshold to certainty ("well above" it).
    /// </summary>
    public const double BuildingShareAboveThreshold = 0.5;

    /// <summary>
    /// A horizontal run of this many identical pixels (colour for colour) is fill, not imagery: GDAL returns zeros for
    /// a TIFF's missing strips or tiles, and a JPEG that ends early decodes its remainder as one flat grey. At 0.15 m
    /// this is 4.8 m of exactly one value, which sensor noise and texture do not produce; a saturated roof that does is
    /// only left unjudged (never a case).
    /// </summary>
    public const int MinFillRunPixels = 32;

    private readonly float _backgroundBelow;
    private readonly float _buildingAbove;
    private byte[] _imagery = [];

    /// <summary>Creates the builder for a card's thresholds (building probability, optional background level).</summary>
    public GroundEvidenceBuilder(ModelThresholds thresholds)
    {
        var threshold = thresholds.Probability;
        _backgroundBelow = (float)(thresholds.Background ?? threshold * BackgroundShareOfThreshold);
        _buildingAbove = (float)(threshold + (1 - threshold) * BuildingShareAboveThreshold);
    }

    /// <summary>
    /// The evidence of <paramref name="tile"/>'s core from its probabilities (channel 0 of the slot at
    /// <paramref name="offset"/>, <paramref name="size"/> pixels square, window at the top-left); null when no cell of
    /// the core holds imagery.
    /// </summary>
    public GroundEvidence? Build(GeoTile tile, float[] probabilities, int offset, int size)
    {
        var grid = tile.Grid;
        var k = CellPixels(grid.GsdMeters);
        var (window, core) = (tile.Window, tile.Core);
        MarkImagery(tile);

        // Cells whose top-left pixel lies in the core.
        var c0 = CeilDiv(core.X0, k);
        var c1 = CeilDiv(core.X1, k);
        var r0 = CeilDiv(core.Y0, k);
        var r1 = CeilDiv(core.Y1, k);
        if (c1 <= c0 || r1 <= r0)
        {
            return null;
        }

        var columns = c1 - c0;
        var rows = r1 - r0;
        var states = new byte[columns * rows];
        var any = false;
        for (var r = 0; r < rows; r++)
        {
            var y0 = (r0 + r) * k;
            var y1 = Math.Min(Math.Min(y0 + k, grid.HeightPixels), window.Y1);
            for (var c = 0; c < columns; c++)
            {
                var x0 = (c0 + c) * k;
                var x1 = Math.Min(Math.Min(x0 + k, grid.WidthPixels), window.X1);
                var (count, valid, sum) = (0, 0, 0.0);
                for (var y = y0; y < y1; y++)
                {
                    var row = (y - window.Y0) * window.Width - window.X0;
                    var probabilityRow = offset + (y - window.Y0) * size - window.X0;
                    for (var x = x0; x < x1; x++)
                    {
                        count++;
                        if (_imagery[row + x] != 0)
                        {
                            valid++;
                            sum += probabilities[probabilityRow + x];
                        }
                    }
                }

                // Half the cell's pixels at least: a cell on a ragged edge is judged by what it shows.
                if (count == 0 || 2 * valid < count)
                {
                    continue;
                }

                var mean = sum / valid;
                states[r * columns + c] = (byte)(mean <= _backgroundBelow ? GroundState.Background
                    : mean >= _buildingAbove ? GroundState.Building
                    : GroundState.Uncertain);
                any = true;
            }
        }

        if (!any)
        {
            return null;
        }

        var cellMeters = k * grid.GsdMeters;
        var (left, top) = grid.Transform.PixelToWorld(c0 * k, r0 * k);
        return new GroundEvidence(left, top, cellMeters, columns, rows, states);
    }

    /// <summary>Pixels per cell side at <paramref name="gsdMeters"/>.</summary>
    public static int CellPixels(double gsdMeters) => Math.Max(1, (int)Math.Round(TargetCellMeters / gsdMeters));

    /// <summary>Fills the imagery mask of the window: valid, and not in a run of fill.</summary>
    private void MarkImagery(GeoTile tile)
    {
        var (width, height) = (tile.Window.Width, tile.Window.Height);
        if (_imagery.Length < width * height)
        {
            _imagery = new byte[width * height];
        }

        Array.Copy(tile.Valid, _imagery, width * height);
        var rgb = tile.Rgb;
        for (var y = 0; y < height; y++)
        {
            var start = 0;
            for (var x = 1; x <= width; x++)
            {
                if (x < width && SamePixel(rgb, y * width + x, y * width + start))
                {
                    continue;
                }

                if (x - start >= MinFillRunPixels)
                {
                    _imagery.AsSpan(y * width + start, x - start).Clear();
                }

                start = x;
            }
        }
    }

    private static bool SamePixel(byte[] rgb, int a, int b) =>
        rgb[3 * a] == rgb[3 * b] && rgb[3 * a + 1] == rgb[3 * b + 1] && rgb[3 * a + 2] == rgb[3 * b + 2];

    private static int CeilDiv(int value, int divisor) => (value + divisor - 1) / divisor;
}
