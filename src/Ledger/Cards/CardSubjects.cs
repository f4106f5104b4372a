namespace Vigil.Ledger.Cards;

/// <summary>What a card is given to: the values of <see cref="CardChange.SubjectKind"/>.</summary>
public static class CardSubjects
{
    /// <summary>A black-list zone, named.</summary>
    public const string Zone = "zone";

    /// <summary>An offender: a case's owner or parcel.</summary>
    public const string Offender = "offender";

    /// <summary>One case, by number; its card is also written on the case.</summary>
    public const string Case = "case";

    /// <summary>True for one of the three kinds.</summary>
    public static bool IsKnown(string kind) => kind is Zone or Offender or Case;
}
