using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Vigil.Web.Hosting;

namespace Vigil.Web.Accounts;

/// <summary>
/// The sign-in cookie: HttpOnly, SameSite=Strict, Secure over HTTPS (plain HTTP is only served on loopback), eight hours sliding. The API answers 401/403 instead of
/// redirecting, and a session of an account disabled or removed since ends at its next request.
/// </summary>
internal static class SessionCookie
{
    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "vigil.session";
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized, "sign in first");
        options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden, "not allowed");
        options.Events.OnValidatePrincipal = async context =>
        {
            var office = context.HttpContext.RequestServices.GetRequiredService<Office>();
            if (context.Principal?.Identity?.Name is not { } name || office.Store.FindUser(name) is not { Disabled: false })
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync();
            }
        };
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = message });
    }
}
