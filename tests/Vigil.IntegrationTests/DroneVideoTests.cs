using System.Diagnostics;
using Vigil.Core;
using Vigil.Detect;
using Vigil.Ingest;
using Vigil.Ingest.Photos;
using Vigil.Ingest.Video;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Flights;
using Vigil.Runs.Video;

namespace Vigil.IntegrationTests;

/// <summary>
/// Drone video through the footprint path of drone photos: a clip encoded with ffmpeg from three overlapping real DJI
/// Phantom 3 nadir photos (../shared/data/odm_toledo_dji_photos) at half their width, with an SRT written from their
/// EXIF positions and gimbal angles, and the same clip with a real oblique Phantom 4 RTK SRT.
/// </summary>
[Collection(VideoDecoding.Name)]
public sealed class DroneVideoTests
{
    /// <summary>Camera height above ground for the Toledo flight, metres (see <see cref="DronePhotoTests"/>).</summary>
    private const double HeightMeters = 120;

    /// <summary>Half the photos' 2400 columns: a frame as a video would carry it, not the photo.</summary>
    private const int FrameWidthPixels = 1200;

    private static readonly string[] Names = ["DJI_0061.JPG", "DJI_0062.JPG", "DJI_0063.JPG"];

    private static string Photo(string name) => Path.Combine(SharedData.Folder("odm_toledo_dji_photos"), "images", name);

