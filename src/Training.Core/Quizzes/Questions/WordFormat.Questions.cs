using System.Globalization;
using System.Text.RegularExpressions;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>From a Word file's paragraphs and tables to questions: parts, questions, choices, answers, explanations.</summary>
public static partial class WordFormat
{
    private static QuestionImport Read(IReadOnlyList<Block> blocks, IReadOnlyDictionary<string, byte[]> pictures, string defaultCategory, Func<byte[], bool>? isPicture)
    {
        var keyHeading = blocks.ToList().FindIndex(b => b is Line line && AnswerKeyHeading().IsMatch(line.Text));
        var key = keyHeading < 0 ? [] : AnswerKey(blocks.Skip(keyHeading + 1));
        var questions = new List<Question>();
        var problems = new List<ImportProblem>();
        var files = new List<EmbeddedFile>();
        var category = defaultCategory;
        Draft? draft = null;

        void Finish()
        {
            if (draft is null)
            {
                return;
            }

            var (question, used, problem, detail) = draft.Build(category, key);
            var number = questions.Count + problems.Count + 1;
            var shown = used.Distinct().Select(name => (Name: name, Content: pictures[name])).ToList();
            if (question is not null && shown.FirstOrDefault(p => isPicture is not null && !isPicture(p.Content)) is { Name: { } notAPicture })
            {
                (question, problem, detail) = (null, ImportProblemKind.NotAnImage, notAPicture);
            }

            if (question is null)
            {
                problems.Add(new ImportProblem(number, draft.Number, draft.Name, problem, detail));
            }
            else
            {
                files.AddRange(shown.Select(p => new EmbeddedFile(questions.Count, p.Name, p.Content)));
                questions.Add(question);
            }

            draft = null;
        }

        foreach (var block in keyHeading < 0 ? blocks : blocks.Take(keyHeading))
        {
            if (block is Line line && QuestionStart().Match(line.Text) is { Success: true } start)
            {
                Finish();
                draft = new Draft(int.Parse(start.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture), line.Number);
                draft.Add(line, start.Length);
            }
            else if (block is Line heading && PartHeading().IsMatch(heading.Text))
            {
                Finish();
                category = heading.Text.Trim().TrimEnd(':', '.').Trim();
            }
            else
            {
                draft?.Add(block, 0);
            }
        }

        Finish();
        return new QuestionImport(questions, problems, files);
    }

    /// <summary>"1-A 2.B 3c" in paragraphs or cells, or a table with a row of question numbers over a row of letters.</summary>
    private static Dictionary<int, char> AnswerKey(IEnumerable<Block> blocks)
    {
        var key = new Dictionary<int, char>();
        void Read(string text)
        {
            foreach (Match pair in KeyPair().Matches(text))
            {
                key.TryAdd(int.Parse(pair.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), char.ToUpperInvariant(pair.Groups[2].Value[0]));
            }
        }

        foreach (var block in blocks)
        {
            switch (block)
            {
                case Line line:
                    Read(line.Text);
                    break;
                case TableBlock table:
                    foreach (var (numbers, letters) in table.Rows.Zip(table.Rows.Skip(1)))
                    {
                        foreach (var (number, letter) in numbers.Zip(letters))
                        {
                            if (int.TryParse(number.Text.Trim(), out var n) && letter.Text.Trim() is [>= 'A' and <= 'H' or >= 'a' and <= 'h'] answer)
                            {
                                key.TryAdd(n, char.ToUpperInvariant(answer[0]));
                            }
                        }
                    }

                    foreach (var cell in table.Rows.SelectMany(r => r))
                    {
                        Read(cell.Text);
                    }

                    break;
            }
        }

        return key;
    }

    /// <summary>One question as it is read: its wording, then its choices, then its explanation.</summary>
    private sealed class Draft(int questionNumber, int blockNumber)
    {
        private enum Part
        {
            Wording,
            Choices,
            Explanation,
        }

        private sealed record ChoiceRead(char Letter, Marks LetterMarks, Marks WholeMarks, List<string> Html);

        private readonly List<string> _wording = [];
        private readonly List<ChoiceRead> _choices = [];
        private readonly List<string> _explanation = [];
        private readonly List<string> _pictures = [];
        private string? _typedAnswer;
        private char? _keyLetter;
        private Part _part;

        public int Number => blockNumber;

