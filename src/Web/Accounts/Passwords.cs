using Microsoft.AspNetCore.Identity;
using Vigil.Ledger.Accounts;

namespace Vigil.Web.Accounts;

/// <summary>Password hashes in ASP.NET Core Identity's format (PBKDF2 with HMAC-SHA512, salted, iterated).</summary>
internal static class Passwords
{
    /// <summary>The shortest password accepted for a new account.</summary>
    public const int MinimumLength = 8;

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    /// <summary>A hash to compare against when the name is unknown, so that a wrong name takes as long as a wrong password.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(null!, "decoy password of no account");

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(UserAccount? user, string password)
    {
        var result = Hasher.VerifyHashedPassword(null!, user?.PasswordHash ?? DecoyHash, password);
        return user is not null && result != PasswordVerificationResult.Failed;
    }
}
