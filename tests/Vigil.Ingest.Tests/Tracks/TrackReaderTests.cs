using Vigil.Ingest.Tracks;
using Vigil.Ingest.Tests.Support;

namespace Vigil.Ingest.Tests.Tracks;

public sealed class TrackReaderTests
{
    private static readonly TrackLimits Defaults = new();

    [Fact]
    public void Gpx_street_route_reads_points_with_utc_and_elevation()
    {
        var track = TrackReader.Read(SharedData.Video("street_sf_30km_h.gpx"), Defaults);

        Assert.Equal(49, track.Fixes.Count);
        Assert.Equal("gpx", track.Format);
        Assert.True(track.ClockIsUtc);
        Assert.Equal(37.793585, track.Fixes[0].LatitudeDeg, 6);
        Assert.Equal(-122.461396, track.Fixes[0].LongitudeDeg, 6);
        Assert.Equal(94.75, track.Fixes[0].AltitudeMeters!.Value, 2);
        Assert.Equal(new DateTime(2025, 3, 14, 7, 0, 0, DateTimeKind.Utc), track.Fixes[0].ClockTime);
        Assert.Equal(93.624, track.End.TotalSeconds, 3);
        // 30 km/h for 93.6 s is 780 m.
        Assert.InRange(track.LengthMeters, 700, 860);
    }

    [Fact]
    public void Gpx_with_time_running_backwards_names_the_file_and_point()
    {
        var path = SharedData.Geotag("Geotag.gpx");

        var ex = Assert.Throws<InputException>(() => TrackReader.Read(path, Defaults));

        Assert.Equal($"{path}: time goes backwards at point 2 (17:09:55 after 17:10:05)", ex.Message);
    }

    [Fact]
    public void Magellan_nmea_log_reads_and_its_minute_gaps_are_rejected_under_default_limits()
    {
        var path = SharedData.Geotag("Geotag.log");

        var track = NmeaParser.Read(path);
        var ex = Assert.Throws<InputException>(() => TrackValidator.Validate(track, Defaults));
        TrackValidator.Validate(track, new TrackLimits(MaxGapSeconds: 120));

        Assert.Equal(12, track.Fixes.Count);
        Assert.Equal(44 + 15.163 / 60, track.Fixes[0].LatitudeDeg, 6);
        Assert.Equal(-(76 + 31.126 / 60), track.Fixes[0].LongitudeDeg, 6);
        Assert.Equal(95, track.Fixes[0].AltitudeMeters);
        Assert.Equal(new DateTime(2009, 4, 3, 11, 8, 33, 530, DateTimeKind.Utc), track.Fixes[0].ClockTime);
        Assert.Equal($"{path}: gap of 32.0 s between points 1 and 2 (11:08:33.530 to 11:09:05.520); the limit is 10 s", ex.Message);
    }

    [Fact]
    public void Nmea_rmc_and_gga_merge_per_second_and_bad_checksums_are_skipped()
    {
        string[] lines =
        [
            "$GPRMC,120101.00,A,3747.6151,N,12227.6838,W,16.2,0.0,140325,,,A*7E",
            "$GPGGA,120101.00,3747.6151,N,12227.6838,W,1,08,0.9,94.7,M,-29.9,M,,*6C",
            "$GPRMC,120102.00,A,3747.6196,N,12227.6838,W,16.2,0.0,140325,,,A*76",
            "$GPGGA,120102.00,3747.6196,N,12227.6838,W,1,08,0.9,94.1,M,-29.9,M,,*63",
            "$GPRMC,120103.00,A,3747.6241,N,12227.6838,W,16.2,0.0,140325,,,A*7E",
            "$GPGGA,120103.00,3747.6241,N,12227.6838,W,1,08,0.9,93.6,M,-29.9,M,,*6A",
        ];

        var track = NmeaParser.Parse("drive.nmea", lines);

        Assert.Equal(3, track.Fixes.Count);
        Assert.Equal(37 + 47.6151 / 60, track.Fixes[0].LatitudeDeg, 7);
        Assert.Equal(-(122 + 27.6838 / 60), track.Fixes[0].LongitudeDeg, 7);
        Assert.Equal(94.7, track.Fixes[0].AltitudeMeters);
        Assert.Null(track.Fixes[1].AltitudeMeters);
        Assert.Equal(93.6, track.Fixes[2].AltitudeMeters);
        Assert.Equal(TimeSpan.FromSeconds(2), track.End);
        Assert.InRange(track.LengthMeters, 16.5, 16.8);
        Assert.Equal("1 sentence(s) with a wrong checksum skipped (line 4)", Assert.Single(track.Notes));
    }

