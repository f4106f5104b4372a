using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.FileProviders;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;
using Vigil.Web.Accounts;
using Vigil.Web.Cases;
using Vigil.Web.Dashboard;
using Vigil.Web.Imagery;

namespace Vigil.Web.Hosting;

/// <summary>
/// The web app of <c>vigil serve</c>: Kestrel, cookie sign-in, antiforgery on every write, the JSON API over the ledger
/// and the bundled pages. Every write is checked against the signed-in user's role on the server.
/// </summary>
public static class VigilServer
{
    /// <summary>The request limit: a field photo (<see cref="PhotoCheck.MaxBytes"/>) and its form, with room to refuse a larger one by name.</summary>
    private const long MaxRequestBytes = 64L * 1024 * 1024;

    /// <summary>Builds the app on an open ledger; the caller runs it and disposes the ledger afterwards.</summary>
    /// <param name="options">Where to listen and where photos go.</param>
    /// <param name="store">The ledger, shared by all requests (the stores are thread-safe).</param>
    /// <param name="clock">The time events are stamped with; null: the system clock.</param>
    public static WebApplication Build(ServeOptions options, SqlLedgerStore store, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        CheckUrls(options.Urls);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(VigilServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBytes);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        var services = builder.Services;
        services.AddSingleton(_ => new Office(store, options, clock ?? TimeProvider.System));
        services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = MaxRequestBytes);
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(SessionCookie.Configure);
        services.AddAuthorization();
        services.AddAntiforgery(a =>
        {
            a.HeaderName = Office.AntiforgeryHeader;
            a.Cookie.Name = "vigil.csrf";
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            a.Cookie.SameSite = SameSiteMode.Strict;
            a.Cookie.HttpOnly = true;
        });

        services.Configure<ForwardedHeadersOptions>(f => f.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        var app = builder.Build();
        WarnWhileWaiting(app, store);
        // A TLS-terminating proxy on this machine (the only proxies trusted by default) tells the scheme and the client.
        app.UseForwardedHeaders();
        app.Use(Headers);
        app.Use(Refusals);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = WebRoot });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = WebRoot });
        app.UseAuthentication();
        app.UseAuthorization();

        var api = app.MapGroup("/api");
        api.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            Results.Json(new { token = antiforgery.GetAndStoreTokens(context).RequestToken }));
        var writes = api.MapGroup("").AddEndpointFilter(CheckAntiforgery);
        AccountEndpoints.Map(api, writes);
        var signedIn = api.MapGroup("").RequireAuthorization();
        var signedInWrites = writes.MapGroup("").RequireAuthorization();
        CaseEndpoints.Map(signedIn, signedInWrites);
        DashboardEndpoints.Map(signedIn);
        ImageryEndpoints.Map(signedIn);
        api.MapFallback(() => Results.Json(new { error = "no such address" }, statusCode: StatusCodes.Status404NotFound));
        return app;
    }

    /// <summary>
    /// Plain HTTP only on loopback: passwords and session cookies never cross a network in clear. Elsewhere serve
    /// https:// (Kestrel with a certificate) or put a TLS proxy in front of a loopback address.
    /// </summary>
    private static void CheckUrls(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
                UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"--urls: '{url}' is not an http:// or https:// address");
            }

            if (uri.Scheme == "http" && !uri.IsLoopback)
            {
                throw new ArgumentException(
                    $"--urls: '{url}' would send passwords in clear over the network; serve https:// there, or http:// on "
                    + "127.0.0.1 behind a TLS proxy");
            }
        }
    }

    private static readonly IFileProvider WebRoot =
        new EmbeddedFileProvider(typeof(VigilServer).Assembly, typeof(VigilServer).Assembly.GetName().Name + ".wwwroot");

    private static async Task Headers(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        // Leaflet positions its panes with inline styles; scripts come from this server only.
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        await next(context);
    }

    /// <summary>Seconds a browser is told to wait before trying again a write refused on a locked ledger.</summary>
    private const int BusyRetrySeconds = 10;

    /// <summary>Logs each write that finds the GeoPackage locked by another program and waits for it.</summary>
    private static void WarnWhileWaiting(WebApplication app, SqlLedgerStore store)
    {
        if (store is not GeoPackageLedgerStore geoPackage)
        {
            return;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VigilServer));
        EventHandler warn = (_, _) => logger.LogWarning(
            "The ledger {Ledger} is being written by another program; a request waits for it (up to {Seconds} s)",
            geoPackage.FilePath, GeoPackageLedgerStore.BusyTimeoutMilliseconds / 1000);
        geoPackage.Busy += warn;
        app.Lifetime.ApplicationStopped.Register(() => geoPackage.Busy -= warn);
    }

    private static async Task Refusals(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (LedgerBusyException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = BusyRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var office = context.RequestServices.GetRequiredService<Office>();
            await context.Response.WriteAsJsonAsync(new { error = BusyMessage(office.LanguageOf(context), ex.Waited) });
        }
        catch (Exception ex) when (Status(ex) is { } status && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { error = ex.Message });
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VigilServer))
                .LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { error = "the server failed on this request; the server log says why" });
        }
    }

    private static string BusyMessage(string language, TimeSpan waited) => language == "en"
        ? $"The ledger is being written by another program (a flight being recorded, an edit in QGIS) and stayed locked for {waited.TotalSeconds:0} s. Nothing was saved; try again in a moment."
        : $"台账正被其他程序写入（正在入库的航次或 QGIS 中的编辑），等待 {waited.TotalSeconds:0} 秒仍未释放。本次操作未保存，请稍后重试。";

    private static int? Status(Exception ex) => ex switch
    {
        Refusal refusal => refusal.Status,
        StaleCaseException or CaseTransitionException => StatusCodes.Status409Conflict,
        AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        BadHttpRequestException bad => bad.StatusCode,
        JsonException => StatusCodes.Status400BadRequest,
        _ => null,
    };

    private static async ValueTask<object?> CheckAntiforgery(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            throw Refusal.BadRequest("this form has expired or did not come from Vigil's pages: reload the page and try again");
        }

        return await next(invocation);
    }

    /// <summary>The address a request came from, for the event log.</summary>
    internal static string ClientOf(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : IPAddress.None.ToString();
}
