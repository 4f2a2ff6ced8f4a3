using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace ChildProtection.Web.Features.Accounts;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) that work once. Identity's own provider
/// accepts a code again for as long as its window lasts, so a code seen over a shoulder or lifted from a request could
/// be used a second time. The last time step used is kept in the account's token store, and a code of that step or an
/// earlier one is refused.
/// </summary>
internal sealed class OneTimeAuthenticatorCodes(TimeProvider clock) : IUserTwoFactorTokenProvider<StaffUser>
{
    private const string TokenStore = "ChildProtection";
    private const string LastStepToken = "LastAuthenticatorStep";
    private const int StepSeconds = 30;

    /// <summary>Steps accepted either side of now, as Identity's provider does, for phones whose clocks drift.</summary>
    private const int DriftSteps = 2;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app makes the codes; the site never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        if (token.Length != 6 || !token.All(char.IsAsciiDigit) || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return false;
        }

        var secret = Base32Bytes(key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var lastUsed = long.TryParse(await manager.GetAuthenticationTokenAsync(user, TokenStore, LastStepToken), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            ? last
            : long.MinValue;
        for (var step = Math.Max(now - DriftSteps, lastUsed + 1); step <= now + DriftSteps; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeAt(secret, step)), Encoding.ASCII.GetBytes(token)))
            {
                // Two requests racing with one code: the account's concurrency stamp lets only one of the two writes through.
                return (await manager.SetAuthenticationTokenAsync(user, TokenStore, LastStepToken, step.ToString(CultureInfo.InvariantCulture))).Succeeded;
            }
        }

        return false;
    }

    private static string CodeAt(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0F;
        var truncated = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFF_FFFF;
        return (truncated % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32, as Identity writes authenticator keys (padding and unknown characters skipped).</summary>
    private static byte[] Base32Bytes(string key)
    {
        var bytes = new List<byte>(key.Length * 5 / 8);
        var buffer = 0;
        var bitCount = 0;
        foreach (var c in key.ToUpperInvariant())
        {
            var value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= '2' and <= '7' => c - '2' + 26,
                _ => -1,
            };
            if (value < 0)
            {
                continue;
            }

            buffer = ((buffer << 5) | value) & 0xFFFF;
            bitCount += 5;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                bytes.Add((byte)(buffer >> bitCount));
            }
        }

        return [.. bytes];
    }
}