        public string? Name => _wording.Count > 0 ? FormattedText.ShortName(string.Concat(_wording), TextFormat.Html) : null;

        public void Add(Block block, int from)
        {
            if (block is TableBlock table)
            {
                _pictures.AddRange(table.Pictures);
                (_part switch { Part.Wording => _wording, Part.Choices => _choices[^1].Html, _ => _explanation }).Add(table.Html());
                return;
            }

            var line = (Line)block;
            var rest = line.Text[from..];
            if (_part != Part.Explanation && Explanation().Match(rest) is { Success: true } label)
            {
                _part = Part.Explanation;
                Paragraph(_explanation, line, from + label.Length);
            }
            else if (_part != Part.Explanation && TypedAnswer().Match(rest) is { Success: true } typed)
            {
                // After choices, "Đáp án: B" names the right one; without choices, it is the answer to type.
                var answer = typed.Groups[1].Value.Trim();
                if (_part == Part.Choices && answer is [>= 'A' and <= 'H' or >= 'a' and <= 'h'])
                {
                    _keyLetter = char.ToUpperInvariant(answer[0]);
                }
                else
                {
                    _typedAnswer = answer;
                }
            }
            else if (_part != Part.Explanation && Choices(line, from, _choices.Count == 0 ? 'A' : (char)(_choices[^1].Letter + 1)) is { Count: > 0 } choices)
            {
                _part = Part.Choices;
                _choices.AddRange(choices);
            }
            else
            {
                Paragraph(_part switch { Part.Wording => _wording, Part.Choices => _choices[^1].Html, _ => _explanation }, line, from);
            }
        }

        private void Paragraph(List<string> into, Line line, int from)
        {
            var html = line.Html(from, line.Text.Length, FormattingKept);
            if (html.Length > 0)
            {
                into.Add($"<p>{html}</p>");
                _pictures.AddRange(line.PicturesBetween(from, line.Text.Length));
            }
        }

        /// <summary>The choices a line starts with ("A. …", or "A. …  B. …" on one line), each letter the next expected.</summary>
        private List<ChoiceRead> Choices(Line line, int from, char expected)
        {
            var starts = new List<Match>();
            foreach (Match letter in ChoiceLetter().Matches(line.Text, from))
            {
                var before = starts.Count == 0 ? line.Text[from..letter.Index] : "";
                if (letter.Groups[1].Value[0] == expected && (starts.Count > 0 || before.Trim().Length == 0))
                {
                    starts.Add(letter);
                    expected++;
                }
            }

            return starts.Select((start, i) =>
            {
                var end = i + 1 < starts.Count ? starts[i + 1].Index : line.Text.Length;
                var textStart = start.Index + start.Length;
                _pictures.AddRange(line.PicturesBetween(textStart, end));
                var whole = Enumerable.Range(textStart, end - textStart).Where(c => !char.IsWhiteSpace(line.Text[c]))
                    .Select(c => line.Marks[c]).DefaultIfEmpty(Marks.None).Aggregate((a, b) => a & b);
                // The marks that show the right answer are not the wording's: kept out, so they do not give it away.
                return new ChoiceRead(start.Groups[1].Value[0], line.Marks[start.Groups[1].Index], whole, [line.Html(textStart, end, Marks.Italic | Marks.Superscript | Marks.Subscript)]);
            }).ToList();
        }

        public (Question? Question, IReadOnlyList<string> Pictures, ImportProblemKind Problem, string? Detail) Build(string category, IReadOnlyDictionary<int, char> key)
        {
            var text = string.Concat(_wording);
            if (text.Length == 0)
            {
                return (null, [], ImportProblemKind.EmptyText, null);
            }

            var feedback = _explanation.Count > 0 ? string.Concat(_explanation) : null;
            QuestionBody body;
            if (_choices.Count > 0)
            {
                var right = RightChoices(key);
                if (right.Count == 0)
                {
                    return (null, [], ImportProblemKind.UnmarkedAnswer, null);
                }

                body = new ChoiceBody(_choices.Select(c => new Choice(string.Join("<br>", c.Html.Where(h => h.Length > 0)), right.Contains(c.Letter) ? Share(right.Count) : right.Count > 1 ? -Share(_choices.Count - right.Count) : 0)).ToList(), right.Count > 1);
            }
            else if (_typedAnswer is { Length: > 0 } typed)
            {
                body = QuestionGrader.TryParseNumber(typed, out var number)
                    ? new NumericalBody([new NumericAnswer(number, 0, 1)])
                    : new ShortAnswerBody([new Choice(typed, 1)]);
            }
            else
            {
                // An essay (câu tự luận): what follows "Lời giải" or "Hướng dẫn chấm" is for its markers, and "không quá 300 chữ"
                // in its wording is its word limit.
                body = new EssayBody(MaxWords: WordLimit().Match(text) is { Success: true } limit ? int.Parse(limit.Groups[1].Value, CultureInfo.InvariantCulture) : null, MarkingGuide: feedback);
                feedback = null;
            }

            if (QuestionRules.Check(body) is { } broken)
            {
                return (null, [], broken.Kind, broken.Detail);
            }

            return (new Question(category, FormattedText.ShortName(text, TextFormat.Html), text, body, feedback, TextFormat.Html), _pictures, default, null);
        }

