using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Vigil.Core;

namespace Vigil.Runs.Pipeline;

/// <summary>
/// Wires the stages of every run, the only place channels are made: bounded, <see cref="BoundedChannelFullMode.Wait"/>
/// (a dropped tile is a missed violation), one linked cancellation source that every stage waits on, and one guard: a
/// stage that faults cancels the others, so no stage stays blocked on a channel its neighbour stopped serving, and
/// the faulting stage's error is the one thrown.
/// </summary>
internal static class StageLine
{
    /// <summary>
    /// Runs the stages to the end and returns the writer's result. Throws the first error that is not a cancellation
    /// (as it was thrown); <see cref="OperationCanceledException"/> when <paramref name="ct"/> was cancelled.
    /// </summary>
    public static async Task<TResult> RunAsync<TFinding, TResult>(
        StageList<TFinding, TResult> stages, ChannelCapacities capacities, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(capacities);
        capacities.Validate();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = linked.Token;
        var tiles = Bounded<GeoTile>(capacities.Tiles);
        var footprints = Bounded<FootprintBatch>(capacities.Footprints);
        var merged = stages.Merge is null ? footprints : Bounded<FootprintBatch>(capacities.Footprints);
        var findings = Bounded<TFinding>(capacities.Findings);

        var running = new List<Task>
        {
            Guard(() => stages.Read(tiles.Writer, token), linked),
            // Inference is CPU-bound and synchronous between awaits: off the caller's thread.
            Guard(() => Task.Run(() => stages.Detect(tiles.Reader, footprints.Writer, token), token), linked),
        };
        if (stages.Merge is { } merge)
        {
            running.Add(Guard(() => merge(footprints.Reader, merged.Writer, token), linked));
        }

        running.Add(Guard(() => stages.Compare(merged.Reader, findings.Writer, token), linked));
        var write = Guard(() => stages.Write(findings.Reader, token), linked);
        running.Add(write);
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (ct.IsCancellationRequested)
            {
                throw new OperationCanceledException("The run was cancelled.", ex, ct);
            }

            var real = running
                .Where(t => t.IsFaulted)
                .SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException) ?? ex;
            ExceptionDispatchInfo.Throw(real);
        }

        return await write.ConfigureAwait(false);
    }

    private static Channel<T> Bounded<T>(int capacity) => Channel.CreateBounded<T>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });

    /// <summary>Runs a stage; when it faults (synchronously or not), cancels the others before passing the error on.</summary>
    private static async Task Guard(Func<Task> stage, CancellationTokenSource linked) =>
        await Guard(async () =>
        {
            await stage().ConfigureAwait(false);
            return true;
        }, linked).ConfigureAwait(false);

    private static async Task<T> Guard<T>(Func<Task<T>> stage, CancellationTokenSource linked)
    {
        try
        {
            return await stage().ConfigureAwait(false);
        }
        catch
        {
            await linked.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
