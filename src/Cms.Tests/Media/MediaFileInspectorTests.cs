using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ChildProtection.Cms.Media;
using SkiaSharp;

namespace ChildProtection.Cms.Tests.Media;

/// <summary>Pictures built as phones and editors write them, with metadata where the first stripping did not look.</summary>
public sealed class MediaFileInspectorTests
{
    private const string Position = "GPS 12.6675N 108.0378E";

    private static readonly MediaOptions Options = new();

    private static byte[] Encoded(SKEncodedImageFormat format, int width = 40, int height = 30)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SeaGreen);
        return bitmap.Encode(format, 90).ToArray();
    }

    private static byte[] JpegSegment(byte marker, byte[] payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF), .. payload];

    /// <summary>An EXIF block: a big-endian TIFF header with one GPS IFD pointer, and the position as text after it.</summary>
    private static byte[] Exif() =>
    [
        .. "Exif\0\0"u8,
        (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0,
        .. Encoding.ASCII.GetBytes(Position),
    ];

    private static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[data.Length + 12];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(data.Length + 8), Crc32(chunk.AsSpan(4, data.Length + 4)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static InspectedFile Stored(byte[] upload)
    {
        var (file, problem) = MediaFileInspector.Inspect(upload, Options);
        Assert.Null(problem);
        using var codec = SKCodec.Create(new SKMemoryStream(file!.Content));
        Assert.NotNull(codec);
        using var bitmap = new SKBitmap(codec.Info);
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(bitmap.Info, bitmap.GetPixels()));
        return file;
    }

    private static void AssertNone(byte[] stored, params string[] markers)
    {
        var text = Encoding.Latin1.GetString(stored);
        foreach (var marker in markers)
        {
            Assert.DoesNotContain(marker, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Inspect_JpegWithExifAfterTheScanAndMpfIndex_NeitherKept()
    {
        var jpeg = Encoded(SKEncodedImageFormat.Jpeg);
        Assert.Equal([0xFF, 0xD9], jpeg[^2..]);
        var multiPicture = JpegSegment(0xE2, [.. "MPF\0"u8, .. Encoding.ASCII.GetBytes("MPF index " + Position)]);
        var comment = JpegSegment(0xFE, Encoding.ASCII.GetBytes("comment " + Position));
        byte[] upload = [.. jpeg[..2], .. multiPicture, .. jpeg[2..^2], .. JpegSegment(0xE1, Exif()), .. comment, 0xFF, 0xD9];

        var stored = Stored(upload);

        AssertNone(stored.Content, "Exif", "MPF", Position);
        Assert.Equal(jpeg.Length, stored.Content.Length);
        Assert.Equal((40, 30), (stored.Width, stored.Height));
    }

    [Fact]
    public void Inspect_JpegWithASecondPictureAppendedAfterItsEnd_CutAtTheEnd()
    {
        var jpeg = Encoded(SKEncodedImageFormat.Jpeg);
        var second = Encoded(SKEncodedImageFormat.Jpeg, 16, 12);
        byte[] appended = [.. second[..2], .. JpegSegment(0xE1, Exif()), .. second[2..]];

        var stored = Stored([.. jpeg, .. appended]);

        AssertNone(stored.Content, "Exif", Position);
        Assert.Equal(jpeg, stored.Content);
    }

    [Fact]
    public void Inspect_PngWithTextPrivateAndExifChunksAndBytesAfterIend_OnlyThePictureKept()
    {
        var png = Encoded(SKEncodedImageFormat.Png);
        const int AfterHeader = 8 + 25;
        byte[] upload =
        [
            .. png[..AfterHeader],
            .. PngChunk("tEXt", Encoding.Latin1.GetBytes("Comment\0" + Position)),
            .. PngChunk("prVt", Encoding.ASCII.GetBytes("private " + Position)),
            .. PngChunk("eXIf", Exif()[6..]),
            .. PngChunk("iTXt", Encoding.UTF8.GetBytes("XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>" + Position + "</x:xmpmeta>")),
            .. png[AfterHeader..],
            .. Encoding.ASCII.GetBytes("after the end " + Position),
        ];

        var stored = Stored(upload);

        AssertNone(stored.Content, "tEXt", "prVt", "eXIf", "iTXt", Position);
        Assert.Equal(png, stored.Content);
    }

    [Fact]
    public void Inspect_GifWithXmpCommentAndPlainText_KeepsOnlyFramesAndLoopCount()
    {
        byte[] header = [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0x0B, 0x4F, 0x8A, 0xFF, 0xFF, 0xFF];
        byte[] loop = [0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0];
        var xmpText = Encoding.ASCII.GetBytes("<x:xmpmeta><exif:GPSLatitude>" + Position + "</exif:GPSLatitude></x:xmpmeta>");
        byte[] xmp = [0x21, 0xFF, 11, .. "XMP DataXMP"u8, (byte)xmpText.Length, .. xmpText, 0];
        var commentText = Encoding.ASCII.GetBytes("comment " + Position);
        byte[] comment = [0x21, 0xFE, (byte)commentText.Length, .. commentText, 0];
        byte[] control = [0x21, 0xF9, 4, 0, 10, 0, 0, 0];
        // One pixel of colour 0: LZW codes clear, 0, end at a 2-bit code size.
        byte[] frame = [0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0];
        byte[] upload = [.. header, .. loop, .. xmp, .. comment, .. control, .. frame, 0x3B, .. Encoding.ASCII.GetBytes("trailing " + Position)];

        var stored = Stored(upload);

        AssertNone(stored.Content, "XMP", "xmpmeta", Position);
        Assert.Equal([.. header, .. loop, .. control, .. frame, 0x3B], stored.Content);
        Assert.Equal(("gif", 1, 1), (stored.Format, stored.Width, stored.Height));
    }

    [Fact]
    public void Inspect_PngWithAChunkLongerThanTheFile_RefusedAsCorrupt()
    {
        var png = Encoded(SKEncodedImageFormat.Png);
        var broken = png[..^12];
        byte[] upload = [.. broken, 0x7F, 0xFF, 0xFF, 0xFF, .. "IDAT"u8, 1, 2, 3, 4];

        var (file, problem) = MediaFileInspector.Inspect(upload, Options);

        Assert.Null(file);
        Assert.Equal(MediaFileProblem.Corrupt, problem);
    }

    [Fact]
    public void Inspect_PhotoSizedJpegWithItsScanBrokenOrCut_RefusedWhileTheWholeOneIsStoredAsSent()
    {
        // The check decodes a JPEG at an eighth of its size: it must still read every byte of the scan.
        using var bitmap = new SKBitmap(1600, 1200);
        var noise = new byte[1600 * 1200 * 4];
        new Random(7).NextBytes(noise);
        System.Runtime.InteropServices.Marshal.Copy(noise, 0, bitmap.GetPixels(), noise.Length);
        var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        var broken = (byte[])jpeg.Clone();
        broken.AsSpan(jpeg.Length * 3 / 4, 2000).Fill(0xFF);

        Assert.Equal(jpeg, Stored(jpeg).Content);
        Assert.Equal((MediaFileProblem?)MediaFileProblem.Corrupt, MediaFileInspector.Inspect(broken, Options).Problem);
        Assert.Equal((MediaFileProblem?)MediaFileProblem.Corrupt, MediaFileInspector.Inspect(jpeg[..(jpeg.Length * 3 / 4)], Options).Problem);
    }

    private static byte[] Pdf(string catalogExtra, string objects = "") => Encoding.Latin1.GetBytes($"""
        %PDF-1.7
        1 0 obj << /Type /Catalog /Pages 2 0 R {catalogExtra} >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
        {objects}
        trailer << /Root 1 0 R >>
        %%EOF
        """);

    /// <summary>An object stream holding object 4, compressed as PDF 1.5 writers do, so its dictionary is not in the file's own bytes.</summary>
    private static byte[] PdfWithObjectStream(string object4)
    {
        var body = Encoding.Latin1.GetBytes($"4 0 {object4}");
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(body);
        }

        var head = Pdf("/OpenAction 4 0 R", $"5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n");
        var split = Encoding.Latin1.GetString(head).IndexOf("\ntrailer", StringComparison.Ordinal);
        return [.. head[..split], .. compressed.ToArray(), .. "\nendstream\nendobj\n"u8, .. head[split..]];
    }

    [Theory]
    [InlineData("/OpenAction 4 0 R", "4 0 obj << /S /JavaScript /JS (app.alert\\(1\\)) >> endobj")]
    [InlineData("/OpenAction 4 0 R", "4 0 obj << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >> endobj")]
    [InlineData("/OpenAction 4 0 R", "4 0 obj << /S /Launch /F (cmd.exe) >> endobj")]
    [InlineData("/Names << /EmbeddedFiles 4 0 R >>", "4 0 obj << /Names [(a.exe) 5 0 R] >> endobj")]
    [InlineData("/AcroForm << /XFA 4 0 R >>", "")]
    [InlineData("/AA << /O 4 0 R >>", "")]
    public void Inspect_PdfWithScriptsActionsOrEmbeddedFiles_Refused(string catalogExtra, string objects)
    {
        var (file, problem) = MediaFileInspector.Inspect(Pdf(catalogExtra, objects), Options);

        Assert.Null(file);
        Assert.Equal(MediaFileProblem.ActiveContent, problem);
    }

    [Fact]
    public void Inspect_PdfWithAScriptInsideACompressedObjectStream_Refused()
    {
        var (file, problem) = MediaFileInspector.Inspect(PdfWithObjectStream("<< /S /J#61vaScript /JS (app.alert\\(1\\)) >>"), Options);

        Assert.Null(file);
        Assert.Equal(MediaFileProblem.ActiveContent, problem);
    }

    [Fact]
    public void Inspect_PlainPdfWithAGoToOpenActionAndCompressedObjects_Stored()
    {
        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output))
        {
            using var paint = new SKPaint { Color = SKColors.Navy };
            document.BeginPage(200, 200).DrawRect(10, 10, 100, 50, paint);
            document.EndPage();
        }

        var drawn = output.ToArray();
        var withGoTo = PdfWithObjectStream("<< /S /GoTo /D [3 0 R /Fit] >>");

        Assert.Equal("pdf", MediaFileInspector.Inspect(drawn, Options).File?.Format);
        Assert.Equal(withGoTo, MediaFileInspector.Inspect(withGoTo, Options).File?.Content);
    }
}
