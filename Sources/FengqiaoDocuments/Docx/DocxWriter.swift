import Foundation
import ZIPFoundation

/// A document ready to print: a template, the values that fill it, and what the issuing step
/// decided (number, date, verification code).
public struct RenderedDocument: Sendable, Equatable {
    /// The template version the document is made with (DOC-01: issued documents keep theirs).
    public var template: DocumentTemplate
    /// The document number, e.g. `中村约〔2025〕12号` (DOC-10); empty only for a draft.
    public var number: String
    /// The issuing office as printed over the seal, e.g. `中村市场监督管理所`.
    public var issuer: String
    /// The issue date in Chinese, e.g. `2025年10月14日` (DOC-21; `LocalDate.chinese`).
    public var date: String
    /// Who the document is addressed to: printed on the stub (DOC-22) and the 送达回证 (DOC-30).
    public var recipient: String
    /// Field values by placeholder name.
    public var values: [String: String]
    /// First 8 hex digits of the SHA-256 of `DocxWriter.canonicalText(_:)` (DOC-23); empty for a draft.
    public var verificationCode: String
    /// A draft may miss required fields, the number and the verification code; it prints
    /// `（草稿）` where the number goes.
    public var isDraft: Bool

    /// - Parameter recipient: defaults to the value of `party.name`.
    public init(
        template: DocumentTemplate, number: String, issuer: String, date: String, recipient: String? = nil,
        values: [String: String], verificationCode: String = "", isDraft: Bool = false
    ) {
        self.template = template
        self.number = number
        self.issuer = issuer
        self.date = date
        self.recipient = recipient ?? values["party.name"] ?? ""
        self.values = values
        self.verificationCode = verificationCode
        self.isDraft = isDraft
    }

    /// The values with the system placeholders (`doc.*`) added.
    var allValues: [String: String] {
        var all = values
        all["doc.number"] = number
        all["doc.date"] = date
        all["doc.issuer"] = issuer
        all["doc.title"] = template.nameZH
        all["doc.recipient"] = recipient
        return all
    }
}

/// Why a document cannot be rendered for issue. `code` is stable English; `messageZH` is shown.
public enum DocumentRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template itself is invalid (DOC-02); normally caught when it is saved.
    case invalidTemplate([TemplateProblem])
    /// Required fields are empty (DOC-02); the message names them.
    case missingRequired([FieldSpec])
    /// A document for issue needs its number (DOC-10, DOC-11).
    case missingNumber
    /// The verification code is not 8 hexadecimal digits (DOC-23).
    case invalidVerificationCode(String)
    /// The ZIP container could not be written.
    case packaging(String)

    public var code: String {
        switch self {
        case .invalidTemplate: return "document.invalid-template"
        case .missingRequired: return "document.missing-required"
        case .missingNumber: return "document.missing-number"
        case .invalidVerificationCode: return "document.invalid-verification-code"
        case .packaging: return "document.packaging"
        }
    }

    public var messageZH: String {
        switch self {
        case .invalidTemplate(let problems):
            return "文书模板有误：" + problems.map(\.messageZH).joined(separator: "；")
        case .missingRequired(let fields):
            return "以下必填项为空，不能签发：" + fields.map(\.labelZH).joined(separator: "、")
        case .missingNumber:
            return "文书尚未编号，不能签发"
        case .invalidVerificationCode(let code):
            return "校验码“\(code)”应为8位十六进制数"
        case .packaging(let detail):
            return "无法生成DOCX文件：\(detail)"
        }
    }

    public var description: String { "\(code): \(messageZH)" }
}

/// Renders documents to DOCX (DOC-20) and to a print-ready HTML page, laid out after
/// GB/T 9704-2012 (DOC-21).
///
/// A document has up to three parts, each starting on a new page: the stub (存根, DOC-22) when the
/// template has one, the document itself, and the 送达回证 when it is served (DOC-30).
public enum DocxWriter {
    /// The DOCX file. Throws when the document is not fit for issue (see `check(_:)`). Output is
    /// byte-for-byte reproducible for the same input.
    public static func render(_ doc: RenderedDocument) throws -> Data {
        let template = PreparedTemplate.prepared(doc.template)
        try check(doc, template)
        let layout = Layout(doc, template)
        let entries = OOXML.fixedEntries.head
            + [DocxZip.Entry("word/document.xml", DocumentXML.bytes(layout))]
            + OOXML.fixedEntries.middle
            + [
                DocxZip.Entry("docProps/core.xml", Array(OOXML.coreProperties(doc).utf8)),
                DocxZip.Entry("docProps/app.xml", Array(OOXML.appProperties(doc).utf8)),
            ]
        guard DocxZip.fits(entries) else { throw DocumentRenderError.packaging("document too large") }
        return DocxZip.archive(entries)
    }

