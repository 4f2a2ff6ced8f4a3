using System.Text;
using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Tests.Quizzes.Questions;

public sealed class VietnameseLegacyTextTests
{
    private const string Sentence = "Trẻ em có quyền được bảo vệ";

    // The sentence as the ABC fonts (.VnTime) store it: ẻ 0xCE, ó 0xE3, ề 0xD2, đ 0xAE, ư 0xAD, ợ 0xEE, ả 0xB6, ệ 0xD6.
    private const string InTcvn3 = "Tr\u00CE em c\u00E3 quy\u00D2n \u00AE\u00AD\u00EEc b\u00B6o v\u00D6";

    // The sentence as the VNI fonts store it: a letter, then a character for its marks.
    private const string InVni = "Tre\u00FB em co\u00F9 quye\u00E0n \u00F1\u00F6\u00F4\u00EFc ba\u00FBo ve\u00E4";

    private static readonly Encoding Latin1 = Encoding.Latin1;

    [Fact]
    public void Unicode_InUtf8OrUtf16_IsTakenAsItIs_InComposedForm()
    {
        Assert.Equal(new DecodedText(Sentence, SourceEncoding.Utf8), VietnameseLegacyText.Decode(Encoding.UTF8.GetBytes(Sentence)));
        Assert.Equal(new DecodedText(Sentence, SourceEncoding.Utf8), VietnameseLegacyText.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Sentence.Normalize(NormalizationForm.FormD))]));
        Assert.Equal(new DecodedText(Sentence, SourceEncoding.Utf16), VietnameseLegacyText.Decode([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Sentence)]));
        Assert.False(VietnameseLegacyText.Decode(Encoding.UTF8.GetBytes(Sentence)).Encoding.IsConverted());
    }

    [Fact]
    public void Unicode_WithAForeignWordInIt_StaysAsItIs()
    {
        var text = $"{Sentence}, như ở España và Ålesund; nhiệt độ 30° ± 2 «trích».";

        Assert.Equal(new DecodedText(text, SourceEncoding.Utf8), VietnameseLegacyText.Decode(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Tcvn3_AsAFileOrPastedIntoUnicode_IsConverted()
    {
        Assert.Equal(new DecodedText(Sentence, SourceEncoding.Tcvn3), VietnameseLegacyText.Decode(Latin1.GetBytes(InTcvn3)));
        Assert.Equal(new DecodedText(Sentence, SourceEncoding.Tcvn3), VietnameseLegacyText.Decode(Encoding.UTF8.GetBytes(InTcvn3)));
        Assert.Equal("Bảo Thắng, Bát Xát", VietnameseLegacyText.Decode(Latin1.GetBytes("B\u00B6o Th\u00BEng, B\u00B8t X\u00B8t")).Text);
        Assert.True(VietnameseLegacyText.Decode(Latin1.GetBytes(InTcvn3)).Encoding.IsConverted());
    }

    [Fact]
    public void Vni_AsAFileOrPastedIntoUnicode_IsConverted()
    {
        Assert.Equal(new DecodedText(Sentence, SourceEncoding.Vni), VietnameseLegacyText.Decode(Latin1.GetBytes(InVni)));
        Assert.Equal(new DecodedText(Sentence, SourceEncoding.Vni), VietnameseLegacyText.Decode(Encoding.UTF8.GetBytes(InVni)));
        Assert.Equal("Đoàn Thanh niên Cộng sản Hồ Chí Minh", VietnameseLegacyText.Decode(Latin1.GetBytes("\u00D1oa\u00F8n Thanh nie\u00E2n Co\u00E4ng sa\u00FBn Ho\u00E0 Chí Minh")).Text);
    }

    [Fact]
    public void Windows1258_IsConverted()
    {
        var windows1258 = CodePagesEncodingProvider.Instance.GetEncoding(1258)!;

        // Windows-1258 has â, ê, ô, ơ, ư, ă and đ as letters and the five tones as marks after them.
        var tones = "\u0300\u0301\u0303\u0309\u0323";
        var written = string.Concat(Sentence.Select(c => c.ToString().Normalize(NormalizationForm.FormD) is var d
            ? string.Concat(d.Where(m => !tones.Contains(m))).Normalize(NormalizationForm.FormC) + string.Concat(d.Where(tones.Contains))
            : ""));

        Assert.Equal(new DecodedText(Sentence, SourceEncoding.Windows1258), VietnameseLegacyText.Decode(windows1258.GetBytes(written)));
    }

    [Fact]
    public void AQuestionFileInTcvn3_ImportsReadable()
    {
        var gift = $"::Quyền::{InTcvn3}? {{=\u00AE\u00F3ng ~sai}}";
        var decoded = VietnameseLegacyText.Decode(Latin1.GetBytes(gift));

        var question = Assert.Single(GiftFormat.Parse(decoded.Text).Questions);
        Assert.Equal($"{Sentence}?", question.Text);
        Assert.Equal(["đúng", "sai"], Assert.IsType<ChoiceBody>(question.Body).Choices.Select(c => c.Text));
    }
}
