import Foundation

/// Joins the lines of the canonical text (DOC-23) the way `DocxWriter.canonicalText` defines it —
/// each line without the characters XML cannot carry and without trailing spaces and tabs, joined
/// with `\n`, NFC-normalised — but byte by byte, for text made only of characters where that is
/// sure to give the same result as the definition.
///
/// Those characters (`isSimple`) are ASCII except CR, Latin-1 and the Latin extensions up to
/// U+02FF, general punctuation from U+2010, enclosed numbers and symbols, CJK punctuation, kana,
/// CJK ideographs and full-width forms. None of them changes under NFC or combines with another
/// under it (none has a decomposition, a combining class or the NFC_QC value No or Maybe), and none
/// is a grapheme prefix, so a space or tab at the end of a line is a character of its own. A text
/// with any other character is left to the definition (`nil`).
enum CanonicalText {
    static func join(_ lines: [String]) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for (n, line) in lines.enumerated() {
            if n > 0 { out.append(0x0A) }
            let start = out.count
            var line = line
            let ok = line.withUTF8 { append($0, to: &out) }
            guard ok else { return nil }
            while out.count > start, out[out.count - 1] == 0x20 || out[out.count - 1] == 0x09 { out.removeLast() }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `line` without the characters XML cannot carry; false when it has a character that
    /// is not `isSimple`.
    private static func append(_ line: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        let count = line.count
        var i = 0
        var start = 0
        while i < count {
            let b = line[i]
            if b < 0x80 {
                if b >= 0x20 || b == 0x09 || b == 0x0A {
                    i += 1
                    continue
                }
                if b == 0x0D { return false }
                // Another C0 control: dropped.
                out.append(contentsOf: UnsafeBufferPointer(rebasing: line[start..<i]))
                i += 1
                start = i
                continue
            }
            // A multi-byte sequence (Swift strings are valid UTF-8).
            let length: Int
            var scalar: UInt32
            if b >= 0xF0 {
                length = 4
                scalar = UInt32(b & 0x07)
            } else if b >= 0xE0 {
                length = 3
                scalar = UInt32(b & 0x0F)
            } else {
                length = 2
                scalar = UInt32(b & 0x1F)
            }
            guard i + length <= count else { return false }
            for k in 1..<length { scalar = scalar << 6 | UInt32(line[i + k] & 0x3F) }
            if scalar == 0xFFFE || scalar == 0xFFFF {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: line[start..<i]))
                i += length
                start = i
                continue
            }
            guard isSimple(scalar) else { return false }
            i += length
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: line[start..<count]))
        return true
    }

    /// See the type's documentation; the tests check every one of these against Foundation's NFC.
    static func isSimple(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x20...0x2FF: return true
        case 0x2010...0x2027, 0x2030...0x205E: return true  // dashes, quotes, ‰, ※ …
        case 0x2460...0x26FF: return true  // ①, box drawing, □ ■ ○ ☑ …
        case 0x3000...0x3029, 0x3030...0x303F: return true  // 　、。《》「」【】〔〕 …
        case 0x3041...0x3096, 0x30A1...0x30FA: return true  // kana
        case 0x3200...0x33FF: return true  // enclosed CJK letters, CJK compatibility (㈠ ㎡ …)
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true  // CJK ideographs, extension A
        case 0xFF00...0xFFEF: return true  // full-width forms
        case 0x20000...0x2A6DF, 0x2A700...0x2EBEF, 0x30000...0x3134F: return true  // CJK extensions B–G
        default: return false
        }
    }
}
