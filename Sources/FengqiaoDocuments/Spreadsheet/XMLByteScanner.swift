/// A minimal pull tokenizer for the two bulk parts of an .xlsx (`xl/sharedStrings.xml` and the
/// worksheet), which for a 100,000-row register hold millions of elements.
///
/// Why not `XMLParser` here: measured on Linux (Swift 6.3), `XMLParser` delegate callbacks alone take
/// about 1 s per 100,000 eight-column rows — below the PLT-14 goal before any other work — and
/// `XMLParser(data:)` fails outright (`NSXMLParserErrorDomain` code 1) on documents over 10,000,000
/// bytes because libxml2 is fed the whole buffer as one chunk without `XML_PARSE_HUGE`.
/// The small parts (workbook, relationships, styles) still go through `XMLParser`.
///
/// Scope: well-formed XML as spreadsheet writers produce it — elements, attributes in single or
/// double quotes, character and the five predefined entity references, CDATA, comments and
/// processing instructions (skipped). Namespace prefixes are dropped (`x:c` is `c`). A DOCTYPE is
/// rejected: OOXML forbids it, and refusing it rules out entity-expansion attacks. It does not check
/// well-formedness beyond what it needs to find tokens.
struct XMLByteScanner {
    enum Token { case startTag, endTag, text, eof }

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private(set) var position = 0
    /// What part of the document we are in, for error messages.
    private let partName: String

    // The current token.
    private(set) var nameStart = 0
    private(set) var nameEnd = 0
    private(set) var attributesStart = 0
    private(set) var attributesEnd = 0
    private(set) var selfClosing = false
    private(set) var textStart = 0
    private(set) var textEnd = 0
    private(set) var textIsCDATA = false

