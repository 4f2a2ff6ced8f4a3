using System.IO.Compression;
using System.Text;
using ChildProtection.Web.Infrastructure;
using MiniExcelLibs;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>The one writer of every export: CSV cells that a spreadsheet would run as formulas are written as text.</summary>
public sealed class SpreadsheetsTests
{
    private const string Column = "Ý kiến của em";

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void CsvCell_FormulaStart_GetsALeadingApostrophe(string text) =>
        Assert.Equal("'" + text, Spreadsheets.CsvCell(text));

    [Theory]
    [InlineData("Em muốn có thêm cây xanh = bóng mát")]
    [InlineData("111")]
    [InlineData("")]
    [InlineData(null)]
    public void CsvCell_OrdinaryText_IsLeftAsItIs(string? text) =>
        Assert.Equal(text, Spreadsheets.CsvCell(text));

    [Fact]
    public void CsvCell_NegativeNumber_StaysANumber() =>
        Assert.Equal(-3, Spreadsheets.CsvCell(-3));

    [Fact]
    public async Task FileAsync_Csv_WritesFormulasAsText()
    {
        var file = await Spreadsheets.FileAsync([Sheet("=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "Lan")], ExcelType.CSV, "y-kien", CancellationToken.None);

        var rows = file.FileStream.Query(useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().Select(r => r[Column]).ToList();
        Assert.Equal(["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)", "Lan"], rows);
    }

    /// <summary>A workbook's text cell is a value, never a formula: the text is kept as typed, and the sheet has no formula element.</summary>
    [Fact]
    public async Task FileAsync_Xlsx_KeepsTheTextAndWritesNoFormula()
    {
        var typed = new[] { "=HYPERLINK(\"http://x\",\"y\")", "$=1+1", "@SUM(A1)" };
        var file = await Spreadsheets.FileAsync([Sheet(typed)], ExcelType.XLSX, "y-kien", CancellationToken.None);
        using var copy = new MemoryStream();
        await file.FileStream.CopyToAsync(copy);

        copy.Position = 0;
        var rows = copy.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => r[Column]).ToList();
        Assert.Equal(typed, rows);
        copy.Position = 0;
        using var zip = new ZipArchive(copy, ZipArchiveMode.Read);
        foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(sheet.Open(), Encoding.UTF8);
            var xml = await reader.ReadToEndAsync();
            Assert.DoesNotContain("<x:f", xml);
            Assert.DoesNotContain("<f>", xml);
            Assert.DoesNotContain("<f ", xml);
        }
    }

    private static Sheet Sheet(params string[] opinions) =>
        new("y-kien", opinions.Select(o => new Dictionary<string, object?> { ["Số thứ tự"] = 1, [Column] = o }).ToList());
}
