using Vigil.Ledger.Accounts;
using Vigil.Ledger.Stores;
using Vigil.Web.Cases;
using Vigil.Web.Imagery;

namespace Vigil.Web.Hosting;

/// <summary>What every request of the app shares: the ledger, the options, the clock, and who is asking.</summary>
internal sealed class Office : IDisposable
{
    private readonly SqlLedgerStore _store;
    private readonly ServeOptions _options;
    private readonly TimeProvider _clock;
    private readonly CaseCrops _crops;
    private readonly string? _temporaryTiles;

    public Office(SqlLedgerStore store, ServeOptions options, TimeProvider clock)
    {
        _store = store;
        _options = options;
        _clock = clock;
        var rasters = new FlightRasters(options.ImageryDirectory);
        _crops = new CaseCrops(rasters);
        _temporaryTiles = options.TileCacheDirectory is null ? Directory.CreateTempSubdirectory("vigil-tiles-").FullName : null;
        var tiles = options.TileCacheDirectory ?? _temporaryTiles!;
        Directory.CreateDirectory(tiles);
        Imagery = new FlightImagery(rasters, tiles);
    }

    /// <summary>The request header that carries the antiforgery token of the page.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public SqlLedgerStore Store => _store;

    public ServeOptions Options => _options;

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>The case pictures cut from the flights' imagery.</summary>
    public CaseCrops Crops => _crops;

    /// <summary>The flights' orthophotos as map tiles.</summary>
    public FlightImagery Imagery { get; }

    public void Dispose()
    {
        _crops.Dispose();
        if (_temporaryTiles is not null)
        {
            Directory.Delete(_temporaryTiles, recursive: true);
        }
    }

    /// <summary>
    /// The language of the signed-in user ("zh-CN" or "en"); the office's, Chinese, when nobody is signed in or the ledger
    /// cannot be read now.
    /// </summary>
    public string LanguageOf(HttpContext context)
    {
        try
        {
            return context.User.Identity?.Name is { } name && _store.FindUser(name) is { } user ? user.Language : "zh-CN";
        }
        catch (Exception ex) when (ex is IOException or System.Data.Common.DbException)
        {
            return "zh-CN";
        }
    }

    /// <summary>The signed-in user's account as it is now in the ledger (a role changed meanwhile counts at once).</summary>
    public UserAccount User(HttpContext context) =>
        context.User.Identity?.Name is { } name && _store.FindUser(name) is { Disabled: false } user
            ? user
            : throw new Refusal(StatusCodes.Status401Unauthorized, "sign in first");

    /// <summary>The signed-in user when the role is one of <paramref name="roles"/> (an admin may do everything).</summary>
    public UserAccount Require(HttpContext context, string action, params string[] roles)
    {
        var user = User(context);
        if (user.Role != UserRoles.Admin && !roles.Contains(user.Role, StringComparer.Ordinal))
        {
            throw Refusal.Forbidden($"a {user.Role} may not {action}");
        }

        return user;
    }
}
