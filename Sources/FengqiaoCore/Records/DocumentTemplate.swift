import Foundation

// A document template as data (DOC-01): what a procedure's folder declares and the legal department
// edits. Parsing, checking and rendering are in FengqiaoDocuments.

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

    /// The required fields whose value is missing or only whitespace, in declaration order
    /// (DOC-02: an empty required field blocks issuing, and the message names it).
    public func missingRequired(_ values: [String: String]) -> [FieldSpec] {
        fields.filter { field in
            field.required && (values[field.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }
}
