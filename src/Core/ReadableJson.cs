using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Vigil.Core;

/// <summary>
/// JSON that keeps Chinese and every other script as text (<c>"现场核实"</c>, not <c>"\u73B0\u573A..."</c>), for the
/// ledger's event details, the GeoJSON files and the reports. HTML-sensitive characters (<c>&lt; &gt; &amp; ' "</c>)
/// are still escaped, so the text is also safe inside a page. Immutable, thread-safe.
/// </summary>
public static class ReadableJson
{
    /// <summary>The encoder: every Unicode range allowed.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>Serializer options with <see cref="Encoder"/>; not indented.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = Encoder };

    /// <summary>Serializer options with <see cref="Encoder"/>, indented.</summary>
    public static readonly JsonSerializerOptions Indented = new() { Encoder = Encoder, WriteIndented = true };

    /// <summary>
    /// The same JSON with escaped non-ASCII text written as text (event details written before Vigil kept them
    /// readable); text that is not JSON is returned as it is.
    /// </summary>
    public static string Unescape(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains("\\u", StringComparison.Ordinal))
        {
            return json;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Options);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
