using Vigil.Ingest.Video;

namespace Vigil.Runs.Nightly;

/// <summary>A flight folder of the inbox as the intake took it.</summary>
/// <param name="FlightId">The folder's name.</param>
/// <param name="Folder">Its full path.</param>
/// <param name="Files">Every file of the flight (inputs, tracks, side files), markers and hidden files left out.</param>
/// <param name="Images">Orthophotos (GeoTIFF) and drone photos (JPEG), for the orthophoto and photo path.</param>
/// <param name="Videos">Videos with the track of the same name (null: the video's own telemetry).</param>
/// <param name="Waiting">Why the flight is not taken yet (an upload not finished); null when it is.</param>
/// <param name="Unusable">Why the flight cannot be processed as it is (no input, an incomplete file); null when it can.</param>
internal sealed record FlightFolder(
    string FlightId,
    string Folder,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Images,
    IReadOnlyList<VideoInput> Videos,
    string? Waiting,
    string? Unusable)
{
    /// <summary>What the flight is made of: <c>video</c>, <c>photos</c>, <c>orthophotos</c> or both of the last.</summary>
    public string Kind
    {
        get
        {
            if (Videos.Count > 0)
            {
                return "video";
            }

            var photos = Images.Any(NightlyIntake.IsPhoto);
            var orthophotos = Images.Any(i => !NightlyIntake.IsPhoto(i));
            return photos && orthophotos ? "orthophotos+photos" : photos ? "photos" : "orthophotos";
        }
    }
}
