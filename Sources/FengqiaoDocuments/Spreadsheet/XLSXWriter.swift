import Foundation
import ZIPFoundation

/// One cell value for `XLSXWriter`.
///
/// Use `.text` for identifiers (USCC, ID-card numbers, phone numbers): Excel keeps only 15
/// significant digits of a number, so an 18-digit code written as `.integer` shows as `1.10101E+17`
/// and loses its last digits once edited. Text cells are never evaluated as formulas, so no
/// formula-injection guard is needed here (unlike `CSVWriter`).
public enum XLSXCell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral {
    case text(String)
    case number(Double)
    case integer(Int)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// Writes a minimal, valid .xlsx (Office Open XML transitional): one or more worksheets, strings
/// (shared-string table by default, inline strings on request), numbers, a bold frozen header row
/// and column widths (given, or estimated from the content with CJK characters counted double).
///
/// - Text is XML-escaped; characters XML 1.0 forbids (C0 controls other than TAB/LF/CR, U+FFFE,
///   U+FFFF) are dropped; CR is stored as Excel does (`_x000D_`) and a literal `_xHHHH_` in the
///   text is protected (`_x005F_xHHHH_`) so it round-trips.
/// - Sheet names are made valid for Excel: `: \ / ? * [ ]` become `_`, at most 31 characters,
///   no leading/trailing apostrophe, never empty, unique regardless of case (a suffix ` (2)` is added).
/// - Empty text cells are not written (the cell stays blank; positions are kept by cell references).
/// - NaN and ±infinity are written as the error value `#NUM!`.
public struct XLSXWriter: Sendable {
    /// Store strings in a shared-string table (Excel's own choice; smaller when values repeat).
    /// When false, strings are inline (`t="inlineStr"`).
    public var usesSharedStrings = true

    private struct Sheet: Sendable {
        var name: String
        var rows: [[XLSXCell]]
        var headerRows: Int
        var columnWidths: [Double]?
    }

    private var sheets: [Sheet] = []

    public init() {}

    /// Adds a worksheet.
    /// - Parameters:
    ///   - headerRows: how many leading rows are bold and frozen (0 for none).
    ///   - columnWidths: widths in Excel character units, by column; nil estimates from the content.
    public mutating func addSheet(name: String, rows: [[XLSXCell]], headerRows: Int = 1, columnWidths: [Double]? = nil) {
        let existing = Set(sheets.map { $0.name.lowercased() })
        sheets.append(Sheet(name: Self.sheetName(name, avoiding: existing), rows: rows,
                            headerRows: max(0, headerRows), columnWidths: columnWidths))
    }

    /// The sheet names as they will be written (after sanitising).
    public var sheetNames: [String] { sheets.map(\.name) }

    /// The .xlsx file.
    public func data() throws -> Data {
        let sheets = self.sheets.isEmpty ? [Sheet(name: "Sheet1", rows: [], headerRows: 0, columnWidths: nil)] : self.sheets
        var strings = SharedStrings()
        if usesSharedStrings {
            strings.reserveCapacity(sheets.reduce(0) { $0 + $1.rows.reduce(0) { $0 + $1.count } })
        }
        var parts: [(path: String, bytes: [UInt8])] = []
        var sheetParts: [[UInt8]] = []
        for sheet in sheets {
            sheetParts.append(worksheetXML(sheet, strings: &strings))
        }

        parts.append(("[Content_Types].xml", contentTypesXML(sheetCount: sheets.count)))
        parts.append(("_rels/.rels", Array(Self.rootRels.utf8)))
        parts.append(("xl/workbook.xml", workbookXML(sheets)))
        parts.append(("xl/_rels/workbook.xml.rels", workbookRelsXML(sheetCount: sheets.count)))
        parts.append(("xl/styles.xml", Array(Self.stylesXML.utf8)))
        for (index, xml) in sheetParts.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", xml))
        }
        if usesSharedStrings {
            parts.append(("xl/sharedStrings.xml", strings.xml()))
        }

        return try Self.zip(parts)
    }

