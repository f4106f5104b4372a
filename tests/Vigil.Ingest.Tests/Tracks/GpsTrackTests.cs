using Vigil.Core;
using Vigil.Ingest.Tracks;

namespace Vigil.Ingest.Tests.Tracks;

public sealed class GpsTrackTests
{
    // Three fixes 10 s apart: 100 m north, then 100 m east (at the equator a degree is the same both ways).
    private static readonly double Step = 100 / new LocalMetricFrame(0, 0).ToMeters(0, 1).NorthMeters;
    private static readonly double StepEast = 100 / new LocalMetricFrame(0, 0).ToMeters(1, 0).EastMeters;

    private static GpsTrack Square() => new("square.gpx", "gpx",
    [
        new GpsFix(TimeSpan.Zero, null, 0, 0, AltitudeMeters: 10),
        new GpsFix(TimeSpan.FromSeconds(10), null, 0, Step, AltitudeMeters: 20),
        new GpsFix(TimeSpan.FromSeconds(20), null, StepEast, Step, AltitudeMeters: 30),
    ], clockIsUtc: true);

    [Fact]
    public void Position_is_linear_between_fixes()
    {
        var p = Square().At(TimeSpan.FromSeconds(2.5))!;

        Assert.Equal(0, p.LongitudeDeg, 9);
        Assert.Equal(Step / 4, p.LatitudeDeg, 9);
        Assert.Equal(12.5, p.AltitudeMeters!.Value, 9);
        Assert.Equal(25, p.DistanceMeters, 6);
    }

    [Fact]
    public void Heading_is_the_bearing_of_motion()
    {
        var track = Square();

        Assert.Equal(0, track.At(TimeSpan.FromSeconds(5))!.HeadingDeg!.Value, 3);
        Assert.Equal(90, track.At(TimeSpan.FromSeconds(15))!.HeadingDeg!.Value, 0);
        Assert.Equal(90, track.At(TimeSpan.FromSeconds(20))!.HeadingDeg!.Value, 0);
    }

    [Fact]
    public void Distance_accumulates_along_the_track()
    {
        var track = Square();

        Assert.Equal(100, track.DistanceAt(TimeSpan.FromSeconds(10)), 6);
        Assert.Equal(150, track.DistanceAt(TimeSpan.FromSeconds(15)), 3);
        Assert.Equal(track.LengthMeters, track.DistanceAt(TimeSpan.FromSeconds(99)));
    }

    [Fact]
    public void Outside_the_track_there_is_no_position()
    {
        var track = Square();

        Assert.Null(track.At(TimeSpan.FromSeconds(-0.1)));
        Assert.Null(track.At(TimeSpan.FromSeconds(20.1)));
        Assert.NotNull(track.At(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Gimbal_yaw_wins_over_motion_and_turns_the_short_way()
    {
        var track = new GpsTrack("dji.srt", "dji-srt/inline",
        [
            new GpsFix(TimeSpan.Zero, null, 0, 0, GimbalYawDeg: 350),
            new GpsFix(TimeSpan.FromSeconds(1), null, 0, Step, GimbalYawDeg: 10),
        ], clockIsUtc: false);

        Assert.Equal(0, track.At(TimeSpan.FromSeconds(0.5))!.HeadingDeg!.Value % 360, 6);
    }

    [Fact]
    public void A_standstill_keeps_the_heading_it_stopped_with()
    {
        var track = new GpsTrack("stop.gpx", "gpx",
        [
            new GpsFix(TimeSpan.Zero, null, 0, 0),
            new GpsFix(TimeSpan.FromSeconds(10), null, Step, 0),
            new GpsFix(TimeSpan.FromSeconds(20), null, Step, 0),
        ], clockIsUtc: true);

        Assert.Equal(90, track.At(TimeSpan.FromSeconds(15))!.HeadingDeg!.Value, 3);
    }

    [Fact]
    public void Duplicate_time_is_a_named_error()
    {
        var track = new GpsTrack("dup.gpx", "gpx",
        [
            new GpsFix(TimeSpan.Zero, new DateTime(2025, 1, 1, 12, 0, 0), 0, 0),
            new GpsFix(TimeSpan.Zero, new DateTime(2025, 1, 1, 12, 0, 0), 0, Step),
        ], clockIsUtc: true);

        var ex = Assert.Throws<InputException>(() => TrackValidator.Validate(track, new TrackLimits()));

        Assert.Equal("dup.gpx: time does not advance at point 2 (12:00:00 twice)", ex.Message);
    }
}
