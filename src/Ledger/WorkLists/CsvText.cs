using System.Text;

namespace Vigil.Ledger.WorkLists;

/// <summary>
/// The office's CSV files: RFC 4180 fields, one record a line, written in UTF-8 with a byte-order mark, which makes
/// Excel read them as UTF-8 (a zh-CN Excel reads a file without one as GBK and garbles every Chinese name). Thread-safe.
/// </summary>
public static class CsvText
{
    /// <summary>UTF-8 that writes the byte-order mark (EF BB BF) first.</summary>
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Appends one record and its line end.</summary>
    public static void AppendLine(StringBuilder text, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.AppendJoin(',', fields.Select(Field)).Append('\n');
    }

    /// <summary>A field, quoted (doubling its quotes) when it holds a comma, quote or line break.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>
    /// Text typed by a person (a reason, a name) that a spreadsheet must show as text: one starting with =, +, -, @ or a
    /// tab would be run as a formula by Excel, so it gets a leading apostrophe, which Excel hides.
    /// </summary>
    public static string Typed(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value ?? "";
}
