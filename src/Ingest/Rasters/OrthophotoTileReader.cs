using System.Threading.Channels;
using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest.Rasters;

/// <summary>
/// First pipeline stage: reads georeferenced orthophotos, resamples each to the working UTM zone at the model's GSD
/// (average when downsampling, bilinear when upsampling) and emits 8-bit RGB <see cref="GeoTile"/>s with validity
/// masks. Inputs that cannot be used, and tiles that cannot be read, are recorded in the <see cref="RejectionLog"/>
/// and the run goes on. One instance runs one <see cref="RunAsync"/> at a time.
/// </summary>
public sealed class OrthophotoTileReader
{
    private readonly TilingOptions _options;
    private readonly RejectionLog _rejections;

    /// <summary>Validates the options and loads GDAL, so that systemic problems surface before any work.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="DllNotFoundException">GDAL is not installed.</exception>
    public OrthophotoTileReader(TilingOptions options, RejectionLog rejections)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rejections);
        options.Validate();
        GdalRuntime.EnsureInitialized();
        _options = options;
        _rejections = rejections;
    }

    /// <summary>
    /// Reads the inputs in order and writes their tiles to <paramref name="output"/>: all tiles of one input
    /// contiguously, in row-major order, skipping tiles without a valid pixel. Completes <paramref name="output"/> when
    /// done, with the exception when the run fails or is cancelled.
    /// </summary>
    /// <param name="inputPaths">Georeferenced rasters in any CRS and format GDAL reads.</param>
    /// <param name="output">Receives the tiles; a bounded channel makes this stage wait for the detector.</param>
    /// <param name="ct">Cancels the run.</param>
    public async Task RunAsync(IReadOnlyList<string> inputPaths, ChannelWriter<GeoTile> output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        Exception? failure = null;
        try
        {
            ArgumentNullException.ThrowIfNull(inputPaths);

            // GDAL calls block; hand control back to the caller (the runner starting the other stages) first.
            await Task.Yield();
            foreach (var path in inputPaths)
            {
                ct.ThrowIfCancellationRequested();
                using var source = TryOpen(path);
                if (source is not null)
                {
                    await WriteTilesAsync(source, output, ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            output.TryComplete(failure);
        }
    }

    private WarpedSource? TryOpen(string path)
    {
        try
        {
            return WarpedSource.Open(path, _options);
        }
        catch (InputException ex)
        {
            _rejections.Add(ex.Path, ex.Reason);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _rejections.Add(path, $"cannot be read: {ex.Message}");
        }

        return null;
    }

    private async Task WriteTilesAsync(WarpedSource source, ChannelWriter<GeoTile> output, CancellationToken ct)
    {
        for (var row = 0; row < source.Layout.TilesDown; row++)
        {
            for (var column = 0; column < source.Layout.TilesAcross; column++)
            {
                ct.ThrowIfCancellationRequested();
                GeoTile? tile;
                try
                {
                    tile = source.ReadTile(column, row);
                }
                catch (GdalException ex)
                {
                    _rejections.Add(source.Path, $"tile ({column},{row}) unreadable, its ground left out (not covered): {ex.Message}");
                    continue;
                }
                catch (InputException ex)
                {
                    _rejections.Add(ex.Path, ex.Reason);
                    return;
                }

                if (tile is not null)
                {
                    await output.WriteAsync(tile, ct).ConfigureAwait(false);
                }
            }
        }
    }
}
