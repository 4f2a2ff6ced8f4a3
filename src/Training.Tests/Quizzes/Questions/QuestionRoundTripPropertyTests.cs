using System.Text.Json;
using ChildProtection.Training.Quizzes.Questions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChildProtection.Training.Tests.Quizzes.Questions;

/// <summary>
/// Random questions of every supported type that Moodle would accept (its grade rules hold), with their settings: in
/// Moodle XML all of them, in GIFT those GIFT can write (an ID number and tags; no hints, mark, penalty, shuffling or
/// case sensitivity, as in Moodle's GIFT).
/// </summary>
public static class RandomQuestions
{
    // Words a trainer writes, with the characters each format must escape; none starts with "[" or "%" (a format or a
    // weight in GIFT) and none holds "->" (a matching pair in GIFT, in Moodle too).
    private static readonly string[] Words =
        ["Trẻ", "em", "quyền", "Luật", "111", "bảo vệ", "Điều 6", "a=b", "{x}", "~", "#1", "50%", "1:2", @"\", "đúng?", "<b>", "&", "\"trích\"", "Đoàn–Đội"];

    private static readonly decimal[] Others = [0, 0, 0.5m, 0.3333333m, 0.1m, -0.5m, -1m];

    // Positive grades of a multiple-response question that add up to 100%, as Moodle rounds them.
    private static readonly decimal[][] Splits = [[1], [0.5m, 0.5m], [0.3333333m, 0.3333333m, 0.3333333m], [0.75m, 0.25m], [0.2m, 0.2m, 0.2m, 0.2m, 0.2m]];

    public static Arbitrary<XmlQuestion> Xml() => Question(giftOnly: false).Select(q => new XmlQuestion(q)).ToArbitrary();

    public static Arbitrary<GiftQuestion> Gift() => Question(giftOnly: true).Select(q => new GiftQuestion(q)).ToArbitrary();

    private static Gen<Question> Question(bool giftOnly) =>
        from category in Gen.Elements("Luật Trẻ em/Quyền của trẻ", "Diễn đàn trẻ em")
        from name in Text()
        from text in Text()
        from format in Gen.Elements(TextFormat.Plain, TextFormat.Html, TextFormat.Markdown)
        from feedback in Optional(Text())
        from body in Gen.OneOf([Single(), Multiple(), TrueFalse(), ShortAnswer(giftOnly), Numerical(), Matching(), Gen.Constant<QuestionBody>(new DescriptionBody()), Essay(giftOnly), .. giftOnly ? Array.Empty<Gen<QuestionBody>>() : [Cloze()]])
        from settings in Settings(giftOnly, shuffles: body is ChoiceBody or MatchingBody)
        // GIFT writes a description without an answer block, and so without general feedback, as Moodle does.
        // A Cloze question's text holds a placeholder for each of its gaps.
        let wording = body is ClozeBody cloze ? string.Concat(text, " ", string.Join(" ", cloze.Gaps.Select((_, i) => ClozeText.Placeholder(i + 1)))) : text
        select new Question(category, name, wording, body, giftOnly && body is DescriptionBody ? null : feedback, format, settings);

    private static Gen<string> Text() =>
        from count in Gen.Choose(1, 5)
        from words in Gen.ArrayOf(Gen.Elements(Words), count)
        select string.Join(' ', words);

    private static Gen<string?> Optional(Gen<string> text) => Gen.OneOf(Gen.Constant<string?>(null), text.Select(t => (string?)t));

    private static Gen<Choice> Choice(decimal fraction) =>
        from text in Text()
        from feedback in Optional(Text())
        select new Choice(text, fraction, feedback);