    /// Throws unless the document may be issued: the template is valid (DOC-02), no required field
    /// is empty (DOC-02), it has a number (DOC-10) and an 8-hex-digit verification code (DOC-23).
    /// A draft is only checked for a valid template.
    public static func check(_ doc: RenderedDocument) throws {
        try check(doc, PreparedTemplate.prepared(doc.template))
    }

    static func check(_ doc: RenderedDocument, _ template: PreparedTemplate) throws {
        let problems = template.problems
        guard problems.isEmpty else { throw DocumentRenderError.invalidTemplate(problems) }
        guard !doc.isDraft else { return }
        // DOC-02: an empty required field blocks issuing, naming the field.
        // `template.missingRequired(values)`, with a quicker test for blank values.
        let missing = doc.template.fields.filter { $0.required && TextLines.isBlank(doc.values[$0.name] ?? "", newlines: true) }
        guard missing.isEmpty else { throw DocumentRenderError.missingRequired(missing) }
        guard !TextLines.isBlank(doc.number, newlines: false) else { throw DocumentRenderError.missingNumber }
        // DOC-23: the first 8 hex digits of the content hash.
        guard doc.verificationCode.count == 8, doc.verificationCode.allSatisfy(\.isHexDigit) else {
            throw DocumentRenderError.invalidVerificationCode(doc.verificationCode)
        }
    }

    /// The text the verification code is computed from (DOC-23): the caller hashes its UTF-8 with
    /// SHA-256 and passes the first 8 hex digits as `verificationCode`. It covers the template
    /// code and version, number, issuer, date and every printed line of every part (stub, document,
    /// 送达回证) except the verification line itself; it is NFC-normalised, uses `\n` line ends and
    /// drops characters XML cannot carry (they are not printed either). Same document, same text.
    public static func canonicalText(_ doc: RenderedDocument) -> String {
        var lines = [
            "fengqiao-document/1",
            "template: \(doc.template.code) v\(doc.template.version)",
            "number: \(doc.number)",
            "issuer: \(doc.issuer)",
            "date: \(doc.date)",
        ]
        for part in Layout(doc).parts {
            lines.append("--- \(part.kind.rawValue)")
            for block in part.blocks {
                block.appendTextLines(to: &lines)
            }
        }
        // Byte by byte when the text allows it, else as defined above (see `CanonicalText`).
        if let text = CanonicalText.join(lines) { return text }
        let text = lines.map { line in
            var l = XMLText.legal(line)
            while let last = l.last, last == " " || last == "\t" { l.removeLast() }
            return l
        }
        .joined(separator: "\n")
        return text.precomposedStringWithCanonicalMapping
    }

    /// A print-ready HTML page with the same content as the DOCX (DOC-20): A4 print CSS, each part
    /// on its own page, every value escaped. Unlike `render` it does not refuse incomplete
    /// documents, so it also serves as a preview; call `check(_:)` before issuing.
    public static func html(_ doc: RenderedDocument) -> String {
        HTMLPage.render(Layout(doc), doc: doc)
    }
}

// MARK: - Page geometry (DOC-21)

