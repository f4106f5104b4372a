using Vigil.Core;

namespace Vigil.Ingest.Photos;

/// <summary>
/// A folder (or list) of drone photos turned into georeferenced rasters for the orthophoto reader: each photo's tags
/// are read, its footprint computed in one UTM zone for the whole set, and a VRT written. Photos that cannot be used
/// (no GPS, oblique, height unknown, unreadable) are recorded as rejections and the rest go on. Thread-safe.
/// </summary>
public static class DronePhotoSet
{
    private static readonly string[] PhotoExtensions = [".jpg", ".jpeg"];

    /// <summary>The JPEG photos directly in a folder, in name order.</summary>
    public static IReadOnlyList<string> List(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return [.. System.IO.Directory.EnumerateFiles(directory)
            .Where(f => PhotoExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads, georeferences and wraps each photo.</summary>
    /// <param name="photoPaths">The photos.</param>
    /// <param name="altitudeAglMeters">
    /// Camera height above ground for every photo, metres; overrides the tags (needed when they are missing or wrong,
    /// as EXIF GPS altitude above sea level always is for this purpose). Null uses DJI XMP RelativeAltitude.
    /// </param>
    /// <param name="workDirectory">Existing folder the VRTs are written to, one per photo, named after it.</param>
    /// <param name="rejections">Receives one rejection per unusable photo.</param>
    /// <returns>The usable photos, in input order; their footprints share the zone of the first photo with a position.</returns>
    public static IReadOnlyList<PreparedPhoto> Prepare(
        IReadOnlyList<string> photoPaths, double? altitudeAglMeters, string workDirectory, RejectionLog rejections) =>
        Georeference(photoPaths, p => p, PhotoMetadataReader.Read, altitudeAglMeters, workDirectory, rejections);

    /// <summary>
    /// Georeferences and wraps pictures whose pose and optics are known without their EXIF (video frames tagged from
    /// their track): the same footprints, zone, VRTs and rejections as <see cref="Prepare"/>.
    /// </summary>
    /// <param name="pictures">What is known of each picture; <see cref="PhotoMetadata.Path"/> names the image.</param>
    /// <param name="altitudeAglMeters">Camera height above ground for every picture, metres, overriding the poses'; or null.</param>
    /// <param name="workDirectory">Existing folder the VRTs are written to.</param>
    /// <param name="rejections">Receives one rejection per unusable picture (oblique, height unknown, unreadable).</param>
    public static IReadOnlyList<PreparedPhoto> Georeference(
        IReadOnlyList<PhotoMetadata> pictures, double? altitudeAglMeters, string workDirectory, RejectionLog rejections) =>
        Georeference(pictures, m => m.Path, m => m, altitudeAglMeters, workDirectory, rejections);

    private static List<PreparedPhoto> Georeference<T>(
        IReadOnlyList<T> items, Func<T, string> pathOf, Func<T, PhotoMetadata> read, double? altitudeAglMeters,
        string workDirectory, RejectionLog rejections)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrEmpty(workDirectory);
        ArgumentNullException.ThrowIfNull(rejections);
        if (altitudeAglMeters is { } agl && !(agl > 0 && double.IsFinite(agl)))
        {
            throw new ArgumentException($"Altitude above ground {agl} m must be a positive number of metres.");
        }

        var prepared = new List<PreparedPhoto>();
        UtmZone? zone = null;
        foreach (var (item, index) in items.Select((p, i) => (p, i)))
        {
            var path = pathOf(item);
            try
            {
                var metadata = read(item);
                var pose = altitudeAglMeters is { } height ? metadata.Pose with { HeightAboveGroundMeters = height } : metadata.Pose;
                zone ??= UtmZone.Containing(pose.LongitudeDeg, pose.LatitudeDeg);
                var vrt = Path.Combine(workDirectory, $"{index:D5}-{Path.GetFileNameWithoutExtension(path)}.vrt");
                var footprint = GeoreferencedPhoto.Write(path, pose, metadata.Optics, vrt, zone);
                prepared.Add(new PreparedPhoto(path, vrt, metadata with { Pose = pose }, footprint));
            }
            catch (InputException ex)
            {
                rejections.Add(ex.Path, ex.Reason);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                rejections.Add(path, $"cannot be prepared: {ex.Message}");
            }
        }

        return prepared;
    }
}
