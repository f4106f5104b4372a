using System.Globalization;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Stores;

namespace Vigil.Runs.Office;

/// <summary><c>vigil ledger cards</c>: the cards in force, per zone.</summary>
public static class CardActions
{
    /// <summary>
    /// Lists the cards in force per zone; with a rules file, first evaluates it and records the changes as card events.
    /// A rules file with an error is refused (<see cref="LedgerActions.Refused"/>) before anything is written.
    /// </summary>
    public static int Cards(ILedgerStore store, TextWriter output, string? rulesPath, DateTimeOffset nowUtc, string actor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        if (rulesPath is not null)
        {
            CardRules rules;
            try
            {
                rules = CardRules.Load(rulesPath);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                throw new RunFailedException(ex.Message, ExitCodes.Refused, ex);
            }

            foreach (var change in CardReferee.Evaluate(
                store.ReadRecords(), CardBook.Current(store.ReadEvents()), rules, nowUtc, actor))
            {
                store.RecordCard(change);
                output.WriteLine($"card {change.Color}: {change.SubjectKind} {change.Subject} ({change.Reason})");
            }
        }

        var current = CardBook.Current(store.ReadEvents());
        foreach (var zone in current.GroupBy(c => c.Zone ?? "(no zone)"))
        {
            output.WriteLine(zone.Key);
            foreach (var card in zone)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {card.Color,-6} {card.SubjectKind,-8} {card.Subject}  since {card.SinceUtc:yyyy-MM-dd}  {card.Reason}  [{string.Join(", ", card.Cases)}]"));
            }
        }

        output.WriteLine($"{current.Count} card(s) in force");
        return ExitCodes.Success;
    }
}
