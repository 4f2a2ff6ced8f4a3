using System.Buffers;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace ChildProtection.Web.Infrastructure;

/// <param name="Rows">Column header → value, in column order.</param>
public sealed record Sheet(string Name, IReadOnlyList<Dictionary<string, object?>> Rows);

/// <summary>
/// Exports for Excel: a workbook of named sheets, or the first sheet as CSV that Excel opens in Vietnamese. Every
/// export of the site goes through here, so that none can carry a formula a visitor typed.
/// </summary>
public static class Spreadsheets
{
    /// <summary>The first characters that make a CSV cell a formula in Excel or LibreOffice Calc (OWASP's CSV injection list).</summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    /// <summary>
    /// A cell as a CSV export writes it: text beginning as a formula does gets a leading apostrophe, which spreadsheets
    /// show as text (<c>=HYPERLINK(…)</c> in a forum opinion would otherwise be a live link in an organiser's sheet).
    /// Numbers, dates and other text are left as they are. A workbook needs none of this: its text cells are values.
    /// </summary>
    public static object? CsvCell(object? value) =>
        value is string { Length: > 0 } text && FormulaStarts.Contains(text[0]) ? "'" + text : value;

    public static async Task<FileStreamResult> FileAsync(IReadOnlyList<Sheet> sheets, ExcelType type, string baseName, CancellationToken ct)
    {
        var stream = new MemoryStream();
        if (type == ExcelType.CSV)
        {
            // Excel opens a CSV as UTF-8 only with the byte-order mark; without it Vietnamese letters break.
            stream.Write(System.Text.Encoding.UTF8.Preamble);
            var rows = sheets[0].Rows.Select(row => row.ToDictionary(cell => cell.Key, cell => CsvCell(cell.Value))).ToList();
            await stream.SaveAsAsync(rows, excelType: type, cancellationToken: ct);
        }
        else
        {
            await stream.SaveAsAsync(sheets.ToDictionary(s => s.Name, s => (object)s.Rows), excelType: type, cancellationToken: ct);
        }

        stream.Position = 0;
        return type == ExcelType.XLSX
            ? new FileStreamResult(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { FileDownloadName = baseName + ".xlsx" }
            : new FileStreamResult(stream, "text/csv; charset=utf-8") { FileDownloadName = baseName + ".csv" };
    }
}
