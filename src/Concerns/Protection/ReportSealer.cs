using System.Security.Cryptography;
using System.Text;
using ChildProtection.Concerns.DependencyInjection;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace ChildProtection.Concerns.Protection;

/// <summary>
/// Envelope encryption of reports (libsodium through NSec): each report has a data key of its own, which seals what
/// was written (XChaCha20-Poly1305, a random nonce per item), and is stored sealed by the master key, which lives outside
/// the database. A copy of the database alone opens nothing; destroying a report's sealed key erases it for good, backups
/// included once the master key is safe. Every sealed item is bound to its report and purpose as associated data, so a
/// sealed text moved to another report or field does not open.
/// </summary>
public sealed class ReportSealer
{
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;

    private readonly Lazy<Key> _master;

    public ReportSealer(IOptions<ConcernOptions> options, ConcernPaths paths) =>
        _master = new(() => Key.Import(Aead, LoadMasterKey(options.Value, paths), KeyBlobFormat.RawSymmetricKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>A new data key for a report, with its sealed form to store.</summary>
    public (Key DataKey, byte[] SealedKey) NewDataKey(Guid report)
    {
        var key = Key.Create(Aead, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return (key, Seal(_master.Value, key.Export(KeyBlobFormat.RawSymmetricKey), Bind(report, "key")));
    }

    /// <summary>The report's data key, or null when the sealed key does not open (another master key, or tampering).</summary>
    public Key? OpenDataKey(Guid report, byte[] sealedKey) =>
        Open(_master.Value, sealedKey, Bind(report, "key")) is { } raw ? Key.Import(Aead, raw, KeyBlobFormat.RawSymmetricKey) : null;

    public byte[] Seal(Key dataKey, Guid report, string purpose, ReadOnlySpan<byte> plain) => Seal(dataKey, plain, Bind(report, purpose));

    public byte[]? Open(Key dataKey, Guid report, string purpose, byte[] sealedItem) => Open(dataKey, sealedItem, Bind(report, purpose));

    /// <summary>A key for keyed hashes (the receipt codes' salt), derived from the master key so it too stays out of the database.</summary>
    public byte[] DeriveSubkey(string purpose) =>
        HMACSHA256.HashData(_master.Value.Export(KeyBlobFormat.RawSymmetricKey), Encoding.UTF8.GetBytes(purpose));

    private static byte[] Bind(Guid report, string purpose) => Encoding.UTF8.GetBytes($"{report:N}/{purpose}");

    private static byte[] Seal(Key key, ReadOnlySpan<byte> plain, byte[] associated)
    {
        var sealedItem = new byte[Aead.NonceSize + plain.Length + Aead.TagSize];
        RandomNumberGenerator.Fill(sealedItem.AsSpan(0, Aead.NonceSize));
        Aead.Encrypt(key, sealedItem.AsSpan(0, Aead.NonceSize), associated, plain, sealedItem.AsSpan(Aead.NonceSize));
        return sealedItem;
    }

    private static byte[]? Open(Key key, byte[] sealedItem, byte[] associated)
    {
        if (sealedItem.Length < Aead.NonceSize + Aead.TagSize)
        {
            return null;
        }

        var plain = new byte[sealedItem.Length - Aead.NonceSize - Aead.TagSize];
        return Aead.Decrypt(key, sealedItem.AsSpan(0, Aead.NonceSize), associated, sealedItem.AsSpan(Aead.NonceSize), plain) ? plain : null;
    }

    private static byte[] LoadMasterKey(ConcernOptions options, ConcernPaths paths)
    {
        if (options.MasterKey is { Length: > 0 } configured)
        {
            return Decode(configured, $"{ConcernOptions.Section}:MasterKey");
        }

        var file = Path.Combine(paths.DataPath, options.MasterKeyFile);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Readable by the site's own user only.
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(file, create);
            var key = RandomNumberGenerator.GetBytes(Aead.KeySize);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            // Made by an earlier start, or by another node sharing the folder at the same moment.
            return Decode(File.ReadAllText(file).Trim(), file);
        }
    }

    private static byte[] Decode(string base64, string source)
    {
        var key = new byte[Aead.KeySize];
        return Convert.TryFromBase64String(base64, key, out var length) && length == Aead.KeySize
            ? key
            : throw new InvalidOperationException($"The reports' master key ({source}) must be {Aead.KeySize} bytes in base64.");
    }
}

/// <summary>The host's data folder, where a master key file given by a relative path is kept.</summary>
public sealed record ConcernPaths(string DataPath);
