using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Vigil.Ledger.Cards;

/// <summary>
/// When the black list gives cards, read from a rules file (YAML, or JSON, which YAML reads as well):
/// <code>
/// yellow:
///   open_cases_per_zone: 5      # a zone holding this many open cases
///   open_cases_per_offender: 2  # an owner or parcel holding this many open cases
///   deadline_days: 90           # a case still open this many days after it was first seen
/// red:
///   yellow_unresolved_days: 30  # a yellow card still deserved this many days after it was given
///   rebuilt: true               # a case rebuilt after its demolition
/// </code>
/// </summary>
/// <param name="OpenCasesPerZone">Open cases in one black-list zone that earn the zone a yellow card.</param>
/// <param name="OpenCasesPerOffender">Open cases of one offender that earn the offender a yellow card.</param>
/// <param name="DeadlineDays">Days after first sighting by which a case must no longer be open; also its deadline.</param>
/// <param name="YellowUnresolvedDays">Days a yellow card may stay deserved before it turns red.</param>
/// <param name="RedWhenRebuilt">Whether a case rebuilt after its demolition gets a red card at once.</param>
public sealed record CardRules(
    int OpenCasesPerZone, int OpenCasesPerOffender, int DeadlineDays, int YellowUnresolvedDays, bool RedWhenRebuilt)
{
    /// <summary>Reads and checks a rules file.</summary>
    /// <exception cref="InvalidDataException">The file is malformed, names an unknown key or holds a value out of range; the message says where.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static CardRules Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The rules file '{path}' does not exist.", path);
        }

        RulesFile? file;
        try
        {
            file = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .Build()
                .Deserialize<RulesFile>(File.ReadAllText(path));
        }
        catch (YamlException ex)
        {
            var detail = Readable(ex.InnerException?.Message ?? ex.Message);
            throw new InvalidDataException(
                $"The rules file '{path}' is invalid at line {ex.Start.Line}, column {ex.Start.Column}: {detail}", ex);
        }

        if (file?.Yellow is not { } yellow || file.Red is not { } red)
        {
            throw new InvalidDataException($"The rules file '{path}' must have a 'yellow' and a 'red' section.");
        }

        return new CardRules(
            Positive(path, "yellow.open_cases_per_zone", yellow.OpenCasesPerZone),
            Positive(path, "yellow.open_cases_per_offender", yellow.OpenCasesPerOffender),
            Positive(path, "yellow.deadline_days", yellow.DeadlineDays),
            Positive(path, "red.yellow_unresolved_days", red.YellowUnresolvedDays),
            red.Rebuilt ?? true);
    }

    /// <summary>When an open case opened at <paramref name="firstSeenUtc"/> is due to be resolved.</summary>
    public DateTimeOffset DeadlineOf(DateTimeOffset firstSeenUtc) => firstSeenUtc.AddDays(DeadlineDays);

    /// <summary>
    /// YamlDotNet's message in the words of the file: it names the .NET type it fills ("Property 'x' not found on type
    /// 'Vigil.Ledger.CardRules+RulesFile'"), which means an unknown key.
    /// </summary>
    private static string Readable(string message)
    {
        var unknown = Regex.Match(message, "Property '([^']+)' not found on type");
        return unknown.Success
            ? $"unknown key '{unknown.Groups[1].Value}'"
            : Regex.Replace(message, " (?:on|of|to) type '[^']*'", "");
    }

    private static int Positive(string path, string key, int? value) => value switch
    {
        null => throw new InvalidDataException($"The rules file '{path}' lacks '{key}'."),
        <= 0 => throw new InvalidDataException($"In the rules file '{path}', '{key}' must be a positive whole number, not {value}."),
        _ => value.Value,
    };

    private sealed class RulesFile
    {
        public YellowSection? Yellow { get; set; }

        public RedSection? Red { get; set; }
    }

    private sealed class YellowSection
    {
        public int? OpenCasesPerZone { get; set; }

        public int? OpenCasesPerOffender { get; set; }

        public int? DeadlineDays { get; set; }
    }

    private sealed class RedSection
    {
        public int? YellowUnresolvedDays { get; set; }

        public bool? Rebuilt { get; set; }
    }
}
