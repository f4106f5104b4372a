using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Photos;
using Vigil.Ingest.Rasters;
using Vigil.Ledger.Stores;
using Vigil.Runs.Flights;

namespace Vigil.IntegrationTests;

/// <summary>
/// Real DJI Phantom 3 photos (../shared/data/odm_toledo_dji_photos): tags read, footprints georeferenced and
/// cross-checked against EXIF positions and against each other, bad photos rejected by name, and a run over
/// overlapping photos that opens one record per structure.
/// </summary>
public sealed class DronePhotoTests
{
    /// <summary>
    /// Camera height for the Toledo photos, metres. Their GPS altitude (119-122 m) lies below the terrain (~190 m);
    /// the image motion between consecutive photos against their GPS displacement gives 117-121 m for this flight.
    /// </summary>
    private const double ToledoHeightAboveGroundMeters = 120;

    private static string Photo(string name) => Path.Combine(SharedData.Folder("odm_toledo_dji_photos"), "images", name);

    [Fact]
    public void Exif_gps_camera_and_dji_maker_notes_are_read_as_exiftool_reports_them()
    {
        var metadata = PhotoMetadataReader.Read(Photo("DJI_0064.JPG"));

        Assert.Equal(41.5488078055556, metadata.Pose.LatitudeDeg, 9);
        Assert.Equal(-83.6990738611111, metadata.Pose.LongitudeDeg, 9);
        Assert.Equal(120.2, metadata.GpsAltitudeMeters!.Value, 6);
        Assert.Equal(-89.9, metadata.Pose.PitchDeg!.Value, 4);
        Assert.Equal(Math.IEEERemainder(-25.4 + 122.6, 360), metadata.Pose.YawDeg!.Value, 4);
        Assert.Null(metadata.Pose.HeightAboveGroundMeters);
        Assert.Equal((2400, 1800), (metadata.WidthPixels, metadata.HeightPixels));
        Assert.Equal("DJI FC350", metadata.CameraModel);
        Assert.Equal(20, metadata.Optics.FocalLengthMm, 9);
    }

    [Fact]
    public void Each_footprint_is_centred_on_its_exif_position()
    {
        using var temp = new TempDirectory();
        var rejections = new RejectionLog();
        var names = new[] { "DJI_0061.JPG", "DJI_0062.JPG", "DJI_0066.JPG", "DJI_0067.JPG", "1JI_0064.JPG" };

        var photos = DronePhotoSet.Prepare([.. names.Select(Photo)], ToledoHeightAboveGroundMeters, temp.Path, rejections);

        Assert.Empty(rejections.Items);
        Assert.Equal(names.Length, photos.Count);
        foreach (var photo in photos)
        {
            var (e, n) = photo.Footprint.Zone.Forward(photo.Metadata.Pose.LongitudeDeg, photo.Metadata.Pose.LatitudeDeg);
            var (ce, cn) = photo.Footprint.CenterUtm;

            // Only the 0.1° tilt moves the centre: 120 m x tan(0.1°) = 0.21 m.
            Assert.InRange(Math.Sqrt((ce - e) * (ce - e) + (cn - n) * (cn - n)), 0, 0.25);
            Assert.Equal(32617, photo.Footprint.Zone.EpsgCode);
            Assert.InRange(photo.Footprint.GsdMeters, 0.085, 0.088);

            // The VRT as GDAL reads it, centre through PROJ: the same place.
            var info = RasterProbe.Inspect(photo.RasterPath);
            var (pe, pn) = photo.Footprint.Zone.Forward(info.CenterLongitude, info.CenterLatitude);
            Assert.InRange(Math.Sqrt((pe - e) * (pe - e) + (pn - n) * (pn - n)), 0, 0.25);
            Assert.Equal(photo.Footprint.GsdMeters, info.ApproxGsdMeters, 3);
        }
    }

    [Theory]
    [InlineData("DJI_0061.JPG", "DJI_0062.JPG")]
    [InlineData("DJI_0066.JPG", "DJI_0067.JPG")]
    [InlineData("1JI_0064.JPG", "1JI_0065.JPG")]
    public void Consecutive_photos_overlap_and_their_offset_is_the_gps_displacement(string first, string second)
    {
        using var temp = new TempDirectory();
        var photos = DronePhotoSet.Prepare([Photo(first), Photo(second)], ToledoHeightAboveGroundMeters, temp.Path, new RejectionLog());
        var (a, b) = (photos[0].Footprint, photos[1].Footprint);

        var intersection = a.OutlineUtm.Intersection(b.OutlineUtm).Area;
        var iou = intersection / (a.OutlineUtm.Area + b.OutlineUtm.Area - intersection);
        Assert.InRange(iou, 0.5, 1);

        var gpsA = a.Zone.Forward(photos[0].Metadata.Pose.LongitudeDeg, photos[0].Metadata.Pose.LatitudeDeg);
        var gpsB = a.Zone.Forward(photos[1].Metadata.Pose.LongitudeDeg, photos[1].Metadata.Pose.LatitudeDeg);
        var centreShift = (b.CenterUtm.Easting - a.CenterUtm.Easting, b.CenterUtm.Northing - a.CenterUtm.Northing);
        var gpsShift = (gpsB.Easting - gpsA.Easting, gpsB.Northing - gpsA.Northing);
        Assert.InRange(Math.Abs(centreShift.Item1 - gpsShift.Item1), 0, 0.5);
        Assert.InRange(Math.Abs(centreShift.Item2 - gpsShift.Item2), 0, 0.5);
    }

