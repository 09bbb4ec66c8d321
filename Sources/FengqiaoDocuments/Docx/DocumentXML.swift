import Foundation

/// Writes `word/document.xml` straight into UTF-8 bytes: the fixed markup is prepared once, text is
/// escaped byte by byte (XML's special characters and the characters it cannot carry are all ASCII
/// or U+FFFE/U+FFFF, never inside a multi-byte sequence).
///
/// The output is what the string-built form of the same markup gives (see the tests, which keep
/// that form as the reference); the GB/T 9704 rules it applies are documented on `OOXML`.
struct DocumentXML {
    private(set) var bytes: [UInt8] = []

    static func bytes(_ layout: Layout) -> [UInt8] {
        var w = DocumentXML()
        w.bytes.reserveCapacity(64 << 10)
        w.document(layout)
        return w.bytes
    }

    // MARK: Fixed markup

    /// The runs of one font and size: the opening of a text run, and a line break and tab run.
    struct RunStyle: Sendable {
        let textOpen: [UInt8]
        let lineBreak: [UInt8]
        let tab: [UInt8]

        init(_ font: DocFont, size: Int) {
            let rPr = OOXML.runProperties(font: font, size: size)
            textOpen = Array("<w:r>\(rPr)<w:t xml:space=\"preserve\">".utf8)
            lineBreak = Array("<w:r>\(rPr)<w:br/></w:r>".utf8)
            tab = Array("<w:r>\(rPr)<w:tab/></w:r>".utf8)
        }

        static let title = RunStyle(.title, size: OOXML.titleSize)
        static let body = RunStyle(.body, size: OOXML.bodySize)
        static let heading1 = RunStyle(.heading1, size: OOXML.bodySize)
        static let heading2 = RunStyle(.heading2, size: OOXML.bodySize)
        static let table = RunStyle(.body, size: OOXML.tableSize)
        static let verification = RunStyle(.body, size: OOXML.verificationSize)
    }

    private enum Fixed {
        static let documentOpen = Array((OOXML.header
            + "<w:document xmlns:w=\"\(OOXML.wNS)\" xmlns:r=\"\(OOXML.rNS)\"><w:body>").utf8)
        static let documentClose = Array("</w:body></w:document>".utf8)
        static let sectionBreakOpen = Array("<w:p><w:pPr><w:spacing w:line=\"\(PageGeometry.linePitch)\" w:lineRule=\"exact\"/>".utf8)
        static let sectionBreakClose = Array("</w:pPr></w:p>".utf8)
        static let stubSection = Array(OOXML.sectionProperties(.stub).utf8)
        static let mainSection = Array(OOXML.sectionProperties(.main).utf8)
        static let receiptSection = Array(OOXML.sectionProperties(.receipt).utf8)
        static let bodyLineSpacing = Array("<w:spacing w:line=\"\(PageGeometry.linePitch)\" w:lineRule=\"exact\"/>".utf8)
        static let tableLineSpacing = Array("<w:spacing w:line=\"\(OOXML.tableLine)\" w:lineRule=\"exact\"/>".utf8)
        static let firstLineIndent = Array(OOXML.firstLineIndent.utf8)
        static let rightIndent = Array("<w:ind w:right=\"\(4 * PageGeometry.characterPitch)\"/>".utf8)
        static let noteIndent = Array("<w:ind w:firstLine=\"\(2 * OOXML.tableSize * 10)\"/>".utf8)
        static let noAutoSpace = Array(OOXML.noAutoSpace.utf8)
        static let verificationPPr = Array(("<w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"240\" w:line=\"300\""
            + " w:lineRule=\"exact\"/><w:jc w:val=\"left\"/></w:pPr>").utf8)
        static let tableOpen: [UInt8] = {
            let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
            return Array(("<w:tbl><w:tblPr><w:tblW w:w=\"\(PageGeometry.textWidth)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
                + "<w:tblBorders><w:top \(border)/><w:left \(border)/><w:bottom \(border)/><w:right \(border)/>"
                + "<w:insideH \(border)/><w:insideV \(border)/></w:tblBorders>"
                + "<w:tblLayout w:type=\"fixed\"/>"
                + "<w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
                + "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
                + "</w:tblPr><w:tblGrid>").utf8)
        }()
    }

