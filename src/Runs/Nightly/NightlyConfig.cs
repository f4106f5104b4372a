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
/// settle_minutes: 10                    # optional: a file is taken once unchanged this long
/// done_marker: false                    # optional: true takes a flight only once its .done marker is there
/// altitude_agl: 120                     # optional: camera height above ground of drone photos and video frames, metres
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
    /// <summary>
    /// The settle time when the file names none: an upload over a drone operator's line writes every few seconds, so
    /// ten quiet minutes mean it has ended (or stalled, which the completeness checks then catch).
    /// </summary>
    public const double DefaultSettleMinutes = 10;

    /// <summary>How long a file's size and modification time must stay unchanged before it is taken, minutes.</summary>
    public double SettleMinutes { get; init; } = DefaultSettleMinutes;

    /// <summary>
    /// True: a flight folder is taken only when it holds a <c>.done</c> marker (or each file its <c>NAME.done</c>);
    /// false: a marker takes the files at once, without one the settle time decides.
    /// </summary>
    public bool DoneMarkerRequired { get; init; }

    /// <summary>Camera height above the ground of drone photos and video frames, metres; null reads the tags.</summary>
    public double? AltitudeAglMeters { get; init; }

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

        if (file.SettleMinutes is { } settle && (!double.IsFinite(settle) || settle < 0))
        {
            throw new RunFailedException(
                $"the nightly configuration '{path}': 'settle_minutes' must be a number of minutes, 0 or more", ExitCodes.BadConfiguration);
        }

        if (file.AltitudeAgl is { } altitude && (!double.IsFinite(altitude) || altitude <= 0))
        {
            throw new RunFailedException(
                $"the nightly configuration '{path}': 'altitude_agl' must be a height in metres above 0", ExitCodes.BadConfiguration);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? Resolve(string? p) => p is null ? null : Path.GetFullPath(p, folder);
        return new NightlyConfig(
            LedgerLocation.IsDatabase(ledger) ? ledger : Resolve(ledger)!,
            Resolve(baseline)!, Resolve(file.Blacklist), Resolve(file.Rules), Resolve(file.Model), Resolve(file.Reports))
        {
            SettleMinutes = file.SettleMinutes ?? DefaultSettleMinutes,
            DoneMarkerRequired = file.DoneMarker ?? false,
            AltitudeAglMeters = file.AltitudeAgl,
        };
    }

    private sealed class ConfigFile
    {
        public string? Ledger { get; set; }

        public string? Baseline { get; set; }

        public string? Blacklist { get; set; }

        public string? Rules { get; set; }

        public string? Model { get; set; }

        public string? Reports { get; set; }

        public double? SettleMinutes { get; set; }

        public bool? DoneMarker { get; set; }

        public double? AltitudeAgl { get; set; }
    }
}