/// GB/T 9704-2012 page geometry in twips (1/20 pt; 1 mm = 1440/25.4 twips).
public enum PageGeometry {
    /// A4, 210 × 297 mm.
    public static let pageWidth = 11906
    public static let pageHeight = 16838
    /// Margins: top 37 mm, bottom 35 mm, left (binding side) 28 mm, right 26 mm.
    public static let marginTop = twips(mm: 37)  // 2098
    public static let marginBottom = twips(mm: 35)  // 1984
    public static let marginLeft = twips(mm: 28)  // 1587
    public static let marginRight = twips(mm: 26)  // 1474
    /// The text area (版心): 8845 × 12756 twips = 156 × 225 mm.
    public static let textWidth = pageWidth - marginLeft - marginRight
    public static let textHeight = pageHeight - marginTop - marginBottom
    /// 22 lines of 28 characters per page.
    public static let linesPerPage = 22
    public static let charactersPerLine = 28
    /// Body size, 3号 = 16 pt, in half-points (w:sz).
    public static let bodySize = 32
    /// Line pitch: 12756 / 22 = 579.8. Word fits floor(textHeight / pitch) lines on a page, so the
    /// pitch is rounded down: 579 twips (28.95 pt) gives 22 lines, 580 would give 21.
    public static let linePitch = textHeight / linesPerPage
    /// 28 characters a line: the 16 pt body glyphs (320 twips) are condensed to the largest whole
    /// twip pitch that fits 28 times in the text width: floor(8845 / 28) = 315 twips, i.e.
    /// `w:spacing w:val="-5"` on body runs (8845 / 315 = 28.08 → 28; −4 would give 27.99 → 27).
    ///
    /// Why not Word's `linesAndChars` grid with `w:charSpace="-842"` (16 pt − 842/4096 pt =
    /// 15.794 pt cells, 28 a line)? Word and WPS squeeze each character into its cell, but
    /// LibreOffice — which makes our PDFs (DOC-20) — gives any character wider than a cell two
    /// cells, so every line held 14 characters. Condensed runs on a `lines` grid print 22 × 28 in
    /// Word, WPS and LibreOffice alike.
    public static let bodyCharacterSpacing = textWidth / charactersPerLine - bodySize * 10
    /// One body character as laid out: 315 twips (for indents and tab positions).
    public static let characterPitch = bodySize * 10 + bodyCharacterSpacing
    /// The page number's top sits 7 mm below the text area (GB/T 9704 7.5), i.e. 28 mm above the
    /// page edge; the footer paragraph is one 18 pt line (360 twips), so the footer distance
    /// (page edge to footer bottom) is 28 mm − 18 pt.
    public static let footerLineHeight = 360
    public static let footerDistance = twips(mm: 35 - 7) - footerLineHeight

    static func twips(mm: Double) -> Int { Int((mm * 1440 / 25.4).rounded()) }
}

// MARK: - Layout (shared by DOCX, HTML and the canonical text)

/// A cell of a laid-out table.
struct LayoutCell: Sendable, Equatable {
    enum Alignment: String, Sendable { case left, center, right }
    var text: String
    var alignment: Alignment
}

/// A laid-out table: rows of cells, an optional header row, column widths in twips summing to the
/// text width, and per-row minimum heights.
struct LayoutTable: Sendable, Equatable {
    var header: Bool
    var rows: [[LayoutCell]]
    var columns: [Int]
    var minHeights: [Int]
}

/// What a part is made of, in order.
enum LayoutBlock: Sendable, Equatable {
    /// The issuing office over the title, in title type.
    case issuerHead(String)
    /// 2号小标宋, centred.
    case title(String)
    /// The document number, right-aligned under the title.
    case number(String)
    case blank
    case paragraph(ParagraphKind, String)
    case table(LayoutTable)
    /// Seal area, then the issuer centred over the date, the date four characters from the right.
    case signOff(issuer: String, date: String)
    /// DOC-23: `文号 … 校验码 XXXXXXXX`.
    case verification(String)
    /// An explanatory note under a form, in the form's 小四 type.
    case note(String)

    /// The printed lines, for the canonical text (the verification line is excluded).
    var textLines: [String] {
        var lines: [String] = []
        appendTextLines(to: &lines)
        return lines
    }

    /// Appends `textLines`: a paragraph split at `\n`, a table cell's `\n` made a space (see `TextLines`).
    func appendTextLines(to lines: inout [String]) {
        switch self {
        case .issuerHead(let t), .title(let t), .number(let t), .note(let t): lines.append(t)
        case .blank: lines.append("")
        case .paragraph(_, let t):
            for line in TextLines.split(t) { lines.append(String(line)) }
        case .table(let table):
            for row in table.rows {
                lines.append(row.map { TextLines.newlinesAsSpaces($0.text) }.joined(separator: "\t"))
            }
        case .signOff(let issuer, let date):
            lines.append(issuer)
            lines.append(date)
        case .verification: break
        }
    }
}

struct LayoutPart: Sendable, Equatable {
    enum Kind: String, Sendable { case stub, main, receipt }
    var kind: Kind
    var blocks: [LayoutBlock]
}

