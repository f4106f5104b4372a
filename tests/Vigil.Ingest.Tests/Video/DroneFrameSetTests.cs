using Vigil.Core;
using Vigil.Ingest.Tests.Support;
using Vigil.Ingest.Video;

namespace Vigil.Ingest.Tests.Video;

/// <summary>Sampled frames into the drone photos' footprint path, over a real 2400 x 1800 DJI photo as the frame.</summary>
public sealed class DroneFrameSetTests
{
    private static readonly string Image = SharedData.File("odm_toledo_dji_photos", "images", "DJI_0061.JPG");

    private static SampledFrame Frame(string video, double? pitchDeg, CameraKind camera = CameraKind.Drone, double? height = 100) =>
        new(Image, new CameraPose(-83.6986, 41.5486, height, 0, pitchDeg, null), TimeSpan.Zero, video, camera, 0, 2400, 1800);

    [Fact]
    public void Frames_without_gimbal_pitch_are_left_out_once_per_video_unless_the_camera_was_said_to_be_a_drone()
    {
        using var temp = new TempDirectory();
        var rejections = new RejectionLog();
        var frames = new[] { Frame("karma.mp4", null), Frame("karma.mp4", null), Frame("dji.mp4", -90), Frame("car.mp4", null, CameraKind.Dashcam, null) };

        var prepared = DroneFrameSet.Prepare(frames, new DroneFrameOptions(90), temp.Path, rejections);
        var assumed = DroneFrameSet.Prepare(frames, new DroneFrameOptions(90, AssumeNadirWithoutPitch: true), temp.Path, new RejectionLog());

        Assert.Equal(["dji.mp4"], prepared.Select(p => p.Metadata.CameraModel[6..]));
        var rejection = Assert.Single(rejections.Items);
        Assert.Equal("karma.mp4", rejection.Source);
        Assert.StartsWith("its track gives no gimbal pitch: 2 drone frame(s) not georeferenced", rejection.Reason);
        Assert.Equal(3, assumed.Count);
        Assert.All(assumed, p => Assert.Equal(-90, p.Metadata.Pose.PitchDeg));
    }

    [Fact]
    public void The_field_of_view_and_height_set_the_ground_sample_distance_and_oblique_frames_are_rejected_by_name()
    {
        using var temp = new TempDirectory();
        var rejections = new RejectionLog();

        var prepared = DroneFrameSet.Prepare(
            [Frame("dji.mp4", -88), Frame("dji.mp4", -60)], new DroneFrameOptions(90, AltitudeAglMeters: 60), temp.Path, rejections);

        // 90° across 2400 columns from 60 m: 120 m of ground, 5 cm a pixel.
        Assert.Equal(0.05, Assert.Single(prepared).Footprint.GsdMeters, 9);
        var oblique = Assert.Single(rejections.Items);
        Assert.Equal(Image, oblique.Source);
        Assert.Equal("oblique picture: camera pitch -60° is 30° from straight down (at most 10° allowed)", oblique.Reason);
        Assert.True(File.Exists(prepared[0].RasterPath));
    }
}
