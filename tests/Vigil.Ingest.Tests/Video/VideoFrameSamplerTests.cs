using System.Threading.Channels;
using OpenCvSharp;
using Vigil.Core;
using Vigil.Ingest.Tracks;
using Vigil.Ingest.Tests.Support;
using Vigil.Ingest.Video;

namespace Vigil.Ingest.Tests.Video;

public sealed class VideoFrameSamplerTests
{
    [Fact]
    public void Street_clip_with_its_gpx_gives_frames_every_5_m()
    {
        using var temp = new TempDirectory();
        var rejections = new RejectionLog();
        var sampler = new VideoFrameSampler(new FrameSamplingOptions(), temp.Path, rejections);
        var video = SharedData.Video("street_sample-5s.mp4");

        var frames = sampler.Sample(new VideoInput(video, SharedData.Video("street_sf_30km_h.gpx")), CancellationToken.None).ToList();

        // 5 s at 30 km/h is about 42 m: a frame at the start and one every 5 m after it.
        Assert.InRange(frames.Count, 7, 10);
        Assert.All(frames.Zip(frames.Skip(1)), pair =>
        {
            Assert.True(pair.Second.DistanceAlongTrackMeters - pair.First.DistanceAlongTrackMeters >= 5);
            Assert.True((pair.Second.MediaTime - pair.First.MediaTime).TotalSeconds >= 0.5);
        });
        Assert.All(frames, f =>
        {
            Assert.Equal(CameraKind.Dashcam, f.Camera);
            Assert.Null(f.Pose.HeightAboveGroundMeters);
            Assert.NotNull(f.Pose.YawDeg);
            Assert.NotNull(f.Pose.CapturedUtc);
            using var image = Cv2.ImRead(f.JpegPath);
            Assert.Equal(1920, image.Width);
        });
        Assert.Equal(TimeSpan.Zero, frames[0].MediaTime);
        Assert.Equal(37.793585, frames[0].Pose.LatitudeDeg, 6);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 7, 0, 0, TimeSpan.Zero), frames[0].Pose.CapturedUtc);
        // The route starts northwards.
        Assert.InRange(frames[0].Pose.YawDeg!.Value, 0, 10);
        var warning = Assert.Single(rejections.Items);
        Assert.Equal(video, warning.Source);
        Assert.StartsWith("video is shorter than its track: the video lasts 5.", warning.Reason);
    }

    [Fact]
    public void Time_offset_moves_the_frames_along_the_track()
    {
        using var temp = new TempDirectory();
        var input = new VideoInput(SharedData.Video("street_sample-5s.mp4"), SharedData.Video("street_sf_30km_h.gpx"));
        var track = TrackReader.Read(input.TrackPath!, new TrackLimits());
        var sampler = new VideoFrameSampler(new FrameSamplingOptions(TimeOffsetSeconds: 30), temp.Path, new RejectionLog());

        var first = sampler.Sample(input, CancellationToken.None).First();

        var expected = track.At(TimeSpan.FromSeconds(30))!;
        Assert.Equal(expected.LatitudeDeg, first.Pose.LatitudeDeg, 9);
        Assert.Equal(expected.LongitudeDeg, first.Pose.LongitudeDeg, 9);
        Assert.InRange(first.DistanceAlongTrackMeters, 200, 300);
    }

    [Fact]
    public void Karma_drone_clip_is_tagged_from_its_own_telemetry_with_height()
    {
        using var temp = new TempDirectory();
        var rejections = new RejectionLog();
        var sampler = new VideoFrameSampler(new FrameSamplingOptions(), temp.Path, rejections);

        var frames = sampler.Sample(new VideoInput(SharedData.Video("gopro_karma.mp4"), null), CancellationToken.None).ToList();

        Assert.NotEmpty(frames);
        Assert.All(frames, f =>
        {
            Assert.Equal(CameraKind.Drone, f.Camera);
            Assert.NotNull(f.Pose.HeightAboveGroundMeters);
            Assert.NotNull(f.Pose.YawDeg);
            Assert.True(File.Exists(f.JpegPath));
        });
        Assert.Empty(rejections.Items);
    }

    [Fact]
    public void Street_walk_with_embedded_gps_is_a_dashcam()
    {
        using var temp = new TempDirectory();
        var sampler = new VideoFrameSampler(new FrameSamplingOptions(SpacingMeters: 2), temp.Path, new RejectionLog());

        var frames = sampler.Sample(new VideoInput(SharedData.Video("gopro_max-heromode.mp4"), null), CancellationToken.None).ToList();

        Assert.NotEmpty(frames);
        Assert.All(frames, f => Assert.Equal(CameraKind.Dashcam, f.Camera));
    }

    [Fact]
    public async Task Stage_records_bad_inputs_and_goes_on()
    {
        using var temp = new TempDirectory();
        var rejections = new RejectionLog();
        var sampler = new VideoFrameSampler(new FrameSamplingOptions(), temp.Path, rejections);
        var channel = Channel.CreateUnbounded<SampledFrame>();
        var video = SharedData.Video("street_sample-5s.mp4");
        var backwards = SharedData.Geotag("Geotag.gpx");
        VideoInput[] inputs =
        [
            new(video, backwards),
            new(video, null),
            new(video, SharedData.Video("street_sf_30km_h.gpx")),
        ];

        await sampler.RunAsync(inputs, channel.Writer, CancellationToken.None);

        var frames = new List<SampledFrame>();
        await foreach (var f in channel.Reader.ReadAllAsync())
        {
            frames.Add(f);
        }

        Assert.InRange(frames.Count, 7, 10);
        Assert.Collection(rejections.Items,
            r => Assert.Equal($"{backwards}: time goes backwards at point 2 (17:09:55 after 17:10:05)", r.ToString()),
            r => Assert.Equal($"{video}: no GoPro telemetry track (gpmd) in the video; give its GPS track with --track", r.ToString()),
            r => Assert.StartsWith($"{video}: video is shorter than its track", r.ToString()));
    }

    [Fact]
    public void Track_outside_the_video_is_a_named_error()
    {
        using var temp = new TempDirectory();
        var sampler = new VideoFrameSampler(new FrameSamplingOptions(TimeOffsetSeconds: 500), temp.Path, new RejectionLog());
        var video = SharedData.Video("street_sample-5s.mp4");

        var ex = Assert.Throws<InputException>(() =>
            sampler.Sample(new VideoInput(video, SharedData.Video("street_sf_30km_h.gpx")), CancellationToken.None).ToList());

        Assert.Equal(video, ex.Path);
        Assert.Contains("do not overlap with a time offset of 500.0 s", ex.Reason);
    }
}
