using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace ChildProtection.Concerns.Protection;

/// <summary>
/// The receipt code a reporter writes down to come back to their report (GlobaLeaks' receipt): 16 digits, read aloud in
/// four groups, about 53 bits of chance. Only a slow hash is stored (Argon2id, salted with a key derived from the master
/// key so that it is the same for every report and a code finds its report in one indexed look-up); guessing from the
/// site is held back by the per-client limit, guessing from a stolen database by the missing master key.
/// </summary>
public sealed class ReceiptCodes(ReportSealer sealer)
{
    public const int Digits = 16;

    // OWASP's minimum for Argon2id (19 MiB, two passes): about 45 ms on the 2-core box.
    private static readonly PasswordBasedKeyDerivationAlgorithm Argon2 = PasswordBasedKeyDerivationAlgorithm.Argon2id(
        new Argon2Parameters { DegreeOfParallelism = 1, MemorySize = 19 * 1024, NumberOfPasses = 2 });

    /// <summary>New codes whose slow hash is already made, so that a report's answer need not wait for one.</summary>
    private const int Ready = 4;

    private readonly Lazy<byte[]> _salt = new(() => sealer.DeriveSubkey("receipt-code")[..Argon2.MinSaltSize]);
    private readonly ConcurrentQueue<(string Code, string Hash)> _ready = new();
    private int _filling;

    /// <summary>
    /// A new code with its hash. The hash takes about 45 ms of CPU; a few are made ahead, off the request, and each taken
    /// is replaced in the background, so that a reporter waits for none (a burst that empties the queue makes its own).
    /// A code made ahead lives in this process's memory only until it is given out, as every code does while it is shown.
    /// </summary>
    public (string Code, string Hash) Next()
    {
        var next = _ready.TryDequeue(out var made) ? made : Make();
        if (Interlocked.CompareExchange(ref _filling, 1, 0) == 0)
        {
            _ = Task.Run(() =>
            {
                try
                {
                    while (_ready.Count < Ready)
                    {
                        _ready.Enqueue(Make());
                    }
                }
                finally
                {
                    Volatile.Write(ref _filling, 0);
                }
            });
        }

        return next;
    }

    private (string Code, string Hash) Make()
    {
        var code = NewCode();
        return (code, Hash(code));
    }

    public static string NewCode()
    {
        var digits = new StringBuilder(Digits);
        for (var i = 0; i < Digits; i++)
        {
            digits.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return digits.ToString();
    }

    /// <summary>The code in groups of four, as it is shown and read aloud.</summary>
    public static string Grouped(string code) => string.Join(' ', code.Chunk(4).Select(group => new string(group)));

    /// <summary>The digits of what was typed (spaces, dashes and dots ignored), or null when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null || typed.Length > 64)
        {
            return null;
        }

        var digits = new string(typed.Where(c => c is not (' ' or '-' or '.')).ToArray());
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public string Hash(string code) => Convert.ToHexString(Argon2.DeriveBytes(code, _salt.Value, 32));
}