/// Turns a document into parts and blocks: the one place that decides what is printed where.
struct Layout: Sendable, Equatable {
    var parts: [LayoutPart]
    var title: String

    init(_ doc: RenderedDocument) {
        self.init(doc, PreparedTemplate.prepared(doc.template))
    }

    init(_ doc: RenderedDocument, _ prepared: PreparedTemplate) {
        let template = doc.template
        let values = doc.allValues
        let number = doc.number.isEmpty && doc.isDraft ? "（草稿）" : doc.number
        title = template.nameZH
        var parts: [LayoutPart] = []

        // DOC-22: the stub is a separate first part with the same number, recipient, date and a
        // summary; it stays in the file.
        if template.hasStub {
            let summary = prepared.resolvedStubSummary(values)
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
                columns: Self.labelColumns(label: 2200),
                minHeights: rows.map { $0.1.isEmpty ? 964 : 680 }
            )
            parts.append(LayoutPart(kind: .stub, blocks: [
                .title(template.nameZH + "（存根）"), .number(number), .blank, .table(table),
            ]))
        }

        var main: [LayoutBlock] = [.issuerHead(doc.issuer), .title(template.nameZH), .number(number), .blank]
        for block in prepared.resolvedBody(values) {
            switch block {
            case .blank: main.append(.blank)
            case .paragraph(let kind, let text): main.append(.paragraph(kind, text))
            case .table(let header, let rows): main.append(.table(Self.templateTable(header: header, rows: rows)))
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
                columns: Self.labelColumns(label: 2200),
                minHeights: rows.map(\.3)
            )
            parts.append(LayoutPart(kind: .receipt, blocks: [
                .issuerHead(doc.issuer), .title("送达回证"), .blank, .table(table),
                .note("注：受送达人拒绝签收的，送达人应当在备注栏注明拒收事由和日期，由送达人、见证人签名，把文书留在受送达人的住所，即视为送达。"),
            ]))
        }
        self.parts = parts
    }

    private static func labelColumns(label: Int) -> [Int] {
        [label, PageGeometry.textWidth - label]
    }

    /// Column widths: label/value pairs get narrower label columns; other tables share the width.
    private static func templateTable(header: Bool, rows: [[ResolvedCell]]) -> LayoutTable {
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
}

// MARK: - XML text

enum XMLText {
    /// Drops characters XML 1.0 cannot carry: C0 controls other than TAB, LF, CR, and U+FFFE/U+FFFF
    /// (Swift strings hold no lone surrogates).
    static func legal(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0xEF }) else { return text }
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
        guard text.utf8.contains(where: { b in
            b < 0x20 || b == 0xEF || b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
                || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
        }) else { return text }
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

    /// Display width in grid characters: CJK and full-width characters count 1, others ½.
    static func width(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (XLSXWriter.isWide($1) ? 1 : 0.5) }
    }
}

// MARK: - WordprocessingML

/// The fonts of GB/T 9704 with their fallbacks (DOC-21).
///
/// A run can name only one font per script, so the first choice is written on the run and the
/// second as `w:altName` in the font table; Word and WPS use the alternate when the font is
/// missing and otherwise substitute by character set (86 = GB2312) and family, which lands on
/// 宋体/SimSun. LibreOffice substitutes through fontconfig (Noto CJK on our servers). The HTML view
/// lists the whole chain in CSS.
struct DocFont: Sendable {
    var name: String
    var alternate: String
    var family: String
    var pitch: String

    /// 2号小标宋 for titles: 方正小标宋简体 → 华文中宋 → SimSun.
    static let title = DocFont(name: "方正小标宋简体", alternate: "华文中宋", family: "roman", pitch: "variable")
    /// 3号仿宋 for the body: 仿宋_GB2312 → 仿宋 (FangSong).
    static let body = DocFont(name: "仿宋_GB2312", alternate: "仿宋", family: "modern", pitch: "fixed")
    /// First-level headings: 黑体 (SimHei).
    static let heading1 = DocFont(name: "黑体", alternate: "SimHei", family: "modern", pitch: "fixed")
    /// Second-level headings: 楷体_GB2312 → 楷体 (KaiTi).
    static let heading2 = DocFont(name: "楷体_GB2312", alternate: "楷体", family: "modern", pitch: "fixed")
    /// Page numbers: 4号宋体 (SimSun).
    static let pageNumber = DocFont(name: "宋体", alternate: "SimSun", family: "auto", pitch: "variable")

