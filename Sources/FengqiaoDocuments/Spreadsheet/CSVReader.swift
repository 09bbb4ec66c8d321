import Foundation

/// RFC 4180 CSV reading for bulk party import (PLT-14).
///
/// - Fields may be quoted; `""` inside quotes is one quote; quoted fields may hold delimiters, CR and LF.
/// - Records end with CRLF, LF or a lone CR. A final line break is optional.
/// - Encoding: UTF-8 (a leading BOM is stripped), UTF-16 with a BOM, or — because Excel on Chinese
///   Windows saves "CSV (逗号分隔)" in code page 936 — GB18030/GBK, which is detected when the bytes are
///   not valid UTF-8 and transcoded. Anything else throws `SpreadsheetError.notUTF8`.
/// - Lenient where Excel is: a stray quote inside an unquoted field is kept literally; text after a
///   closing quote (`"ab"c`) is appended to the field. A quote left open at end of file is an error.
/// - Row numbers are record numbers as Excel shows them (the header is row 1; a quoted field that
///   spans lines does not start a new row). Blank lines and rows whose fields are all empty (`,,,`)
///   count as rows but are "empty": `forEachRow` skips them, `rows` returns `[]` in their place, so
///   `rows(data)[i]` is always row `i + 1`. Empty rows at the end are dropped.
/// - Rows keep their own length (a short row is not padded); callers should treat a missing trailing
///   field as empty.
///
/// Parsing is a byte scan over the buffer (no per-Character work): one validation pass, then one pass
/// that cuts fields and decodes each straight to `String`.
public struct CSVReader: Sendable {
    /// The encoding the input was found to be in.
    public enum SourceEncoding: String, Sendable, Equatable {
        case utf8
        case utf8WithBOM
        case utf16
        case gb18030
    }

    /// Every row by position: element `i` is row `i + 1`; empty rows are `[]`; trailing empty rows are dropped.
    public static func rows(_ data: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws -> [[String]] {
        var out: [[String]] = []
        try forEachRow(data, delimiter: delimiter) { rowNumber, fields in
            while out.count < rowNumber - 1 { out.append([]) }
            out.append(fields)
        }
        return out
    }

    /// Calls `body` for each non-empty row with its 1-based row number (see the type documentation).
    /// Errors thrown by `body` propagate. Returns the detected source encoding.
    @discardableResult
    public static func forEachRow(
        _ data: [UInt8],
        delimiter: UInt8 = UInt8(ascii: ","),
        _ body: (_ rowNumber: Int, _ fields: [String]) throws -> Void
    ) throws -> SourceEncoding {
        precondition(delimiter != quote && delimiter != cr && delimiter != lf && delimiter < 0x80,
                     "CSV delimiter must be an ASCII byte other than quote, CR or LF")
        let (encoding, transcoded) = try decode(data)
        if let transcoded {
            try transcoded.withUnsafeBufferPointer { try parse($0, delimiter: delimiter, body) }
        } else {
            let skip = encoding == .utf8WithBOM ? 3 : 0
            try data.withUnsafeBufferPointer { all in
                try parse(UnsafeBufferPointer(rebasing: all[skip...]), delimiter: delimiter, body)
            }
        }
        return encoding
    }

    // MARK: - Encoding

    /// GB18030-2000 as an NSStringEncoding: `CFStringConvertEncodingToNSStringEncoding(kCFStringEncodingGB_18030_2000)`
    /// = 0x8000_0000 | 0x0632, written out so Linux needs no CoreFoundation import. Supported by Foundation
    /// on macOS and on Linux (swift-corelibs-foundation via ICU); it is a superset of GBK and GB2312.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Works out the encoding. Returns transcoded UTF-8 bytes (BOM-free) when the input was not UTF-8.
    static func decode(_ data: [UInt8]) throws -> (SourceEncoding, [UInt8]?) {
        if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF {
            try data.withUnsafeBufferPointer { all in
                let body = UnsafeBufferPointer(rebasing: all[3...])
                guard isValidUTF8(body) else {
                    if let line = damagedUTF8Line(body) { throw damaged(line) }
                    throw SpreadsheetError.notUTF8
                }
            }
            return (.utf8WithBOM, nil)
        }
        if data.count >= 2, (data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF) {
            guard let text = String(bytes: data, encoding: .utf16) else { throw SpreadsheetError.notUTF8 }
            var bytes = Array(text.utf8)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            return (.utf16, bytes)
        }
        if data.withUnsafeBufferPointer(isValidUTF8) { return (.utf8, nil) }
        // Mostly valid UTF-8 with a few bad bytes is a damaged (e.g. truncated or badly concatenated)
        // UTF-8 file, not GBK: decoding it as GB18030 would import mojibake silently.
        if let line = data.withUnsafeBufferPointer(damagedUTF8Line) { throw damaged(line) }
        if let text = String(bytes: data, encoding: gb18030) {
            return (.gb18030, Array(text.utf8))
        }
        throw SpreadsheetError.notUTF8
    }

    private static func damaged(_ line: Int) -> SpreadsheetError {
        .malformed("第\(line)行含有无效的UTF-8字符，文件可能已损坏，请重新导出为UTF-8 CSV")
    }

    /// For input that failed validation: if at least 80% of its multi-byte sequences are valid UTF-8
    /// (GBK text scores about 13%), the 1-based line of the first invalid byte; otherwise nil.
    static func damagedUTF8Line(_ buf: UnsafeBufferPointer<UInt8>) -> Int? {
        var valid = 0, invalid = 0
        var firstInvalid: Int?
        var i = 0
        let n = buf.count
        while i < n {
            let b0 = buf[i]
            if b0 < 0x80 { i += 1; continue }
            let length = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0
            if length > 0, i + length <= n, (1..<length).allSatisfy({ buf[i + $0] & 0xC0 == 0x80 }) {
                valid += 1
                i += length
            } else {
                invalid += 1
                if firstInvalid == nil { firstInvalid = i }
                i += 1
            }
        }
        guard let firstInvalid, valid >= 8, valid * 10 >= (valid + invalid) * 8 else { return nil }
        return 1 + UnsafeBufferPointer(rebasing: buf[..<firstInvalid]).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF) with an ASCII fast path.
    static func isValidUTF8(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buf.baseAddress else { return true }
        let n = buf.count
        var i = 0
        while i < n {
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= n { break }
            let b0 = base[i]
            if b0 < 0x80 { i += 1; continue }
            if b0 < 0xC2 { return false }
            if b0 < 0xE0 {
                guard i + 1 < n, base[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
                continue
            }
            if b0 < 0xF0 {
                guard i + 2 < n else { return false }
                let b1 = base[i + 1], b2 = base[i + 2]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return false }
                if b0 == 0xE0 && b1 < 0xA0 { return false }   // overlong
                if b0 == 0xED && b1 >= 0xA0 { return false }  // UTF-16 surrogate
                i += 3
                continue
            }
            if b0 < 0xF5 {
                guard i + 3 < n else { return false }
                let b1 = base[i + 1], b2 = base[i + 2], b3 = base[i + 3]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return false }
                if b0 == 0xF0 && b1 < 0x90 { return false }   // overlong
                if b0 == 0xF4 && b1 >= 0x90 { return false }  // above U+10FFFF
                i += 4
                continue
            }
            return false
        }
        return true
    }

