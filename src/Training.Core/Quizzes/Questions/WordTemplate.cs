using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>
/// The Word file a trainer downloads to see how questions are written for <see cref="WordFormat"/>: every way of
/// marking a right answer, choices on one line, an explanation, a table, a short answer and an answer table.
/// </summary>
public static class WordTemplate
{
    public static void Write(Stream output)
    {
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.Document = new Document(new Body(
            Para(Bold("MẪU SOẠN CÂU HỎI BẰNG WORD")),
            Para(Plain("Mỗi câu bắt đầu bằng “Câu 1.”, “Câu 2.”…; các phương án “A.”, “B.”, “C.”, “D.” viết trên dòng riêng hoặc cùng một dòng, cách nhau bằng phím Tab.")),
            Para(Plain("Đánh dấu phương án đúng bằng cách gạch chân, tô màu đỏ hoặc in đậm chữ cái của nó, hoặc ghi trong bảng đáp án ở cuối tệp. Dòng “Lời giải:” ghi phần giải thích. Dòng “Phần I.”, “Phần II.” chia câu hỏi thành các phần.")),
            Para(Bold("Phần I. Trắc nghiệm nhiều lựa chọn")),
            Para(Bold("Câu 1. "), Plain("Theo Luật Trẻ em năm 2016, trẻ em là người dưới bao nhiêu tuổi?")),
            Para(Plain("A. 14 tuổi")),
            Para(Plain("B. 15 tuổi")),
            Para(Marked("C", new Underline { Val = UnderlineValues.Single }), Plain(". 16 tuổi")),
            Para(Plain("D. 18 tuổi")),
            Para(Bold("Câu 2. "), Plain("Tổng đài quốc gia bảo vệ trẻ em là số nào?")),
            Para(Marked("A. 111", new Color { Val = "FF0000" }), Tab(), Plain("B. 113"), Tab(), Plain("C. 114"), Tab(), Plain("D. 115")),
            Para(Plain("Lời giải: Tổng đài 111 miễn phí và hoạt động 24 giờ mỗi ngày, 7 ngày mỗi tuần.")),
            Para(Bold("Câu 3. "), Plain("Theo bảng sau, hoạt động nào diễn ra trong Tháng hành động vì trẻ em?")),
            new Table(
                new TableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                    new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })),
                Row("Thời gian", "Hoạt động"),
                Row("1/6", "Lễ phát động Tháng hành động vì trẻ em"),
                Row("1/9", "Lễ khai giảng năm học")),
            Para(Plain("A. Lễ khai giảng năm học")),
            Para(Plain("B. Lễ phát động Tháng hành động vì trẻ em")),
            Para(Bold("Phần II. Trả lời ngắn")),
            Para(Bold("Câu 4. "), Plain("Tháng hành động vì trẻ em diễn ra vào tháng mấy hằng năm?")),
            Para(Plain("Đáp án: 6")),
            Para(Bold("ĐÁP ÁN")),
            new Table(Row("Câu", "3"), Row("Đáp án", "B"))));
    }

    private static Paragraph Para(params Run[] runs) => new(runs);

    private static Run Plain(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static Run Bold(string text) => Marked(text, new Bold());

    private static Run Marked(string text, OpenXmlElement mark) => new(new RunProperties(mark), new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static Run Tab() => new(new TabChar());

    private static TableRow Row(params string[] cells) => new(cells.Select(c => new TableCell(new Paragraph(Plain(c)))));
}
