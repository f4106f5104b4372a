namespace Vigil.IntegrationTests;

/// <summary>Finds ../shared/data beside the repository (real imagery is read from there, never copied).</summary>
internal static class SharedData
{
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Vigil.slnx not found above the test binaries.");
        }
    }

    public static string Folder(string name)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", name));
        if (!Directory.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} is missing: the end-to-end tests read real imagery from ../shared/data beside the repository.");
        }

        return path;
    }

    public static string ShippedModel => Path.Combine(RepositoryRoot, "models", "vigil-buildings.onnx");
}