    /// Packs parts into a deflated ZIP in memory, in the given order.
    static func zip(_ parts: [(path: String, bytes: [UInt8])]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        // A fixed timestamp keeps output byte-for-byte reproducible; nothing user-visible depends on it.
        let timestamp = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01
        for (path, bytes) in parts {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: timestamp, compressionMethod: .deflate) { position, size in
                let start = Int(position)
                return data.subdata(in: start..<min(start + size, data.count))
            }
        }
        guard let result = archive.data else {
            throw SpreadsheetError.malformed("无法生成XLSX文件")
        }
        return result
    }

    // MARK: - Parts

    private static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private static let rootRels = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    private static let stylesXML = header
        + "<styleSheet xmlns=\"\(mainNS)\">"
        + "<fonts count=\"2\">"
        + "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "</fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"2\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    private func contentTypesXML(sheetCount: Int) -> [UInt8] {
        var s = Self.header
        s += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        s += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in 1...sheetCount {
            s += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        s += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        if usesSharedStrings {
            s += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        }
        s += "</Types>"
        return Array(s.utf8)
    }

    private func workbookXML(_ sheets: [Sheet]) -> [UInt8] {
        var out = Array((Self.header + "<workbook xmlns=\"\(Self.mainNS)\" xmlns:r=\"\(Self.relNS)\">"
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>").utf8)
        for (index, sheet) in sheets.enumerated() {
            out.add("<sheet name=\"")
            Self.appendEscaped(sheet.name, to: &out)
            out.add("\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>")
        }
        out.add("</sheets></workbook>")
        return out
    }

    private func workbookRelsXML(sheetCount: Int) -> [UInt8] {
        var s = Self.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 1...sheetCount {
            s += "<Relationship Id=\"rId\(index)\" Type=\"\(Self.relNS)/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        s += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(Self.relNS)/styles\" Target=\"styles.xml\"/>"
        if usesSharedStrings {
            s += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(Self.relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        s += "</Relationships>"
        return Array(s.utf8)
    }

    private func worksheetXML(_ sheet: Sheet, strings: inout SharedStrings) -> [UInt8] {
        let columnCount = sheet.rows.map(\.count).max() ?? 0
        var out: [UInt8] = []
        out.reserveCapacity(64 + sheet.rows.count * max(columnCount, 1) * 24)
        out.add((Self.header + "<worksheet xmlns=\"\(Self.mainNS)\" xmlns:r=\"\(Self.relNS)\">"))
        let lastCell = columnCount > 0 && !sheet.rows.isEmpty
            ? "A1:\(XLSXReader.columnName(columnCount - 1))\(sheet.rows.count)" : "A1"
        out.add("<dimension ref=\"\(lastCell)\"/>")
        let selected = sheets.first?.name == sheet.name ? " tabSelected=\"1\"" : ""
        if sheet.headerRows > 0 && sheet.rows.count > sheet.headerRows {
            let top = "A\(sheet.headerRows + 1)"
            out += Array(("<sheetViews><sheetView\(selected) workbookViewId=\"0\">"
                + "<pane ySplit=\"\(sheet.headerRows)\" topLeftCell=\"\(top)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"\(top)\" sqref=\"\(top)\"/>"
                + "</sheetView></sheetViews>").utf8)
        } else {
            out.add("<sheetViews><sheetView\(selected) workbookViewId=\"0\"/></sheetViews>")
        }
        out.add("<sheetFormatPr defaultRowHeight=\"15\"/>")
        let widths = sheet.columnWidths ?? Self.estimateWidths(sheet.rows, columnCount: columnCount)
        let shownWidths = widths.prefix(16_384)
        if !shownWidths.isEmpty {
            out.add("<cols>")
            for (index, width) in shownWidths.enumerated() {
                let w = width.isFinite ? min(max(width, 0), 255) : 10
                let text = String(format: "%.2f", w)
                out.add("<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(text)\" customWidth=\"1\"/>")
            }
            out.add("</cols>")
        }
        out.add("<sheetData>")
        var columnNames: [[UInt8]] = []
        for (r, row) in sheet.rows.enumerated() {
            let rowNumber = Array(String(r + 1).utf8)
            out.add("<row r=\"")
            out += rowNumber
            out.add("\">")
            let style: [UInt8] = r < sheet.headerRows ? Array(" s=\"1\"".utf8) : []
            for (c, cell) in row.enumerated() {
                while columnNames.count <= c { columnNames.append(Array(XLSXReader.columnName(columnNames.count).utf8)) }
                func open(_ type: StaticString?) {
                    out.add("<c r=\"")
                    out += columnNames[c]
                    out += rowNumber
                    out.append(UInt8(ascii: "\""))
                    out += style
                    if let type {
                        out.add(" t=\"")
                        out.append(contentsOf: UnsafeBufferPointer(start: type.utf8Start, count: type.utf8CodeUnitCount))
                        out.append(UInt8(ascii: "\""))
                    }
                    out.append(UInt8(ascii: ">"))
                }
                switch cell {
                case .text(let text):
                    if text.isEmpty { continue }
                    if usesSharedStrings {
                        open("s")
                        out.add("<v>")
                        Self.appendDecimal(strings.index(of: text), to: &out)
                        out.add("</v></c>")
                    } else {
                        open("inlineStr")
                        out.add("<is>")
                        Self.appendTextElement(text, to: &out)
                        out.add("</is></c>")
                    }
                case .integer(let value):
                    open(nil)
                    out.add("<v>")
                    Self.appendDecimal(value, to: &out)
                    out.add("</v></c>")
                case .number(let value):
                    if value.isFinite {
                        open(nil)
                        var text = "\(value)"
                        if text.hasSuffix(".0") { text.removeLast(2) }
                        out.add("<v>")
                        out.add(text)
                        out.add("</v></c>")
                    } else {
                        open("e")
                        out.add("<v>#NUM!</v></c>")
                    }
                }
            }
            out.add("</row>")
        }
        out.add("</sheetData></worksheet>")
        return out
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            if value == .min { out.add("9223372036854775808"); return }
        }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                buf[19 - n] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                n += 1
            } while v > 0
            out.append(contentsOf: buf[(20 - n)...])
        }
    }

    /// Widths from the first 1,000 rows: display width (CJK and other wide characters count 2) + 2,
    /// between 6 and 60.
    static func estimateWidths(_ rows: [[XLSXCell]], columnCount: Int) -> [Double] {
        var widths = [Int](repeating: 0, count: columnCount)
        for row in rows.prefix(1000) {
            for (c, cell) in row.enumerated() {
                let w: Int
                switch cell {
                case .text(let text):
                    w = text.split(separator: "\n").map { line in
                        line.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
                    }.max() ?? 0
                case .integer(let v): w = String(v).count
                case .number(let v): w = min(String(v).count, 15)
                }
                widths[c] = max(widths[c], w)
            }
        }
        return widths.map { Double(min(max($0 + 2, 6), 60)) }
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    // MARK: - Text

    /// `<t>text</t>`, with `xml:space="preserve"` when leading/trailing whitespace or line breaks matter.
    static func appendTextElement(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        func isSpace(_ b: UInt8?) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        let needsPreserve = isSpace(utf8.first) || isSpace(utf8.last) || utf8.contains(0x0A)
        out.add((needsPreserve ? "<t xml:space=\"preserve\">" : "<t>"))
        appendEscaped(text, to: &out)
        out.add("</t>")
    }

    /// XML-escapes text for element content or a double-quoted attribute, dropping characters XML 1.0
    /// forbids and applying OOXML `_xHHHH_` escaping to CR and to literal `_xHHHH_` sequences.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            let n = utf8.count
            var i = 0
            while i < n {
                let b = utf8[i]
                switch b {
                case UInt8(ascii: "&"): out.add("&amp;")
                case UInt8(ascii: "<"): out.add("&lt;")
                case UInt8(ascii: ">"): out.add("&gt;")
                case UInt8(ascii: "\""): out.add("&quot;")
                case 0x0D: out.add("_x000D_")
                case 0x09, 0x0A: out.append(b)
                case 0x00..<0x20: break  // forbidden in XML 1.0
                case UInt8(ascii: "_"):
                    if isEscapeSequence(utf8, at: i) { out.add("_x005F") }
                    out.append(b)
                case 0xEF where i + 2 < n && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                    i += 2  // U+FFFE, U+FFFF: forbidden
                default:
                    out.append(b)
                }
                i += 1
            }
        }
    }

    private static func isEscapeSequence(_ utf8: UnsafeBufferPointer<UInt8>, at k: Int) -> Bool {
        guard k + 6 < utf8.count, utf8[k + 1] == UInt8(ascii: "x"), utf8[k + 6] == UInt8(ascii: "_") else { return false }
        for j in k + 2..<k + 6 where XMLByteScanner.digitValue(utf8[j], hex: true) == nil { return false }
        return true
    }

    // MARK: - Sheet names

    static func sheetName(_ raw: String, avoiding taken: Set<String>) -> String {
        var name = String(raw.map { ":\\/?*[]".contains($0) ? "_" : $0 })
        name = String(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0xFFFE && $0.value != 0xFFFF })
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { name = "Sheet" }
        // Excel counts UTF-16 code units.
        func clip(_ s: String, _ limit: Int) -> String {
            var result = ""
            for ch in s {
                if result.utf16.count + ch.utf16.count > limit { break }
                result.append(ch)
            }
            return result
        }
        name = clip(name, 31)
        var candidate = name
        var counter = 2
        while taken.contains(candidate.lowercased()) || candidate.lowercased() == "history" {
            let suffix = " (\(counter))"
            candidate = clip(name, 31 - suffix.utf16.count) + suffix
            counter += 1
        }
        return candidate
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func add(_ text: String) { append(contentsOf: text.utf8) }
}

