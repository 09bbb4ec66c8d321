import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads cell values from an .xlsx workbook (Office Open XML, transitional or strict) as text, for
/// bulk party import (PLT-14).
///
/// - Parts are found through the package relationships (`_rels/.rels` → workbook →
///   `xl/_rels/workbook.xml.rels`), not by assumed file names; lookups are case-insensitive.
/// - Without a sheet name the first visible worksheet (tab order) is read; chart sheets are skipped.
/// - Cells are placed by their reference (`A1`, `AA10`), so empty cells keep column positions. Each row
///   ends at its last non-empty cell. Row numbers are the sheet's own (`<row r="…">`), i.e. what the
///   user sees in Excel. A row with no non-empty cell (or absent from the file) is "empty":
///   `forEachRow` skips it, `rows` returns `[]` in its place, so `rows(data)[i]` is always row `i + 1`.
///   Empty rows at the end are dropped.
/// - Values: shared strings (rich-text runs concatenated, phonetic `rPh` runs dropped), inline strings,
///   formula string results (`str`, cached value; formulas are not evaluated), booleans as
///   `TRUE`/`FALSE`, errors as their text (`#N/A`), `d` cells as written.
///   Numbers: integers without `.0`; integers are rendered as exact digits from the stored text,
///   so an 18-digit ID written as a number by a program (`<v>110101199003077777</v>`) comes back
///   intact. (An ID typed into Excel as a number was already cut to 15 significant digits by Excel;
///   `1.10101199003077E+17` comes back as `110101199003077000` — the reader cannot restore what
///   Excel threw away.) Non-integers are shown with at most 15 significant digits, as Excel does
///   (`0.30000000000000004` → `0.3`). Numbers whose cell style is a date/time format become
///   `yyyy-MM-dd`, `HH:mm:ss` or `yyyy-MM-dd HH:mm:ss` (1900 and 1904 date systems).
/// - `_xHHHH_` escapes (how Excel stores control characters) are decoded.
/// - Safety: the ZIP is read with every offset and length checked and every inflate bounded (see
///   `XLSXPackage`); each part is inflated only up to `maxPartBytes` and its declared size (which it
///   must match, as it must its CRC-32), and all of them together only up to `maxTotalBytes` (and 100
///   times the file's size); a ZIP of more than 10,000 entries, or declaring more than 1,100
///   times its size in all, is refused; parts must
///   be UTF-8 and DOCTYPEs are refused. A damaged or forged file is refused with a `SpreadsheetError`.
public struct XLSXReader: Sendable {
    /// The largest uncompressed size of any single part (worksheet, shared strings…) that is inflated.
    /// A 100,000-row, 8-column register is roughly 15–30 MB of sheet XML.
    public static let maxPartBytes = 512 << 20
    /// The largest uncompressed size of all the parts read from one file together (a guard against a
    /// ZIP bomb spread over several parts).
    static let maxTotalBytes = 512 << 20
    /// How many times its own size a file may inflate to, all parts together. Sheet XML compresses
    /// about 5–20 times (a 100,000-row register: 3 MB → 30 MB); a deflate bomb reaches about 1,000.
    static let maxExpansion = 100
    /// Small files may inflate to this much whatever their ratio.
    static let minTotalBytes = 32 << 20

    /// The total inflate budget of a file of `compressed` bytes: `maxExpansion` times its size,
    /// at least `minTotalBytes`, at most `maxTotalBytes` — so a 5 MB bomb costs at most 500 MB, and a
    /// 1 MB one 100 MB, rather than 512 MB each.
    static func maxTotalBytes(compressed: Int) -> Int {
        let (scaled, overflow) = compressed.multipliedReportingOverflow(by: maxExpansion)
        return min(maxTotalBytes, max(minTotalBytes, overflow ? .max : scaled))
    }

    /// Every row of the sheet named `sheet` (first visible worksheet when nil) by position: element `i`
    /// is row `i + 1`; empty rows are `[]`; trailing empty rows are dropped.
    public static func rows(_ data: Data, sheet: String? = nil) throws -> [[String]] {
        var out: [[String]] = []
        try forEachRow(data, sheet: sheet) { rowNumber, fields in
            // Rows normally come in order; a file that repeats or reorders rows is placed by number.
            if rowNumber <= out.count {
                out[rowNumber - 1] = fields
                return
            }
            while out.count < rowNumber - 1 { out.append([]) }
            out.append(fields)
        }
        return out
    }