    private enum Style {
        case title, heading1, heading2, tableText

        var bytes: StaticString {
            switch self {
            case .title: return "<w:pStyle w:val=\"FQTitle\"/>"
            case .heading1: return "<w:pStyle w:val=\"FQHeading1\"/>"
            case .heading2: return "<w:pStyle w:val=\"FQHeading2\"/>"
            case .tableText: return "<w:pStyle w:val=\"FQTableText\"/>"
            }
        }
    }

    private enum Indent {
        case none, firstLine, right, note
    }

    private enum Justification {
        case both, center, left, right

        init(_ alignment: LayoutCell.Alignment) {
            switch alignment {
            case .left: self = .left
            case .center: self = .center
            case .right: self = .right
            }
        }

        var bytes: StaticString {
            switch self {
            case .both: return "<w:jc w:val=\"both\"/>"
            case .center: return "<w:jc w:val=\"center\"/>"
            case .left: return "<w:jc w:val=\"left\"/>"
            case .right: return "<w:jc w:val=\"right\"/>"
            }
        }
    }

    // MARK: Appending

    @inline(__always)
    private mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    private mutating func append(_ b: [UInt8]) {
        bytes.append(contentsOf: b)
    }

    private mutating func append(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(UInt(value.magnitude))
        } else {
            append(UInt(value))
        }
    }

    private mutating func append(_ value: UInt) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - n] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                n += 1
            } while v > 0
            bytes.append(contentsOf: d[(20 - n)...])
        }
    }

    /// Text as element content: `& < > " '` escaped, characters XML 1.0 cannot carry dropped (C0
    /// controls other than TAB, LF, CR; U+FFFE, U+FFFF).
    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var i = 0
        let count = text.count
        while i < count {
            let b = text[i]
            let replacement: StaticString?
            var skip = 1
            switch b {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&apos;"
            case 0x09, 0x0A, 0x0D:
                i += 1
                continue
            case 0x00..<0x20:
                replacement = ""
            case 0xEF where i + 2 < count && text[i + 1] == 0xBF && (text[i + 2] == 0xBE || text[i + 2] == 0xBF):
                replacement = ""  // U+FFFE, U+FFFF
                skip = 3
            default:
                i += 1
                continue
            }
            if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<i])) }
            if let replacement { append(replacement) }
            i += skip
            start = i
        }
        if count > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<count])) }
    }

    // MARK: Runs and paragraphs

    /// Runs of text: `\n` becomes a line break and `\t` a tab; empty pieces write nothing.
    private mutating func runs(_ text: Substring, _ style: RunStyle) {
        if !TextLines.separatorsStandAlone(text) {
            // Split as `String.components(separatedBy:)` does (see `TextLines`).
            for (n, line) in String(text).components(separatedBy: "\n").enumerated() {
                if n > 0 { append(style.lineBreak) }
                for (m, piece) in line.components(separatedBy: "\t").enumerated() {
                    if m > 0 { append(style.tab) }
                    if !piece.isEmpty {
                        var piece = piece
                        piece.withUTF8 { textRun($0, style) }
                    }
                }
            }
        } else {
            runsPlain(text, style)
        }
    }

    private mutating func runsPlain(_ text: Substring, _ style: RunStyle) {
        var text = text
        text.withUTF8 { buffer in
            var pieceStart = 0
            for i in 0..<buffer.count {
                let b = buffer[i]
                guard b == 0x0A || b == 0x09 else { continue }
                if i > pieceStart { textRun(UnsafeBufferPointer(rebasing: buffer[pieceStart..<i]), style) }
                append(b == 0x0A ? style.lineBreak : style.tab)
                pieceStart = i + 1
            }
            if buffer.count > pieceStart { textRun(UnsafeBufferPointer(rebasing: buffer[pieceStart...]), style) }
        }
    }

    private mutating func textRun(_ text: UnsafeBufferPointer<UInt8>, _ style: RunStyle) {
        append(style.textOpen)
        appendEscaped(text)
        append("</w:t></w:r>")
    }

    /// Opens a paragraph and writes its properties in schema order (pStyle, keepNext, tabs,
    /// autoSpaceDE, autoSpaceDN, snapToGrid, spacing, ind, jc); the content and `</w:p>` follow.
    private mutating func paragraphOpen(
        style: Style? = nil, keepNext: Bool = false, centreTab: Int? = nil, snapToGrid: Bool = true,
        tableLine: Bool = false, indent: Indent = .none, jc: Justification
    ) {
        append("<w:p><w:pPr>")
        if let style { append(style.bytes) }
        if keepNext { append("<w:keepNext/>") }
        if let centreTab {
            append("<w:tabs><w:tab w:val=\"center\" w:pos=\"")
            append(centreTab)
            append("\"/></w:tabs>")
        }
        append(Fixed.noAutoSpace)
        if !snapToGrid { append("<w:snapToGrid w:val=\"0\"/>") }
        append(tableLine ? Fixed.tableLineSpacing : Fixed.bodyLineSpacing)
        switch indent {
        case .none: break
        case .firstLine: append(Fixed.firstLineIndent)
        case .right: append(Fixed.rightIndent)
        case .note: append(Fixed.noteIndent)
        }
        append(jc.bytes)
        append("</w:pPr>")
    }

    private mutating func emptyParagraph(keepNext: Bool) {
        paragraphOpen(keepNext: keepNext, jc: .both)
        append("</w:p>")
    }

    // MARK: Document

    private mutating func document(_ layout: Layout) {
        append(Fixed.documentOpen)
        for (index, part) in layout.parts.enumerated() {
            let blocks = part.blocks
            let tail = OOXML.closingGroupStart(blocks)
            for (i, block) in blocks.enumerated() {
                // GB/T 9704 7.3.5.5: see "Document body" in `OOXML`.
                let next = i + 1 < blocks.count ? blocks[i + 1] : nil
                let keepNext: Bool
                switch next {
                case .signOff?, .verification?: keepNext = true
                case nil: keepNext = false
                default: keepNext = i >= tail
                }
                self.block(block, keepNext: keepNext)
            }
            let sectPr: [UInt8]
            switch part.kind {
            case .stub: sectPr = Fixed.stubSection
            case .main: sectPr = Fixed.mainSection
            case .receipt: sectPr = Fixed.receiptSection
            }
            if index == layout.parts.count - 1 {
                append(sectPr)
            } else {
                append(Fixed.sectionBreakOpen)
                append(sectPr)
                append(Fixed.sectionBreakClose)
            }
        }
        append(Fixed.documentClose)
    }

    private mutating func block(_ block: LayoutBlock, keepNext: Bool) {
        switch block {
        case .issuerHead(let text), .title(let text):
            paragraphOpen(style: .title, snapToGrid: false, jc: .center)
            runs(text[...], .title)
            append("</w:p>")
        case .number(let text):
            paragraphOpen(jc: .right)
            runs(text[...], .body)
            append("</w:p>")
        case .blank:
            emptyParagraph(keepNext: keepNext)
        case .paragraph(let kind, let text):
            // A line break in a value starts a new paragraph of the same kind.
            let lines = Self.lines(text)
            for (n, line) in lines.enumerated() {
                paragraph(kind, line, keepNext: keepNext && n == lines.count - 1)
            }
        case .table(let table):
            self.table(table)
        case .signOff(let issuer, let date):
            signOff(issuer: issuer, date: date)
        case .verification(let text):
            append("<w:p>")
            append(Fixed.verificationPPr)
            runs(text[...], .verification)
            append("</w:p>")
        case .note(let text):
            paragraphOpen(snapToGrid: false, tableLine: true, indent: .note, jc: .both)
            runs(text[...], .table)
            append("</w:p>")
        }
    }

    static func lines(_ text: String) -> [Substring] {
        TextLines.split(text)
    }

    private mutating func paragraph(_ kind: ParagraphKind, _ text: Substring, keepNext: Bool) {
        switch kind {
        case .body:
            paragraphOpen(keepNext: keepNext, indent: .firstLine, jc: .both)
            runs(text, .body)
        case .heading1:
            // Headings keep with the paragraph that follows them.
            paragraphOpen(style: .heading1, keepNext: true, indent: .firstLine, jc: .both)
            runs(text, .heading1)
        case .heading2:
            paragraphOpen(style: .heading2, keepNext: true, indent: .firstLine, jc: .both)
            runs(text, .heading2)
        case .flush:
            paragraphOpen(keepNext: keepNext, jc: .both)
            runs(text, .body)
        case .right:
            paragraphOpen(keepNext: keepNext, indent: .right, jc: .right)
            runs(text, .body)
        }
        append("</w:p>")
    }

    /// GB/T 9704 7.3.5.1: see "Document body" in `OOXML`.
    private mutating func signOff(issuer: String, date: String) {
        let pitch = Double(PageGeometry.characterPitch)
        let dateWidth = XMLText.width(date) * pitch
        let centre = Int((Double(PageGeometry.textWidth) - 4 * pitch - dateWidth / 2).rounded())
        let issuerFits = XMLText.width(issuer) * pitch / 2 <= Double(PageGeometry.textWidth - centre)
        emptyParagraph(keepNext: true)
        emptyParagraph(keepNext: true)
        if issuerFits {
            paragraphOpen(keepNext: true, centreTab: centre, jc: .left)
            append("<w:r><w:tab/></w:r>")
        } else {
            paragraphOpen(keepNext: true, jc: .right)
        }
        runs(issuer[...], .body)
        append("</w:p>")
        paragraphOpen(keepNext: true, indent: .right, jc: .right)
        runs(date[...], .body)
        append("</w:p>")
    }

    private mutating func table(_ table: LayoutTable) {
        append(Fixed.tableOpen)
        for width in table.columns {
            append("<w:gridCol w:w=\"")
            append(width)
            append("\"/>")
        }
        append("</w:tblGrid>")
        for (r, row) in table.rows.enumerated() {
            let height = r < table.minHeights.count ? table.minHeights[r] : 567
            append("<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"")
            append(height)
            append("\" w:hRule=\"atLeast\"/>")
            if table.header && r == 0 { append("<w:tblHeader/>") }
            append("</w:trPr>")
            let cells = row.isEmpty ? [LayoutCell(text: "", alignment: .left)] : Array(row.prefix(table.columns.count))
            for (c, cell) in cells.enumerated() {
                // A row with fewer cells than the grid stretches its last cell over the rest.
                let span = c == cells.count - 1 ? table.columns.count - c : 1
                let width = table.columns[c..<(c + span)].reduce(0, +)
                append("<w:tc><w:tcPr><w:tcW w:w=\"")
                append(width)
                append("\" w:type=\"dxa\"/>")
                if span > 1 {
                    append("<w:gridSpan w:val=\"")
                    append(span)
                    append("\"/>")
                }
                append("<w:vAlign w:val=\"center\"/></w:tcPr>")
                paragraphOpen(style: .tableText, snapToGrid: false, tableLine: true, jc: Justification(cell.alignment))
                runs(cell.text[...], .table)
                append("</w:p></w:tc>")
            }
            append("</w:tr>")
        }
        append("</w:tbl>")
    }
}
