using Vigil.Core;
using Vigil.Ledger.Cases;

namespace Vigil.Ledger.Cards;

/// <summary>
/// Applies the black-list rules to the ledger: which zones, offenders and cases deserve a yellow or red card now, and
/// which cards in force are no longer deserved. Pure: reads records and current cards, returns the changes to record.
/// </summary>
public static class CardReferee
{
    /// <summary>The card changes that bring the cards in force in line with the rules at <paramref name="nowUtc"/>.</summary>
    /// <param name="records">Every case of the ledger.</param>
    /// <param name="current">The cards in force (<see cref="CardBook.Current"/>).</param>
    /// <param name="rules">The rules.</param>
    /// <param name="nowUtc">The time of the evaluation, written on the changes.</param>
    /// <param name="actor">Who evaluates, written on the changes.</param>
    public static IReadOnlyList<CardChange> Evaluate(
        IReadOnlyList<ViolationRecord> records, IReadOnlyList<CurrentCard> current, CardRules rules, DateTimeOffset nowUtc,
        string actor)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(rules);
        // Unreviewed detections never earn a card: only cases a person confirmed count.
        var open = records.Where(r => CaseStatuses.IsActionable(r.Status)).ToList();
        var deserved = new List<Deserved>();
        foreach (var zone in open.Where(r => r.BlacklistZone is not null).GroupBy(r => r.BlacklistZone!))
        {
            if (zone.Count() >= rules.OpenCasesPerZone)
            {
                deserved.Add(new Deserved(CardSubjects.Zone, zone.Key, zone.Key, Numbers(zone), false,
                    $"{zone.Count()} open cases in the zone (rule: {rules.OpenCasesPerZone})"));
            }
        }

        foreach (var offender in open.Where(r => r.Offender is not null).GroupBy(r => r.Offender!))
        {
            if (offender.Count() >= rules.OpenCasesPerOffender)
            {
                deserved.Add(new Deserved(CardSubjects.Offender, offender.Key,
                    offender.Select(r => r.BlacklistZone).FirstOrDefault(z => z is not null), Numbers(offender), false,
                    $"{offender.Count()} open cases of this offender (rule: {rules.OpenCasesPerOffender})"));
            }
        }

        foreach (var record in open)
        {
            if (rules.RedWhenRebuilt && record.Status == CaseStatuses.Rebuilt)
            {
                deserved.Add(new Deserved(CardSubjects.Case, record.Number, record.BlacklistZone, [record.Number], true,
                    "rebuilt after its demolition"));
            }
            else if (nowUtc > rules.DeadlineOf(record.FirstSeenUtc))
            {
                deserved.Add(new Deserved(CardSubjects.Case, record.Number, record.BlacklistZone, [record.Number], false,
                    $"open past its deadline {rules.DeadlineOf(record.FirstSeenUtc):yyyy-MM-dd}"));
            }
        }

        var inForce = current.ToDictionary(c => (c.SubjectKind, c.Subject));
        var changes = new List<CardChange>();
        foreach (var d in deserved)
        {
            var held = inForce.GetValueOrDefault((d.Kind, d.Subject));
            inForce.Remove((d.Kind, d.Subject));
            var (color, reason) = d.RedAtOnce ? (CardColors.Red, d.Reason)
                : held is { Color: CardColors.Red } ? (CardColors.Red, held.Reason)
                : held is not null && nowUtc - held.YellowSinceUtc >= TimeSpan.FromDays(rules.YellowUnresolvedDays)
                    ? (CardColors.Red, $"yellow since {held.YellowSinceUtc:yyyy-MM-dd} and unresolved (rule: {rules.YellowUnresolvedDays} days); {d.Reason}")
                : (CardColors.Yellow, d.Reason);
            if (held?.Color != color)
            {
                changes.Add(new CardChange(d.Kind, d.Subject, color, d.Zone, d.Cases, nowUtc, actor, reason));
            }
        }

        foreach (var stale in inForce.Values)
        {
            changes.Add(new CardChange(stale.SubjectKind, stale.Subject, CardColors.Lifted, stale.Zone, stale.Cases, nowUtc,
                actor, "no longer deserved"));
        }

        return changes;
    }

    private static string[] Numbers(IEnumerable<ViolationRecord> records) => [.. records.Select(r => r.Number)];

    private sealed record Deserved(
        string Kind, string Subject, string? Zone, IReadOnlyList<string> Cases, bool RedAtOnce, string Reason);
}
