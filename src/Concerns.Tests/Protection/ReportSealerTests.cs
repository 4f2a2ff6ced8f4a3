using ChildProtection.Concerns.DependencyInjection;
using ChildProtection.Concerns.Protection;
using Microsoft.Extensions.Options;

namespace ChildProtection.Concerns.Tests.Protection;

/// <summary>The envelope: a report's items open only with its own data key, and that key only with the master key.</summary>
public sealed class ReportSealerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("n"));

    private ReportSealer Sealer(string masterKey = "") =>
        new(Options.Create(new ConcernOptions { MasterKey = masterKey }), new ConcernPaths(_folder));

    [Fact]
    public void Seal_ThenOpenWithTheSameKeyReportAndPurpose_GivesTheText()
    {
        var sealer = Sealer();
        var report = Guid.NewGuid();
        var (dataKey, sealedKey) = sealer.NewDataKey(report);
        var sealedItem = sealer.Seal(dataKey, report, "story", "Em bị đánh"u8);

        using var reopened = sealer.OpenDataKey(report, sealedKey)!;
        Assert.Equal("Em bị đánh"u8.ToArray(), sealer.Open(reopened, report, "story", sealedItem));
        Assert.True(sealedItem.AsSpan().IndexOf("Em bị đánh"u8) < 0);
    }

    [Fact]
    public void Open_AnotherReportOrPurpose_Refused()
    {
        var sealer = Sealer();
        var report = Guid.NewGuid();
        var (dataKey, sealedKey) = sealer.NewDataKey(report);
        var sealedItem = sealer.Seal(dataKey, report, "story", "nội dung"u8);

        Assert.Null(sealer.Open(dataKey, Guid.NewGuid(), "story", sealedItem));
        Assert.Null(sealer.Open(dataKey, report, "message", sealedItem));
        Assert.Null(sealer.OpenDataKey(Guid.NewGuid(), sealedKey));
    }

    [Fact]
    public void OpenDataKey_AnotherMasterKey_Refused()
    {
        var report = Guid.NewGuid();
        var (_, sealedKey) = Sealer(Convert.ToBase64String(new byte[32])).NewDataKey(report);

        Assert.Null(Sealer(Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray())).OpenDataKey(report, sealedKey));
    }

    [Fact]
    public void MasterKey_NotConfigured_WrittenOnceToTheDataFolder_ReadableByTheSiteAlone()
    {
        var report = Guid.NewGuid();
        var (_, sealedKey) = Sealer().NewDataKey(report);

        var file = Path.Combine(_folder, "keys", "concerns.key");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.NotNull(Sealer().OpenDataKey(report, sealedKey));
    }

    [Fact]
    public void MasterKey_ConfiguredWrongly_OneLineNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Sealer("không-phải-khóa").NewDataKey(Guid.NewGuid()));

        Assert.Contains("Concerns:MasterKey", error.Message);
    }

    [Fact]
    public void ReceiptCodes_NewCode_SixteenDigitsReadInGroups_TypedFormsNormalised_HashSlowAndStable()
    {
        var codes = new ReceiptCodes(Sealer());
        var code = ReceiptCodes.NewCode();

        Assert.Matches(@"^\d{16}$", code);
        Assert.Matches(@"^\d{4} \d{4} \d{4} \d{4}$", ReceiptCodes.Grouped(code));
        Assert.Equal(code, ReceiptCodes.Normalise(ReceiptCodes.Grouped(code).Replace(' ', '-')));
        Assert.Null(ReceiptCodes.Normalise("1234 5678"));
        Assert.Null(ReceiptCodes.Normalise("abcd efgh ijkl mnop"));
        Assert.Equal(codes.Hash(code), codes.Hash(code));
        Assert.NotEqual(codes.Hash(code), codes.Hash(ReceiptCodes.NewCode()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
