using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Cards;

/// <summary>The cards in force, replayed from the "card" events of the log; the log is the only record of cards.</summary>
public static class CardBook
{
    /// <summary>The current card of every subject that has one, ordered by zone, then subject kind and name.</summary>
    public static IReadOnlyList<CurrentCard> Current(IEnumerable<LedgerEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var cards = new Dictionary<(string Kind, string Subject), CurrentCard>();
        foreach (var e in events.Where(e => e.Kind == LedgerEventKinds.Card).OrderBy(e => e.Id))
        {
            var detail = JsonSerializer.Deserialize<CardDetail>(e.Detail)
                ?? throw new InvalidDataException($"Card event {e.Id} has no detail.");
            var key = (detail.SubjectKind, detail.Subject);
            if (detail.Color == CardColors.Lifted)
            {
                cards.Remove(key);
                continue;
            }

            var since = cards.TryGetValue(key, out var previous) ? previous.YellowSinceUtc : e.AtUtc;
            cards[key] = new CurrentCard(
                detail.SubjectKind, detail.Subject, detail.Color, detail.Zone, detail.Cases ?? [], e.AtUtc, since, detail.Reason);
        }

        return [.. cards.Values
            .OrderBy(c => c.Zone ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(c => c.SubjectKind, StringComparer.Ordinal)
            .ThenBy(c => c.Subject, StringComparer.Ordinal)];
    }

    /// <summary>The JSON the stores write (<see cref="LedgerArguments.CardDetail"/>).</summary>
    private sealed record CardDetail(
        [property: JsonPropertyName("subject_kind")] string SubjectKind,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("color")] string Color,
        [property: JsonPropertyName("zone")] string? Zone,
        [property: JsonPropertyName("cases")] string[]? Cases,
        [property: JsonPropertyName("reason")] string Reason);
}
