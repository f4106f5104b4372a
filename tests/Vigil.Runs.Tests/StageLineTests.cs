using System.Threading.Channels;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Vigil.Core;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Runs.Pipeline;

namespace Vigil.Runs.Tests;

/// <summary>
/// The stage line with stages that fault or stall on cue: every wait is on a channel or a signal, never a clock. The
/// timeout on each run only turns a hang (the bug under test) into a failure instead of a stuck test run.
/// </summary>
public sealed class StageLineTests : IDisposable
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);
    private static readonly ChannelCapacities OneEach = new(1, 1, 1);
    private static readonly DateTimeOffset May2026 = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);
    private static readonly UtmZone Zone38North = new(38, true);

    private const string Roof =
        "POLYGON ((483300 4616400, 483320 4616400, 483320 4616420, "
        + "483300 4616420, "
        + "483300 4616400))";

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-runs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_detector_that_faults_while_the_reader_waits_on_a_full_channel_ends_the_run_with_its_error()
    {
        // The evaluator's old wiring: a reader blocked on a full tile channel waited forever once the detector died.
        var readerEnded = new TaskCompletionSource<Exception?>();
        var stages = Stages(
            read: async (tiles, ct) =>
            {
                try
                {
                    while (true)
                    {
                        await tiles.WriteAsync(Tile(), ct);
                    }
                }
                catch (Exception ex)
                {
                    readerEnded.SetResult(ex);
                    throw;
                }
                finally
                {
                    tiles.TryComplete();
                }
            },
            detect: async (tiles, _, ct) =>
            {
                await tiles.ReadAsync(ct);
                throw new InvalidDataException("the detector broke on tile 1");
            });

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => StageLine.RunAsync(stages, OneEach, CancellationToken.None).WaitAsync(HangLimit));

        Assert.Equal("the detector broke on tile 1", error.Message);
        Assert.IsAssignableFrom<OperationCanceledException>(await readerEnded.Task);
    }

    [Fact]
    public async Task A_writer_that_faults_cancels_every_stage_upstream_and_its_error_is_the_one_thrown()
    {
        var cancelled = new List<string>();
        async Task Stall(string stage, CancellationToken ct)
        {
            try
            {
                await UntilCancelled(ct);
            }
            catch (OperationCanceledException)
            {
                lock (cancelled)
                {
                    cancelled.Add(stage);
                }

                throw;
            }
        }

        var stages = Stages(
            read: async (_, ct) => await Stall("read", ct),
            detect: async (_, _, ct) => await Stall("detect", ct),
            merge: async (_, _, ct) => await Stall("merge", ct),
            compare: async (_, _, ct) => await Stall("compare", ct),
            write: (_, _) => Task.FromException<int>(new IOException("disk full")));

        var error = await Assert.ThrowsAsync<IOException>(
            () => StageLine.RunAsync(stages, OneEach, CancellationToken.None).WaitAsync(HangLimit));

        Assert.Equal("disk full", error.Message);
        // The detector may be cancelled before its thread starts, and then never runs at all.
        Assert.Equal(["compare", "merge", "read"], cancelled.Where(s => s != "detect").Order());
    }

    [Fact]
    public async Task A_stage_that_throws_before_its_first_await_still_cancels_the_others()
    {
        var stages = Stages(
            read: async (tiles, ct) =>
            {
                try
                {
                    while (true)
                    {
                        await tiles.WriteAsync(Tile(), ct);
                    }
                }
                finally
                {
                    tiles.TryComplete();
                }
            },
            compare: (_, _, _) => throw new ArgumentException("bad baseline"));

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => StageLine.RunAsync(stages, OneEach, CancellationToken.None).WaitAsync(HangLimit));

        Assert.Equal("bad baseline", error.Message);
    }

    [Fact]
    public async Task Every_item_reaches_the_writer_through_channels_of_one_when_nothing_faults()
    {
        var stages = Stages(
            read: async (tiles, ct) =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await tiles.WriteAsync(Tile(), ct);
                }

                tiles.TryComplete();
            });

        var count = await StageLine.RunAsync(stages, OneEach, CancellationToken.None).WaitAsync(HangLimit);

        Assert.Equal(5, count);
    }

    [Fact]
    public async Task A_cancelled_run_leaves_the_ledger_as_before_the_unfinished_flight()
    {
        using var store = GeoPackageLedgerStore.Open(Path.Combine(_folder, "ledger.gpkg"));
        var earlier = store.InsertRecord(new NewViolation(ViolationKinds.New, Zone38North.ToWgs84(Wkt(Roof)), 400, 0, 0.9,
            May2026, "F0", null, null, "test"));
        var before = store.ReadRecords();
        var writer = new LedgerWriter(store, new FlightContext("F1", Zone38North, May2026.AddDays(1), ["a.tif"]), [], "test");
        using var cancel = new CancellationTokenSource();
        var comparing = new TaskCompletionSource();
        var stages = new StageList<LedgerMessage, LedgerRunSummary>(
            (tiles, _) =>
            {
                tiles.TryComplete();
                return Task.CompletedTask;
            },
            PassTiles,
            null,
            async (_, findings, ct) =>
            {
                // The comparer has a finding ready when the run is cancelled: it must never reach the ledger.
                comparing.SetResult();
                try
                {
                    await UntilCancelled(ct);
                    await findings.WriteAsync(new Finding(FindingKind.New, Wkt(Roof), 400, 0, 0.9, "a.tif", null, null), ct);
                }
                finally
                {
                    findings.TryComplete();
                }
            },
            writer.RunAsync);

        var run = StageLine.RunAsync(stages, OneEach, cancel.Token);
        await comparing.Task.WaitAsync(HangLimit);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(HangLimit));
        var after = store.ReadRecords();
        Assert.Equal(before.Select(r => (r.Number, r.Kind, r.AreaSquareMeters, r.LastSeenUtc)),
            after.Select(r => (r.Number, r.Kind, r.AreaSquareMeters, r.LastSeenUtc)));
        Assert.Equal([earlier], after.Select(r => r.Number));
    }

    [Fact]
    public async Task Cancelling_the_caller_ends_a_stalled_run_with_a_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        var reading = new TaskCompletionSource();
        var stages = Stages(read: async (tiles, ct) =>
        {
            try
            {
                reading.SetResult();
                await UntilCancelled(ct);
            }
            finally
            {
                tiles.TryComplete();
            }
        });

        var run = StageLine.RunAsync(stages, OneEach, cancel.Token);
        await reading.Task.WaitAsync(HangLimit);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(HangLimit));
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    /// <summary>A stage stalled until the run is cancelled: no clock, only the token.</summary>
    private static async Task UntilCancelled(CancellationToken ct)
    {
        var never = new TaskCompletionSource();
        await using var registration = ct.Register(() => never.TrySetCanceled(ct));
        await never.Task;
    }

    private static Geometry Wkt(string wkt) => new WKTReader().Read(wkt);

    private static GeoTile Tile() => new("a.tif",
        new RasterGrid(GeoTransform.NorthUp(0, 0, 1), Zone38North, 1, 1, 1, 1), 0, 0, new PixelRect(0, 0, 1, 1),
        new PixelRect(0, 0, 1, 1), new byte[3], [255]);

    /// <summary>A line whose stages pass items on one for one; each test replaces the stages it needs to misbehave.</summary>
    private static StageList<int, int> Stages(
        Func<ChannelWriter<GeoTile>, CancellationToken, Task>? read = null,
        Func<ChannelReader<GeoTile>, ChannelWriter<FootprintBatch>, CancellationToken, Task>? detect = null,
        Func<ChannelReader<FootprintBatch>, ChannelWriter<FootprintBatch>, CancellationToken, Task>? merge = null,
        Func<ChannelReader<FootprintBatch>, ChannelWriter<int>, CancellationToken, Task>? compare = null,
        Func<ChannelReader<int>, CancellationToken, Task<int>>? write = null) => new(
        read ?? ((tiles, _) =>
        {
            tiles.TryComplete();
            return Task.CompletedTask;
        }),
        detect ?? PassTiles,
        merge ?? PassBatches,
        compare ?? CountBatches,
        write ?? SumAsync);

    private static async Task PassTiles(ChannelReader<GeoTile> tiles, ChannelWriter<FootprintBatch> batches, CancellationToken ct)
    {
        try
        {
            await foreach (var _ in tiles.ReadAllAsync(ct))
            {
                await batches.WriteAsync(new FootprintBatch([], Polygon.Empty), ct);
            }
        }
        finally
        {
            batches.TryComplete();
        }
    }

    private static async Task PassBatches(ChannelReader<FootprintBatch> input, ChannelWriter<FootprintBatch> output, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in input.ReadAllAsync(ct))
            {
                await output.WriteAsync(batch, ct);
            }
        }
        finally
        {
            output.TryComplete();
        }
    }

    private static async Task CountBatches(ChannelReader<FootprintBatch> input, ChannelWriter<int> output, CancellationToken ct)
    {
        try
        {
            await foreach (var _ in input.ReadAllAsync(ct))
            {
                await output.WriteAsync(1, ct);
            }
        }
        finally
        {
            output.TryComplete();
        }
    }

    private static async Task<int> SumAsync(ChannelReader<int> input, CancellationToken ct)
    {
        var sum = 0;
        await foreach (var item in input.ReadAllAsync(ct))
        {
            sum += item;
        }

        return sum;
    }
}
