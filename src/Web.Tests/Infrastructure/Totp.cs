using System.Security.Cryptography;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>RFC 6238 codes (HMAC-SHA1, 30-second steps, 6 digits), as an authenticator app computes them.</summary>
public static class Totp
{
    /// <summary>
    /// The next step's code, which the site also accepts now (it allows one step of clock drift) and which no earlier
    /// sign-in of the test has used: a code is refused the second time.
    /// </summary>
    public static string UnusedCode(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow.AddSeconds(30));

    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c != '=' && c != ' '))
        {
            value = (value << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
