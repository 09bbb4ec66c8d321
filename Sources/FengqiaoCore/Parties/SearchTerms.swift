/// Our own indexing for Chinese names (STYLE: no `LIKE` for Chinese search): a name is normalised
/// and cut into overlapping character pairs; a query matches names holding all its pairs.
public enum SearchTerms {
    /// Full-width ASCII to half-width, ASCII letters lower-cased, spaces and punctuation dropped.
    public static func normalise(_ text: String) -> [Character] {
        var out: [Character] = []
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }       // full-width forms
            if v == 0x3000 { continue }                          // ideographic space
            if v >= 0x41 && v <= 0x5A { v += 0x20 }               // A-Z → a-z
            guard let s = Unicode.Scalar(v) else { continue }
            if v < 0x80 {
                let isAlnum = (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A)
                if !isAlnum { continue }
            } else if s.properties.isWhitespace || s.properties.generalCategory == .otherPunctuation
                        || s.properties.generalCategory == .openPunctuation || s.properties.generalCategory == .closePunctuation
                        || s.properties.generalCategory == .dashPunctuation || s.properties.generalCategory == .initialPunctuation
                        || s.properties.generalCategory == .finalPunctuation || s.properties.generalCategory == .mathSymbol {
                continue
            }
            out.append(Character(s))
        }
        return out
    }

    /// The distinct character pairs of a name; a one-character name indexes as itself.
    public static func terms(_ text: String) -> [String] {
        let chars = normalise(text)
        if chars.count < 2 { return chars.isEmpty ? [] : [String(chars)] }
        var seen = Set<String>()
        var out: [String] = []
        out.reserveCapacity(chars.count - 1)
        for i in 0..<(chars.count - 1) {
            let t = String([chars[i], chars[i + 1]])
            if seen.insert(t).inserted { out.append(t) }
        }
        return out
    }
}
