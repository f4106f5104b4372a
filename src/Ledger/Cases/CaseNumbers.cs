using System.Globalization;

namespace Vigil.Ledger.Cases;

/// <summary>The form of a case number, "VIG-{year}-{sequence:D6}": the only place it is written.</summary>
internal static class CaseNumbers
{
    /// <summary>The number of the <paramref name="sequence"/>th case opened in <paramref name="year"/> (UTC).</summary>
    public static string Format(int year, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"VIG-{year}-{sequence:D6}");
}
