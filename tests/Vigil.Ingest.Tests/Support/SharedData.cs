namespace Vigil.Ingest.Tests.Support;

/// <summary>Real data files in ../shared/data beside the repository (read in place, never copied).</summary>
internal static class SharedData
{
    public static string File(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                var path = Path.GetFullPath(Path.Combine([dir.FullName, "..", "shared", "data", .. parts]));
                return System.IO.File.Exists(path)
                    ? path
                    : throw new InvalidOperationException($"{path} is missing: these tests read real data from ../shared/data beside the repository.");
            }
        }

        throw new InvalidOperationException("Vigil.slnx not found above the test binaries.");
    }

    public static string Srt(string name) => File("dji_srt_and_gps_tracks", "dji_srt", name);

    public static string Video(string name) => File("video_gps_samples", name);

    public static string Geotag(string name) => File("dji_srt_and_gps_tracks", "exiftool_geotag_samples", name);
}
