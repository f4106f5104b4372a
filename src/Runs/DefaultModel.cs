namespace Vigil.Runs;

/// <summary>Where the shipped model is found when no <c>--model</c> is given.</summary>
public static class DefaultModel
{
    /// <summary>File name of the shipped model.</summary>
    public const string FileName = "vigil-buildings.onnx";

    /// <summary>The shipped model beside the executable (copied there at build time from models/).</summary>
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "models", FileName);
}