    /// Calls `body` for each non-empty row with its 1-based Excel row number. Errors from `body` propagate.
    public static func forEachRow(
        _ data: Data,
        sheet: String? = nil,
        _ body: (_ rowNumber: Int, _ fields: [String]) throws -> Void
    ) throws {
        let package = try XLSXPackage(data)
        let workbook = try WorkbookInfo(package)
        let target = try workbook.select(sheet)
        guard let sheetBytes = try package.read(target.path) else {
            throw SpreadsheetError.malformed("缺少工作表“\(target.name)”的文件 \(target.path)")
        }
        // a worksheet that is not one (no `worksheet` element near its start) is damaged, not
        // an empty sheet ("文件为空" would send the user looking in the wrong place).
        let head = Array(sheetBytes.prefix(64 << 10))
        guard sheetBytes.isEmpty || head.withUnsafeBufferPointer({ Self.contains($0, Array("worksheet".utf8)) }) else {
            throw SpreadsheetError.malformed("\(target.path) 不是工作表（缺少worksheet元素），文件可能已损坏")
        }
        let shared: [String]
        if let path = workbook.sharedStringsPath, let bytes = try package.read(path) {
            // text in another encoding would be read as mojibake and stored; refuse it.
            guard bytes.withUnsafeBufferPointer(CSVReader.isValidUTF8) else {
                throw SpreadsheetError.malformed("无法解析 \(path)（不是有效的UTF-8文本）")
            }
            shared = try parseSharedStrings(bytes, part: path)
        } else {
            shared = []
        }
        var styles = CellStyles()
        if let path = workbook.stylesPath, let bytes = try package.read(path) {
            styles = try CellStyles(bytes, part: path)
        }
        try parseSheet(sheetBytes, part: target.path, sharedStrings: shared, styles: styles,
                       date1904: workbook.date1904, body)
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first, needle.indices.allSatisfy({ haystack[i + $0] == needle[$0] }) { return true }
            i += 1
        }
        return false
    }

    /// The names of the workbook's worksheets in tab order (hidden ones included, chart sheets not).
    public static func sheetNames(_ data: Data) throws -> [String] {
        try WorkbookInfo(try XLSXPackage(data)).sheets.filter(\.isWorksheet).map(\.name)
    }

    // MARK: - Shared strings

    static func parseSharedStrings(_ bytes: [UInt8], part: String) throws -> [String] {
        guard !bytes.isEmpty else { return [] }
        return try bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLByteScanner(buffer, partName: part)
            var strings: [String] = []
            var scratch: [UInt8] = []
            var inItem = false
            var capturing = false
            var phoneticDepth = 0
            loop: while true {
                switch try scanner.next() {
                case .eof:
                    break loop
                case .startTag:
                    if scanner.nameIs("si") {
                        scratch.removeAll(keepingCapacity: true)
                        inItem = !scanner.selfClosing
                        phoneticDepth = 0
                        capturing = false
                        if scanner.selfClosing { strings.append("") }
                    } else if scanner.nameIs("t") {
                        capturing = inItem && phoneticDepth == 0 && !scanner.selfClosing
                    } else if scanner.nameIs("rPh") {
                        if !scanner.selfClosing { phoneticDepth += 1 }
                    } else if scanner.nameIs("sst") {
                        scanner.forEachAttribute { name, value in
                            if scanner.bytesEqual(name, "uniqueCount"),
                               let n = parseInt(scanner.bytes(value)), n > 0 {
                                strings.reserveCapacity(min(n, 4_000_000))
                            }
                        }
                    }
                case .endTag:
                    if scanner.nameIs("t") {
                        capturing = false
                    } else if scanner.nameIs("rPh") {
                        phoneticDepth = max(0, phoneticDepth - 1)
                    } else if scanner.nameIs("si") {
                        strings.append(makeString(scratch))
                        inItem = false
                        capturing = false
                    }
                case .text:
                    if capturing { try scanner.appendText(to: &scratch) }
                }
            }
            return strings
        }
    }

    // MARK: - Worksheet

    enum CellType { case number, sharedString, inlineString, formulaString, boolean, error, isoDate }

    static func parseSheet(
        _ bytes: [UInt8],
        part: String,
        sharedStrings: [String],
        styles: CellStyles,
        date1904: Bool,
        _ body: (_ rowNumber: Int, _ fields: [String]) throws -> Void
    ) throws {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLByteScanner(buffer, partName: part)
            var rowNumber = 0
            var row: [String] = []
            var inRow = false
            var column = -1
            // Inside a `<c>`: `<v>`, `<is>` and `</c>` count only there, so a stray `</c>` cannot place a
            // value at column -1.
            var inCell = false
            var cellType = CellType.number
            var cellStyle = 0
            var cellHasValue = false
            var value: [UInt8] = []
            var capturing = false
            var inInlineString = false
            var phoneticDepth = 0
            var inSheetData = false

            func finishRow() throws {
                if inRow && !row.isEmpty { try body(rowNumber, row) }
                inRow = false
                inCell = false
                row = []
            }

            loop: while true {
                switch try scanner.next() {
                case .eof:
                    break loop
                case .startTag:
                    if scanner.nameIs("c") {
                        guard inRow else { throw SpreadsheetError.malformed("\(part)：单元格不在行内") }
                        var ref: Range<Int>?
                        cellType = .number
                        cellStyle = 0
                        try scanner.forEachAttribute { name, val in
                            if scanner.bytesEqual(name, "r") {
                                ref = val
                            } else if scanner.bytesEqual(name, "t") {
                                cellType = try cellTypeFrom(scanner, val, part: part)
                            } else if scanner.bytesEqual(name, "s") {
                                cellStyle = parseInt(scanner.bytes(val)) ?? 0
                            }
                        }
                        if let ref, let col = columnIndex(scanner.bytes(ref)) {
                            column = col
                        } else {
                            column += 1
                        }
                        guard column < 16_384 else {
                            throw SpreadsheetError.malformed("\(part) 第\(rowNumber)行：列号超出Excel范围")
                        }
                        value.removeAll(keepingCapacity: true)
                        cellHasValue = false
                        capturing = false
                        inInlineString = false
                        phoneticDepth = 0
                        inCell = !scanner.selfClosing
                        if scanner.selfClosing { continue loop }
                    } else if scanner.nameIs("v") {
                        if inCell && !scanner.selfClosing && !inInlineString {
                            capturing = true
                            cellHasValue = true
                        }
                    } else if scanner.nameIs("t") {
                        if inInlineString && phoneticDepth == 0 && !scanner.selfClosing {
                            capturing = true
                            cellHasValue = true
                        }
                    } else if scanner.nameIs("is") {
                        inInlineString = inCell && !scanner.selfClosing
                    } else if scanner.nameIs("rPh") {
                        if !scanner.selfClosing { phoneticDepth += 1 }
                    } else if scanner.nameIs("row") {
                        try finishRow()
                        var explicit: Int?
                        scanner.forEachAttribute { name, val in
                            if scanner.bytesEqual(name, "r") { explicit = parseInt(scanner.bytes(val)) }
                        }
                        rowNumber = explicit ?? rowNumber + 1
                        guard rowNumber >= 1 && rowNumber <= 1_048_576 else {
                            throw SpreadsheetError.malformed("\(part)：行号\(rowNumber)超出Excel范围")
                        }
                        column = -1
                        inRow = !scanner.selfClosing
                    } else if scanner.nameIs("sheetData") {
                        inSheetData = true
                        if scanner.selfClosing { break loop }
                    }
                case .endTag:
                    if scanner.nameIs("v") || scanner.nameIs("t") {
                        capturing = false
                    } else if scanner.nameIs("c") {
                        capturing = false
                        inInlineString = false
                        guard inCell else { continue loop }
                        inCell = false
                        if cellHasValue {
                            let text = try render(value, type: cellType, style: cellStyle, styles: styles,
                                                  sharedStrings: sharedStrings, date1904: date1904,
                                                  part: part, rowNumber: rowNumber)
                            if !text.isEmpty {
                                if column < row.count {
                                    row[column] = text
                                } else {
                                    if column > row.count {
                                        row.append(contentsOf: repeatElement("", count: column - row.count))
                                    }
                                    row.append(text)
                                }
                            }
                        }
                    } else if scanner.nameIs("rPh") {
                        phoneticDepth = max(0, phoneticDepth - 1)
                    } else if scanner.nameIs("is") {
                        inInlineString = false
                    } else if scanner.nameIs("row") {
                        try finishRow()
                    } else if scanner.nameIs("sheetData") {
                        try finishRow()
                        break loop
                    }
                case .text:
                    if capturing { try scanner.appendText(to: &value) }
                }
            }
            if inSheetData { try finishRow() }
        }
    }

    static func cellTypeFrom(_ scanner: XMLByteScanner, _ range: Range<Int>, part: String) throws -> CellType {
        if scanner.bytesEqual(range, "s") { return .sharedString }
        if scanner.bytesEqual(range, "n") { return .number }
        if scanner.bytesEqual(range, "str") { return .formulaString }
        if scanner.bytesEqual(range, "inlineStr") { return .inlineString }
        if scanner.bytesEqual(range, "b") { return .boolean }
        if scanner.bytesEqual(range, "e") { return .error }
        if scanner.bytesEqual(range, "d") { return .isoDate }
        return .formulaString  // unknown type: keep the text as written
    }

    static func render(
        _ value: [UInt8], type: CellType, style: Int, styles: CellStyles, sharedStrings: [String],
        date1904: Bool, part: String, rowNumber: Int
    ) throws -> String {
        switch type {
        case .sharedString:
            guard let index = value.withUnsafeBufferPointer({ parseInt($0) }),
                  index >= 0, index < sharedStrings.count else {
                throw SpreadsheetError.malformed("\(part) 第\(rowNumber)行：共享字符串索引无效")
            }
            return sharedStrings[index]
        case .inlineString, .formulaString, .error, .isoDate:
            return makeString(value)
        case .boolean:
            let trimmed = trimSpaces(value)
            return trimmed.elementsEqual([UInt8(ascii: "1")]) || trimmed.elementsEqual("true".utf8) ? "TRUE" : "FALSE"
        case .number:
            if let kind = styles.dateKind(style) {
                let text = String(decoding: trimSpaces(value), as: UTF8.self)
                if let serial = Double(text), let date = renderDate(serial: serial, kind: kind, date1904: date1904) {
                    return date
                }
            }
            return renderNumber(value)
        }
    }

    // MARK: - Values

    static func trimSpaces(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi && XMLByteScanner.isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && XMLByteScanner.isSpace(bytes[hi - 1]) { hi -= 1 }
        return bytes[lo..<hi]
    }

    /// Non-negative decimal integer, or nil.
    static func parseInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var lo = 0, hi = bytes.count
        while lo < hi && XMLByteScanner.isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && XMLByteScanner.isSpace(bytes[hi - 1]) { hi -= 1 }
        guard lo < hi, hi - lo <= 18 else { return nil }
        var n = 0
        for k in lo..<hi {
            let d = bytes[k] &- 0x30
            guard d < 10 else { return nil }
            n = n * 10 + Int(d)
        }
        return n
    }

    /// Zero-based column index from a cell reference such as `A1`, `AA10` or `$B$2`; nil if none.
    static func columnIndex(_ ref: UnsafeBufferPointer<UInt8>) -> Int? {
        var col = 0
        var letters = 0
        for b in ref {
            if b == UInt8(ascii: "$") { continue }
            let upper = b & ~0x20
            guard upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z") else { break }
            col = col * 26 + Int(upper - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : col - 1
    }

    /// Column letters for a zero-based index (0 → A, 26 → AA).
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var chars: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            chars.append(UInt8(ascii: "A") + UInt8(r))
            n = (n - 1) / 26
        }
        return String(decoding: chars.reversed(), as: UTF8.self)
    }

    /// Decodes UTF-8 text, resolving OOXML `_xHHHH_` escapes (`_x000D_` is CR, `_x005F_` is `_`).
    static func makeString(_ bytes: [UInt8]) -> String {
        guard bytes.contains(UInt8(ascii: "_")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        func escape(at k: Int) -> UInt32? {
            guard k + 6 < n, bytes[k] == UInt8(ascii: "_"), bytes[k + 1] == UInt8(ascii: "x"),
                  bytes[k + 6] == UInt8(ascii: "_") else { return nil }
            var v: UInt32 = 0
            for j in k + 2..<k + 6 {
                guard let d = XMLByteScanner.digitValue(bytes[j], hex: true) else { return nil }
                v = v * 16 + d
            }
            return v
        }
        while i < n {
            if bytes[i] == UInt8(ascii: "_"), let unit = escape(at: i) {
                i += 7
                var scalarValue = unit
                if (0xD800..<0xDC00).contains(unit), let low = escape(at: i), (0xDC00..<0xE000).contains(low) {
                    scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    i += 7
                }
                XMLByteScanner.appendUTF8(Unicode.Scalar(scalarValue) ?? "\u{FFFD}", to: &out)
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Renders a stored number (`<v>` text) for display; see the type documentation.
    static func renderNumber(_ raw: [UInt8]) -> String {
        let s = trimSpaces(raw)
        guard !s.isEmpty else { return "" }
        // Fast path: a plain integer is returned digit for digit.
        var k = s.startIndex
        if s[k] == UInt8(ascii: "-") { k += 1 }
        if k < s.endIndex && s[k...].allSatisfy({ $0 &- 0x30 < 10 }) {
            return String(decoding: s, as: UTF8.self)
        }
        let zero = UInt8(ascii: "0")
        var i = s.startIndex
        var negative = false
        if s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") {
            negative = s[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        while i < s.endIndex {
            let b = s[i]
            if b &- zero < 10 {
                digits.append(b)
            } else if b == UInt8(ascii: "."), pointAt == nil {
                pointAt = digits.count
            } else {
                break
            }
            i += 1
        }
        var exponent = 0
        if i < s.endIndex, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < s.endIndex, s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+") {
                expNegative = s[i] == UInt8(ascii: "-")
                i += 1
            }
            var expDigits = 0
            while i < s.endIndex, s[i] &- zero < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(s[i] - zero) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return String(decoding: s, as: UTF8.self) }
            if expNegative { exponent = -exponent }
        }
        guard i == s.endIndex, !digits.isEmpty else { return String(decoding: s, as: UTF8.self) }
        // value = 0.d1d2d3… × 10^point
        var point = (pointAt ?? digits.count) + exponent
        var lead = 0
        while lead < digits.count && digits[lead] == zero { lead += 1 }
        digits.removeFirst(lead)
        point -= lead
        while let last = digits.last, last == zero { digits.removeLast() }
        if digits.isEmpty { return "0" }
        if point < digits.count && digits.count > 15 {
            // A fraction: show 15 significant digits, as Excel does.
            let roundUp = digits[15] >= UInt8(ascii: "5")
            digits.removeLast(digits.count - 15)
            if roundUp {
                var j = 14
                while j >= 0 {
                    if digits[j] == UInt8(ascii: "9") {
                        digits[j] = zero
                        j -= 1
                    } else {
                        digits[j] += 1
                        break
                    }
                }
                if j < 0 {
                    digits.insert(UInt8(ascii: "1"), at: 0)
                    point += 1
                }
            }
            while let last = digits.last, last == zero { digits.removeLast() }
        }
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if point > 40 || point < -20 {
            out.append(digits[0])
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[1...])
            }
            out.append(contentsOf: Array((point - 1 >= 0 ? "E+\(point - 1)" : "E\(point - 1)").utf8))
        } else if point <= 0 {
            out.append(contentsOf: [zero, UInt8(ascii: ".")])
            out.append(contentsOf: repeatElement(zero, count: -point))
            out.append(contentsOf: digits)
        } else if point >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(zero, count: point - digits.count))
        } else {
            out.append(contentsOf: digits[..<point])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[point...])
        }
        return String(decoding: out, as: UTF8.self)
    }

    enum DateKind: Equatable, Sendable { case date, time, dateTime }

    /// Excel serial → text. nil when out of range (then the number is shown instead).
    static func renderDate(serial: Double, kind: DateKind, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let ordinal: Int  // days since 1970-01-01
        if date1904 {
            ordinal = days - 24_107  // 1904-01-01 is serial 0
        } else if days >= 61 {
            ordinal = days - 25_569  // 1899-12-30 + days; skips Excel's fictitious 1900-02-29 (serial 60)
        } else {
            ordinal = days - 25_568  // 1899-12-31 + days
        }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let time = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if kind == .time {
            if days == 0 { return time }
            return "\(days * 24 + seconds / 3600):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        }
        let (y, m, d) = civil(fromOrdinal: ordinal)
        let yearText = y < 1000 ? String(repeating: "0", count: 4 - "\(y)".count) + "\(y)" : "\(y)"
        let date = "\(yearText)-\(two(m))-\(two(d))"
        return kind == .date ? date : "\(date) \(time)"
    }

    /// Howard Hinnant's civil_from_days.
    static func civil(fromOrdinal z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

// MARK: - Package access

/// The ZIP container, with parts looked up case-insensitively and inflated under size limits.
///
/// An upload is untrusted, so the ZIP is read by `ZIPDirectory` (Archive/ArchivePackage.swift), which
/// checks every offset and length against the data and bounds every inflate, not by ZIPFoundation's
/// `Archive`: its 0.9.20 reader loops for ever on a deflate stream that stops short and traps on an
/// entry offset past the end of in-memory data. ZIPFoundation only inflates, fed by `ZIPDirectory`.
///
/// A part is read only when its declared uncompressed size is within `limit`, and within what remains
/// of `totalLimit` for all the parts read; it must then inflate to exactly that size, with the CRC-32
/// the ZIP records. Every failure is a `SpreadsheetError`.
final class XLSXPackage {
    private let zip: DataBytes
    private var entries: [String: ZIPDirectory.Record] = [:]

    private let limit: Int
    private let totalLimit: Int
    /// What is left of `totalLimit` after the parts read so far.
    private var remaining: UInt64

    /// The detail of `SpreadsheetError.malformed` when the ZIP structure itself is unreadable.
    static let damagedZIP = "文件不是有效的XLSX（ZIP结构损坏），可能上传不完整或已损坏，请在Excel中重新保存后再上传"

    init(_ data: Data, limit: Int = XLSXReader.maxPartBytes, totalLimit: Int? = nil) throws {
        let totalLimit = totalLimit ?? XLSXReader.maxTotalBytes(compressed: data.count)
        self.limit = limit
        self.totalLimit = totalLimit
        self.remaining = UInt64(max(0, totalLimit))
        // Local file header "PK\u{3}\u{4}". A legacy .xls or an encrypted .xlsx is an OLE2 file (D0 CF 11 E0).
        // Fewer than 22 bytes cannot hold a ZIP's end record: not a ZIP at all.
        guard data.count >= 22, data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { throw SpreadsheetError.notXLSX }
        zip = DataBytes(data)
        let directory: ZIPDirectory
        do {
            directory = try ZIPDirectory(zip, limits: .upload)
        } catch ZIPFormatError.tooManyEntries(let limit) {
            throw SpreadsheetError.tooManyParts(limit)
        } catch ZIPFormatError.expansionTooLarge {
            throw SpreadsheetError.tooLarge("文件声明的解压后大小远超其本身可能的大小（疑似“ZIP炸弹”）")
        } catch {
            throw SpreadsheetError.malformed(Self.damagedZIP)
        }
        // A later entry of the same name wins, as it did with ZIPFoundation's reader.
        for record in directory.records where !record.isDirectory && !record.isSymlink {
            entries[Self.normalize(record.path)] = record
        }
        guard !entries.isEmpty else { throw SpreadsheetError.notXLSX }
    }

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.replacingOccurrences(of: "\\", with: "/").split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return parts.joined(separator: "/").lowercased()
    }

    func contains(_ path: String) -> Bool { entries[Self.normalize(path)] != nil }

    /// The part's bytes, or nil if there is no such part.
    func read(_ path: String) throws -> [UInt8]? {
        guard let record = entries[Self.normalize(path)] else { return nil }
        let declared = record.uncompressedSize
        guard declared <= UInt64(max(0, limit)) else {
            throw SpreadsheetError.tooLarge("\(path) 解压后超过\(limit / 1_048_576) MB")
        }
        guard declared <= remaining else {
            throw SpreadsheetError.tooLarge("文件各部分解压后合计超过\(totalLimit / 1_048_576) MB")
        }
        var out: [UInt8] = []
        // Deflate expands at most about 1,032 times, so a forged declared size reserves no more than that.
        let (bound, overflow) = record.compressedSize.multipliedReportingOverflow(by: 1_100)
        out.reserveCapacity(Int(overflow ? declared : min(declared, bound)))
        // The CRC-32 is checked (with `ZIPDirectory.crc32`, not ZIPFoundation's much slower loop): nothing
        // else catches a stored block cut short, which the inflate finishes from its zero padding, or a
        // changed byte in a stored part or in literal text.
        var crc: UInt32 = 0
        do {
            try ZIPDirectory.read(record, from: zip, limit: declared) { chunk in
                chunk.withUnsafeBytes { raw in
                    crc = ZIPDirectory.crc32(crc, raw)
                    out.append(contentsOf: raw.assumingMemoryBound(to: UInt8.self))
                }
            }
        } catch ZIPFormatError.truncated {
            throw SpreadsheetError.malformed("\(path) 的数据不完整（ZIP结构损坏），文件可能上传不完整")
        } catch ZIPFormatError.tooLong {
            throw SpreadsheetError.malformed("\(path) 解压后比文件中记录的大小更大（ZIP结构损坏）")
        } catch ZIPFormatError.unsupported {
            throw SpreadsheetError.malformed("\(path) 已加密或使用了不支持的压缩方式，请在Excel中重新保存为.xlsx")
        } catch ZIPFormatError.malformed {
            throw SpreadsheetError.malformed("\(path) 的文件头已损坏（ZIP结构损坏）")
        } catch {
            throw SpreadsheetError.malformed("无法解压 \(path)，数据已损坏")
        }
        guard UInt64(out.count) == declared else {
            throw SpreadsheetError.malformed("\(path) 解压后与文件中记录的大小不符（ZIP结构损坏）")
        }
        guard crc == record.crc32 else {
            throw SpreadsheetError.malformed("\(path) 的校验值不符，数据已损坏")
        }
        remaining -= declared
        return out
    }
}

// MARK: - Workbook structure (XMLParser)

/// Collects start elements (local name, parent's local name, attributes) of a small XML part.
final class XMLElementCollector: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let parent: String
        let attributes: [String: String]

        /// Attribute by local name, whatever its prefix (`r:id`, `id`).
        func attribute(_ local: String) -> String? {
            if let v = attributes[local] { return v }
            for (key, value) in attributes where key.hasSuffix(":" + local) { return value }
            return nil
        }
    }

    private(set) var elements: [Element] = []
    private var stack: [String] = []

    static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let local = Self.localName(elementName)
        elements.append(Element(name: local, parent: stack.last ?? "", attributes: attributeDict))
        stack.append(local)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        if !stack.isEmpty { stack.removeLast() }
    }

    static func collect(_ bytes: [UInt8], part: String) throws -> [Element] {
        // Foundation's XMLParser on Linux traps (it force-unwraps a failed UTF-8 decoding) when libxml2
        // hands it a tag name that is not UTF-8, which it does for an invalid byte in a tag; and a NUL
        // byte at the start makes libxml2 decode as UTF-16 or UCS-4. So a part must be UTF-8, as the
        // worksheet scanner requires too, without NUL (never allowed in XML) and without a DOCTYPE (OPC
        // forbids DTDs; refusing them also rules out entity expansion).
        guard !bytes.contains(0), bytes.withUnsafeBufferPointer(CSVReader.isValidUTF8) else {
            throw SpreadsheetError.malformed("无法解析 \(part)（不是有效的UTF-8文本）")
        }
        guard !hasDoctype(bytes) else {
            throw SpreadsheetError.malformed("\(part)：不支持DOCTYPE声明")
        }
        // XMLParser(stream:) feeds libxml2 in chunks; XMLParser(data:) fails above 10,000,000 bytes on Linux.
        let parser = XMLParser(stream: InputStream(data: Data(bytes)))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let collector = XMLElementCollector()
        parser.delegate = collector
        guard parser.parse() else {
            throw SpreadsheetError.malformed("无法解析 \(part)")
        }
        return collector.elements
    }

    /// Whether the bytes hold `<!DOCTYPE`.
    static func hasDoctype(_ bytes: [UInt8]) -> Bool {
        let doctype = Array("<!DOCTYPE".utf8)
        guard bytes.count >= doctype.count else { return false }
        for i in 0...(bytes.count - doctype.count) where bytes[i] == 0x3C && bytes[i + 1] == 0x21 {
            if bytes[i..<i + doctype.count].elementsEqual(doctype) { return true }
        }
        return false
    }
}

