/// Why a CSV or XLSX file could not be read. `code` is stable English for logs, APIs and tests;
/// `messageZH` is the sentence shown to the user who uploaded the file (PLT-14).
public enum SpreadsheetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The CSV is neither UTF-8 (with or without BOM), UTF-16 with a BOM, nor decodable GB18030/GBK.
    case notUTF8
    /// The data is not a ZIP-based .xlsx workbook (e.g. a legacy .xls, an encrypted workbook, or garbage).
    case notXLSX
    /// The workbook has no worksheet of that name (or no worksheet at all when the name is empty).
    case missingSheet(String)
    /// The file is structurally broken; the detail (Chinese, user-facing) says where.
    case malformed(String)
    /// A part of the file expands beyond the reader's safety limit (e.g. a ZIP bomb); the detail names it.
    case tooLarge(String)
    /// The ZIP lists more entries than a workbook has any use for (a forged central directory that
    /// would cost seconds and memory to load); the limit is given.
    case tooManyParts(Int)

    public var code: String {
        switch self {
        case .notUTF8: return "spreadsheet.not-utf8"
        case .notXLSX: return "spreadsheet.not-xlsx"
        case .missingSheet: return "spreadsheet.missing-sheet"
        case .malformed: return "spreadsheet.malformed"
        case .tooLarge: return "spreadsheet.too-large"
        case .tooManyParts: return "spreadsheet.too-many-parts"
        }
    }

    public var messageZH: String {
        switch self {
        case .notUTF8:
            return "文件不是UTF-8编码，请另存为UTF-8 CSV"
        case .notXLSX:
            return "文件不是有效的XLSX（Excel 2007及以上）文件；如为.xls或已加密的文件，请在Excel中另存为.xlsx"
        case .missingSheet(let name):
            return name.isEmpty ? "工作簿中没有工作表" : "工作簿中没有名为“\(name)”的工作表"
        case .malformed(let detail):
            return "表格文件格式有误：\(detail)"
        case .tooLarge(let detail):
            return "表格文件过大，无法读取：\(detail)"
        case .tooManyParts(let limit):
            return "表格文件包含的部件超过\(limit)个，不是正常的Excel文件，请在Excel中重新保存为.xlsx后再上传"
        }
    }

    public var description: String { "\(code): \(messageZH)" }
}
