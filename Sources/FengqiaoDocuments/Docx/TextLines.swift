import Foundation

/// Foundation's line splitting, newline replacement and blank test as the renderer uses them,
/// done on the UTF-8 bytes when that surely gives the same result, which is almost always: when
/// `separatorsStandAlone`. Other text goes to Foundation, whatever it makes of CR LF or of a
/// combining mark after LF (its `replacingOccurrences` keeps "\n\u{301}" together, for one).
enum TextLines {
    /// No CR, and every LF and TAB is followed by nothing, by ASCII or by a character that never
    /// continues the one before (`CanonicalText.isSimple` but the half-width sound marks).
    static func separatorsStandAlone(_ text: Substring) -> Bool {
        let utf8 = text.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            i = utf8.index(after: i)
            if b == 0x0D { return false }
            guard b == 0x0A || b == 0x09, i != utf8.endIndex, utf8[i] >= 0x80 else { continue }
            guard let scalar = text.unicodeScalars[i...].first,
                  CanonicalText.isSimple(scalar.value), scalar.value != 0xFF9E, scalar.value != 0xFF9F else { return false }
        }
        return true
    }

    /// `text.components(separatedBy: "\n")`.
    static func split(_ text: String) -> [Substring] {
        if !text.utf8.contains(0x0A) { return [text[...]] }
        if !separatorsStandAlone(text[...]) { return text.components(separatedBy: "\n").map { $0[...] } }
        var lines: [Substring] = []
        var start = text.startIndex
        let utf8 = text.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            if utf8[i] == 0x0A {
                lines.append(text[start..<i])
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        lines.append(text[start...])
        return lines
    }

    /// `text.replacingOccurrences(of: "\n", with: " ")`.
    static func newlinesAsSpaces(_ text: String) -> String {
        if !text.utf8.contains(0x0A) { return text }
        if !separatorsStandAlone(text[...]) { return text.replacingOccurrences(of: "\n", with: " ") }
        return String(decoding: text.utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
    }

    /// `text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces).isEmpty`.
    /// A printable ASCII character other than space, or a character from U+4000 to U+9FFF (CJK, lead
    /// bytes E4…E9), is in neither set, so a text with one is not blank.
    static func isBlank(_ text: String, newlines: Bool) -> Bool {
        if text.utf8.contains(where: { (0x21...0x7E).contains($0) || (0xE4...0xE9).contains($0) }) { return false }
        return text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces).isEmpty
    }
}
