using System.Globalization;
using MiniExcelLibs;

namespace ChildProtection.Training.Spreadsheets;

/// <param name="Number">The row as the spreadsheet numbers it (the header is row 1).</param>
/// <param name="Cells">Column name (lower case) → trimmed text; empty for an empty cell.</param>
public sealed record ImportRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.GetValueOrDefault(column) ?? "";
}

/// <param name="Unreadable">Why the file could not be read at all (the exception's type); null when it was read.</param>
/// <param name="MissingColumns">Expected columns the header row lacks.</param>
public sealed record ImportSheet(IReadOnlyList<ImportRow> Rows, string? Unreadable, IReadOnlyList<string> MissingColumns)
{
    public bool Readable => Unreadable is null && MissingColumns.Count == 0;

    /// <summary>
    /// The first sheet of an Excel workbook (by its <c>.xlsx</c> name) or a CSV file, read by its header row:
    /// column names are matched without regard to case or surrounding spaces, and empty rows are left out.
    /// </summary>
    public static ImportSheet Read(Stream file, string fileName, IReadOnlyList<string> columns)
    {
        List<IDictionary<string, object?>> records;
        try
        {
            var type = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ExcelType.XLSX : ExcelType.CSV;
            records = file.Query(useHeaderRow: true, excelType: type).Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ImportSheet([], e.GetType().Name, []);
        }

        var header = records.FirstOrDefault()?.Keys.Select(k => k.Trim().ToLowerInvariant()).ToHashSet() ?? [];
        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return new ImportSheet([], null, missing);
        }

        var rows = new List<ImportRow>();
        for (var i = 0; i < records.Count; i++)
        {
            var cells = records[i].ToDictionary(p => p.Key.Trim().ToLowerInvariant(), p => Convert.ToString(p.Value, CultureInfo.InvariantCulture)?.Trim() ?? "");
            if (!cells.Values.All(string.IsNullOrEmpty))
            {
                rows.Add(new ImportRow(i + 2, cells));
            }
        }

        return new ImportSheet(rows, null, []);
    }
}