struct WorkbookInfo {
    struct Sheet {
        let name: String
        let path: String
        let visible: Bool
        let isWorksheet: Bool
    }

    var sheets: [Sheet] = []
    var sharedStringsPath: String?
    var stylesPath: String?
    var date1904 = false

    init(_ package: XLSXPackage) throws {
        // Package relationships name the main part; fall back to the conventional name.
        var workbookPath = "xl/workbook.xml"
        if let rootRels = try package.read("_rels/.rels") {
            for rel in try XMLElementCollector.collect(rootRels, part: "_rels/.rels") where rel.name == "Relationship" {
                if let type = rel.attribute("Type"), type.hasSuffix("/officeDocument"), let target = rel.attribute("Target") {
                    workbookPath = Self.resolve(target, from: "")
                    break
                }
            }
        }
        guard let workbookBytes = try package.read(workbookPath) else { throw SpreadsheetError.notXLSX }
        let baseDir = workbookPath.contains("/") ? String(workbookPath[..<workbookPath.lastIndex(of: "/")!]) : ""
        let relsPath = (baseDir.isEmpty ? "" : baseDir + "/") + "_rels/"
            + String(workbookPath.split(separator: "/").last ?? "workbook.xml") + ".rels"

        var targets: [String: (type: String, path: String)] = [:]
        if let relsBytes = try package.read(relsPath) {
            for rel in try XMLElementCollector.collect(relsBytes, part: relsPath) where rel.name == "Relationship" {
                guard let id = rel.attribute("Id"), let target = rel.attribute("Target"),
                      rel.attribute("TargetMode") != "External" else { continue }
                let type = rel.attribute("Type") ?? ""
                let path = Self.resolve(target, from: baseDir)
                targets[id] = (type, path)
                if type.hasSuffix("/sharedStrings") { sharedStringsPath = path }
                if type.hasSuffix("/styles") { stylesPath = path }
            }
        }
        if sharedStringsPath == nil, package.contains(baseDir + "/sharedStrings.xml") {
            sharedStringsPath = baseDir + "/sharedStrings.xml"
        }
        if stylesPath == nil, package.contains(baseDir + "/styles.xml") {
            stylesPath = baseDir + "/styles.xml"
        }

        for element in try XMLElementCollector.collect(workbookBytes, part: workbookPath) {
            if element.name == "workbookPr", let flag = element.attribute("date1904") {
                date1904 = flag == "1" || flag.lowercased() == "true"
            } else if element.name == "sheet", element.parent == "sheets" {
                guard let name = element.attribute("name") else { continue }
                let state = element.attribute("state") ?? "visible"
                if let id = element.attribute("id"), let target = targets[id] {
                    let isWorksheet = target.type.isEmpty || target.type.hasSuffix("/worksheet")
                    sheets.append(Sheet(name: name, path: target.path, visible: state == "visible",
                                        isWorksheet: isWorksheet))
                } else if let sheetId = element.attribute("sheetId") {
                    // No usable relationship: try the conventional part name.
                    let guess = (baseDir.isEmpty ? "" : baseDir + "/") + "worksheets/sheet\(sheetId).xml"
                    sheets.append(Sheet(name: name, path: guess, visible: state == "visible", isWorksheet: true))
                }
            }
        }
    }

