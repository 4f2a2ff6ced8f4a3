using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace ChildProtection.Web.Infrastructure;

/// <param name="Rows">Column header → value, in column order.</param>
public sealed record Sheet(string Name, IReadOnlyList<Dictionary<string, object?>> Rows);

/// <summary>Exports for Excel: a workbook of named sheets, or the first sheet as CSV that Excel opens in Vietnamese.</summary>
public static class Spreadsheets
{
    public static async Task<FileStreamResult> FileAsync(IReadOnlyList<Sheet> sheets, ExcelType type, string baseName, CancellationToken ct)
    {
        var stream = new MemoryStream();
        if (type == ExcelType.CSV)
        {
            // Excel opens a CSV as UTF-8 only with the byte-order mark; without it Vietnamese letters break.
            stream.Write(System.Text.Encoding.UTF8.Preamble);
            await stream.SaveAsAsync(sheets[0].Rows, excelType: type, cancellationToken: ct);
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
