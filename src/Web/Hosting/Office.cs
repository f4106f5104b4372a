using Vigil.Ledger.Accounts;
using Vigil.Ledger.Stores;
using Vigil.Web.Cases;

namespace Vigil.Web.Hosting;

/// <summary>What every request of the app shares: the ledger, the options, the clock, and who is asking.</summary>
internal sealed class Office(SqlLedgerStore store, ServeOptions options, TimeProvider clock) : IDisposable
{
    private readonly CaseCrops _crops = new(options.ImageryDirectory);

    /// <summary>The request header that carries the antiforgery token of the page.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public SqlLedgerStore Store => store;

    public ServeOptions Options => options;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The case pictures cut from the flights' imagery.</summary>
    public CaseCrops Crops => _crops;

    public void Dispose() => _crops.Dispose();

    /// <summary>The signed-in user's account as it is now in the ledger (a role changed meanwhile counts at once).</summary>
    public UserAccount User(HttpContext context) =>
        context.User.Identity?.Name is { } name && store.FindUser(name) is { Disabled: false } user
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