    static let all = [title, body, heading1, heading2, pageNumber]
}

enum OOXML {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let rNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relsNS = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// Sizes in half-points (w:sz).
    static let titleSize = 44  // 2号 22 pt
    static let bodySize = PageGeometry.bodySize  // 3号 16 pt
    static let tableSize = 24  // 小四 12 pt: form cells need more than 28 characters a line
    static let tableLine = 360  // 18 pt exact
    static let pageNumberSize = 28  // 4号 14 pt
    static let verificationSize = 21  // 5号 10.5 pt

    // MARK: Package parts

    static let contentTypes = header
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
        + "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
        + "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
        + (1...3).map { "<Override PartName=\"/word/footer\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>" }.joined()
        + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        + "</Types>"

    static let rootRelationships = header
        + "<Relationships xmlns=\"\(relsNS)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(rNS)/officeDocument\" Target=\"word/document.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(rNS)/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static let documentRelationships = header
        + "<Relationships xmlns=\"\(relsNS)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(rNS)/styles\" Target=\"styles.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(rNS)/settings\" Target=\"settings.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(rNS)/fontTable\" Target=\"fontTable.xml\"/>"
        + "<Relationship Id=\"rId4\" Type=\"\(rNS)/footer\" Target=\"footer1.xml\"/>"
        + "<Relationship Id=\"rId5\" Type=\"\(rNS)/footer\" Target=\"footer2.xml\"/>"
        + "<Relationship Id=\"rId6\" Type=\"\(rNS)/footer\" Target=\"footer3.xml\"/>"
        + "</Relationships>"

    /// Odd and even pages have their own footers (GB/T 9704 7.5), so `evenAndOddHeaders` is on;
    /// punctuation is not compressed so every line holds exactly 28 characters.
    static let settings = header
        + "<w:settings xmlns:w=\"\(wNS)\">"
        + "<w:zoom w:percent=\"100\"/>"
        + "<w:defaultTabStop w:val=\"\(PageGeometry.characterPitch * 2)\"/>"
        + "<w:evenAndOddHeaders/>"
        + "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
        + "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
        + "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
        + "</w:settings>"

    static let fontTable: String = {
        var s = header + "<w:fonts xmlns:w=\"\(wNS)\">"
        for font in DocFont.all {
            s += "<w:font w:name=\"\(XMLText.escape(font.name))\"><w:altName w:val=\"\(XMLText.escape(font.alternate))\"/>"
                + "<w:charset w:val=\"86\"/><w:family w:val=\"\(font.family)\"/><w:pitch w:val=\"\(font.pitch)\"/></w:font>"
        }
        return s + "</w:fonts>"
    }()

    static func rFonts(_ font: DocFont) -> String {
        let n = XMLText.escape(font.name)
        return "<w:rFonts w:ascii=\"\(n)\" w:hAnsi=\"\(n)\" w:eastAsia=\"\(n)\" w:cs=\"\(n)\" w:hint=\"eastAsia\"/>"
    }

    /// No extra space between Chinese and Latin letters or digits (Word's default adds a quarter em),
    /// so digits count as half characters and a line still holds 28 characters.
    static let noAutoSpace = "<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>"

    /// Styles mirror the direct formatting on each run, so a clerk editing the file in WPS or Word
    /// finds named styles, while the printed result does not depend on the style support of the viewer.
    static let styles: String = {
        func pStyle(_ id: String, _ name: String, font: DocFont, size: Int, jc: String, extra: String = "") -> String {
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
                + "<w:basedOn w:val=\"Normal\"/><w:qFormat/>"
                + "<w:pPr>\(extra)<w:jc w:val=\"\(jc)\"/></w:pPr>"
                + "\(runProperties(font: font, size: size))</w:style>"
        }
        return header
            + "<w:styles xmlns:w=\"\(wNS)\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr>\(rFonts(.body))"
            + "<w:kern w:val=\"2\"/><w:sz w:val=\"\(bodySize)\"/><w:szCs w:val=\"\(bodySize)\"/>"
            + "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/>\(noAutoSpace)<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
            + "<w:pPr><w:widowControl w:val=\"0\"/>\(noAutoSpace)<w:spacing w:line=\"\(PageGeometry.linePitch)\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/></w:pPr>"
            + "\(runProperties(font: .body, size: bodySize))</w:style>"
            + pStyle("FQTitle", "公文标题", font: .title, size: titleSize, jc: "center", extra: "<w:snapToGrid w:val=\"0\"/>")
            + pStyle("FQHeading1", "一级标题", font: .heading1, size: bodySize, jc: "both")
            + pStyle("FQHeading2", "二级标题", font: .heading2, size: bodySize, jc: "both")
            + pStyle("FQTableText", "表格文字", font: .body, size: tableSize, jc: "left",
                     extra: "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"\(tableLine)\" w:lineRule=\"exact\"/>")
            + "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>"
            + "<w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"\(PageGeometry.footerLineHeight)\" w:lineRule=\"exact\"/></w:pPr>"
            + "<w:rPr>\(rFonts(.pageNumber))<w:sz w:val=\"\(pageNumberSize)\"/><w:szCs w:val=\"\(pageNumberSize)\"/></w:rPr></w:style>"
            + "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
            + "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
            + "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
            + "</w:tblCellMar></w:tblPr></w:style>"
            + "</w:styles>"
    }()

