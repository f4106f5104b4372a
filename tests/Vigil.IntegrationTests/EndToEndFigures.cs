using System.Text.Json;

namespace Vigil.IntegrationTests;

/// <summary>Figures an end-to-end run is held to, kept as a file in expected/ and compared with a tolerance.</summary>
internal sealed record EndToEndFigures(double Recall, double Precision, double KeptFlaggedShare)
{
    /// <summary>Slack on every figure: the runs are deterministic, but a retrained model moves them a little.</summary>
    public const double Tolerance = 0.10;

    public static EndToEndFigures Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "expected", name);
        return JsonSerializer.Deserialize<EndToEndFigures>(File.ReadAllText(path))
               ?? throw new InvalidOperationException($"{path} is empty");
    }
}