    /// `buffer` must not be empty (callers reject empty parts first).
    init(_ buffer: UnsafeBufferPointer<UInt8>, partName: String) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            preconditionFailure("XMLByteScanner needs a non-empty buffer")
        }
        self.base = base
        self.count = buffer.count
        self.partName = partName
        // Skip a UTF-8 BOM.
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { position = 3 }
    }

    private func malformed(_ what: String) -> SpreadsheetError {
        .malformed("\(partName) 第\(position)字节附近：\(what)")
    }

    mutating func next() throws -> Token {
        while true {
            guard position < count else { return .eof }
            if base[position] != UInt8(ascii: "<") {
                textStart = position
                textIsCDATA = false
                while position < count && base[position] != UInt8(ascii: "<") { position += 1 }
                textEnd = position
                return .text
            }
            guard position + 1 < count else { throw malformed("标记不完整") }
            let second = base[position + 1]
            if second == UInt8(ascii: "/") {
                position += 2
                scanName()
                while position < count && base[position] != UInt8(ascii: ">") { position += 1 }
                guard position < count else { throw malformed("结束标记不完整") }
                position += 1
                return .endTag
            }
            if second == UInt8(ascii: "?") {
                try skip(past: "?>")
                continue
            }
            if second == UInt8(ascii: "!") {
                if hasPrefix("<!--", at: position) {
                    position += 4
                    try skip(past: "-->")
                    continue
                }
                if hasPrefix("<![CDATA[", at: position) {
                    position += 9
                    textStart = position
                    try skip(past: "]]>")
                    textEnd = position - 3
                    textIsCDATA = true
                    return .text
                }
                throw malformed("不支持DOCTYPE或未知声明")
            }
            // Start tag.
            position += 1
            scanName()
            attributesStart = position
            var quote: UInt8 = 0
            while position < count {
                let b = base[position]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == UInt8(ascii: ">") {
                    break
                }
                position += 1
            }
            guard position < count else { throw malformed("开始标记不完整") }
            selfClosing = position > attributesStart && base[position - 1] == UInt8(ascii: "/")
            attributesEnd = selfClosing ? position - 1 : position
            position += 1
            return .startTag
        }
    }

    /// Reads a tag name at `position`, recording its local part (after the last `:`).
    private mutating func scanName() {
        var start = position
        while position < count {
            let b = base[position]
            if b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                break
            }
            if b == UInt8(ascii: ":") { start = position + 1 }
            position += 1
        }
        nameStart = start
        nameEnd = position
    }

    private func hasPrefix(_ s: StaticString, at index: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard index + n <= count else { return false }
        let p = s.utf8Start
        for k in 0..<n where base[index + k] != p[k] { return false }
        return true
    }

    private mutating func skip(past terminator: StaticString) throws {
        let first = terminator.utf8Start[0]
        while position < count {
            if base[position] == first && hasPrefix(terminator, at: position) {
                position += terminator.utf8CodeUnitCount
                return
            }
            position += 1
        }
        throw malformed("缺少“\(terminator)”")
    }

    /// Whether the current tag's local name is `name`.
    @inline(__always)
    func nameIs(_ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        guard nameEnd - nameStart == n else { return false }
        let p = name.utf8Start
        for k in 0..<n where base[nameStart + k] != p[k] { return false }
        return true
    }

    /// Calls `body` with (local name range, value range) for each attribute of the current start tag.
    func forEachAttribute(_ body: (_ name: Range<Int>, _ value: Range<Int>) throws -> Void) rethrows {
        var i = attributesStart
        let end = attributesEnd
        while i < end {
            while i < end && Self.isSpace(base[i]) { i += 1 }
            guard i < end else { return }
            var nameStart = i
            while i < end && base[i] != UInt8(ascii: "=") && !Self.isSpace(base[i]) {
                if base[i] == UInt8(ascii: ":") { nameStart = i + 1 }
                i += 1
            }
            let nameEnd = i
            while i < end && Self.isSpace(base[i]) { i += 1 }
            guard i < end, base[i] == UInt8(ascii: "=") else { return }
            i += 1
            while i < end && Self.isSpace(base[i]) { i += 1 }
            guard i < end else { return }
            let quote = base[i]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return }
            i += 1
            let valueStart = i
            while i < end && base[i] != quote { i += 1 }
            let valueEnd = i
            i += 1
            try body(nameStart..<nameEnd, valueStart..<valueEnd)
        }
    }

    @inline(__always)
    func bytesEqual(_ range: Range<Int>, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard range.count == n else { return false }
        let p = s.utf8Start
        for k in 0..<n where base[range.lowerBound + k] != p[k] { return false }
        return true
    }

    func byte(at index: Int) -> UInt8 { base[index] }

    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// Appends the current text token, entity references resolved and line ends normalised to LF
    /// (as an XML processor must), to `out`.
    func appendText(to out: inout [UInt8]) throws {
        try appendDecoded(textStart..<textEnd, resolveEntities: !textIsCDATA, to: &out)
    }

    /// Appends an attribute value or text range, decoded.
    func appendDecoded(_ range: Range<Int>, resolveEntities: Bool = true, to out: inout [UInt8]) throws {
        var i = range.lowerBound
        let end = range.upperBound
        var run = i
        while i < end {
            let b = base[i]
            if b == UInt8(ascii: "&") && resolveEntities {
                out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run))
                var j = i + 1
                while j < end && base[j] != UInt8(ascii: ";") && j - i < 12 { j += 1 }
                guard j < end, base[j] == UInt8(ascii: ";") else { throw malformed("实体引用不完整") }
                try appendEntity(i + 1..<j, to: &out)
                i = j + 1
                run = i
            } else if b == 0x0D {
                out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run))
                out.append(0x0A)
                i += (i + 1 < end && base[i + 1] == 0x0A) ? 2 : 1
                run = i
            } else {
                i += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + run, count: end - run))
    }

    private func appendEntity(_ r: Range<Int>, to out: inout [UInt8]) throws {
        if bytesEqual(r, "lt") { out.append(UInt8(ascii: "<")); return }
        if bytesEqual(r, "gt") { out.append(UInt8(ascii: ">")); return }
        if bytesEqual(r, "amp") { out.append(UInt8(ascii: "&")); return }
        if bytesEqual(r, "quot") { out.append(UInt8(ascii: "\"")); return }
        if bytesEqual(r, "apos") { out.append(UInt8(ascii: "'")); return }
        guard r.count >= 2, base[r.lowerBound] == UInt8(ascii: "#") else { throw malformed("未知实体引用") }
        var value: UInt32 = 0
        var k = r.lowerBound + 1
        let hex = base[k] == UInt8(ascii: "x") || base[k] == UInt8(ascii: "X")
        if hex { k += 1 }
        guard k < r.upperBound else { throw malformed("字符引用无效") }
        while k < r.upperBound {
            guard let d = Self.digitValue(base[k], hex: hex), value < 0x110000 else { throw malformed("字符引用无效") }
            value = value * (hex ? 16 : 10) + d
            k += 1
        }
        guard let scalar = Unicode.Scalar(value) else { throw malformed("字符引用无效") }
        Self.appendUTF8(scalar, to: &out)
    }

    static func digitValue(_ b: UInt8, hex: Bool) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46 where hex: return UInt32(b - 0x41 + 10)
        case 0x61...0x66 where hex: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