    // MARK: - Parsing

    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")

    /// Scans validated UTF-8 bytes.
    static func parse(
        _ buf: UnsafeBufferPointer<UInt8>,
        delimiter: UInt8,
        _ body: (_ rowNumber: Int, _ fields: [String]) throws -> Void
    ) throws {
        guard let base = buf.baseAddress, buf.count > 0 else { return }
        let n = buf.count
        let quote = Self.quote, cr = Self.cr, lf = Self.lf
        var i = 0
        var rowNumber = 0
        var fields: [String] = []
        var scratch: [UInt8] = []
        while i < n {
            rowNumber += 1
            // A blank line: skip, but count it.
            if base[i] == lf { i += 1; continue }
            if base[i] == cr {
                i += (i + 1 < n && base[i + 1] == lf) ? 2 : 1
                continue
            }
            fields = []
            fields.reserveCapacity(16)
            var allEmpty = true
            while true {
                if i < n && base[i] == quote {
                    let openedAt = rowNumber
                    i += 1
                    scratch.removeAll(keepingCapacity: true)
                    var segment = i
                    while true {
                        while i < n && base[i] != quote { i += 1 }
                        guard i < n else {
                            throw SpreadsheetError.malformed("第\(openedAt)行：引号未闭合")
                        }
                        scratch.append(contentsOf: UnsafeBufferPointer(start: base + segment, count: i - segment))
                        if i + 1 < n && base[i + 1] == quote {
                            scratch.append(quote)
                            i += 2
                            segment = i
                            continue
                        }
                        i += 1
                        break
                    }
                    // Lenient: anything between the closing quote and the delimiter is kept literally.
                    while i < n {
                        let b = base[i]
                        if b == delimiter || b == cr || b == lf { break }
                        scratch.append(b)
                        i += 1
                    }
                    if !scratch.isEmpty { allEmpty = false }
                    fields.append(String(decoding: scratch, as: UTF8.self))
                } else {
                    let start = i
                    while i < n {
                        let b = base[i]
                        if b == delimiter || b == cr || b == lf { break }
                        i += 1
                    }
                    if i > start {
                        allEmpty = false
                        fields.append(String(decoding: UnsafeBufferPointer(start: base + start, count: i - start),
                                             as: UTF8.self))
                    } else {
                        fields.append("")
                    }
                }
                if i >= n { break }
                let b = base[i]
                if b == delimiter {
                    i += 1
                    if i >= n { fields.append(""); break }  // "a,b," at end of file
                    continue
                }
                // End of record.
                i += (b == cr && i + 1 < n && base[i + 1] == lf) ? 2 : 1
                break
            }
            if !allEmpty { try body(rowNumber, fields) }
        }
    }
}
