using System.Threading.Channels;
using Vigil.Core;

namespace Vigil.Runs.Pipeline;

/// <summary>
/// The stages of one run, each given as its <c>RunAsync</c>: reader -> detector -> [merger] -> comparer -> writer.
/// Only <see cref="StageLine"/> creates the channels between them.
/// </summary>
/// <typeparam name="TFinding">What the comparer hands the writer (a <see cref="Finding"/> in a flight).</typeparam>
/// <typeparam name="TResult">What the writer returns when its input is complete.</typeparam>
/// <param name="Read">Writes tiles; completes its writer in <c>finally</c>.</param>
/// <param name="Detect">Tiles to footprint batches.</param>
/// <param name="Merge">Footprint batches to merged batches (overlapping drone photos); null for none.</param>
/// <param name="Compare">Footprint batches to findings.</param>
/// <param name="Write">Consumes the findings; the run's result.</param>
internal sealed record StageList<TFinding, TResult>(
    Func<ChannelWriter<GeoTile>, CancellationToken, Task> Read,
    Func<ChannelReader<GeoTile>, ChannelWriter<FootprintBatch>, CancellationToken, Task> Detect,
    Func<ChannelReader<FootprintBatch>, ChannelWriter<FootprintBatch>, CancellationToken, Task>? Merge,
    Func<ChannelReader<FootprintBatch>, ChannelWriter<TFinding>, CancellationToken, Task> Compare,
    Func<ChannelReader<TFinding>, CancellationToken, Task<TResult>> Write);
