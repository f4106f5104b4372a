using System.Text.RegularExpressions;

namespace Vigil.Cli;

/// <summary>
/// Messages in the user's words: the names of options and files, never of .NET types or method parameters, which
/// exception messages of the runtime and of libraries carry.
/// </summary>
public static partial class UserText
{
    /// <summary>
    /// The message without " (Parameter 'x')", without " on type 'Namespace.Type+Nested'", and with other type names
    /// said as "the value".
    /// </summary>
    public static string Clean(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var cleaned = ParameterSuffix().Replace(message, "");
        cleaned = OnType().Replace(cleaned, "");
        return TypeName().Replace(cleaned, "the value");
    }

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)")]
    private static partial Regex ParameterSuffix();

    [GeneratedRegex(@" (?:on|of|for|to) type '[^']*'")]
    private static partial Regex OnType();

    /// <summary>A quoted type of the runtime or a library, or a bare <c>System.Int32</c>; never a file name like Vigil.gpkg.</summary>
    [GeneratedRegex(@"(?:type )?'(?:System|Vigil|YamlDotNet|Npgsql|Microsoft)\.[\w.+`]+'|\bSystem(?:\.[A-Z]\w*)+")]
    private static partial Regex TypeName();
}
