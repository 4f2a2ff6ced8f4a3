using System.Text;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>How a question file's text was written, as <see cref="VietnameseLegacyText.Decode"/> recognised it.</summary>
public enum SourceEncoding
{
    Utf8,
    Utf16,

    /// <summary>Windows-1258: Vietnamese Windows' own code page, tones as combining marks.</summary>
    Windows1258,

    /// <summary>TCVN 5712 (TCVN3, the ABC fonts: .VnTime, .VnArial), the old national standard.</summary>
    Tcvn3,

    /// <summary>VNI Windows (VNI-Times fonts): a letter followed by a character for its marks.</summary>
    Vni,
}

public static class SourceEncodings
{
    /// <summary>Whether text in this encoding was converted to Unicode, so the trainer should read it again.</summary>
    public static bool IsConverted(this SourceEncoding encoding) => encoding is not (SourceEncoding.Utf8 or SourceEncoding.Utf16);
}

/// <param name="Text">The text in Unicode NFC.</param>
public sealed record DecodedText(string Text, SourceEncoding Encoding);

/// <summary>
/// Reads a question file the way Vietnamese teachers' files really come: Unicode (UTF-8 or UTF-16), or one of the
/// encodings still found in schools' old files: Windows-1258, TCVN3 (ABC) and VNI. TCVN3 and VNI text is also found
/// inside Unicode files, pasted from a document typed in those fonts, where it reads as Latin-1 letters ("Tr¶ em",
/// "Treû em"). Each reading is tried and the one that leaves the fewest stray Latin-1 characters (the letters and signs
/// that Vietnamese does not use) wins, then the one with the fewest words no Vietnamese writes (two tones in one
/// syllable, a capital inside a word: what VNI read as TCVN3 gives); Unicode text without stray characters is taken as
/// it is.
/// </summary>
public static class VietnameseLegacyText
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static readonly Encoding Windows1258 = CodePagesEncodingProvider.Instance.GetEncoding(1258)!;

    // Latin-1 letters that are Vietnamese letters, and signs Vietnamese text uses; any other character from U+0080 to
    // U+00FF is a sign that the text is in another encoding.
    private const string LatinVietnamese = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý\u00A0«»°±×÷§©®·";

    // TCVN 5712:1993 from 0xA0 to 0xFF (0xB0-0xB4 are combining tone marks), as the ABC fonts draw them. Capitals with
    // tones came from the capitals' fonts (.VnTimeH) with the same codes, so they read back in small letters.
    private const string Tcvn3High =
        "\u00A0ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴẮẦẨẪẤỀặầ"
        + "ẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ";

    /// <summary>VNI's letters of one character: đ, ơ, ư and the i's and y's that carry a mark.</summary>
    private static readonly Dictionary<char, string> VniLetters = new()
    {
        ['Ñ'] = "Đ", ['ñ'] = "đ", ['Ô'] = "Ơ", ['ô'] = "ơ", ['Ö'] = "Ư", ['ö'] = "ư",
        ['Ó'] = "Ĩ", ['ó'] = "ĩ", ['Æ'] = "Ỉ", ['æ'] = "ỉ", ['Ò'] = "Ị", ['ò'] = "ị", ['Î'] = "Ỵ", ['î'] = "ỵ",
    };

    /// <summary>VNI's mark characters after a vowel, each as the combining marks it stands for (either case).</summary>
    private static readonly Dictionary<char, string> VniMarks = new()
    {
        ['ø'] = "\u0300", ['ù'] = "\u0301", ['û'] = "\u0309", ['õ'] = "\u0303", ['ï'] = "\u0323",
        ['â'] = "\u0302", ['á'] = "\u0302\u0301", ['à'] = "\u0302\u0300", ['å'] = "\u0302\u0309", ['ã'] = "\u0302\u0303", ['ä'] = "\u0302\u0323",
        ['ê'] = "\u0306", ['é'] = "\u0306\u0301", ['è'] = "\u0306\u0300", ['ú'] = "\u0306\u0309", ['ü'] = "\u0306\u0303", ['ë'] = "\u0306\u0323",
    };

    /// <summary>The precomposed letters that carry one of Vietnamese's five tones.</summary>
    private static readonly HashSet<char> Toned = Enumerable.Range(0x00C0, 0x1F00 - 0x00C0).Select(c => (char)c)
        .Where(c => char.IsLetter(c) && c.ToString().Normalize(NormalizationForm.FormD).Any(m => m is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323'))
        .ToHashSet();

    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var unicode = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return Best(unicode.GetString(bytes[2..]), SourceEncoding.Utf16);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: one of the 8-bit encodings. Windows-1258 first, where it leaves no stray characters.
            var latin = Windows1252.GetString(bytes);
            return new[]
            {
                new DecodedText(Windows1258.GetString(bytes).Normalize(NormalizationForm.FormC), SourceEncoding.Windows1258),
                new DecodedText(FromTcvn3(latin), SourceEncoding.Tcvn3),
                new DecodedText(FromVni(latin), SourceEncoding.Vni),
            }.MinBy(Oddness)!;
        }

        return Best(text, SourceEncoding.Utf8);
    }

    /// <summary>
    /// Unicode text as it is, unless it reads as TCVN3 or VNI pasted into Unicode with fewer stray characters. Text whose
    /// stray characters are fewer than its letters that only Unicode has (ă, đ, ơ, ư, ạ…) is Unicode with a foreign word
    /// or a sign in it, and stays as it is.
    /// </summary>
    private static DecodedText Best(string text, SourceEncoding unicode)
    {
        var asWritten = new DecodedText(text.Normalize(NormalizationForm.FormC), unicode);
        var stray = Stray(text);
        return stray == 0 || text.Count(c => c > '\u00FF') > stray
            ? asWritten
            : new[] { asWritten, new DecodedText(FromTcvn3(text), SourceEncoding.Tcvn3), new DecodedText(FromVni(text), SourceEncoding.Vni) }.MinBy(Oddness)!;
    }

    private static (int Stray, int OddWords) Oddness(DecodedText reading) => (Stray(reading.Text), OddWords(reading.Text));

    /// <summary>Words with two tones, or a capital after a small letter.</summary>
    private static int OddWords(string text)
    {
        var odd = 0;
        var (tones, capitalInside, previous) = (0, false, ' ');
        foreach (var c in text.Append(' '))
        {
            if (!char.IsLetter(c))
            {
                odd += tones > 1 || capitalInside ? 1 : 0;
                (tones, capitalInside) = (0, false);
            }
            else
            {
                tones += Toned.Contains(c) ? 1 : 0;
                capitalInside |= char.IsUpper(c) && char.IsLower(previous);
            }

            previous = c;
        }

        return odd;
    }

    private static int Stray(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c is >= '\u0080' and <= '\u00FF' && !LatinVietnamese.Contains(c))
            {
                count++;
            }
        }

        return count;
    }

    private static string FromTcvn3(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            output.Append(c is >= '\u00A0' and <= '\u00FF' ? Tcvn3High[c - '\u00A0'] : c);
        }

        return output.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string FromVni(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var previous = output.Length > 0 ? output[^1] : '\0';
            if (VniMarks.TryGetValue(char.ToLowerInvariant(c), out var marks) && TakesMark(previous, marks[0]))
            {
                output.Append(marks);
            }
            else if (VniLetters.TryGetValue(c, out var letter))
            {
                output.Append(letter);
            }
            else
            {
                output.Append(c);
            }
        }

        return output.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Whether a VNI mark may follow the letter: a circumflex on a, e, o; a breve on a; a tone on any vowel.</summary>
    private static bool TakesMark(char letter, char mark) => char.ToLowerInvariant(letter) switch
    {
        'a' => true,
        'e' or 'o' => mark != '\u0306',
        'u' or 'y' or 'ơ' or 'ư' => mark is not ('\u0302' or '\u0306'),
        _ => false,
    };
}