    /// The page-number footer (GB/T 9704 7.5): `— N —` in 4号宋体, odd pages right and even pages
    /// left, each one character in from the edge of the text area.
    static func footer(oddPage: Bool) -> String {
        let rPr = "<w:rPr>\(rFonts(.pageNumber))<w:sz w:val=\"\(pageNumberSize)\"/><w:szCs w:val=\"\(pageNumberSize)\"/></w:rPr>"
        let indent = oddPage
            ? "<w:ind w:right=\"\(pageNumberSize * 10)\"/><w:jc w:val=\"right\"/>"
            : "<w:ind w:left=\"\(pageNumberSize * 10)\"/><w:jc w:val=\"left\"/>"
        return header
            + "<w:ftr xmlns:w=\"\(wNS)\" xmlns:r=\"\(rNS)\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:snapToGrid w:val=\"0\"/>"
            + "<w:spacing w:line=\"\(PageGeometry.footerLineHeight)\" w:lineRule=\"exact\"/>\(indent)</w:pPr>"
            + "<w:r>\(rPr)<w:t xml:space=\"preserve\">— </w:t></w:r>"
            + "<w:r>\(rPr)<w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r>\(rPr)<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
            + "<w:r>\(rPr)<w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + "<w:r>\(rPr)<w:t>1</w:t></w:r>"
            + "<w:r>\(rPr)<w:fldChar w:fldCharType=\"end\"/></w:r>"
            + "<w:r>\(rPr)<w:t xml:space=\"preserve\"> —</w:t></w:r>"
            + "</w:p></w:ftr>"
    }

    /// The 送达回证 is a form of its own and carries no page number.
    static let emptyFooter = header
        + "<w:ftr xmlns:w=\"\(wNS)\" xmlns:r=\"\(rNS)\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr></w:p></w:ftr>"

    static func coreProperties(_ doc: RenderedDocument) -> String {
        header
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(XMLText.escape(doc.template.nameZH))</dc:title>"
            + "<dc:subject>\(XMLText.escape(doc.number))</dc:subject>"
            + "<dc:creator>\(XMLText.escape(doc.issuer))</dc:creator>"
            + "<dc:identifier>\(XMLText.escape(doc.number))</dc:identifier>"
            + "<cp:keywords>\(XMLText.escape("\(doc.template.code) v\(doc.template.version)"))</cp:keywords>"
            + "<dc:description>\(XMLText.escape(doc.verificationCode.isEmpty ? "" : "校验码 \(doc.verificationCode.uppercased())"))</dc:description>"
            + "</cp:coreProperties>"
    }

    static func appProperties(_ doc: RenderedDocument) -> String {
        header
            + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\""
            + " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
            + "<Application>Fengqiao</Application><DocSecurity>0</DocSecurity>"
            + "<Company>\(XMLText.escape(doc.issuer))</Company>"
            + "</Properties>"
    }

    // MARK: Package