    private static Gen<QuestionBody> Single() =>
        from others in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Elements(Others), n))
        from right in Gen.Choose(0, others.Length)
        from choices in Choices([.. others[..right], 1m, .. others[right..]])
        select (QuestionBody)new ChoiceBody(choices, Multiple: false);

    private static Gen<QuestionBody> Multiple() =>
        from split in Gen.Elements(Splits)
        from wrong in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(0m, -0.5m, -1m), n))
        from choices in Choices([.. split, .. wrong])
        select (QuestionBody)new ChoiceBody(choices, Multiple: true);

    private static Gen<IReadOnlyList<Choice>> Choices(decimal[] fractions) =>
        fractions.Aggregate(Gen.Constant(Enumerable.Empty<Choice>()), (list, fraction) => list.SelectMany(_ => Choice(fraction), (l, c) => l.Append(c)))
            .Select(l => (IReadOnlyList<Choice>)l.ToList());

    private static Gen<QuestionBody> TrueFalse() =>
        from correct in Gen.Elements(true, false)
        from wrong in Optional(Text())
        from right in Optional(Text())
        select (QuestionBody)new TrueFalseBody(correct, wrong, right);

    private static Gen<QuestionBody> ShortAnswer(bool giftOnly) =>
        from others in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(0m, 0.5m, 0.3333333m), n))
        from answers in Choices([1m, .. others])
        from caseSensitive in giftOnly ? Gen.Constant(false) : Gen.Elements(true, false)
        select (QuestionBody)new ShortAnswerBody(answers, caseSensitive);

    private static Gen<decimal> Number(int min) =>
        from whole in Gen.Choose(min, 100_000)
        from scale in Gen.Choose(0, 3)
        select whole / (decimal)Math.Pow(10, scale);

    private static Gen<NumericAnswer> NumericAnswer(decimal fraction) =>
        from value in Number(-1000)
        from tolerance in Number(0)
        from feedback in Optional(Text())
        select new NumericAnswer(value, tolerance, fraction, feedback);

    private static Gen<QuestionBody> Numerical() =>
        from right in NumericAnswer(1)
        from partial in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(NumericAnswer(0.5m), n))
        from otherwise in Gen.Elements(0, 1, 2)
        from feedback in Optional(Text())
        select (QuestionBody)new NumericalBody(otherwise switch
        {
            // Moodle's "~" catch-all (last, earning nothing), one with a weight, or none.
            1 => [right, .. partial, new NumericAnswer(null, 0, 0, feedback)],
            2 => [right, new NumericAnswer(null, 0, 0.1m, feedback), .. partial],
            _ => [right, .. partial],
        });

    private static Gen<QuestionBody> Matching() =>
        from pairs in Gen.Choose(2, 5).SelectMany(n => Gen.ArrayOf(Text().SelectMany(_ => Text(), (prompt, answer) => new MatchPair(prompt, answer)), n))
        from extras in Gen.Choose(pairs.Length == 2 ? 1 : 0, 2).SelectMany(n => Gen.ArrayOf(Text(), n))
        select (QuestionBody)new MatchingBody(pairs, extras.Length > 0 ? extras : null);

    /// <summary>GIFT writes an essay as "{}", without its limits, attachment or marking guide, as Moodle does.</summary>
    private static Gen<QuestionBody> Essay(bool giftOnly) =>
        from fewest in Gen.Elements<int?>(null, 50, 100)
        from most in Gen.Elements<int?>(null, 300, 1000)
        from attachment in Gen.Elements(true, false)
        from guide in Optional(Text())
        from template in Optional(Text())
        select (QuestionBody)(giftOnly ? new EssayBody() : new EssayBody(fewest, most, attachment, guide, template));

    /// <summary>Moodle XML only: GIFT has no syntax for embedded answers.</summary>
    private static Gen<QuestionBody> Cloze() =>
        from count in Gen.Choose(1, 3)
        from gaps in Gen.ArrayOf(
            from weight in Gen.Choose(1, 3)
            from body in Gen.OneOf(Single(), Multiple(), ShortAnswer(giftOnly: false), Numerical())
            from layout in Gen.Elements(ClozeLayout.DropDown, ClozeLayout.Vertical, ClozeLayout.Horizontal)
            from shuffle in Gen.Elements(true, false)
            // Only choices have a layout and a shuffle; a multiple-response gap is shown as check boxes, down or across.
            select body is ChoiceBody choice
                ? new ClozeGap(weight, body, choice.Multiple && layout == ClozeLayout.DropDown ? ClozeLayout.Vertical : layout, shuffle)
                : new ClozeGap(weight, body),
            count)
        select (QuestionBody)new ClozeBody(gaps);

    private static Gen<QuestionSettings> Settings(bool giftOnly, bool shuffles) =>
        from idNumber in Optional(Gen.Elements("LTE-01", "Câu 7", "a]b"))
        from tags in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements("luat-tre-em", "lớp 9", "ôn tập", "a]b"), n))
        from mark in Gen.Elements(1m, 2m, 0.5m, 10m)
        from penalty in Gen.Elements(QuestionSettings.DefaultPenalty, 0m, 0.1m, 1m)
        from shuffle in shuffles ? Gen.Elements(true, false) : Gen.Constant(true)
        from hints in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Text().SelectMany(_ => Gen.Elements(true, false), (text, flag) => new QuestionHint(text, flag, !flag)), n))
        select giftOnly
            ? new QuestionSettings(IdNumber: idNumber, Tags: tags)
            : new QuestionSettings(mark, penalty, shuffle, idNumber, tags, hints);
}

public sealed record XmlQuestion(Question Question);

public sealed record GiftQuestion(Question Question);

public sealed class QuestionRoundTripPropertyTests
{
    [Property(MaxTest = 300, Arbitrary = [typeof(RandomQuestions)])]
    public void MoodleXml_ExportThenImport_GivesBackTheSameQuestions(XmlQuestion[] questions) =>
        AssertRoundTrip(questions.Select(q => q.Question).ToList(), written => MoodleXmlFormat.Write(written), xml => MoodleXmlFormat.Parse(xml));

    [Property(MaxTest = 300, Arbitrary = [typeof(RandomQuestions)])]
    public void Gift_ExportThenImport_GivesBackTheSameQuestions(GiftQuestion[] questions) =>
        AssertRoundTrip(questions.Select(q => q.Question).ToList(), GiftFormat.Write, gift => GiftFormat.Parse(gift));

    private static void AssertRoundTrip(IReadOnlyList<Question> written, Func<IEnumerable<Question>, string> write, Func<string, QuestionImport> parse)
    {
        var import = parse(write(written));

        Assert.Empty(import.Problems);
        Assert.Equal(written.Select(Canonical), import.Questions.Select(Canonical));
    }

    // Records compare their lists by reference: compare what would be stored.
    private static string Canonical(Question question) => JsonSerializer.Serialize(question);
}