    [Fact]
    public void Gpmf_raw_hero5_payload_reads_gps5_with_utc()
    {
        var track = TrackReader.Read(SharedData.Video("gopro_hero5.raw"), Defaults);

        Assert.Equal("gpmf/GPS5", track.Format);
        Assert.Equal(18, track.Fixes.Count);
        Assert.True(track.ClockIsUtc);
        Assert.Equal(new DateTime(2017, 4, 17, 17, 31, 3, DateTimeKind.Utc), track.Fixes[0].ClockTime);
        // 0x13BEB3C9 / 1e7 and 0xBA11443A / 1e7: San Diego.
        Assert.Equal(33.1264969, track.Fixes[0].LatitudeDeg, 7);
        Assert.Equal(-117.3273542, track.Fixes[0].LongitudeDeg, 7);
    }

    [Fact]
    public void Gpmf_raw_without_gps_lock_is_a_named_error()
    {
        var path = SharedData.Video("gopro_hero6.raw");

        var ex = Assert.Throws<InputException>(() => TrackReader.Read(path, Defaults));

        Assert.Equal($"{path}: GPMF telemetry without a GPS lock (GPSF 0 in all 1 GPS payload(s))", ex.Message);
    }

    [Fact]
    public void Karma_raw_and_mp4_give_the_same_fixes_with_height_and_heading()
    {
        var raw = GpmfParser.ReadRaw(SharedData.Video("gopro_karma.raw"));
        var mp4 = TrackReader.Read(SharedData.Video("gopro_karma.mp4"), Defaults);

        Assert.Equal("gpmf/GLPI", raw.Format);
        Assert.Equal("gpmf/GLPI", mp4.Format);
        Assert.True(mp4.HasHeightAboveTakeoff);
        Assert.All(mp4.Fixes, f => Assert.NotNull(f.YawDeg));
        var first = raw.Fixes[0];
        Assert.InRange(first.LatitudeDeg, 32, 34);
        Assert.InRange(first.LongitudeDeg, -118, -116);
        // The raw payload is one of the MP4's: its fixes appear there in the same order, value for value.
        var start = mp4.Fixes.ToList().FindIndex(f => f.LatitudeDeg == first.LatitudeDeg && f.LongitudeDeg == first.LongitudeDeg);
        Assert.True(start >= 0, "the raw payload's first fix is not in the MP4");
        for (var i = 0; i < raw.Fixes.Count; i++)
        {
            Assert.Equal(raw.Fixes[i] with { TrackTime = default }, mp4.Fixes[start + i] with { TrackTime = default });
        }

        Assert.InRange(mp4.End.TotalSeconds, 10, 13);
    }

    [Fact]
    public void Gopro_max_street_walk_reads_its_own_gps5_track()
    {
        var track = TrackReader.Read(SharedData.Video("gopro_max-heromode.mp4"), Defaults);

        Assert.Equal("gpmf/GPS5", track.Format);
        Assert.True(track.ClockIsUtc);
        Assert.False(track.HasHeightAboveTakeoff);
        Assert.True(track.Fixes.Count > 50, $"{track.Fixes.Count} fixes");
    }

    [Fact]
    public void Spliced_recordings_are_a_jump()
    {
        var path = SharedData.Srt("mix_p4rtk_mavic2pro.srt");

        var ex = Assert.Throws<InputException>(() => TrackReader.Read(path, Defaults));

        Assert.Equal(path, ex.Path);
        Assert.Matches(@"^jump of 1\d\d m in 1\.03 s at point 7 \(12:00:10\.123\), faster than 70 m/s$", ex.Reason);
    }

    [Fact]
    public void Clips_joined_into_one_srt_are_a_jump()
    {
        // mavic_2pro_new.SRT joins several recordings: at record 2553 the clock leaps 97 s and the position 119 m.
        var path = SharedData.Srt("mavic_2pro_new.SRT");

        var ex = Assert.Throws<InputException>(() => TrackReader.Read(path, Defaults));

        Assert.Equal("jump of 119 m in 1.00 s at point 2553 (10:32:51.655), faster than 70 m/s", ex.Reason);
    }

    [Theory]
    [InlineData("MAVIC3.srt")]
    [InlineData("m2zoom.SRT")]
    [InlineData("p4_rtk.SRT")]
    [InlineData("mavic_pro.SRT")]
    [InlineData("matrice_300.srt")]
    public void Real_flights_pass_validation(string file)
    {
        var track = TrackReader.Read(SharedData.Srt(file), Defaults);

        Assert.True(track.Fixes.Count > 1);
    }

    [Fact]
    public void Unknown_track_extension_is_a_named_error()
    {
        using var temp = new TempDirectory();
        var path = temp.File("route.kml");
        File.WriteAllText(path, "<kml/>");

        var ex = Assert.Throws<InputException>(() => TrackReader.Read(path, Defaults));

        Assert.StartsWith($"{path}: unknown track format '.kml'", ex.Message);
    }

    [Fact]
    public void Video_without_telemetry_is_a_named_error()
    {
        var path = SharedData.Video("street_sample-5s.mp4");

        var ex = Assert.Throws<InputException>(() => TrackReader.Read(path, Defaults));

        Assert.Equal($"{path}: no GoPro telemetry track (gpmd) in the video; give its GPS track with --track", ex.Message);
    }
}
