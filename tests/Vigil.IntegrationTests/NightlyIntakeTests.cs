using Vigil.Ingest.Photos;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Flights;
using Vigil.Runs.Nightly;

namespace Vigil.IntegrationTests;

/// <summary>
/// The nightly intake over uploads as operators make them: a real GeoTIFF (SpaceNet Atlanta, 900x900 px at 0.5 m)
/// written into the inbox in pieces across runs, an upload that stalls, a done marker, changed files, and flights of
/// real DJI photos and of a drone video with its SRT. The brightness test model keeps each run short; the ledger is a
/// real GeoPackage.
/// </summary>
[Collection(VideoDecoding.Name)]
public sealed class NightlyIntakeTests
{
    private static readonly string BrightnessModel = Path.Combine(AppContext.BaseDirectory, "TestModels", "brightness.onnx");
    private static readonly string Atlanta = Path.Combine(SharedData.Folder("solaris_spacenet_atlanta"), "sample_geotiff.tif");
    private static readonly string AtlantaBuildings = Path.Combine(SharedData.Folder("solaris_spacenet_atlanta"), "geotiff_labels.geojson");
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddDays(1);

    [Fact]
    public async Task An_upload_in_pieces_is_processed_once_and_completely()
    {
        using var temp = new TempDirectory();
        var (inbox, config) = Setup(temp, "settle_minutes: 10");
        var reference = await ReferenceRunAsync(temp);
        var bytes = File.ReadAllBytes(Atlanta);
        var target = Path.Combine(Directory.CreateDirectory(Path.Combine(inbox, "2026-11-30-城西")).FullName, "ortho.tif");
        var thirds = new[] { 0, bytes.Length / 3, 2 * bytes.Length / 3, bytes.Length };

        // Night 1: the first third, written two minutes ago.
        Upload(target, bytes, thirds[0], thirds[1], T0.AddMinutes(-2));
        var night1 = await RunAsync(inbox, config, T0);

        // Night 2: the second third, by an uploader that keeps the sender's old file time: only the size tells.
        Upload(target, bytes, thirds[1], thirds[2], T0.AddDays(-3));
        var night2 = await RunAsync(inbox, config, T0.AddHours(1));

        // Night 3: the rest, just written; night 4: quiet for the settle time; night 5: nothing new.
        Upload(target, bytes, thirds[2], thirds[3], T0.AddHours(2).AddMinutes(-1));
        var night3 = await RunAsync(inbox, config, T0.AddHours(2));
        var night4 = await RunAsync(inbox, config, T0.AddHours(3));
        var night5 = await RunAsync(inbox, config, T0.AddHours(4));

        foreach (var waiting in new[] { night1, night2, night3 })
        {
            Assert.Empty(waiting.Flights);
            Assert.Single(waiting.Waiting);
            Assert.StartsWith("2026-11-30-城西: ortho.tif changed", waiting.Waiting[0], StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Success, NightlyJob.Summary(waiting, TextWriter.Null));
        }

        Assert.Contains("changed 2 min ago (settle time 10 min)", night1.Waiting[0], StringComparison.Ordinal);
        Assert.Contains("changed 0 min ago", night2.Waiting[0], StringComparison.Ordinal);
        var flight = Assert.Single(night4.Flights);
        Assert.Null(flight.Error);
        Assert.Equal("orthophotos", flight.Kind);
        Assert.Empty(flight.Rejections);
        Assert.Equal(["2026-11-30-城西"], night5.AlreadyDone);
        Assert.Empty(night5.Flights);

        using var ledger = GeoPackageLedgerStore.Open(config.Ledger);
        var row = ledger.FindFlight("2026-11-30-城西")!;
        Assert.Equal(FlightStatus.Completed, row.Status);
        Assert.Equal((reference.Tiles, reference.Detections), (row.Tiles, row.Detections));
        Assert.Equal(reference.Ledger.NumbersAssigned.Count, flight.NumbersAssigned.Count);
        Assert.Equal(reference.Ledger.NumbersAssigned.Count, ledger.ReadRecords().Count);
        Assert.Single(ledger.ReadEvents(), e => e.Kind == LedgerEventKinds.FlightStarted && e.FlightId == "2026-11-30-城西");
    }

