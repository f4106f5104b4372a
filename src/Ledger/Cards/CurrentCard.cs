namespace Vigil.Ledger.Cards;

/// <summary>A card in force: the last card event of its subject, when that is not a lift.</summary>
/// <param name="SubjectKind">One of <see cref="CardSubjects"/>.</param>
/// <param name="Subject">Zone name, offender or case number.</param>
/// <param name="Color">Yellow or red.</param>
/// <param name="Zone">The black-list zone it is listed under, if any.</param>
/// <param name="Cases">The cases that earned it.</param>
/// <param name="SinceUtc">When the subject got its current colour.</param>
/// <param name="YellowSinceUtc">When the subject's unbroken run of cards began (its first yellow or red).</param>
/// <param name="Reason">The rule that fired.</param>
public sealed record CurrentCard(
    string SubjectKind,
    string Subject,
    string Color,
    string? Zone,
    IReadOnlyList<string> Cases,
    DateTimeOffset SinceUtc,
    DateTimeOffset YellowSinceUtc,
    string Reason);