    /// The parts that are the same in every document, compressed once: those before
    /// `word/document.xml` and those between it and `docProps/`, in package order
    /// (`[Content_Types].xml` first, as Word writes it).
    static let fixedEntries: (head: [DocxZip.Entry], middle: [DocxZip.Entry]) = (
        head: [
            DocxZip.Entry("[Content_Types].xml", Array(contentTypes.utf8), level: 9),
            DocxZip.Entry("_rels/.rels", Array(rootRelationships.utf8), level: 9),
        ],
        middle: [
            DocxZip.Entry("word/styles.xml", Array(styles.utf8), level: 9),
            DocxZip.Entry("word/settings.xml", Array(settings.utf8), level: 9),
            DocxZip.Entry("word/fontTable.xml", Array(fontTable.utf8), level: 9),
            DocxZip.Entry("word/_rels/document.xml.rels", Array(documentRelationships.utf8), level: 9),
            DocxZip.Entry("word/footer1.xml", Array(footer(oddPage: true).utf8), level: 9),
            DocxZip.Entry("word/footer2.xml", Array(footer(oddPage: false).utf8), level: 9),
            DocxZip.Entry("word/footer3.xml", Array(emptyFooter.utf8), level: 9),
        ]
    )

    // MARK: Document body (written by `DocumentXML`)

    // GB/T 9704 7.3.5.5: the page with the seal must carry body text, so the last lines before the
    // sign-off keep with it (`keepNext`); likewise signature lines (`<`/`>` lines at the end of a
    // template) stay together with the paragraph before them. Each part but the last ends with a
    // section break, so the next part starts on a new page with its own footer.

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

    /// Two characters (GB/T 9704: paragraphs start two characters in).
    static let firstLineIndent = "<w:ind w:firstLine=\"\(2 * PageGeometry.characterPitch)\"/>"

    // Blocks, as `DocumentXML` writes them: title and issuer head in 2号小标宋 centred on an exact
    // 28.95 pt line like the body, so the page keeps its 22-line grid (22 pt type fits inside it);
    // a line break in a paragraph's value starts a new paragraph of the same kind, so every item of
    // a typed list gets the paragraph's indent; headings keep with the paragraph that follows them;
    // the verification line is small with space above rather than a full empty grid line, so it
    // does not spill onto a page of its own.
    //
    // The sign-off (GB/T 9704 7.3.5.1): the date four characters from the right margin, the
    // issuer centred over the date, the seal pressing on both with its top within one line of the
    // body — so two empty lines are left above the issuer for the upper half of the seal (a 42 mm
    // seal spans about four lines). The date is right-aligned four characters in; the issuer is
    // centred over it with a centre tab stop at the date's estimated middle (CJK one character,
    // digits half), or right-aligned when too long to centre there.
}

// MARK: - HTML print view