    /// Resolves a relationship target against the source part's directory.
    static func resolve(_ target: String, from baseDir: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return baseDir.isEmpty ? target : baseDir + "/" + target
    }

    func select(_ name: String?) throws -> Sheet {
        let worksheets = sheets.filter(\.isWorksheet)
        if let name {
            if let exact = worksheets.first(where: { $0.name == name }) { return exact }
            let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
            if let loose = worksheets.first(where: {
                $0.name.trimmingCharacters(in: .whitespaces).lowercased() == wanted
            }) {
                return loose
            }
            throw SpreadsheetError.missingSheet(name)
        }
        guard let first = worksheets.first(where: \.visible) ?? worksheets.first else {
            throw SpreadsheetError.missingSheet("")
        }
        return first
    }
}

// MARK: - Styles (date detection)

/// Which cell formats (`s` attribute → `cellXfs` entry) display numbers as dates or times.
struct CellStyles {
    private var kinds: [XLSXReader.DateKind?] = []

    init() {}

    init(_ bytes: [UInt8], part: String) throws {
        var custom: [Int: String] = [:]
        var xfFormats: [Int] = []
        for element in try XMLElementCollector.collect(bytes, part: part) {
            if element.name == "numFmt", let id = element.attribute("numFmtId").flatMap({ Int($0) }) {
                custom[id] = element.attribute("formatCode") ?? ""
            } else if element.name == "xf", element.parent == "cellXfs" {
                xfFormats.append(element.attribute("numFmtId").flatMap { Int($0) } ?? 0)
            }
        }
        kinds = xfFormats.map { id in
            if let code = custom[id] { return Self.classify(formatCode: code) }
            return Self.builtinKind(id)
        }
    }