    private static string Baseline(TempDirectory temp)
    {
        var path = temp.File("baseline.geojson");
        // A registered building on either side of the frames, none under them: the baseline is this area's, and what
        // the frames show is new.
        File.WriteAllText(path, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"sw"},"geometry":{"type":"Polygon",
            "coordinates":[[[-83.7020,41.5460],[-83.7019,41.5460],[-83.7019,41.5461],[-83.7020,41.5461],[-83.7020,41.5460]]]}},
            {"type":"Feature","properties":{"id":"ne"},"geometry":{"type":"Polygon",
            "coordinates":[[[-83.6960,41.5510],[-83.6959,41.5510],[-83.6959,41.5511],[-83.6960,41.5511],[-83.6960,41.5510]]]}}]}
            """);
        return path;
    }

    [Fact]
    public async Task Nadir_frames_are_georeferenced_like_the_photos_and_detected_once_per_structure()
    {
        using var temp = new TempDirectory();
        var photos = Names.Select(Photo).ToList();
        var metadata = photos.Select(PhotoMetadataReader.Read).ToList();
        var video = DroneClip.Encode(temp.File("DJI_0001.MP4"), photos, FrameWidthPixels);
        var srt = DroneClip.WriteSrt(temp.File("DJI_0001.SRT"), [.. metadata.Select(m => m.Pose)], HeightMeters);
        var ledger = temp.File("ledger.gpkg");
        var options = new VideoRunOptions([new VideoInput(video, srt)], ledger, "clip-1")
        {
            Detection = new FlightRunOptions([video], Baseline(temp), ledger, null, SharedData.ShippedModel),
            HorizontalFieldOfViewDeg = metadata[0].Optics.HorizontalFieldOfViewDeg,
        };

        var clock = Stopwatch.StartNew();
        var result = await VideoRunner.RunAsync(options, CancellationToken.None);
        clock.Stop();

        Assert.Empty(result.Rejections);
        Assert.Equal((3, 3), (result.DroneFrames, result.GeoreferencedFrames.Count));

        // Each frame's footprint is centred on its photo's EXIF position (the 0.1° tilt moves it 0.21 m) and is the
        // photo's own footprint at twice the GSD.
        var asPhotos = DronePhotoSet.Prepare(photos, HeightMeters, Directory.CreateDirectory(temp.File("photos")).FullName, new RejectionLog());
        var (toExif, toPhoto) = (0.0, 0.0);
        foreach (var (frame, photo) in result.GeoreferencedFrames.Zip(asPhotos))
        {
            var (e, n) = frame.Footprint.Zone.Forward(photo.Metadata.Pose.LongitudeDeg, photo.Metadata.Pose.LatitudeDeg);
            var (ce, cn) = frame.Footprint.CenterUtm;
            toExif = Math.Max(toExif, Math.Sqrt((ce - e) * (ce - e) + (cn - n) * (cn - n)));
            Assert.InRange(toExif, 0, 0.25);
            var (pe, pn) = photo.Footprint.CenterUtm;
            toPhoto = Math.Max(toPhoto, Math.Sqrt((ce - pe) * (ce - pe) + (cn - pn) * (cn - pn)));
            Assert.InRange(toPhoto, 0, 0.05);
            Assert.Equal(2 * photo.Footprint.GsdMeters, frame.Footprint.GsdMeters, 0.002);
            var overlap = frame.Footprint.OutlineUtm.Intersection(photo.Footprint.OutlineUtm).Area;
            Assert.InRange(overlap / photo.Footprint.OutlineUtm.Area, 0.99, 1.01);
        }

        var detection = result.Detection!;
        Assert.Equal(new UtmZone(17, true), detection.WorkingCrs);
        Assert.True(detection.Detections > 0);
        Assert.InRange(detection.Ledger.NumbersAssigned.Count, 1, detection.Detections - 1);
        using var store = GeoPackageLedgerStore.Open(ledger);
        var outlines = store.ReadRecords().Select(r => detection.WorkingCrs.FromWgs84(r.FootprintWgs84)).ToList();
        Assert.Equal(detection.Ledger.NumbersAssigned.Count, outlines.Count);
        for (var i = 0; i < outlines.Count; i++)
        {
            for (var j = i + 1; j < outlines.Count; j++)
            {
                Assert.False(OverlapMerger.SameStructure(outlines[i], outlines[j]), $"records {i} and {j} are one structure");
            }
        }

        var flight = store.FindFlight("clip-1")!;
        Assert.Equal(FlightStatus.Completed, flight.Status);
        Assert.Equal([Path.GetFullPath(video), Path.GetFullPath(srt)], flight.Inputs);
        Assert.NotNull(flight.CoveredAreaWgs84);
        Assert.NotNull(flight.CapturedUtc);
        Assert.Single(store.ReadEvents(), e => e.FlightId == "clip-1" && e.Kind == LedgerEventKinds.FlightStarted);
        Assert.Contains("\"camera\":\"drone\"", File.ReadAllText(result.FramesGeoJsonPath), StringComparison.Ordinal);
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"drone clip: {result.Frames.Count} frames, footprint centres at most {toExif:F3} m from the EXIF positions and {toPhoto:F3} m from the photos' footprints, {detection.Tiles} tiles, {detection.Detections} detections, {outlines.Count} records in {clock.Elapsed.TotalSeconds:F1} s"));
    }

    [Fact]
    public async Task Frames_of_a_real_oblique_track_are_rejected_one_by_one_with_the_reason()
    {
        using var temp = new TempDirectory();
        var video = DroneClip.Encode(temp.File("DJI_0002.MP4"), [.. Names.Select(Photo)], FrameWidthPixels);
        var srt = Path.Combine(SharedData.Folder("dji_srt_and_gps_tracks"), "dji_srt", "p4_rtk.SRT");
        var ledger = temp.File("ledger.gpkg");
        var options = new VideoRunOptions([new VideoInput(video, srt)], ledger, "oblique-1")
        {
            Detection = new FlightRunOptions([video], Baseline(temp), ledger, null, SharedData.ShippedModel),
        };

        var error = await Assert.ThrowsAsync<RunFailedException>(() => VideoRunner.RunAsync(options, CancellationToken.None));

        Assert.Equal(ExitCodes.NoUsableInput, error.ExitCode);
        Assert.StartsWith("no drone frame could be georeferenced: ", error.Message, StringComparison.Ordinal);
        using var store = GeoPackageLedgerStore.Open(ledger);
        var flight = store.FindFlight("oblique-1")!;
        Assert.Equal(FlightStatus.Failed, flight.Status);
        var oblique = flight.Rejections.Where(r => r.Contains("oblique picture", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(oblique);
        Assert.All(oblique, r => Assert.Matches(
            @"DJI_0002-\d{7}ms\.jpg: oblique picture: camera pitch -24\.4° is 65\.6° from straight down \(at most 10° allowed\)$", r));
        Assert.Contains(flight.Rejections, r => r.StartsWith($"{video}: video is shorter than its track", StringComparison.Ordinal));
        Assert.Empty(store.ReadRecords());
        Assert.Single(store.ReadEvents(), e => e.FlightId == "oblique-1" && e.Kind == LedgerEventKinds.FlightStarted);
    }

    [Fact]
    public async Task A_drone_video_without_a_baseline_is_refused_before_any_frame_is_decoded()
    {
        using var temp = new TempDirectory();
        var video = Path.Combine(SharedData.Folder("video_gps_samples"), "gopro_karma.mp4");

        var error = await Assert.ThrowsAsync<RunFailedException>(() =>
            VideoRunner.RunAsync(new VideoRunOptions([new VideoInput(video, null)], temp.File("ledger.gpkg")), CancellationToken.None));

        Assert.Equal(ExitCodes.BadConfiguration, error.ExitCode);
        Assert.Contains($"{video} is a drone video", error.Message, StringComparison.Ordinal);
        Assert.Contains("--baseline", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("ledger.gpkg")));
        Assert.False(Directory.Exists(temp.File("ledger-evidence")));
    }
}