enum HTMLPage {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { b in
            b < 0x20 || b == 0xEF || b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
                || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
        }) else { return text }
        var out = ""
        for ch in XMLText.legal(text) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Escaped text with line breaks as `<br>`.
    static func text(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n").map(escape).joined(separator: "<br>")
    }

    static let fonts = (
        title: "\"方正小标宋简体\", \"华文中宋\", STZhongsong, SimSun, \"Noto Serif CJK SC\", serif",
        body: "\"仿宋_GB2312\", \"仿宋\", FangSong, STFangsong, \"Noto Serif CJK SC\", serif",
        heading1: "\"黑体\", SimHei, \"Noto Sans CJK SC\", sans-serif",
        heading2: "\"楷体_GB2312\", \"楷体\", KaiTi, STKaiti, \"Noto Serif CJK SC\", serif",
        pageNumber: "\"宋体\", SimSun, \"Noto Serif CJK SC\", serif"
    )

    static let style = """
    @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
    @page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt \(fonts.pageNumber); padding-right: 1em; } }
    @page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt \(fonts.pageNumber); padding-left: 1em; } }
    @page unnumbered { @bottom-right { content: none; } @bottom-left { content: none; } }
    .stub, .receipt { page: unnumbered; }
    html { background: #e8e8e8; }
    body { margin: 0; color: #000; font-family: \(fonts.body); font-size: 16pt; line-height: 28.95pt; }
    .page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
    p { margin: 0; }
    .head, .title { font-family: \(fonts.title); font-size: 22pt; font-weight: normal; text-align: center; margin: 0; line-height: 28.95pt; }
    .number { text-align: right; }
    .blank, p:empty { height: 28.95pt; }
    .body { text-indent: 2em; text-align: justify; }
    .h1 { text-indent: 2em; font-family: \(fonts.heading1); }
    .h2 { text-indent: 2em; font-family: \(fonts.heading2); }
    .flush { text-align: justify; }
    .right { text-align: right; padding-right: 4em; }
    table.form { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 12pt; line-height: 18pt; }
    table.form td, table.form th { border: 0.5pt solid #000; padding: 2pt 5.4pt; vertical-align: middle; font-weight: normal; }
    .c-left { text-align: left; } .c-center { text-align: center; } .c-right { text-align: right; }
    .signoff { position: relative; width: max-content; margin: 0 4em 0 auto; padding-top: 57.9pt; text-align: center; break-inside: avoid; }
    .seal-mark { position: absolute; top: 0; left: 50%; width: 42mm; height: 42mm; margin-left: -21mm; border: 1px dashed #c33; border-radius: 50%; color: #c33; font-size: 10.5pt; line-height: 42mm; opacity: .6; }
    .verification { font-size: 10.5pt; line-height: 15pt; margin-top: 12pt; }
    .closing { break-inside: avoid; }
    .note { font-size: 12pt; line-height: 18pt; text-indent: 2em; margin-top: 6pt; }
    @media print {
      html { background: none; }
      .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
      .page + .page { break-before: page; }
      .seal-mark { display: none; }
    }
    """

    static func render(_ layout: Layout, doc: RenderedDocument) -> String {
        var s = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>\(escape(layout.title + (doc.number.isEmpty ? "" : " " + doc.number)))</title>"
            + "<style>\n\(style)\n</style></head><body>\n"
        for part in layout.parts {
            s += "<section class=\"page \(part.kind.rawValue)\">\n"
            // GB/T 9704 7.3.5.5 on paper too: the sign-off stays on one page with the paragraph
            // before it and the verification line after it.
            let blocks = part.blocks
            var start = blocks.count
            if let signOff = blocks.firstIndex(where: { if case .signOff = $0 { return true } else { return false } }) {
                start = signOff
                if start > 0, case .paragraph = blocks[start - 1] { start -= 1 }
            }
            for (i, block) in blocks.enumerated() {
                if i == start { s += "<div class=\"closing\">\n" }
                s += html(block) + "\n"
            }
            if start < blocks.count { s += "</div>\n" }
            s += "</section>\n"
        }
        return s + "</body></html>\n"
    }

    static func html(_ block: LayoutBlock) -> String {
        switch block {
        case .issuerHead(let t): return "<p class=\"head\">\(text(t))</p>"
        case .title(let t): return "<h1 class=\"title\">\(text(t))</h1>"
        case .number(let t): return "<p class=\"number\">\(text(t))</p>"
        case .blank: return "<p class=\"blank\"></p>"
        case .paragraph(let kind, let t):
            let cls: String
            switch kind {
            case .body: cls = "body"
            case .heading1: cls = "h1"
            case .heading2: cls = "h2"
            case .flush: cls = "flush"
            case .right: cls = "right"
            }
            return t.components(separatedBy: "\n").map { "<p class=\"\(cls)\">\(escape($0))</p>" }.joined(separator: "\n")
        case .table(let table):
            let total = Double(table.columns.reduce(0, +))
            var s = "<table class=\"form\"><colgroup>"
            for w in table.columns { s += "<col style=\"width: \(String(format: "%.2f", Double(w) / total * 100))%\">" }
            s += "</colgroup>"
            for (r, row) in table.rows.enumerated() {
                let height = r < table.minHeights.count ? table.minHeights[r] : 567
                s += "<tr style=\"height: \(String(format: "%.1f", Double(height) / 20))pt\">"
                let cells = Array(row.prefix(table.columns.count))
                let tag = table.header && r == 0 ? "th" : "td"
                for (c, cell) in cells.enumerated() {
                    let span = c == cells.count - 1 ? table.columns.count - c : 1
                    s += "<\(tag) class=\"c-\(cell.alignment.rawValue)\"" + (span > 1 ? " colspan=\"\(span)\"" : "") + ">"
                        + text(cell.text) + "</\(tag)>"
                }
                s += "</tr>"
            }
            return s + "</table>"
        case .signOff(let issuer, let date):
            return "<div class=\"signoff\"><span class=\"seal-mark\">（印章）</span>"
                + "<p>\(text(issuer))</p><p>\(text(date))</p></div>"
        case .verification(let t):
            return "<p class=\"verification\">\(text(t))</p>"
        case .note(let t):
            return "<p class=\"note\">\(text(t))</p>"
        }
    }
}