    [Fact]
    public void An_oblique_pose_is_rejected_with_that_reason()
    {
        using var temp = new TempDirectory();
        var metadata = PhotoMetadataReader.Read(Photo("DJI_0061.JPG"));
        var oblique = metadata.Pose with { PitchDeg = -45, HeightAboveGroundMeters = ToledoHeightAboveGroundMeters };

        var error = Assert.Throws<InputException>(() =>
            GeoreferencedPhoto.Write(Photo("DJI_0061.JPG"), oblique, metadata.Optics, temp.File("oblique.vrt")));

        Assert.Contains("oblique", error.Reason);
        Assert.False(File.Exists(temp.File("oblique.vrt")));
    }

    [Fact]
    public void A_photo_without_gps_is_rejected_by_name_and_the_others_are_prepared()
    {
        using var temp = new TempDirectory();
        var stripped = temp.File("NOGPS_0062.JPG");
        File.WriteAllBytes(stripped, WithoutExif(File.ReadAllBytes(Photo("DJI_0062.JPG"))));
        var rejections = new RejectionLog();

        var photos = DronePhotoSet.Prepare(
            [Photo("DJI_0061.JPG"), stripped, Photo("DJI_0063.JPG")], ToledoHeightAboveGroundMeters, temp.Path, rejections);

        Assert.Equal(2, photos.Count);
        var rejection = Assert.Single(rejections.Items);
        Assert.Equal(stripped, rejection.Source);
        Assert.Contains("without GPS", rejection.Reason);
    }

    [Fact]
    public async Task A_run_over_two_overlapping_photos_opens_one_record_per_structure()
    {
        using var temp = new TempDirectory();
        var folder = Directory.CreateDirectory(temp.File("photos")).FullName;
        foreach (var name in new[] { "DJI_0061.JPG", "DJI_0062.JPG" })
        {
            File.CreateSymbolicLink(Path.Combine(folder, name), Photo(name));
        }

        var baseline = temp.File("baseline.geojson");
        // A registered building on either side of the photos, none under them: the baseline is this area's, and what
        // the photos show is new.
        File.WriteAllText(baseline, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"sw"},"geometry":{"type":"Polygon",
            "coordinates":[[[-83.7020,41.5460],[-83.7019,41.5460],[-83.7019,41.5461],[-83.7020,41.5461],[-83.7020,41.5460]]]}},
            {"type":"Feature","properties":{"id":"ne"},"geometry":{"type":"Polygon",
            "coordinates":[[[-83.6960,41.5510],[-83.6959,41.5510],[-83.6959,41.5511],[-83.6960,41.5511],[-83.6960,41.5510]]]}}]}
            """);

        var result = await FlightRunner.RunAsync(
            new FlightRunOptions([folder], baseline, temp.File("ledger.gpkg"), null, SharedData.ShippedModel,
                AltitudeAglMeters: ToledoHeightAboveGroundMeters),
            null, CancellationToken.None);

        Assert.Empty(result.Rejections);
        Assert.Equal(new UtmZone(17, true), result.WorkingCrs);
        Assert.True(result.Detections > 0);
        var records = result.Ledger.NumbersAssigned.Count;
        Assert.InRange(records, 1, result.Detections - 1);

        // No two records of the run are one structure seen twice.
        using var store = GeoPackageLedgerStore.Open(temp.File("ledger.gpkg"));
        var outlines = store.ReadRecords().Select(r => result.WorkingCrs.FromWgs84(r.FootprintWgs84)).ToList();
        for (var i = 0; i < outlines.Count; i++)
        {
            for (var j = i + 1; j < outlines.Count; j++)
            {
                Assert.False(Vigil.Detect.OverlapMerger.SameStructure(outlines[i], outlines[j]), $"records {i} and {j} are one structure");
            }
        }
    }

    /// <summary>The JPEG without its APP1 segments (EXIF and XMP): a photo as some editors save it.</summary>
    private static byte[] WithoutExif(byte[] jpeg)
    {
        var output = new List<byte>(jpeg.Length) { jpeg[0], jpeg[1] };
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF && jpeg[i + 1] != 0xDA)
        {
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (jpeg[i + 1] != 0xE1)
            {
                output.AddRange(jpeg.AsSpan(i, 2 + length).ToArray());
            }

            i += 2 + length;
        }

        output.AddRange(jpeg.AsSpan(i).ToArray());
        return [.. output];
    }
}
