import Foundation

/// A template parsed and validated once, for rendering many documents from it: `problems`
/// (DOC-02) and the parsed body and stub summary, which `Layout` fills with each document's values.
///
/// Results are the same as `DocumentTemplate.problems`, `resolvedBody(_:)` and
/// `resolvedStubSummary(_:)`, which parse the template on every call.
struct PreparedTemplate: Sendable {
    let template: DocumentTemplate
    let problems: [TemplateProblem]
    let body: [TemplateBlock]
    let stubSummary: [TemplateBlock]

    init(_ template: DocumentTemplate) {
        self.template = template
        problems = template.problems
        body = TemplateParser.parse(template.body).blocks
        stubSummary = TemplateParser.parse(template.stubSummary).blocks
    }

    /// As `DocumentTemplate.resolvedBody(_:)`.
    func resolvedBody(_ values: [String: String]) -> [ResolvedBlock] {
        body.map { Self.resolved($0, values) }
    }

    /// As `DocumentTemplate.resolvedStubSummary(_:)`.
    func resolvedStubSummary(_ values: [String: String]) -> String {
        let summary = stubSummary.map { block -> String in
            guard case .paragraph(_, let text) = Self.resolved(block, values) else { return "" }
            return text
        }
        .filter { !$0.isEmpty }
        .joined(separator: " ")
        return TextLines.newlinesAsSpaces(summary)
    }

    /// As `TemplateBlock.resolved(_:)`: values substituted as plain text, missing ones empty, CR LF
    /// and CR made LF — without calling Foundation for a value that has no CR.
    static func resolved(_ block: TemplateBlock, _ values: [String: String]) -> ResolvedBlock {
        func fill(_ segments: [TemplateSegment]) -> String {
            var out = ""
            for segment in segments {
                switch segment {
                case .text(let text): out += text
                case .placeholder(let name):
                    let value = values[name] ?? ""
                    out += value.utf8.contains(0x0D) ? TemplateBlock.normalisedNewlines(value) : value
                }
            }
            return out
        }
        switch block {
        case .blank: return .blank
        case .paragraph(let kind, let segments, _): return .paragraph(kind, fill(segments))
        case .table(let header, let rows, _):
            return .table(header: header, rows: rows.map { row in
                row.map { cell in
                    // A short cell of fixed text is a label (centred on the form).
                    let text = fill(cell)
                    let isLabel = cell.allSatisfy { if case .text = $0 { return true } else { return false } }
                        && text.count <= 12
                    return ResolvedCell(text: text, isLabel: isLabel)
                }
            })
        }
    }

    // MARK: - Cache

    /// Templates prepared so far, by code and version. A template is edited into a new version, so
    /// one entry per version suffices; an entry is used only when its template equals the one asked
    /// for (a template being edited, or one loaded from elsewhere with the same code and version,
    /// is prepared afresh and replaces it).
    private static let cache = Cache()

    /// More entries than this clears the cache (there are a few dozen templates in use).
    static let cacheLimit = 256

    static func prepared(_ template: DocumentTemplate) -> PreparedTemplate {
        let key = Key(code: template.code, version: template.version)
        if let hit = cache.get(key), hit.template == template { return hit }
        let prepared = PreparedTemplate(template)
        cache.set(key, prepared, limit: cacheLimit)
        return prepared
    }

    private struct Key: Hashable, Sendable {
        var code: String
        var version: Int
    }

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [Key: PreparedTemplate] = [:]

        func get(_ key: Key) -> PreparedTemplate? {
            lock.lock()
            defer { lock.unlock() }
            return entries[key]
        }

        func set(_ key: Key, _ value: PreparedTemplate, limit: Int) {
            lock.lock()
            defer { lock.unlock() }
            if entries.count >= limit && entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }
}
