import Foundation
@testable import FengqiaoDocuments

/// The DOCX document part, the layout and the canonical text as `DocxWriter` made them before it
/// wrote bytes directly and cached parsed templates, kept verbatim as the reference the faster code
/// must match (the canonical text is hashed into every issued document's verification code, DOC-23).
enum LegacyDocx {
    static let header = OOXML.header
    static let wNS = OOXML.wNS
    static let rNS = OOXML.rNS
    static let titleSize = 44
    static let bodySize = PageGeometry.bodySize
    static let tableSize = 24
    static let tableLine = 360
    static let pageNumberSize = 28
    static let verificationSize = 21
    static let noAutoSpace = "<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>"

    static func rFonts(_ font: DocFont) -> String {
        let n = escape(font.name)
        return "<w:rFonts w:ascii=\"\(n)\" w:hAnsi=\"\(n)\" w:eastAsia=\"\(n)\" w:cs=\"\(n)\" w:hint=\"eastAsia\"/>"
    }

    // MARK: XML text

    static func legal(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x09, 0x0A, 0x0D: scalars.append(s)
            case 0x00..<0x20, 0xFFFE, 0xFFFF: continue
            default: scalars.append(s)
            }
        }
        return String(scalars)
    }

    /// Escapes `& < > " '` for element content and attribute values, after dropping illegal characters.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in legal(text) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }


    // MARK: Canonical text

    static func canonicalText(_ doc: RenderedDocument) -> String {
        var lines = [
            "fengqiao-document/1",
            "template: \(doc.template.code) v\(doc.template.version)",
            "number: \(doc.number)",
            "issuer: \(doc.issuer)",
            "date: \(doc.date)",
        ]
        for part in parts(doc) {
            lines.append("--- \(part.kind.rawValue)")
            for block in part.blocks {
                lines += textLines(block)
            }
        }
        let text = lines.map { line in
            var l = legal(line)
            while let last = l.last, last == " " || last == "\t" { l.removeLast() }
            return l
        }
        .joined(separator: "\n")
        return text.precomposedStringWithCanonicalMapping
    }


    static func textLines(_ block: LayoutBlock) -> [String] {
        switch block {
        case .issuerHead(let t), .title(let t), .number(let t), .note(let t): return [t]
        case .blank: return [""]
        case .paragraph(_, let t): return t.components(separatedBy: "\n")
        case .table(let table):
            return table.rows.map { row in
                row.map { $0.text.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t")
            }
        case .signOff(let issuer, let date): return [issuer, date]
        case .verification: return []
        }
    }

    // MARK: Layout

    static func parts(_ doc: RenderedDocument) -> [LayoutPart] {
        let template = doc.template
        let values = doc.allValues
        let number = doc.number.isEmpty && doc.isDraft ? "（草稿）" : doc.number
        var parts: [LayoutPart] = []

        // DOC-22: the stub is a separate first part with the same number, recipient, date and a
        // summary; it stays in the file.
        if template.hasStub {
            let summary = template.resolvedStubSummary(values)
            let rows: [(String, String)] = [
                ("文书名称", template.nameZH),
                ("文　　号", number),
                ("当 事 人", doc.recipient),
                ("事　　由", summary),
                ("签发机关", doc.issuer),
                ("签发日期", doc.date),
                ("签 发 人", ""),
                ("经 办 人", ""),
            ]
            let table = LayoutTable(
                header: false,
                rows: rows.map { [LayoutCell(text: $0.0, alignment: .center), LayoutCell(text: $0.1, alignment: .left)] },
                columns: labelColumns(label: 2200),
                minHeights: rows.map { $0.1.isEmpty ? 964 : 680 }
            )
            parts.append(LayoutPart(kind: .stub, blocks: [
                .title(template.nameZH + "（存根）"), .number(number), .blank, .table(table),
            ]))
        }

        var main: [LayoutBlock] = [.issuerHead(doc.issuer), .title(template.nameZH), .number(number), .blank]
        for block in template.resolvedBody(values) {
            switch block {
            case .blank: main.append(.blank)
            case .paragraph(let kind, let text): main.append(.paragraph(kind, text))
            case .table(let header, let rows): main.append(.table(templateTable(header: header, rows: rows)))
            }
        }
        if template.sealed {
            main.append(.signOff(issuer: doc.issuer, date: doc.date))
        }
        // DOC-23: the verification line; a draft has no code yet.
        if !doc.verificationCode.isEmpty {
            main.append(.verification("文号 \(number)　校验码 \(doc.verificationCode.uppercased())"))
        }
        parts.append(LayoutPart(kind: .main, blocks: main))

        // DOC-30: the 送达回证 travels with every served document.
        if template.needsService {
            let rows: [(String, String, LayoutCell.Alignment, Int)] = [
                ("送达文书名称\n及文号", "《\(template.nameZH)》\(number)", .left, 794),
                ("受送达人", doc.recipient, .left, 794),
                ("送达地点", doc.values["party.address"] ?? "", .left, 794),
                ("送达方式", "□直接送达　□邮寄送达　□电子送达\n□留置送达　□公告送达", .left, 794),
                ("送达人\n（签名）", "\n年　　月　　日", .right, 1247),
                ("受送达人\n（签名或盖章）", "\n年　　月　　日", .right, 1247),
                ("代收人及\n代收理由", "", .left, 1020),
                ("见证人\n（拒收时）", "", .left, 1020),
                ("备　　注", "", .left, 1134),
            ]
            let table = LayoutTable(
                header: false,
                rows: rows.map { [LayoutCell(text: $0.0, alignment: .center), LayoutCell(text: $0.1, alignment: $0.2)] },
                columns: labelColumns(label: 2200),
                minHeights: rows.map(\.3)
            )
            parts.append(LayoutPart(kind: .receipt, blocks: [
                .issuerHead(doc.issuer), .title("送达回证"), .blank, .table(table),
                .note("注：受送达人拒绝签收的，送达人应当在备注栏注明拒收事由和日期，由送达人、见证人签名，把文书留在受送达人的住所，即视为送达。"),
            ]))
        }
        return parts
    }

    static func labelColumns(label: Int) -> [Int] {
        [label, PageGeometry.textWidth - label]
    }

    /// Column widths: label/value pairs get narrower label columns; other tables share the width.
    static func templateTable(header: Bool, rows: [[ResolvedCell]]) -> LayoutTable {
        let count = max(1, rows.map(\.count).max() ?? 1)
        let width = PageGeometry.textWidth
        let columns: [Int]
        if !header && count == 2 {
            columns = [2000, width - 2000]
        } else if !header && count == 4 {
            let label = 1800
            let value = (width - 2 * label) / 2
            columns = [label, value, label, width - 2 * label - value]
        } else {
            let each = width / count
            columns = Array(repeating: each, count: count - 1) + [width - each * (count - 1)]
        }
        let cells = rows.enumerated().map { r, row in
            row.map { cell in
                LayoutCell(text: cell.text, alignment: (header && r == 0) || cell.isLabel ? .center : .left)
            }
        }
        return LayoutTable(header: header, rows: cells, columns: columns, minHeights: rows.map { _ in 567 })
    }

    // MARK: Document part

    static func documentXML(_ parts: [LayoutPart]) -> String {
        var body = ""
        for (index, part) in parts.enumerated() {
            let blocks = part.blocks
            let tail = closingGroupStart(blocks)
            for (i, block) in blocks.enumerated() {
                // GB/T 9704 7.3.5.5: the page with the seal must carry body text, so the last lines
                // before the sign-off keep with it; likewise signature lines (`<`/`>` lines at the
                // end of a template) stay together with the paragraph before them.
                let next = i + 1 < blocks.count ? blocks[i + 1] : nil
                let keepNext: Bool
                switch next {
                case .signOff?, .verification?: keepNext = true
                case nil: keepNext = false
                default: keepNext = i >= tail
                }
                body += xml(block, keepNext: keepNext)
            }
            let last = index == parts.count - 1
            let sectPr = sectionProperties(part.kind)
            if last {
                body += sectPr
            } else {
                // A section break ends the part: the next part starts on a new page with its own footer.
                body += "<w:p><w:pPr><w:spacing w:line=\"\(PageGeometry.linePitch)\" w:lineRule=\"exact\"/>\(sectPr)</w:pPr></w:p>"
            }
        }
        return header
            + "<w:document xmlns:w=\"\(wNS)\" xmlns:r=\"\(rNS)\"><w:body>" + body + "</w:body></w:document>"
    }

    /// Where the closing group of a part starts: the trailing flush/right lines (signatures,
    /// dates) and blank lines, plus the paragraph before them. `blocks.count` when there are none.
    static func closingGroupStart(_ blocks: [LayoutBlock]) -> Int {
        var i = blocks.count
        while i > 0, case .verification = blocks[i - 1] { i -= 1 }
        while i > 0, case .signOff = blocks[i - 1] { i -= 1 }
        var sawSignature = false
        while i > 0 {
            if case .paragraph(let kind, _) = blocks[i - 1], kind == .flush || kind == .right {
                sawSignature = true
            } else if case .blank = blocks[i - 1] {
            } else {
                break
            }
            i -= 1
        }
        guard sawSignature else { return blocks.count }
        // Empty paragraphs (an optional field left empty) do not count as the paragraph before.
        while i > 0, case .paragraph(_, let text) = blocks[i - 1], text.isEmpty { i -= 1 }
        if i > 0, case .paragraph = blocks[i - 1] { i -= 1 }
        return i
    }

    /// DOC-21: A4, GB/T 9704 margins, a 22-line document grid (28 characters come from the
    /// condensed body runs, see `PageGeometry.bodyCharacterSpacing`). The stub has no page number; the
    /// document numbers its pages from 1; the 送达回证 has an empty footer.
    static func sectionProperties(_ kind: LayoutPart.Kind) -> String {
        let footers: String
        switch kind {
        case .stub: footers = ""
        case .main: footers = "<w:footerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"even\" r:id=\"rId5\"/>"
        case .receipt: footers = "<w:footerReference w:type=\"default\" r:id=\"rId6\"/><w:footerReference w:type=\"even\" r:id=\"rId6\"/>"
        }
        return "<w:sectPr>\(footers)<w:type w:val=\"nextPage\"/>"
            + "<w:pgSz w:w=\"\(PageGeometry.pageWidth)\" w:h=\"\(PageGeometry.pageHeight)\"/>"
            + "<w:pgMar w:top=\"\(PageGeometry.marginTop)\" w:right=\"\(PageGeometry.marginRight)\""
            + " w:bottom=\"\(PageGeometry.marginBottom)\" w:left=\"\(PageGeometry.marginLeft)\""
            + " w:header=\"851\" w:footer=\"\(PageGeometry.footerDistance)\" w:gutter=\"0\"/>"
            + (kind == .main ? "<w:pgNumType w:start=\"1\"/>" : "")
            + "<w:cols w:space=\"425\"/>"
            + "<w:docGrid w:type=\"lines\" w:linePitch=\"\(PageGeometry.linePitch)\"/>"
            + "</w:sectPr>"
    }

    /// Run properties: the font, and for 3号 text the condensing that makes 28 characters a line.
    static func runProperties(font: DocFont, size: Int) -> String {
        let spacing = size == bodySize ? "<w:spacing w:val=\"\(PageGeometry.bodyCharacterSpacing)\"/>" : ""
        return "<w:rPr>\(rFonts(font))\(spacing)<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr>"
    }

    /// A run (or runs) of text; `\n` becomes a line break and `\t` a tab.
    static func runs(_ text: String, font: DocFont, size: Int) -> String {
        let rPr = runProperties(font: font, size: size)
        var out = ""
        for (n, line) in text.components(separatedBy: "\n").enumerated() {
            if n > 0 { out += "<w:r>\(rPr)<w:br/></w:r>" }
            for (m, piece) in line.components(separatedBy: "\t").enumerated() {
                if m > 0 { out += "<w:r>\(rPr)<w:tab/></w:r>" }
                if !piece.isEmpty { out += "<w:r>\(rPr)<w:t xml:space=\"preserve\">\(escape(piece))</w:t></w:r>" }
            }
        }
        return out
    }

    /// A paragraph. Properties are written in schema order (pStyle, keepNext, tabs, autoSpaceDE,
    /// autoSpaceDN, snapToGrid, spacing, ind, jc).
    static func paragraph(
        _ content: String, style: String? = nil, keepNext: Bool = false, tabs: String = "",
        snapToGrid: Bool = true, line: Int = PageGeometry.linePitch, ind: String = "", jc: String
    ) -> String {
        var pPr = ""
        if let style { pPr += "<w:pStyle w:val=\"\(style)\"/>" }
        if keepNext { pPr += "<w:keepNext/>" }
        pPr += tabs
        pPr += noAutoSpace
        if !snapToGrid { pPr += "<w:snapToGrid w:val=\"0\"/>" }
        pPr += "<w:spacing w:line=\"\(line)\" w:lineRule=\"exact\"/>"
        pPr += ind
        pPr += "<w:jc w:val=\"\(jc)\"/>"
        return "<w:p><w:pPr>\(pPr)</w:pPr>\(content)</w:p>"
    }

    /// Two characters (GB/T 9704: paragraphs start two characters in).
    static let firstLineIndent = "<w:ind w:firstLine=\"\(2 * PageGeometry.characterPitch)\"/>"

    static func xml(_ block: LayoutBlock, keepNext: Bool) -> String {
        switch block {
        case .issuerHead(let text), .title(let text):
            // DOC-21: title 2号小标宋 centred. The line is exact 28.95 pt like the body so the page
            // keeps its 22-line grid; 22 pt type fits inside it.
            return paragraph(runs(text, font: .title, size: titleSize), style: "FQTitle", snapToGrid: false, jc: "center")
        case .number(let text):
            return paragraph(runs(text, font: .body, size: bodySize), jc: "right")
        case .blank:
            return paragraph("", keepNext: keepNext, jc: "both")
        case .paragraph(let kind, let text):
            // A line break in a value starts a new paragraph of the same kind, so every item of a
            // typed list gets the paragraph's indent.
            let lines = text.components(separatedBy: "\n")
            return lines.enumerated().map { n, line in
                paragraphXML(kind, line, keepNext: keepNext && n == lines.count - 1)
            }.joined()
        case .table(let table):
            return tableXML(table)
        case .signOff(let issuer, let date):
            return signOffXML(issuer: issuer, date: date)
        case .verification(let text):
            // A small line with space above rather than a full empty grid line, so it does not
            // spill onto a page of its own.
            let pPr = "<w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"240\" w:line=\"300\" w:lineRule=\"exact\"/><w:jc w:val=\"left\"/></w:pPr>"
            return "<w:p>\(pPr)\(runs(text, font: .body, size: verificationSize))</w:p>"
        case .note(let text):
            return paragraph(runs(text, font: .body, size: tableSize), snapToGrid: false, line: tableLine,
                             ind: "<w:ind w:firstLine=\"\(2 * tableSize * 10)\"/>", jc: "both")
        }
    }

    static func paragraphXML(_ kind: ParagraphKind, _ text: String, keepNext: Bool) -> String {
        switch kind {
        case .body:
            return paragraph(runs(text, font: .body, size: bodySize), keepNext: keepNext, ind: firstLineIndent, jc: "both")
        case .heading1:
            // Headings keep with the paragraph that follows them.
            return paragraph(runs(text, font: .heading1, size: bodySize), style: "FQHeading1", keepNext: true,
                             ind: firstLineIndent, jc: "both")
        case .heading2:
            return paragraph(runs(text, font: .heading2, size: bodySize), style: "FQHeading2", keepNext: true,
                             ind: firstLineIndent, jc: "both")
        case .flush:
            return paragraph(runs(text, font: .body, size: bodySize), keepNext: keepNext, jc: "both")
        case .right:
            return paragraph(runs(text, font: .body, size: bodySize), keepNext: keepNext,
                             ind: "<w:ind w:right=\"\(4 * PageGeometry.characterPitch)\"/>", jc: "right")
        }
    }

    /// GB/T 9704 7.3.5.1: the date four characters from the right margin, the issuer centred over
    /// the date, the seal pressing on both with its top within one line of the body — so two empty
    /// lines are left above the issuer for the upper half of the seal (a 42 mm seal spans about four
    /// lines). The date is right-aligned four characters in; the issuer is centred over it with a
    /// centre tab stop at the date's estimated middle (CJK one character, digits half), or
    /// right-aligned when too long to centre there.
    static func signOffXML(issuer: String, date: String) -> String {
        let pitch = Double(PageGeometry.characterPitch)
        let dateWidth = XMLText.width(date) * pitch
        let centre = Int((Double(PageGeometry.textWidth) - 4 * pitch - dateWidth / 2).rounded())
        let issuerFits = XMLText.width(issuer) * pitch / 2 <= Double(PageGeometry.textWidth - centre)
        let space = paragraph("", keepNext: true, jc: "both")
        let tabs = "<w:tabs><w:tab w:val=\"center\" w:pos=\"\(centre)\"/></w:tabs>"
        let tab = "<w:r><w:tab/></w:r>"
        let right = "<w:ind w:right=\"\(4 * PageGeometry.characterPitch)\"/>"
        let dateLine = paragraph(runs(date, font: .body, size: bodySize), keepNext: true, ind: right, jc: "right")
        let issuerLine = issuerFits
            ? paragraph(tab + runs(issuer, font: .body, size: bodySize), keepNext: true, tabs: tabs, jc: "left")
            : paragraph(runs(issuer, font: .body, size: bodySize), keepNext: true, jc: "right")
        return space + space + issuerLine + dateLine
    }

    static func tableXML(_ table: LayoutTable) -> String {
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
        var s = "<w:tbl><w:tblPr><w:tblW w:w=\"\(PageGeometry.textWidth)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
            + "<w:tblBorders><w:top \(border)/><w:left \(border)/><w:bottom \(border)/><w:right \(border)/>"
            + "<w:insideH \(border)/><w:insideV \(border)/></w:tblBorders>"
            + "<w:tblLayout w:type=\"fixed\"/>"
            + "<w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
            + "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
            + "</w:tblPr><w:tblGrid>"
        for width in table.columns { s += "<w:gridCol w:w=\"\(width)\"/>" }
        s += "</w:tblGrid>"
        for (r, row) in table.rows.enumerated() {
            let height = r < table.minHeights.count ? table.minHeights[r] : 567
            s += "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"\(height)\" w:hRule=\"atLeast\"/>"
            if table.header && r == 0 { s += "<w:tblHeader/>" }
            s += "</w:trPr>"
            let cells = row.isEmpty ? [LayoutCell(text: "", alignment: .left)] : Array(row.prefix(table.columns.count))
            for (c, cell) in cells.enumerated() {
                // A row with fewer cells than the grid stretches its last cell over the rest.
                let span = c == cells.count - 1 ? table.columns.count - c : 1
                let width = table.columns[c..<(c + span)].reduce(0, +)
                s += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
                if span > 1 { s += "<w:gridSpan w:val=\"\(span)\"/>" }
                s += "<w:vAlign w:val=\"center\"/></w:tcPr>"
                let jc = cell.alignment.rawValue
                s += paragraph(runs(cell.text, font: .body, size: tableSize), style: "FQTableText",
                               snapToGrid: false, line: tableLine, jc: jc)
                s += "</w:tc>"
            }
            s += "</w:tr>"
        }
        return s + "</w:tbl>"
    }
}