    [Fact]
    public async Task A_stalled_upload_is_recorded_failed_and_processed_once_the_rest_arrives()
    {
        using var temp = new TempDirectory();
        var (inbox, config) = Setup(temp, "settle_minutes: 10");
        var reference = await ReferenceRunAsync(temp);
        var bytes = File.ReadAllBytes(Atlanta);
        var target = Path.Combine(Directory.CreateDirectory(Path.Combine(inbox, "f-stalled")).FullName, "ortho.tif");

        Upload(target, bytes, 0, bytes.Length / 2, T0.AddHours(-1));
        var stalled = await RunAsync(inbox, config, T0);
        var unchanged = await RunAsync(inbox, config, T0.AddDays(1));
        FlightRow failedRow;
        using (var ledger = GeoPackageLedgerStore.Open(config.Ledger))
        {
            failedRow = ledger.FindFlight("f-stalled")!;
        }

        Upload(target, bytes, bytes.Length / 2, bytes.Length, T0.AddDays(2).AddHours(-1));
        var whole = await RunAsync(inbox, config, T0.AddDays(2));

        var failed = Assert.Single(stalled.Flights);
        Assert.Contains($"{target}: ", failed.Error, StringComparison.Ordinal);
        Assert.Equal(FlightStatus.Failed, failedRow.Status);
        Assert.Contains(stalled.NeedsAttention, a => a.StartsWith("flight f-stalled failed: ", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.NeedsAttention, NightlyJob.Summary(stalled, TextWriter.Null));
        Assert.Empty(unchanged.Flights);
        Assert.Equal([$"f-stalled: {failed.Error}"], unchanged.StillFailed);
        Assert.Equal(ExitCodes.NeedsAttention, NightlyJob.Summary(unchanged, TextWriter.Null));

        var rerun = Assert.Single(whole.Flights);
        Assert.Null(rerun.Error);
        Assert.StartsWith("its files changed since the failed run", rerun.Rerun, StringComparison.Ordinal);
        using var after = GeoPackageLedgerStore.Open(config.Ledger);
        var row = after.FindFlight("f-stalled")!;
        Assert.Equal(FlightStatus.Completed, row.Status);
        Assert.Equal((reference.Tiles, reference.Detections), (row.Tiles, row.Detections));
        Assert.Equal(reference.Ledger.NumbersAssigned.Count, after.ReadRecords().Count);
    }

    [Fact]
    public async Task With_a_required_done_marker_only_marked_flights_are_taken_and_changed_files_are_processed_again()
    {
        using var temp = new TempDirectory();
        var (inbox, config) = Setup(temp, "done_marker: true");
        var folder = Directory.CreateDirectory(Path.Combine(inbox, "f-marked")).FullName;
        Upload(Path.Combine(folder, "ortho.tif"), File.ReadAllBytes(Atlanta), 0, (int)new FileInfo(Atlanta).Length, T0.AddDays(-1));

        var unmarked = await RunAsync(inbox, config, T0);
        File.WriteAllText(Path.Combine(folder, ".done"), "");
        var marked = await RunAsync(inbox, config, T0.AddHours(1));

        // The operator replaces the orthophoto with a cropped one (a new upload, same name).
        File.Delete(Path.Combine(folder, "ortho.tif"));
        Assert.Equal(0, Gdal("gdal_translate", "-q", "-srcwin", "0", "0", "600", "600", Atlanta, Path.Combine(folder, "ortho.tif")));
        var changed = await RunAsync(inbox, config, T0.AddHours(2));
        var again = await RunAsync(inbox, config, T0.AddHours(3));

        Assert.Equal(["f-marked: ortho.tif has no .done marker yet"], unmarked.Waiting);
        Assert.Empty(unmarked.Flights);
        Assert.Null(Assert.Single(marked.Flights).Error);
        var rerun = Assert.Single(changed.Flights);
        Assert.Null(rerun.Error);
        Assert.NotEqual(marked.Flights[0].Fingerprint, rerun.Fingerprint);
        Assert.StartsWith("its files changed since the completed run", rerun.Rerun, StringComparison.Ordinal);
        Assert.Equal(["f-marked"], again.AlreadyDone);
        using var ledger = GeoPackageLedgerStore.Open(config.Ledger);
        Assert.Equal(FlightStatus.Completed, ledger.FindFlight("f-marked")!.Status);
        Assert.Equal(2, ledger.ReadEvents().Count(e => e.Kind == LedgerEventKinds.FlightStarted));
    }

    [Fact]
    public async Task Photo_and_video_folders_are_flights_and_cut_short_ones_fail_with_the_reason()
    {
        using var temp = new TempDirectory();
        // The Toledo flights' own baseline: a registered building on either side of the photos, none under them (a
        // baseline of another city is refused before anything is recorded).
        var toledo = temp.File("toledo.geojson");
        File.WriteAllText(toledo, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"sw"},"geometry":{"type":"Polygon",
            "coordinates":[[[-83.7020,41.5460],[-83.7019,41.5460],[-83.7019,41.5461],[-83.7020,41.5461],[-83.7020,41.5460]]]}},
            {"type":"Feature","properties":{"id":"ne"},"geometry":{"type":"Polygon",
            "coordinates":[[[-83.6960,41.5510],[-83.6959,41.5510],[-83.6959,41.5511],[-83.6960,41.5511],[-83.6960,41.5510]]]}}]}
            """);
        var (inbox, config) = Setup(temp, "altitude_agl: 120", toledo);
        var names = new[] { "DJI_0061.JPG", "DJI_0062.JPG", "DJI_0063.JPG" };
        var photos = names.Select(n => Path.Combine(SharedData.Folder("odm_toledo_dji_photos"), "images", n)).ToList();
        var photoFolder = Directory.CreateDirectory(Path.Combine(inbox, "photos-东湖")).FullName;
        foreach (var photo in photos)
        {
            File.Copy(photo, Path.Combine(photoFolder, Path.GetFileName(photo)));
        }

        var cutPhoto = Directory.CreateDirectory(Path.Combine(inbox, "photos-cut")).FullName;
        var photoBytes = File.ReadAllBytes(photos[0]);
        File.WriteAllBytes(Path.Combine(cutPhoto, "DJI_0061.JPG"), photoBytes[..(photoBytes.Length * 2 / 3)]);

        var videoFolder = Directory.CreateDirectory(Path.Combine(inbox, "video-1")).FullName;
        var video = DroneClip.Encode(Path.Combine(videoFolder, "DJI_0001.MP4"), photos, 1200);
        DroneClip.WriteSrt(Path.Combine(videoFolder, "DJI_0001.SRT"), [.. photos.Select(p => PhotoMetadataReader.Read(p).Pose)], 120);
        var cutVideo = Directory.CreateDirectory(Path.Combine(inbox, "video-cut")).FullName;
        var videoBytes = File.ReadAllBytes(video);
        File.WriteAllBytes(Path.Combine(cutVideo, "DJI_0001.MP4"), videoBytes[..(videoBytes.Length / 2)]);
        File.Copy(Path.Combine(videoFolder, "DJI_0001.SRT"), Path.Combine(cutVideo, "DJI_0001.SRT"));

        var report = await RunAsync(inbox, config, DateTimeOffset.UtcNow.AddHours(1));

        var byId = report.Flights.ToDictionary(f => f.FlightId);
        Assert.Equal(["photos-cut", "photos-东湖", "video-1", "video-cut"], byId.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("photos", null), (byId["photos-东湖"].Kind, byId["photos-东湖"].Error));
        Assert.Equal(("video", null), (byId["video-1"].Kind, byId["video-1"].Error));
        Assert.Equal($"DJI_0061.JPG ends before its end-of-image marker ({photoBytes.Length * 2 / 3} bytes): the upload is incomplete",
            byId["photos-cut"].Error);
        Assert.StartsWith("DJI_0001.MP4: its 'mdat' box runs past the end of the file", byId["video-cut"].Error, StringComparison.Ordinal);
        using var ledger = GeoPackageLedgerStore.Open(config.Ledger);
        Assert.Equal(FlightStatus.Completed, ledger.FindFlight("photos-东湖")!.Status);
        Assert.True(ledger.FindFlight("photos-东湖")!.Tiles > 0);
        Assert.Equal(FlightStatus.Completed, ledger.FindFlight("video-1")!.Status);
        Assert.True(ledger.FindFlight("video-1")!.Tiles > 0);
        Assert.Equal(FlightStatus.Failed, ledger.FindFlight("photos-cut")!.Status);
        Assert.Equal(FlightStatus.Failed, ledger.FindFlight("video-cut")!.Status);
        Assert.Contains(ledger.FindFlight("video-cut")!.Rejections, r => r.Contains("the upload is incomplete", StringComparison.Ordinal));
    }

    private static async Task<NightlyReport> RunAsync(string inbox, NightlyConfig config, DateTimeOffset at) =>
        await NightlyJob.RunAsync(inbox, config, "cron", new FixedClock(at), CancellationToken.None);

    /// <summary>The whole file run directly, in a ledger of its own: what the nightly flight must come to.</summary>
    private static Task<FlightRunResult> ReferenceRunAsync(TempDirectory temp) =>
        FlightRunner.RunAsync(
            new FlightRunOptions([Atlanta], AtlantaBuildings, temp.File("reference.gpkg"), null, BrightnessModel, "reference"),
            null, CancellationToken.None);

    private static void Upload(string path, byte[] bytes, int from, int to, DateTimeOffset modifiedUtc)
    {
        using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write))
        {
            stream.Write(bytes, from, to - from);
        }

        File.SetLastWriteTimeUtc(path, modifiedUtc.UtcDateTime);
    }

    private static int Gdal(string tool, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(tool, arguments);
        process.WaitForExit();
        return process.ExitCode;
    }

    private static (string Inbox, NightlyConfig Config) Setup(TempDirectory temp, string intake, string? baseline = null)
    {
        var inbox = Directory.CreateDirectory(temp.File("inbox")).FullName;
        var configPath = temp.File("nightly.yaml");
        File.WriteAllText(configPath, $"""
            ledger: ledger.gpkg
            baseline: {baseline ?? AtlantaBuildings}
            model: {BrightnessModel}
            reports: reports
            {intake}
            """);
        return (inbox, NightlyConfig.Load(configPath));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
