import Foundation

/// One named value a template needs (DOC-01): the placeholder name used in the body, the label the
/// form and error messages show, and whether issuing is blocked while it is empty (DOC-02).
public struct FieldSpec: Sendable, Equatable, Hashable, Codable {
    /// Placeholder name as written in the body, e.g. `party.name` for `{{party.name}}`.
    public let name: String
    /// Chinese label shown on forms and in "field missing" messages, e.g. `当事人名称`.
    public let labelZH: String
    /// An empty required field blocks issuing (DOC-02).
    public let required: Bool

    public init(_ name: String, _ labelZH: String, required: Bool = true) {
        self.name = name
        self.labelZH = labelZH
        self.required = required
    }
}

/// Why a template body cannot be saved (DOC-02). `code` is stable English; `messageZH` is shown to
/// the legal department editing the template.
public enum TemplateProblem: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// `{{name}}` where `name` is neither a declared field nor a system placeholder (`doc.*`).
    case unknownPlaceholder(name: String, line: Int)
    /// `{{` without a matching `}}`, or braces around something that is not a placeholder name.
    case malformedPlaceholder(text: String, line: Int)
    /// A table row (`| … |`) that does not end with `|`.
    case malformedTableRow(line: Int)
    /// Two fields with the same name.
    case duplicateField(String)
    /// A field name that is not `letters/digits/_` segments joined by dots, or that uses the
    /// reserved `doc.` namespace.
    case invalidFieldName(String)
    /// The body has no text at all.
    case emptyBody

    public var code: String {
        switch self {
        case .unknownPlaceholder: return "template.unknown-placeholder"
        case .malformedPlaceholder: return "template.malformed-placeholder"
        case .malformedTableRow: return "template.malformed-table-row"
        case .duplicateField: return "template.duplicate-field"
        case .invalidFieldName: return "template.invalid-field-name"
        case .emptyBody: return "template.empty-body"
        }
    }

    public var messageZH: String {
        switch self {
        case .unknownPlaceholder(let name, let line):
            return "第\(line)行的占位符{{\(name)}}不是本模板的字段"
        case .malformedPlaceholder(let text, let line):
            return "第\(line)行的占位符写法有误：\(text)"
        case .malformedTableRow(let line):
            return "第\(line)行的表格行应以“|”结尾"
        case .duplicateField(let name):
            return "字段\(name)重复定义"
        case .invalidFieldName(let name):
            return "字段名\(name)无效（只能由字母、数字、下划线和点组成，且不能以doc.开头）"
        case .emptyBody:
            return "模板正文为空"
        }
    }

    public var description: String { "\(code): \(messageZH)" }
}

/// A document template (DOC-01): what the legal department edits and what every issued document
/// keeps a copy of (an issued document keeps the version it was made with).
///
/// ## Body syntax
///
/// The body is plain text, one paragraph per line, so a template reads like the printed page:
///
/// - a plain line is a body paragraph (justified, first line indented two characters);
/// - `# 一、标题` is a first-level heading (黑体), `## （一）标题` a second-level heading (楷体);
/// - `< 文字` is flush left without indent (顶格, e.g. the addressee `< {{party.name}}：`);
/// - `> 文字` is right-aligned, four characters from the right margin (signatures, dates);
/// - lines starting with `|` form a table, cells separated by `|` (`| 当事人 | {{party.name}} |`);
///   a row with fewer cells than the widest row stretches its last cell; a second row made only of
///   dashes (`|---|---|`) makes the first row a header;
/// - an empty line leaves one empty line on the page;
/// - `{{name}}` inserts a field's value (`name` is letters, digits and `_` in dot-separated parts);
/// - `\n` inside a line is a line break within the paragraph or cell; a leading `\` makes the rest of
///   the line a plain paragraph even if it starts with `#`, `<`, `>` or `|`.
///
/// Values are inserted as plain text after the structure is parsed: a value containing `{{…}}`,
/// `#` or `|` is printed as typed, never interpreted; a line break in a value breaks the line.
public struct DocumentTemplate: Sendable, Equatable, Hashable {
    /// Stable code, e.g. `IV-NOTICE`.
    public var code: String
    /// Chinese name printed as the title, e.g. `行政约谈通知书`.
    public var nameZH: String
    /// Class within the module: `start | implement | result` for interviews (DOC-01).
    public var docClass: String
    /// Editing creates a new version; issued documents keep theirs (DOC-01).
    public var version: Int
    /// The fields the body may reference.
    public var fields: [FieldSpec]
    /// Rendered with a stub (存根) as a separate first part (DOC-22).
    public var hasStub: Bool
    /// Served on the party; rendered with a 送达回证 as a last part (DOC-30).
    public var needsService: Bool
    /// The type word of the document number, e.g. `约` in `中村约〔2025〕12号` (DOC-10).
    public var typeWord: String
    /// Ends with the issuer and date over a seal area (GB/T 9704 7.3.5.1). Internal forms and the
    /// party's own report carry their signatures in the body instead.
    public var sealed: Bool
    /// One line summarising the document on the stub (DOC-22), with placeholders like the body.
    public var stubSummary: String
    /// The template text (syntax above).
    public var body: String

