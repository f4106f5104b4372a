namespace Vigil.Ledger.Cards;

/// <summary>The values of <see cref="CardChange.Color"/>.</summary>
public static class CardColors
{
    /// <summary>A warning: too many open cases, or a case past its deadline.</summary>
    public const string Yellow = "yellow";

    /// <summary>A yellow card left unresolved too long, or a structure rebuilt after demolition.</summary>
    public const string Red = "red";

    /// <summary>The card is lifted: its cause is resolved.</summary>
    public const string Lifted = "lifted";

    /// <summary>True for one of the three values.</summary>
    public static bool IsKnown(string color) => color is Yellow or Red or Lifted;
}
