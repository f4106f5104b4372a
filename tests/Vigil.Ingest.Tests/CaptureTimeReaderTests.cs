using Vigil.Ingest.Rasters;
using Vigil.Ingest.Tests.Support;
using Vigil.Ingest.Video;

namespace Vigil.Ingest.Tests;

/// <summary>The capture time of real imagery from the metadata GDAL reads: EXIF of a DJI photo, a GeoTIFF's tags.</summary>
public sealed class CaptureTimeReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_dji_photo_is_dated_by_its_exif_original_time()
    {
        var photo = SharedData.File("odm_toledo_dji_photos", "images", "DJI_0071.JPG");

        var (captured, item) = CaptureTimeReader.Read(photo)!.Value;

        Assert.Equal(new DateTimeOffset(2015, 10, 16, 13, 24, 53, TimeSpan.Zero), captured);
        Assert.Equal("EXIF DateTimeOriginal", item);
    }

    [Fact]
    public void A_geotiff_is_dated_by_its_acquisition_time_before_its_tiff_datetime_and_without_either_has_none()
    {
        var plain = TestRasters.WriteUniformRgb(_dir.File("plain.tif"), 32, 32);
        var tagged = _dir.File("tagged.tif");
        var acquired = _dir.File("acquired.tif");
        GdalTools.Run("gdal_translate", "-q", "-mo", "TIFFTAG_DATETIME=2025:01:15 10:30:00", plain, tagged);
        GdalTools.Run("gdal_translate", "-q", "-mo", "TIFFTAG_DATETIME=2025:03:01 00:00:00", "-mo",
            "ACQUISITIONDATETIME=2025-01-14T09:15:00Z", plain, acquired);

        Assert.Null(CaptureTimeReader.Read(plain));
        Assert.Equal((new DateTimeOffset(2025, 1, 15, 10, 30, 0, TimeSpan.Zero), "TIFF DateTime"), CaptureTimeReader.Read(tagged));
        Assert.Equal((new DateTimeOffset(2025, 1, 14, 9, 15, 0, TimeSpan.Zero), "ACQUISITIONDATETIME"), CaptureTimeReader.Read(acquired));
    }

    [Theory]
    [InlineData("gopro_karma.mp4", "2017-04-17T19:27:57+00:00")]
    [InlineData("gopro_max-heromode.mp4", "2019-11-18T15:45:32+00:00")]
    [InlineData("street_sample-5s.mp4", null)]
    public void A_video_is_dated_by_the_creation_time_of_its_movie_header_when_it_has_one(string video, string? expected) =>
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            VideoCreationTime.Read(SharedData.Video(video)));

    [Fact]
    public void A_file_that_is_no_video_is_refused_by_name()
    {
        var notVideo = _dir.File("notes.mp4");
        File.WriteAllText(notVideo, "not a video");

        Assert.Equal(notVideo, Assert.Throws<InputException>(() => VideoCreationTime.Read(notVideo)).Path);
    }

    [Theory]
    [InlineData("2025:01:15 10:30:00", "2025-01-15T10:30:00+00:00")]
    [InlineData("2025-01-15", "2025-01-15T00:00:00+00:00")]
    [InlineData("2025-01-15T10:30:00+08:00", "2025-01-15T02:30:00+00:00")]
    [InlineData("2025-01-15T10:30:00.250Z", "2025-01-15T10:30:00.2500000+00:00")]
    public void Metadata_times_parse_as_utc(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CaptureTimeReader.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("0000:00:00 00:00:00")]
    [InlineData("yesterday")]
    public void Empty_or_zeroed_times_are_none(string text) => Assert.Null(CaptureTimeReader.Parse(text));
}
