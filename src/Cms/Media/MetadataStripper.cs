using System.Buffers.Binary;
using System.Text;

namespace ChildProtection.Cms.Media;

/// <summary>
/// Rewrites a picture's container keeping only what drawing it needs, so that nothing else a camera, phone or editor
/// wrote (EXIF with GPS, XMP, IPTC, comments, thumbnails, a second picture appended after the end, private chunks)
/// survives. Each format is walked to its end marker with an allow-list: what is not known to be harmless goes, and
/// whatever follows the end marker is cut. The pixels are copied untouched; re-encoding would cost a JPEG quality on
/// every upload, could not write GIF at all (SkiaSharp has no GIF encoder) and would flatten animated GIF and WebP.
/// Each method returns null for a container it cannot walk to its end; the caller decodes what is returned, so a
/// walk that kept too little is refused rather than stored.
/// </summary>
internal static class MetadataStripper
{
    /// <summary>
    /// Every segment, through every scan (progressive pictures have several, with tables between them), up to EOI.
    /// Kept: the coding segments, JFIF (APP0), the ICC colour profile (APP2) and Adobe's colour-transform marker
    /// (APP14), without which some CMYK and YCCK pictures show wrong colours. Dropped: every other APPn (EXIF and XMP
    /// in APP1, MPF's index of appended pictures in APP2, IPTC in APP13…), comments, and everything after EOI.
    /// </summary>
    public static byte[]? Jpeg(byte[] b)
    {
        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 2);
        var i = 2;
        while (true)
        {
            if (i + 1 >= b.Length || b[i] != 0xFF)
            {
                return null;
            }

            // Any number of 0xFF may pad the space before a marker.
            while (i + 2 < b.Length && b[i + 1] == 0xFF)
            {
                i++;
            }

            var marker = b[i + 1];
            if (marker == 0xD9)
            {
                output.Write(b, i, 2);
                return output.ToArray();
            }

            if (marker is (>= 0xD0 and <= 0xD7) or 0x01)
            {
                output.Write(b, i, 2);
                i += 2;
                continue;
            }

            if (i + 4 > b.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(i + 2));
            if (length < 2 || i + 2 + length > b.Length)
            {
                return null;
            }

            if (KeepJpegSegment(marker, b.AsSpan(i + 4, length - 2)))
            {
                output.Write(b, i, length + 2);
            }

            i += length + 2;
            if (marker == 0xDA)
            {
                // The scan's coded data: up to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
                var start = i;
                while (i + 1 < b.Length && !(b[i] == 0xFF && b[i + 1] != 0x00 && b[i + 1] is not (>= 0xD0 and <= 0xD7)))
                {
                    i++;
                }

                if (i + 1 >= b.Length)
                {
                    return null;
                }

                output.Write(b, start, i - start);
            }
        }
    }

    private static bool KeepJpegSegment(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        0xE0 => payload.StartsWith("JFIF\0"u8),
        0xE2 => payload.StartsWith("ICC_PROFILE\0"u8),
        0xEE => payload.StartsWith("Adobe"u8),
        (>= 0xE1 and <= 0xEF) or 0xFE => false,
        _ => true,
    };

    /// <summary>
    /// The critical chunks, colour and pixel-size information, and APNG's animation chunks; not text (tEXt, zTXt,
    /// iTXt), eXIf, tIME or any private or unknown chunk. Nothing after IEND.
    /// </summary>
    private static readonly HashSet<string> PngChunks =
        ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "cICP", "sBIT", "pHYs", "bKGD", "acTL", "fcTL", "fdAT"];

    public static byte[]? Png(byte[] b)
    {
        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 8);
        var i = 8;
        while (i + 12 <= b.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(i));
            if (length > b.Length - i - 12)
            {
                return null;
            }

            var type = Encoding.ASCII.GetString(b, i + 4, 4);
            if (PngChunks.Contains(type))
            {
                output.Write(b, i, (int)length + 12);
            }

            if (type == "IEND")
            {
                return output.ToArray();
            }

            i += (int)length + 12;
        }

        return null;
    }

    /// <summary>
    /// Header, colour tables and pictures; of the extensions only graphic control (frame timing and transparency) and
    /// the NETSCAPE2.0 / ANIMEXTS1.0 loop count, each rewritten to its one standard block. Comments, plain-text
    /// extensions and every other application extension (XMP's "XMP DataXMP" among them) go, and so does anything
    /// after the trailer.
    /// </summary>
    public static byte[]? Gif(byte[] b)
    {
        if (b.Length < 13)
        {
            return null;
        }

        using var output = new MemoryStream(b.Length);
        var i = 13 + ColourTableLength(b[10]);
        if (i > b.Length)
        {
            return null;
        }

        output.Write(b, 0, i);
        while (i < b.Length)
        {
            switch (b[i])
            {
                case 0x3B:
                    output.WriteByte(0x3B);
                    return output.ToArray();
                case 0x2C:
                    if (i + 11 > b.Length)
                    {
                        return null;
                    }

                    // Descriptor (10 bytes), local colour table, LZW code size (1 byte), then the data sub-blocks.
                    var data = i + 10 + ColourTableLength(b[i + 9]) + 1;
                    var pictureEnd = SubBlocksEnd(b, data);
                    if (pictureEnd < 0)
                    {
                        return null;
                    }

                    output.Write(b, i, pictureEnd - i);
                    i = pictureEnd;
                    break;
                case 0x21 when i + 2 < b.Length:
                    var end = SubBlocksEnd(b, i + 2);
                    if (end < 0)
                    {
                        return null;
                    }

                    WriteKnownExtension(output, b, b[i + 1], i + 2);
                    i = end;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private static int ColourTableLength(byte flags) => (flags & 0x80) == 0 ? 0 : 3 << ((flags & 0x07) + 1);

    /// <summary>Where a chain of sub-blocks starting at <paramref name="start"/> ends (past its empty block), or -1 if it runs off the end.</summary>
    private static int SubBlocksEnd(byte[] b, int start)
    {
        var j = start;
        while (j < b.Length)
        {
            var size = b[j];
            j += 1 + size;
            if (size == 0)
            {
                return j;
            }
        }

        return -1;
    }

    private static void WriteKnownExtension(MemoryStream output, byte[] b, byte label, int blocks)
    {
        var first = b[blocks];
        if (label == 0xF9 && first == 4)
        {
            output.Write([0x21, 0xF9]);
            output.Write(b, blocks, 5);
            output.WriteByte(0);
        }
        else if (label == 0xFF && first == 11 && b.Length > blocks + 16
            && (b.AsSpan(blocks + 1, 11).SequenceEqual("NETSCAPE2.0"u8) || b.AsSpan(blocks + 1, 11).SequenceEqual("ANIMEXTS1.0"u8))
            && b[blocks + 12] == 3 && b[blocks + 13] == 1)
        {
            output.Write([0x21, 0xFF]);
            output.Write(b, blocks, 16);
            output.WriteByte(0);
        }
    }

    /// <summary>
    /// The chunks that draw the picture (VP8, VP8L, ALPH, the extended header, animation, the ICC profile), also
    /// inside each animation frame; not EXIF, XMP or unknown chunks, and nothing past the RIFF length. The extended
    /// header's flags announcing EXIF (0x08) and XMP (0x04) are cleared, since those chunks are gone.
    /// </summary>
    public static byte[]? WebP(byte[] b)
    {
        var riffEnd = (long)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)) + 8;
        if (riffEnd > b.Length)
        {
            return null;
        }

        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 12);
        if (!CopyWebPChunks(b, 12, (int)riffEnd, output, ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"]))
        {
            return null;
        }

        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }

    private static bool CopyWebPChunks(byte[] b, int start, int end, MemoryStream output, string[] kept)
    {
        var i = start;
        while (i + 8 <= end)
        {
            var type = Encoding.ASCII.GetString(b, i, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(i + 4));
            var available = end - i - 8;
            if (size > available || (type == "ANMF" && size < 16))
            {
                return false;
            }

            // The pad byte after an odd-sized chunk; some writers leave it off the last one.
            var padded = (int)Math.Min(size + (size & 1), available);
            if (kept.Contains(type))
            {
                var at = (int)output.Position;
                if (type == "ANMF")
                {
                    // A frame: its 16-byte header, then chunks of its own, filtered the same way.
                    output.Write(b, i, 24);
                    if (!CopyWebPChunks(b, i + 24, i + 8 + (int)size, output, ["ALPH", "VP8 ", "VP8L"]))
                    {
                        return false;
                    }

                    var frameSize = (uint)(output.Position - at - 8);
                    BinaryPrimitives.WriteUInt32LittleEndian(output.GetBuffer().AsSpan(at + 4), frameSize);
                }
                else
                {
                    output.Write(b, i, 8 + padded);
                    if (type == "VP8X")
                    {
                        output.GetBuffer()[at + 8] &= unchecked((byte)~0x0C);
                    }
                }
            }

            i += 8 + padded;
        }

        return i == end;
    }
}