    public init(
        code: String, nameZH: String, docClass: String, version: Int = 1, fields: [FieldSpec],
        hasStub: Bool = false, needsService: Bool = false, typeWord: String, sealed: Bool = true,
        stubSummary: String = "", body: String
    ) {
        self.code = code
        self.nameZH = nameZH
        self.docClass = docClass
        self.version = version
        self.fields = fields
        self.hasStub = hasStub
        self.needsService = needsService
        self.typeWord = typeWord
        self.sealed = sealed
        self.stubSummary = stubSummary
        self.body = body
    }

    /// Placeholders every template may use without declaring them; the renderer fills them from
    /// the document itself (number, issue date, issuer, title, recipient).
    public static let systemPlaceholders: Set<String> = [
        "doc.number", "doc.date", "doc.issuer", "doc.title", "doc.recipient",
    ]

    /// Problems that stop a template body from being saved (DOC-02): unknown or malformed
    /// placeholders, broken table rows, duplicate or invalid field names, an empty body.
    /// Empty means the body is valid.
    public static func validate(body: String, fields: [FieldSpec]) -> [TemplateProblem] {
        var problems = fieldProblems(fields)
        let parsed = TemplateParser.parse(body)
        problems += parsed.problems
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append(.emptyBody) }
        problems += unknownPlaceholders(in: parsed.blocks, fields: fields)
        return problems
    }

    /// All problems of this template: the body's and the stub summary's (DOC-02).
    public var problems: [TemplateProblem] {
        var problems = Self.validate(body: body, fields: fields)
        if hasStub {
            let summary = TemplateParser.parse(stubSummary)
            problems += summary.problems
            problems += Self.unknownPlaceholders(in: summary.blocks, fields: fields)
        }
        return problems
    }

    /// The required fields whose value is missing or only whitespace, in declaration order
    /// (DOC-02: an empty required field blocks issuing, and the message names it).
    public func missingRequired(_ values: [String: String]) -> [FieldSpec] {
        fields.filter { field in
            field.required && (values[field.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }

    /// The placeholder names the body and stub summary use, in order of first appearance.
    public var placeholders: [String] {
        var seen: Set<String> = []
        var result: [String] = []
        let sources = hasStub ? [body, stubSummary] : [body]
        for source in sources {
            for name in TemplateParser.parse(source).blocks.flatMap(\.placeholders) where seen.insert(name).inserted {
                result.append(name)
            }
        }
        return result
    }

    /// The body with every placeholder replaced by its value, as plain text (one paragraph per
    /// line, table cells separated by tabs): a preview, and the text search and hashing see.
    public func filledText(_ values: [String: String]) -> String {
        Self.plainText(of: resolvedBody(values))
    }

    // MARK: - Internals shared with the renderers

    /// The body parsed and filled: values are substituted as text, never parsed (DOC-02).
    func resolvedBody(_ values: [String: String]) -> [ResolvedBlock] {
        TemplateParser.parse(body).blocks.map { $0.resolved(values) }
    }

    /// The stub summary filled, as one line of text (line breaks become spaces).
    func resolvedStubSummary(_ values: [String: String]) -> String {
        TemplateParser.parse(stubSummary).blocks.map { block -> String in
            guard case .paragraph(_, let text) = block.resolved(values) else { return "" }
            return text
        }
        .filter { !$0.isEmpty }
        .joined(separator: " ")
        .replacingOccurrences(of: "\n", with: " ")
    }

    static func plainText(of blocks: [ResolvedBlock]) -> String {
        blocks.map { block -> String in
            switch block {
            case .blank: return ""
            case .paragraph(_, let text): return text
            case .table(_, let rows): return rows.map { $0.map(\.text).joined(separator: "\t") }.joined(separator: "\n")
            }
        }
        .joined(separator: "\n")
    }

    private static func fieldProblems(_ fields: [FieldSpec]) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        var seen: Set<String> = []
        for field in fields {
            if !TemplateParser.isValidName(field.name) || field.name.hasPrefix("doc.") {
                problems.append(.invalidFieldName(field.name))
            }
            if !seen.insert(field.name).inserted { problems.append(.duplicateField(field.name)) }
        }
        return problems
    }

    private static func unknownPlaceholders(in blocks: [TemplateBlock], fields: [FieldSpec]) -> [TemplateProblem] {
        let known = Set(fields.map(\.name)).union(systemPlaceholders)
        var problems: [TemplateProblem] = []
        for block in blocks {
            for (name, line) in block.placeholderLines where !known.contains(name) {
                problems.append(.unknownPlaceholder(name: name, line: line))
            }
        }
        return problems
    }
}

// MARK: - Parsed form

/// How a paragraph of the body is laid out.
enum ParagraphKind: Sendable, Equatable, Hashable {
    /// Justified, first line indented two characters.
    case body
    /// `# ` — first-level heading (黑体).
    case heading1
    /// `## ` — second-level heading (楷体).
    case heading2
    /// `< ` — flush left, no indent (顶格).
    case flush
    /// `> ` — right-aligned, four characters from the right margin.
    case right
}

/// A piece of a line: literal text or a placeholder.
enum TemplateSegment: Sendable, Equatable, Hashable {
    case text(String)
    case placeholder(String)
}

/// One parsed line (or table) of a template body.
enum TemplateBlock: Sendable, Equatable, Hashable {
    case blank
    case paragraph(ParagraphKind, [TemplateSegment], line: Int)
    /// Rows of cells of segments; `header` when the first row is a header row.
    case table(header: Bool, rows: [[[TemplateSegment]]], lines: [Int])

    var placeholders: [String] { placeholderLines.map(\.0) }

    var placeholderLines: [(String, Int)] {
        func names(_ segments: [TemplateSegment], _ line: Int) -> [(String, Int)] {
            segments.compactMap { if case .placeholder(let name) = $0 { return (name, line) } else { return nil } }
        }
        switch self {
        case .blank: return []
        case .paragraph(_, let segments, let line): return names(segments, line)
        case .table(_, let rows, let lines):
            return zip(rows, lines).flatMap { row, line in row.flatMap { names($0, line) } }
        }
    }

    /// Substitutes values as plain text. Missing values become empty text.
    func resolved(_ values: [String: String]) -> ResolvedBlock {
        func fill(_ segments: [TemplateSegment]) -> String {
            var out = ""
            for segment in segments {
                switch segment {
                case .text(let text): out += text
                case .placeholder(let name): out += Self.normalisedNewlines(values[name] ?? "")
                }
            }
            return out
        }
        switch self {
        case .blank: return .blank
        case .paragraph(let kind, let segments, _): return .paragraph(kind, fill(segments))
        case .table(let header, let rows, _):
            return .table(header: header, rows: rows.map { row in
                row.map { cell in
                    // A short cell of fixed text is a label (centred on the form); a cell with a
                    // placeholder or a long text is content.
                    let isLabel = cell.allSatisfy { if case .text = $0 { return true } else { return false } }
                        && fill(cell).count <= 12
                    return ResolvedCell(text: fill(cell), isLabel: isLabel)
                }
            })
        }
    }

    static func normalisedNewlines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

/// A block after substitution: what the DOCX and HTML renderers lay out. Text may contain `\n`
/// (line breaks within the paragraph or cell).
enum ResolvedBlock: Sendable, Equatable, Hashable {
    case blank
    case paragraph(ParagraphKind, String)
    case table(header: Bool, rows: [[ResolvedCell]])
}

/// A table cell after substitution.
struct ResolvedCell: Sendable, Equatable, Hashable {
    var text: String
    /// Fixed label text (no placeholder, at most 12 characters): centred on the form.
    var isLabel: Bool
}

/// Parses the body syntax documented on `DocumentTemplate`.
enum TemplateParser {
    struct Result: Sendable {
        var blocks: [TemplateBlock]
        var problems: [TemplateProblem]
    }

    static func parse(_ body: String) -> Result {
        var lines = TemplateBlock.normalisedNewlines(body).components(separatedBy: "\n")
        // Leading and trailing empty lines carry no meaning; inner ones are kept as blank lines.
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }

        var blocks: [TemplateBlock] = []
        var problems: [TemplateProblem] = []
        var tableRows: [[[TemplateSegment]]] = []
        var tableLines: [Int] = []

        func flushTable() {
            guard !tableRows.isEmpty else { return }
            var rows = tableRows
            var rowLines = tableLines
            var header = false
            if rows.count >= 2, isSeparatorRow(rows[1]) {
                header = true
                rows.remove(at: 1)
                rowLines.remove(at: 1)
            }
            blocks.append(.table(header: header, rows: rows, lines: rowLines))
            tableRows = []
            tableLines = []
        }

        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("|") {
                guard line.count >= 2, line.hasSuffix("|") else {
                    problems.append(.malformedTableRow(line: number))
                    continue
                }
                let inner = line.dropFirst().dropLast()
                let cells = inner.split(separator: "|", omittingEmptySubsequences: false).map { cell in
                    segments(cell.trimmingCharacters(in: .whitespaces), line: number, problems: &problems)
                }
                tableRows.append(cells)
                tableLines.append(number)
                continue
            }
            flushTable()
            if line.isEmpty {
                blocks.append(.blank)
                continue
            }
            let (kind, text) = paragraphKind(line)
            blocks.append(.paragraph(kind, segments(text, line: number, problems: &problems), line: number))
        }
        flushTable()
        return Result(blocks: blocks, problems: problems)
    }

    private static func paragraphKind(_ line: String) -> (ParagraphKind, String) {
        func rest(_ prefix: String) -> String {
            String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        if line.hasPrefix("\\") { return (.body, String(line.dropFirst())) }
        if line.hasPrefix("## ") { return (.heading2, rest("## ")) }
        if line.hasPrefix("# ") { return (.heading1, rest("# ")) }
        if line.hasPrefix("< ") { return (.flush, rest("< ")) }
        if line.hasPrefix("> ") { return (.right, rest("> ")) }
        return (.body, line)
    }

    private static func isSeparatorRow(_ row: [[TemplateSegment]]) -> Bool {
        row.allSatisfy { cell in
            guard cell.count == 1, case .text(let text) = cell[0] else { return false }
            return !text.isEmpty && text.allSatisfy { $0 == "-" || $0 == ":" }
        }
    }

    /// Splits a line into literal text and `{{name}}` placeholders; `\n` in literal text is a line break.
    static func segments(_ text: String, line: Int, problems: inout [TemplateProblem]) -> [TemplateSegment] {
        var result: [TemplateSegment] = []
        var literal = ""
        var rest = Substring(text)
        func flushLiteral() {
            if !literal.isEmpty { result.append(.text(literal.replacingOccurrences(of: "\\n", with: "\n"))) }
            literal = ""
        }
        while let open = rest.range(of: "{{") {
            literal += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                problems.append(.malformedPlaceholder(text: String(rest[open.lowerBound...]), line: line))
                literal += rest[open.lowerBound...]
                rest = ""
                break
            }
            let name = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if isValidName(name) {
                flushLiteral()
                result.append(.placeholder(name))
            } else {
                problems.append(.malformedPlaceholder(text: String(rest[open.lowerBound..<close.upperBound]), line: line))
                literal += rest[open.lowerBound..<close.upperBound]
            }
            rest = afterOpen[close.upperBound...]
        }
        literal += rest
        flushLiteral()
        return result
    }

    /// `part(.part)*` where a part is an ASCII letter followed by ASCII letters, digits or `_`.
    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
            return part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        }
    }
}
