using System.CommandLine;
using Vigil.Ledger;
using Vigil.Ledger.Language;
using Vigil.Runs;

namespace Vigil.Cli;

/// <summary><c>--lang zh-CN|en</c>: the language of work lists, reports and their messages; default from the locale.</summary>
public static class LanguageOption
{
    /// <summary>Builds the option; its value is checked by <see cref="Resolve"/> when the command runs.</summary>
    public static Option<string?> Create() => new("--lang")
    {
        Description = "Language of the pages, charts and messages: zh-CN or en (default: from the locale, LANG)",
    };

    /// <summary>The language named, or the locale's when none is.</summary>
    /// <exception cref="RunFailedException">Another language; exit code "bad configuration", nothing written.</exception>
    public static OfficeText Resolve(string? tag)
    {
        try
        {
            return OfficeText.For(tag);
        }
        catch (ArgumentException ex)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }
    }
}
