using System.CommandLine;
using Vigil.Ledger;
using Vigil.Ledger.Language;
using Vigil.Runs;

namespace Vigil.Cli;

/// <summary><c>--lang zh-CN|en</c>: the language of work lists, reports and their messages; default from the locale.</summary>
public static class LanguageOption
{
    /// <summary>
    /// Builds the option. Another language is a parse error (exit 2, the option and its languages in one line) before
    /// the command runs; <see cref="Resolve"/> turns the value into the language's texts.
    /// </summary>
    public static Option<string?> Create()
    {
        var option = new Option<string?>("--lang")
        {
            Description = "Language of the pages, charts and messages: zh-CN or en (default: from the locale, LANG)",
        };
        option.Validators.Add(result =>
        {
            try
            {
                OfficeText.For(result.GetValueOrDefault<string?>());
            }
            catch (ArgumentException ex)
            {
                result.AddError(ex.Message);
            }
        });
        return option;
    }

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
