using Vigil.Ingest.Tracks;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests.Tracks;

public sealed class DjiSrtParserTests
{
    /// <summary>Every real sample: fixes read, first position (lat, lon), style recognised.</summary>
    [Theory]
    [InlineData("MAVIC3.srt", 12318, 3.41531, -3.37440, "dji-srt/bracketed")]
    [InlineData("air2s.srt", 17, 41.424724, 2.234156, "dji-srt/bracketed")]
    [InlineData("m2zoom.SRT", 7113, 31.452012, 74.398751, "dji-srt/bracketed")]
    [InlineData("matrice_300.srt", 381, 36.6146, -6.1120, "dji-srt/m300")]
    [InlineData("mavic_2_style.SRT", 468, -20.2533, 149.0251, "dji-srt/bracketed")]
    [InlineData("mavic_2pro_new.SRT", 8952, -35.080155, -60.286702, "dji-srt/bracketed")]
    [InlineData("mavic_air2.srt", 25, 41.420684, 2.162162, "dji-srt/bracketed")]
    [InlineData("mavic_mini.SRT", 117, 48.0771, -121.7458, "dji-srt/inline")]
    [InlineData("mavic_pro.SRT", 468, -20.2533, 149.0251, "dji-srt/home")]
    [InlineData("mavic_pro_buggy.SRT", 530, 42.4668, -1.2218, "dji-srt/home")]
    [InlineData("mix_p4rtk_mavic2pro.srt", 12, -34.650200, -59.409424, "dji-srt/mixed(bracketed+inline)")]
    [InlineData("old_format.SRT", 468, -20.2533, 149.0251, "dji-srt/home")]
    [InlineData("p4_rtk.SRT", 55, -34.237922, -58.851745, "dji-srt/inline")]
    [InlineData("p4p_sample.SRT", 5, 47.4692, 8.2090, "dji-srt/inline")]
    public void Reads_every_firmware_style(string file, int fixes, double lat, double lon, string format)
    {
        var track = DjiSrtParser.Read(SharedData.Srt(file));

        Assert.Equal(fixes, track.Fixes.Count);
        Assert.Equal(lat, track.Fixes[0].LatitudeDeg, 6);
        Assert.Equal(lon, track.Fixes[0].LongitudeDeg, 6);
        Assert.Equal(format, track.Format);
        Assert.False(track.ClockIsUtc);
        Assert.All(track.Fixes, f => Assert.InRange(f.LatitudeDeg, -90, 90));
    }

    [Fact]
    public void Camera_only_srt_is_a_named_error()
    {
        var path = SharedData.Srt("mavic_air.SRT");

        var ex = Assert.Throws<InputException>(() => DjiSrtParser.Read(path));

        Assert.Equal(path, ex.Path);
        Assert.Contains("without a GPS position in any of its 2 record(s)", ex.Message);
    }

    [Fact]
    public void Unknown_srt_format_is_a_named_error()
    {
        const string movieSubtitles = "1\n00:00:01,000 --> 00:00:03,000\nHello there.\n\n2\n00:00:04,000 --> 00:00:05,000\nGeneral Kenobi.\n";

        var ex = Assert.Throws<InputException>(() => DjiSrtParser.Parse("film.srt", movieSubtitles));

        Assert.StartsWith("film.srt: unknown SRT format", ex.Message);
    }

    [Fact]
    public void Records_before_gps_lock_are_skipped_and_noted()
    {
        var track = DjiSrtParser.Read(SharedData.Srt("mavic_pro_buggy.SRT"));

        Assert.Equal("16 of 546 record(s) without a GPS position skipped", Assert.Single(track.Notes));
    }

    [Fact]
    public void Bracketed_style_reads_heights_time_and_camera()
    {
        var track = DjiSrtParser.Read(SharedData.Srt("MAVIC3.srt"));
        var first = track.Fixes[0];

        Assert.Equal(-2.4, first.HeightAboveTakeoffMeters!.Value, 3);
        Assert.Equal(0.401, first.AltitudeMeters!.Value, 3);
        Assert.Equal(new DateTime(2021, 12, 25, 12, 27, 52, 373), first.ClockTime);
        Assert.Equal(TimeSpan.FromMilliseconds(20), track.Fixes[1].TrackTime);
        Assert.Equal(new DjiCameraSettings(220, "1/8000.0", 3.2, 24.0), first.Camera);
    }

    [Fact]
    public void Inline_style_reads_height_and_gimbal()
    {
        var track = DjiSrtParser.Read(SharedData.Srt("p4_rtk.SRT"));
        var first = track.Fixes[0];

        Assert.Equal(85.80, first.HeightAboveTakeoffMeters!.Value, 2);
        Assert.Equal(110.1, first.YawDeg!.Value, 1);
        Assert.Equal(-24.4, first.GimbalPitchDeg!.Value, 1);
        Assert.Equal(110.4, first.GimbalYawDeg!.Value, 1);
        Assert.Equal(5.6, first.Camera!.FNumber!.Value, 1);
        Assert.Null(first.AltitudeMeters);
    }

    [Fact]
    public void Home_style_reads_barometric_height_and_clock()
    {
        var old = DjiSrtParser.Read(SharedData.Srt("old_format.SRT"));
        var pro = DjiSrtParser.Read(SharedData.Srt("mavic_pro.SRT"));

        Assert.Equal(1.9, old.Fixes[0].HeightAboveTakeoffMeters!.Value, 2);
        Assert.Equal(1.9, pro.Fixes[0].HeightAboveTakeoffMeters!.Value, 2);
        Assert.Equal(new DateTime(2017, 8, 5, 14, 11, 51), old.Fixes[0].ClockTime);
        Assert.Equal(TimeSpan.FromSeconds(1), old.Fixes[0].TrackTime);
    }

    [Fact]
    public void Style_without_timecodes_takes_time_from_the_clock()
    {
        var track = DjiSrtParser.Read(SharedData.Srt("mavic_2_style.SRT"));

        Assert.Equal(TimeSpan.Zero, track.Fixes[0].TrackTime);
        Assert.Equal(TimeSpan.FromSeconds(1), track.Fixes[1].TrackTime);
    }

    [Fact]
    public void M300_reads_latitude_first_and_barometer()
    {
        var track = DjiSrtParser.Read(SharedData.Srt("matrice_300.srt"));

        Assert.Equal(0.3, track.Fixes[0].HeightAboveTakeoffMeters!.Value, 2);
        Assert.Equal(0.0, track.Fixes[0].AltitudeMeters!.Value, 2);
    }
}