        /// <summary>
        /// The choices marked right: by underlining, then red, then bold, on the letter or the whole text, the first that
        /// marks some choices and not all (a teacher who writes every letter in bold marks nothing by it); else the question's
        /// own "Đáp án: B", else the answer table.
        /// </summary>
        private HashSet<char> RightChoices(IReadOnlyDictionary<int, char> key)
        {
            foreach (var mark in new[] { Marks.Underline, Marks.Red, Marks.Bold })
            {
                var marked = _choices.Where(c => c.LetterMarks.HasFlag(mark) || c.WholeMarks.HasFlag(mark)).Select(c => c.Letter).ToHashSet();
                if (marked.Count > 0 && marked.Count < _choices.Count)
                {
                    return marked;
                }
            }

            var letter = _keyLetter ?? (key.TryGetValue(questionNumber, out var fromTable) ? fromTable : null);
            return letter is { } right && _choices.Any(c => c.Letter == right) ? [right] : [];
        }

        /// <summary>An equal share of the mark as Moodle writes it (1/3 as 0.3333333), so its grade rules hold.</summary>
        private static decimal Share(int count) => count == 0 ? 0 : QuestionRules.AllowedFractions.MinBy(f => Math.Abs(f - 1m / count));
    }

    /// <summary>"Câu 1.", "Câu 12:", "Bài 3)", "1." at the start of a paragraph.</summary>
    [GeneratedRegex(@"^\s*(?:(?:Câu|Bài|CÂU|BÀI)\s*(?<number>\d+)\s*[.:)]?|(?<number>\d+)\s*[.)])\s*")]
    private static partial Regex QuestionStart();

    /// <summary>"Phần I", "PHẦN II. Đúng sai", "I. Trắc nghiệm".</summary>
    [GeneratedRegex(@"^\s*(?:(?:Phần|PHẦN)\s+(?:[IVX]+|\d+)\b|[IVX]+\.\s+\S)")]
    private static partial Regex PartHeading();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])([A-H])\s*[.)]\s*")]
    private static partial Regex ChoiceLetter();

    [GeneratedRegex(@"^\s*(?:Lời giải|LỜI GIẢI|Hướng dẫn(?: giải| chấm)?|HƯỚNG DẪN(?: GIẢI| CHẤM)?|Giải thích|Giải)\s*[:.]\s*")]
    private static partial Regex Explanation();

    [GeneratedRegex(@"^\s*(?:Đáp án|ĐÁP ÁN)\s*[:.]\s*(.+)$")]
    private static partial Regex TypedAnswer();

    /// <summary>"(không quá 300 chữ)", "tối đa 500 từ": an essay's word limit as teachers write it in the question.</summary>
    [GeneratedRegex(@"(?:không quá|tối đa|dưới)\s+(\d{1,5})\s+(?:chữ|từ)", RegexOptions.IgnoreCase)]
    private static partial Regex WordLimit();

    [GeneratedRegex(@"^\s*(?:BẢNG\s+|Bảng\s+)?(?:ĐÁP ÁN|Đáp án|đáp án)\s*[:.]?\s*$")]
    private static partial Regex AnswerKeyHeading();

    [GeneratedRegex(@"(?<!\d)(\d+)\s*[-–.:)]?\s*([A-Ha-h])(?![\p{L}\p{N}])")]
    private static partial Regex KeyPair();
}
