using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace ChildProtection.Web.Features.Backoffice;

/// <summary>Exports for the yearly reports: rows (header → value, in column order) as an Excel or a CSV download.</summary>
public static class SpreadsheetDownload
{
    public static async Task<FileStreamResult> CreateAsync(IReadOnlyList<Dictionary<string, object?>> rows, ExcelType type, string fileName, CancellationToken ct)
    {
        var stream = new MemoryStream();
        if (type == ExcelType.CSV)
        {
            // Excel opens a CSV as UTF-8 only with the byte-order mark; without it Vietnamese letters break.
            stream.Write(System.Text.Encoding.UTF8.Preamble);
        }

        await stream.SaveAsAsync(rows, excelType: type, cancellationToken: ct);
        stream.Position = 0;
        return type == ExcelType.XLSX
            ? new FileStreamResult(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { FileDownloadName = $"{fileName}.xlsx" }
            : new FileStreamResult(stream, "text/csv; charset=utf-8") { FileDownloadName = $"{fileName}.csv" };
    }
}