/// The shared-string table being built.
struct SharedStrings {
    /// Keys compare and hash by UTF-8 bytes: `String`'s own `Hashable` normalises Unicode on every
    /// hash, which made the table the slowest part of writing Chinese text. Byte identity is also what
    /// the file stores.
    private struct Key: Hashable {
        let text: String
        static func == (a: Key, b: Key) -> Bool {
            var x = a.text, y = b.text
            return x.withUTF8 { p in y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) } }
        }
        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    private var indexes: [Key: Int] = [:]
    private var ordered: [String] = []
    private var references = 0

    mutating func reserveCapacity(_ n: Int) {
        indexes.reserveCapacity(n)
        ordered.reserveCapacity(n)
    }

    mutating func index(of text: String) -> Int {
        references += 1
        let key = Key(text: text)
        if let existing = indexes[key] { return existing }
        let index = ordered.count
        indexes[key] = index
        ordered.append(text)
        return index
    }

    func xml() -> [UInt8] {
        var out = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(references)\" uniqueCount=\"\(ordered.count)\">").utf8)
        out.reserveCapacity(out.count + ordered.count * 24)
        for text in ordered {
            out.add("<si>")
            XLSXWriter.appendTextElement(text, to: &out)
            out.add("</si>")
        }
        out.add("</sst>")
        return out
    }
}
