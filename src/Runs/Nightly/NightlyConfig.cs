using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using Vigil.Runs;

namespace Vigil.Runs.Nightly;

/// <summary>
/// What <c>vigil nightly</c> runs with, read from a YAML or JSON file; relative paths are relative to the file:
/// <code>
/// ledger: /srv/vigil/ledger.gpkg        # or "Host=...;Database=..."
/// baseline: /srv/vigil/buildings.gpkg
/// blacklist: /srv/vigil/zones.geojson   # optional
/// rules: /srv/vigil/rules.yaml          # optional: black-list cards evaluated after the flights
/// model: /opt/vigil/models/vigil-buildings.onnx   # optional
/// reports: /srv/vigil/reports           # optional, default: the inbox
/// </code>
/// </summary>
/// <param name="Ledger">Ledger GeoPackage or PostGIS connection string.</param>
/// <param name="Baseline">Registered buildings and known violations.</param>
/// <param name="Blacklist">Black-list zones, or null.</param>
/// <param name="Rules">Black-list card rules, or null.</param>
/// <param name="Model">The ONNX model, or null for the shipped one.</param>
/// <param name="Reports">Folder for run reports, or null for the inbox.</param>
public sealed record NightlyConfig(
    string Ledger, string Baseline, string? Blacklist, string? Rules, string? Model, string? Reports)
{
    /// <summary>Reads and checks the file.</summary>
    /// <exception cref="RunFailedException">Missing, malformed, or without ledger or baseline; exit code "bad configuration".</exception>
    public static NightlyConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new RunFailedException($"the nightly configuration '{path}' does not exist", ExitCodes.BadConfiguration);
        }

        ConfigFile? file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<ConfigFile>(File.ReadAllText(path));
        }
        catch (YamlException ex)
        {
            throw new RunFailedException(
                $"the nightly configuration '{path}' is invalid at line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}",
                ExitCodes.BadConfiguration, ex);
        }

        if (file?.Ledger is not { Length: > 0 } ledger || file.Baseline is not { Length: > 0 } baseline)
        {
            throw new RunFailedException(
                $"the nightly configuration '{path}' must name a 'ledger' and a 'baseline'", ExitCodes.BadConfiguration);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? Resolve(string? p) => p is null ? null : Path.GetFullPath(p, folder);
        return new NightlyConfig(
            LedgerLocation.IsDatabase(ledger) ? ledger : Resolve(ledger)!,
            Resolve(baseline)!, Resolve(file.Blacklist), Resolve(file.Rules), Resolve(file.Model), Resolve(file.Reports));
    }

    private sealed class ConfigFile
    {
        public string? Ledger { get; set; }

        public string? Baseline { get; set; }

        public string? Blacklist { get; set; }

        public string? Rules { get; set; }

        public string? Model { get; set; }

        public string? Reports { get; set; }
    }
}
