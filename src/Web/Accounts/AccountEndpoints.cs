using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Vigil.Ledger.Accounts;
using Vigil.Web.Hosting;

namespace Vigil.Web.Accounts;

/// <summary>Sign-in with lockout after <see cref="LockAfterFailures"/> wrong passwords, sign-out, the signed-in user and language.</summary>
internal static class AccountEndpoints
{
    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public const int LockAfterFailures = 5;

    /// <summary>How long a locked account stays locked: long enough to stop guessing, short enough for a typo-prone user.</summary>
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    public sealed record SignInForm(string? Name, string? Password);

    public sealed record LanguageForm(string? Language);

    public static void Map(RouteGroupBuilder api, RouteGroupBuilder writes)
    {
        writes.MapPost("/login", SignIn);
        writes.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });
        api.MapGet("/me", (HttpContext context, Office office) => Results.Json(Me(office.User(context))));
        writes.MapPut("/me/language", (HttpContext context, Office office, LanguageForm form) =>
        {
            var user = office.User(context);
            string language;
            try
            {
                language = UserAdministration.LanguageNamed(form.Language ?? "");
            }
            catch (ArgumentException ex)
            {
                throw Refusal.BadRequest(ex.Message);
            }

            office.Store.SetUserLanguage(user.Name, language);
            return Results.Json(Me(user with { Language = language }));
        });
    }

    private static async Task<IResult> SignIn(HttpContext context, Office office, SignInForm form)
    {
        var name = form.Name?.Trim() ?? "";
        var password = form.Password ?? "";
        var now = office.Now;
        var user = office.Store.FindUser(name);
        if (user?.LockedUntilUtc is { } until && until > now)
        {
            return Locked(until);
        }

        if (!Passwords.Verify(user, password) || user is null)
        {
            var after = office.Store.RecordLoginFailure(name, now, LockAfterFailures, LockDuration, VigilServer.ClientOf(context));
            return after?.LockedUntilUtc is { } lockedUntil
                ? Locked(lockedUntil)
                : Results.Json(new { error = "wrong name or password" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (user.Disabled)
        {
            return Results.Json(new { error = "this account is disabled; ask an administrator" }, statusCode: StatusCodes.Status403Forbidden);
        }

        office.Store.RecordLoginSuccess(user.Name);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name)], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Json(Me(user));
    }

    private static IResult Locked(DateTimeOffset until) => Results.Json(new
    {
        error = $"this account is locked after {LockAfterFailures} wrong passwords, until "
            + until.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC",
        lockedUntil = until,
    }, statusCode: StatusCodes.Status423Locked);

    private static object Me(UserAccount user) => new
    {
        name = user.Name,
        displayName = user.DisplayName,
        role = user.Role,
        team = user.Team,
        language = user.Language,
    };
}
