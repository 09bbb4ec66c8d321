/// Our own indexing for Chinese names (STYLE: no `LIKE` for Chinese search): a name is normalised
/// and cut into overlapping character pairs; a query matches names holding all its pairs.
public enum SearchTerms {
    /// Full-width ASCII to half-width, ASCII letters lower-cased, spaces and punctuation dropped.
    public static func normalise(_ text: String) -> [Character] {
        normalisedScalars(text).map(Character.init)
    }

    /// `normalise` as scalars: every kept character is a single scalar, so the pairs can be cut
    /// without building `Character`s (a bulk import indexes every name).
    static func normalisedScalars(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if v >= 0x4E00 && v <= 0x9FFF { out.append(scalar); continue }  // CJK unified ideographs: letters (Lo), kept as they are
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }       // full-width forms
            if v == 0x3000 { continue }                          // ideographic space
            if v >= 0x41 && v <= 0x5A { v += 0x20 }               // A-Z → a-z
            guard let s = Unicode.Scalar(v) else { continue }
            if v < 0x80 {
                let isAlnum = (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A)
                if !isAlnum { continue }
            } else {
                if s.properties.isWhitespace { continue }
                switch s.properties.generalCategory {
                case .otherPunctuation, .openPunctuation, .closePunctuation, .dashPunctuation, .initialPunctuation, .finalPunctuation, .mathSymbol:
                    continue
                default:
                    break
                }
            }
            out.append(s)
        }
        return out
    }

    /// The distinct character pairs of a name; a one-character name indexes as itself.
    public static func terms(_ text: String) -> [String] {
        let chars = normalisedScalars(text)
        if chars.count < 2 {
            guard let c = chars.first else { return [] }
            var s = ""
            s.unicodeScalars.append(c)
            return [s]
        }
        // Two different pairs can be canonically equivalent strings only when a scalar is a
        // combining mark or has a decomposition; names of ASCII, Latin-1 and CJK ideographs (nearly
        // all) take the fast path, anything else dedupes by `String` equality as always.
        guard chars.allSatisfy({ $0.value < 0x300 || ($0.value >= 0x4E00 && $0.value <= 0x9FFF) }) else {
            var seen = Set<String>()
            var out: [String] = []
            for i in 0..<(chars.count - 1) {
                var t = ""
                t.unicodeScalars.append(chars[i])
                t.unicodeScalars.append(chars[i + 1])
                if seen.insert(t).inserted { out.append(t) }
            }
            return out
        }
        // Pairs seen so far as one integer each; names are short, so a linear scan beats hashing.
        var seen: [UInt64] = []
        seen.reserveCapacity(chars.count - 1)
        var out: [String] = []
        out.reserveCapacity(chars.count - 1)
        for i in 0..<(chars.count - 1) {
            let key = UInt64(chars[i].value) << 32 | UInt64(chars[i + 1].value)
            if seen.contains(key) { continue }
            seen.append(key)
            var t = ""
            t.unicodeScalars.append(chars[i])
            t.unicodeScalars.append(chars[i + 1])
            out.append(t)
        }
        return out
    }
}