    func dateKind(_ style: Int) -> XLSXReader.DateKind? {
        style >= 0 && style < kinds.count ? kinds[style] : nil
    }

    /// Built-in number formats that are dates or times, including the zh-CN ones (27–36, 50–58).
    static func builtinKind(_ id: Int) -> XLSXReader.DateKind? {
        switch id {
        case 14...17, 27...31, 36, 50...54, 57, 58: return .date
        case 18...21, 32...35, 45...47, 55, 56: return .time
        case 22: return .dateTime
        default: return nil
        }
    }

    /// Classifies a custom format code by its unquoted date/time tokens (first section only).
    static func classify(formatCode: String) -> XLSXReader.DateKind? {
        var hasDate = false, hasTime = false, hasM = false
        var inQuote = false
        var iterator = formatCode.unicodeScalars.makeIterator()
        while let c = iterator.next() {
            if inQuote {
                if c == "\"" { inQuote = false }
                continue
            }
            switch c {
            case "\"": inQuote = true
            case "\\", "_", "*": _ = iterator.next()
            case ";": break
            case "[":
                var content = ""
                while let d = iterator.next(), d != "]" { content.unicodeScalars.append(d) }
                let lower = content.lowercased()
                if !lower.isEmpty, lower.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { hasTime = true }
            case "y", "Y", "d", "D": hasDate = true
            case "h", "H", "s", "S": hasTime = true
            case "m", "M": hasM = true
            default: continue
            }
            if c == ";" { break }
        }
        if hasM && !hasTime { hasDate = true }
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        default: return nil
        }
    }
}
