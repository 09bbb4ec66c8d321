import FengqiaoCore
import Foundation

// The template data type lives in the core (a procedure's folder declares its templates); the
// parsing, checking and filling that the renderers share live here.
extension DocumentTemplate {
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
