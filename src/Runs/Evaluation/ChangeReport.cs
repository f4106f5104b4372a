using System.Globalization;
using System.Text.Json;
using Vigil.Core;

namespace Vigil.Runs.Evaluation;

/// <summary>The figures of <c>vigil eval --change</c> over every pair.</summary>
/// <param name="Pairs">Each pair's counts.</param>
/// <param name="Rejections">Files that could not be evaluated, with reasons.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Level">The model's case confidence level, at which the main figures are given.</param>
public sealed record ChangeReport(IReadOnlyList<ChangePairScore> Pairs, IReadOnlyList<Rejection> Rejections, TimeSpan Elapsed, double Level)
{
    /// <summary>The figures over every pair at each level swept, lowest first.</summary>
    public IReadOnlyList<LevelScore> ByLevel => Pairs.SelectMany(p => p.ByLevel).GroupBy(l => l.Level).OrderBy(g => g.Key)
        .Select(g => new LevelScore(g.Key, g.Sum(l => l.ChangedRegions), g.Sum(l => l.Caught), g.Sum(l => l.NewRecords), g.Sum(l => l.FalseNew)))
        .ToList();

    /// <summary>Changed regions over all pairs.</summary>
    public int ChangedRegions => Pairs.Sum(p => p.ChangedRegions);

    /// <summary>Changed regions caught as new.</summary>
    public int Caught => Pairs.Sum(p => p.Caught);

    /// <summary>New records over all pairs.</summary>
    public int NewRecords => Pairs.Sum(p => p.NewRecords);

    /// <summary>New records mostly on unchanged ground.</summary>
    public int FalseNew => Pairs.Sum(p => p.FalseNew);

    /// <summary>Share of changed regions caught as new; 0 when none.</summary>
    public double Recall => ChangedRegions == 0 ? 0 : (double)Caught / ChangedRegions;

    /// <summary>Share of new records on unchanged ground; 0 when none.</summary>
    public double FalseNewShare => NewRecords == 0 ? 0 : (double)FalseNew / NewRecords;

    /// <summary>Pairs whose label marks no change.</summary>
    public int UnchangedPairs => Pairs.Count(p => p.Unchanged);

    /// <summary>Records opened on pairs whose label marks no change (all false).</summary>
    public int RecordsOnUnchangedPairs => Pairs.Where(p => p.Unchanged).Sum(p => p.Records);

    /// <summary>The figures as one JSON object.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        pairs = Pairs.Count,
        changed_regions = ChangedRegions,
        caught_as_new = Caught,
        recall = Math.Round(Recall, 3),
        new_records = NewRecords,
        false_new = FalseNew,
        false_new_share = Math.Round(FalseNewShare, 3),
        expanded = Pairs.Sum(p => p.Expanded),
        demolished_candidates = Pairs.Sum(p => p.DemolishedCandidates),
        unchanged_pairs = UnchangedPairs,
        records_on_unchanged_pairs = RecordsOnUnchangedPairs,
        case_confidence = Math.Round(Level, 3),
        by_level = ByLevel.Select(l => new
        {
            level = l.Level, new_records = l.NewRecords, false_new = l.FalseNew, false_new_share = Math.Round(l.FalseNewShare, 3),
            recall = Math.Round(l.Recall, 3),
        }),
    });

    /// <summary>The figures in a few lines, then one line per pair.</summary>
    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"pairs {Pairs.Count}, {Elapsed.TotalSeconds:F1} s");
        yield return string.Create(c, $"case confidence level {Level:F3} (the model card's)");
        yield return string.Create(c, $"changed regions {ChangedRegions}, caught as new {Caught}: recall {Recall:F3}");
        yield return string.Create(c, $"new records {NewRecords}, on unchanged ground {FalseNew}: {FalseNewShare:P1} false");
        yield return string.Create(c, $"expanded {Pairs.Sum(p => p.Expanded)}, demolished candidates {Pairs.Sum(p => p.DemolishedCandidates)}");
        yield return UnchangedPairs == 0
            ? "unchanged pairs: none among the labels"
            : string.Create(c, $"unchanged pairs {UnchangedPairs}: {RecordsOnUnchangedPairs} record(s), all false");
        yield return "had the case level been: level, new records, on unchanged ground, recall";
        foreach (var l in ByLevel)
        {
            yield return string.Create(c, $"  {l.Level:F3}{(l.Level == Level ? " *" : "  ")} {l.NewRecords,5} {l.FalseNew,5} ({l.FalseNewShare,6:P1}) {l.Recall,7:F3}");
        }

        foreach (var p in Pairs)
        {
            yield return string.Create(c,
                $"  {p.Name}: changed {p.ChangedRegions}, caught {p.Caught}, new {p.NewRecords} ({p.FalseNew} false), expanded {p.Expanded}, demolished {p.DemolishedCandidates}");
        }
    }
}
