using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Photos;
using Vigil.Ingest.Video;

namespace Vigil.Runs.Inputs;

/// <summary>
/// The inputs of a run with drone photos among them: folders and JPEGs (or the drone frames of videos) become
/// georeferenced VRTs in a temporary folder (removed on dispose), orthophotos stay as they are.
/// </summary>
internal sealed class PhotoInputs : IDisposable
{
    private readonly string? _workDirectory;

    private PhotoInputs(IReadOnlyList<string> rasters, IReadOnlyList<PreparedPhoto> photos, IReadOnlyList<string> files, string? workDirectory)
    {
        Rasters = rasters;
        Photos = photos;
        Files = files;
        _workDirectory = workDirectory;
    }

    /// <summary>The rasters for the orthophoto reader: orthophotos as given, then the photos' VRTs.</summary>
    public IReadOnlyList<string> Rasters { get; }

    /// <summary>The usable photos.</summary>
    public IReadOnlyList<PreparedPhoto> Photos { get; }

    /// <summary>Every input file, folders expanded to their photos.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>True when photos were given: their footprints overlap and need merging across photos.</summary>
    public bool HasPhotos => Photos.Count > 0;

    /// <summary>Ground centre of each photo's VRT, working CRS, by raster path.</summary>
    public IReadOnlyDictionary<string, Coordinate> Centres => Photos.ToDictionary(
        p => p.RasterPath, p => new Coordinate(p.Footprint.CenterUtm.Easting, p.Footprint.CenterUtm.Northing));

    /// <summary>Sorts the inputs into orthophotos and photos and prepares the photos; unusable photos go to <paramref name="rejections"/>.</summary>
    public static PhotoInputs Prepare(IReadOnlyList<string> inputs, double? altitudeAglMeters, RejectionLog rejections)
    {
        var rasters = new List<string>();
        var photoPaths = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = DronePhotoSet.List(input);
                if (found.Count == 0)
                {
                    rejections.Add(input, "folder without JPEG photos");
                }

                photoPaths.AddRange(found);
            }
            else if (Path.GetExtension(input).ToLowerInvariant() is ".jpg" or ".jpeg")
            {
                photoPaths.Add(input);
            }
            else
            {
                rasters.Add(input);
            }
        }

        if (photoPaths.Count == 0)
        {
            return new PhotoInputs(rasters, [], rasters, null);
        }

        return Georeferenced(rasters, [.. rasters, .. photoPaths],
            work => DronePhotoSet.Prepare(photoPaths, altitudeAglMeters, work, rejections));
    }

    /// <summary>
    /// The drone frames of videos as the inputs of a run; unusable frames go to <paramref name="rejections"/>.
    /// </summary>
    /// <param name="frames">Sampled frames; street-level ones are left out.</param>
    /// <param name="options">Field of view, height and the nadir assumption.</param>
    /// <param name="files">The videos and tracks the frames come from: the flight's inputs.</param>
    /// <param name="rejections">Receives the frames that cannot be georeferenced, with the reason.</param>
    public static PhotoInputs FromFrames(
        IReadOnlyList<SampledFrame> frames, DroneFrameOptions options, IReadOnlyList<string> files, RejectionLog rejections) =>
        Georeferenced([], files, work => DroneFrameSet.Prepare(frames, options, work, rejections));

    private static PhotoInputs Georeferenced(
        IReadOnlyList<string> rasters, IReadOnlyList<string> files, Func<string, IReadOnlyList<PreparedPhoto>> prepare)
    {
        var work = Directory.CreateTempSubdirectory("vigil-photos-").FullName;
        try
        {
            var photos = prepare(work);
            return new PhotoInputs([.. rasters, .. photos.Select(p => p.RasterPath)], photos, files, work);
        }
        catch
        {
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        if (_workDirectory is not null && Directory.Exists(_workDirectory))
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
    }
}
