using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Vigil.Cli;
using Vigil.Core;
using Vigil.Ingest.Video;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Office;
using Vigil.Runs.Flights;
using Vigil.Runs.Video;

namespace Vigil.IntegrationTests;

/// <summary><c>vigil run</c> over the real street clip and its GPX route, into a real GeoPackage ledger.</summary>
[Collection(VideoDecoding.Name)]
public sealed class VideoEvidenceTests
{
    private static readonly DateTimeOffset March2025 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    // The route starts at 37.793585, -122.461396 heading north. Ahead: a 10 m building 20 m north and 6 m east of the
    // start, in view of the first frames. Behind: one 25 m south, within reach but never in view.
    private const string Ahead = "POLYGON ((-122.461385 37.79372, -122.461271 37.79372, -122.461271 37.79381, -122.461385 37.79381, -122.461385 37.79372))";
    private const string Behind = "POLYGON ((-122.461453 37.793315, -122.461339 37.793315, -122.461339 37.793405, -122.461453 37.793405, -122.461453 37.793315))";

    [Fact]
    public async Task Street_frames_are_attached_to_the_case_they_face_and_not_to_the_one_behind()
    {
        using var temp = new TempDirectory();
        var ledger = temp.File("ledger.gpkg");
        string ahead, behind;
        using (var store = GeoPackageLedgerStore.Open(ledger))
        {
            ahead = Open(store, Ahead);
            behind = Open(store, Behind);
        }

        var folder = SharedData.Folder("video_gps_samples");
        var video = Path.Combine(folder, "street_sample-5s.mp4");
        var options = new VideoRunOptions([new VideoInput(video, Path.Combine(folder, "street_sf_30km_h.gpx"))], ledger, "street-1");

        var result = await VideoRunner.RunAsync(options, CancellationToken.None);

        Assert.InRange(result.StreetFrames, 7, 10);
        Assert.Equal(0, result.DroneFrames);
        Assert.All(result.Attached, a =>
        {
            Assert.Equal(ahead, a.Number);
            Assert.Equal("street-frame", a.Kind);
            Assert.InRange(a.DistanceMeters!.Value, 0, 40);
            Assert.StartsWith(temp.Path, a.Path, StringComparison.Ordinal);
            Assert.True(File.Exists(a.Path));
        });
        Assert.InRange(result.Attached.Count, 1, 3);
        Assert.StartsWith($"{video}: video is shorter than its track", Assert.Single(result.Rejections).ToString());
        Assert.True(File.Exists(result.FramesGeoJsonPath));
        Assert.Contains("\"camera\":\"dashcam\"", File.ReadAllText(result.FramesGeoJsonPath), StringComparison.Ordinal);

        using var reopened = GeoPackageLedgerStore.Open(ledger);
        Assert.DoesNotContain(reopened.ReadEvents(behind), e => e.Kind == LedgerEventKinds.EvidenceAttached);
        var output = new StringWriter();
        LedgerCommand.Exit(() => LedgerActions.Show(reopened, output, ahead));
        Assert.Contains("evidence-attached", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("street-frame", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(FlightStatus.Completed, reopened.FindFlight("street-1")!.Status);
    }

    [Fact]
    public async Task A_rerun_attaches_nothing_twice()
    {
        using var temp = new TempDirectory();
        var ledger = temp.File("ledger.gpkg");
        using (var store = GeoPackageLedgerStore.Open(ledger))
        {
            Open(store, Ahead);
        }

        var folder = SharedData.Folder("video_gps_samples");
        var options = new VideoRunOptions(
            [new VideoInput(Path.Combine(folder, "street_sample-5s.mp4"), Path.Combine(folder, "street_sf_30km_h.gpx"))], ledger, "street-1");

        var first = await VideoRunner.RunAsync(options, CancellationToken.None);
        var second = await VideoRunner.RunAsync(options, CancellationToken.None);

        Assert.NotEmpty(first.Attached);
        Assert.Empty(second.Attached);
    }

    [Fact]
    public async Task Bad_tracks_are_named_and_no_frame_at_all_fails_the_run()
    {
        using var temp = new TempDirectory();
        var video = Path.Combine(SharedData.Folder("video_gps_samples"), "street_sample-5s.mp4");
        var backwards = Path.Combine(SharedData.Folder("dji_srt_and_gps_tracks"), "exiftool_geotag_samples", "Geotag.gpx");
        var options = new VideoRunOptions([new VideoInput(video, backwards), new VideoInput(video, null)], temp.File("ledger.gpkg"));

        var ex = await Assert.ThrowsAsync<RunFailedException>(() => VideoRunner.RunAsync(options, CancellationToken.None));

        Assert.Equal(ExitCodes.NoUsableInput, ex.ExitCode);
        Assert.Contains($"{backwards}: time goes backwards at point 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{video}: no GoPro telemetry track (gpmd)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drone_clip_frames_carry_height_and_without_gimbal_pitch_are_neither_evidence_nor_detected()
    {
        using var temp = new TempDirectory();
        var video = Path.Combine(SharedData.Folder("video_gps_samples"), "gopro_karma.mp4");
        var ledger = temp.File("ledger.gpkg");
        var baseline = BadInputTests.WriteBaseline(temp.File("baseline.geojson"));
        var options = new VideoRunOptions([new VideoInput(video, null)], ledger, "karma")
        {
            Detection = new FlightRunOptions([video], baseline, ledger, null, SharedData.ShippedModel),
        };

        var error = await Assert.ThrowsAsync<RunFailedException>(() => VideoRunner.RunAsync(options, CancellationToken.None));

        // GoPro telemetry has no gimbal angles: without --camera drone nothing tells these frames from oblique ones.
        Assert.Equal(ExitCodes.NoUsableInput, error.ExitCode);
        Assert.Contains($"{video}: its track gives no gimbal pitch: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("pass --camera drone", error.Message, StringComparison.Ordinal);
        var frames = File.ReadAllText(temp.File("ledger.karma.frames.geojson"));
        Assert.Contains("\"camera\":\"drone\"", frames, StringComparison.Ordinal);
        Assert.DoesNotContain("\"camera\":\"dashcam\"", frames, StringComparison.Ordinal);
        Assert.DoesNotContain("\"height_m\":null", frames, StringComparison.Ordinal);
        using var store = GeoPackageLedgerStore.Open(ledger);
        Assert.DoesNotContain(store.ReadEvents(), e => e.Kind == LedgerEventKinds.EvidenceAttached);
        Assert.Equal(FlightStatus.Failed, store.FindFlight("karma")!.Status);
    }

    [Fact]
    public async Task Street_model_sightings_are_candidates_until_a_case_stands_where_they_point()
    {
        // TestModels/street.onnx boxes the bright 80-px cells of each frame (here: sky and light facades). With no case
        // every sighting is a candidate; a case drawn around the first one's spot is then corroborated by that frame.
        using var temp = new TempDirectory();
        var ledger = temp.File("ledger.gpkg");
        var folder = SharedData.Folder("video_gps_samples");
        var input = new VideoInput(Path.Combine(folder, "street_sample-5s.mp4"), Path.Combine(folder, "street_sf_30km_h.gpx"));
        var street = new StreetDetectionOptions(Path.Combine(AppContext.BaseDirectory, "TestModels", "street.card.json"),
            new SightingGeometry(), new StreetCorroboration(), Threads: 1);

        var first = await VideoRunner.RunAsync(new VideoRunOptions([input], ledger, "street-1", Street: street), CancellationToken.None);

        var sightings = first.Street!.Matches;
        Assert.NotEmpty(sightings);
        Assert.All(sightings, m =>
        {
            Assert.Null(m.Number);
            var s = m.Sighting;
            Assert.InRange(s.RangeMeters, 0.5, 40);
            Assert.Equal(s.RangeMeters, LocalMetricFrame.DistanceMeters(s.Camera.LongitudeDeg, s.Camera.LatitudeDeg, s.LongitudeDeg, s.LatitudeDeg), 1);
        });
        Assert.Equal(sightings.Count, CountFeatures(first.Street.GeoJsonPath));

        var spot = sightings[0].Sighting;
        string number;
        using (var store = GeoPackageLedgerStore.Open(ledger))
        {
            number = Open(store, new Point(spot.LongitudeDeg, spot.LatitudeDeg).Buffer(3e-5, 2).AsText());
        }

        var second = await VideoRunner.RunAsync(new VideoRunOptions([input], ledger, "street-2", Street: street), CancellationToken.None);

        // Each flight writes its frames into its own evidence folder: the same frame has the same file name.
        var frame = Path.GetFileName(spot.ImagePath);
        Assert.Contains(second.Street!.Attached, a => a.Number == number && Path.GetFileName(a.Path) == frame && a.Kind == StreetCorroboration.Kind);
        Assert.Contains(second.Street.Matches, m => m.Number == number && Path.GetFileName(m.Sighting.ImagePath) == frame);
        using var reopened = GeoPackageLedgerStore.Open(ledger);
        var output = new StringWriter();
        LedgerCommand.Exit(() => LedgerActions.Show(reopened, output, number));
        Assert.Contains(StreetCorroboration.Kind, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_street_model_whose_card_does_not_fit_stops_the_run_before_any_work_naming_the_file()
    {
        using var temp = new TempDirectory();
        var folder = SharedData.Folder("video_gps_samples");
        var input = new VideoInput(Path.Combine(folder, "street_sample-5s.mp4"), Path.Combine(folder, "street_sf_30km_h.gpx"));
        var buildingModel = Path.Combine(AppContext.BaseDirectory, "TestModels", "brightness.onnx");
        var street = new StreetDetectionOptions(buildingModel, new SightingGeometry(), new StreetCorroboration());

        var ex = await Assert.ThrowsAsync<RunFailedException>(() =>
            VideoRunner.RunAsync(new VideoRunOptions([input], temp.File("ledger.gpkg"), Street: street), CancellationToken.None));

        Assert.Equal(ExitCodes.BadConfiguration, ex.ExitCode);
        Assert.Contains("brightness.card.json", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("ledger.gpkg")));
    }

    private static int CountFeatures(string geoJsonPath)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(geoJsonPath));
        return json.RootElement.GetProperty("features").GetArrayLength();
    }

    private static string Open(ILedgerStore store, string wkt) => store.InsertRecord(new NewViolation(
        ViolationKinds.New, new WKTReader().Read(wkt), 100, 0, 0.9, March2025, "F0", null, null, "vigil"));
}
