import Foundation

// CP-44 (design) for any procedure: bulk dispatch, assign and export — at most 200 items, one audit
// entry each. A procedure declares what it allows (`Procedure.bulk`); every item then goes through the
// procedure's own transition, in its own write, so every rule holds per item and a refused item
// changes nothing while the others proceed. Decisions, terminations and closures are never taken in
// bulk: each needs its own reasons and approval. The web's bulk page and API are generic over this.

/// An operation on many cases at once.
public enum BulkOperation: String, Sendable, Codable, CaseIterable {
    case dispatch, assign, export
    public var nameZH: String {
        switch self {
        case .dispatch: "批量分送"
        case .assign: "批量指派承办人"
        case .export: "批量导出"
        }
    }
}

/// What a procedure allows in bulk and how its refusals read.
public struct BulkPlan: Sendable {
    /// CP-44: at most this many items per request.
    public static let limit = 200

    /// The operations allowed, each with the transition every item goes through (export: none).
    public let transitions: [BulkOperation: String]
    /// The stable codes' prefix (`complaint` → `complaint.bulk.refused`).
    public let codePrefix: String
    /// Words a client may use for what is refused in bulk: the deciding and closing steps' keys.
    public let refused: Set<String>
    /// Why they are refused, in words (`受理/不予受理、终止调解和办结须逐件办理`).
    public let refusedZH: String
    /// The export's header; each row is `Procedure.bulkExportRow`.
    public let exportHeader: [String]

    public init(transitions: [BulkOperation: String], codePrefix: String, refused: Set<String>, refusedZH: String, exportHeader: [String]) {
        self.transitions = transitions
        self.codePrefix = codePrefix
        self.refused = refused.union(Self.closing)
        self.refusedZH = refusedZH
        self.exportHeader = exportHeader
    }

    /// Plain words for deciding and closing that no procedure takes in bulk.
    static let closing: Set<String> = ["accept", "reject", "decide", "decision", "terminate", "termination", "close", "conclude", "archive"]

    /// The operations allowed, in a fixed order (export always among them).
    public var operations: [BulkOperation] { BulkOperation.allCases.filter { $0 == .export || transitions[$0] != nil } }

    /// The transition an item goes through; nil for export, which changes nothing.
    public func transition(_ op: BulkOperation) -> String? { transitions[op] }

    /// The operation `raw` names, or why it is refused: deciding, terminating and closing
    /// (`….bulk.refused`), anything else unknown (`….bulk.operation.unknown`).
    public func operation(_ raw: String) throws(DomainError) -> BulkOperation {
        if let op = BulkOperation(rawValue: raw), operations.contains(op) { return op }
        if refused.contains(raw) {
            throw DomainError.invalid([FieldError(field: "operation", rule: "CP-44", code: "\(codePrefix).bulk.refused", messageZH: "\(refusedZH)，不得批量操作")])
        }
        throw DomainError.invalid([FieldError(field: "operation", rule: "CP-44", code: "\(codePrefix).bulk.operation.unknown",
                                              messageZH: "批量操作只能是" + operations.map { $0.nameZH.replacingOccurrences(of: "批量", with: "") }.joined(separator: "、"))])
    }

    /// The selected items, each once, in the order given: at least one, at most `limit`
    /// (`….bulk.too-many`), every one an id (`….bulk.id.invalid`).
    public func selection(_ raw: [String]) throws(DomainError) -> [UUID] {
        var seen = Set<UUID>()
        var ids: [UUID] = []
        for text in raw {
            guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                throw DomainError.invalid([FieldError(field: "ids", rule: "CP-44", code: "\(codePrefix).bulk.id.invalid", messageZH: "所选案件编号无效")])
            }
            if seen.insert(id).inserted { ids.append(id) }
        }
        if ids.isEmpty {
            throw DomainError.invalid([FieldError(field: "ids", rule: "CP-44", code: "\(codePrefix).bulk.empty", messageZH: "请至少选择一件")])
        }
        if ids.count > Self.limit {
            throw DomainError.invalid([FieldError(field: "ids", rule: "CP-44", code: "\(codePrefix).bulk.too-many",
                                                  messageZH: "一次最多批量办理\(Self.limit)件，已选\(ids.count)件")])
        }
        return ids
    }
}

/// CP-44's 指派承办人, shared by every procedure that assigns in bulk: the head of the unit holding
/// the item names one of the unit's active staff as its handler, item by item through the engine
/// (PLT-06's conflict check, one audit entry each); nothing else changes.
public enum HandlerAssignment {
    public static let handler = TypedField<UUID>.user("handler", "承办人")

    public static func errors<F>(_ input: UUID, case c: ProcedureCase<F>, context: ProcedureContext, prefix: String) -> [FieldError] {
        guard let person = context.people[input], person.active else {
            return [FieldError(field: handler.name, rule: "CP-44", code: "\(prefix).handler.unknown", messageZH: "承办人不存在或已停用")]
        }
        if person.unitID != c.unitID {
            return [FieldError(field: handler.name, rule: "CP-44", code: "\(prefix).handler.other-unit", messageZH: "承办人须为案件所在单位的工作人员")]
        }
        if c.handlerID == input {
            return [FieldError(field: handler.name, rule: "CP-44", code: "\(prefix).handler.same", messageZH: "\(person.name)已是本件承办人")]
        }
        return []
    }

    public static func assigned<F>(_ input: UUID, case c: ProcedureCase<F>, context: ProcedureContext) -> Outcome<F> {
        Outcome(state: c.state, gravity: c.gravity, facts: c.facts, handlerID: input, summaryZH: "指派承办人：\(context.people[input]?.name ?? "")")
    }
}

extension Procedure {
    public static var bulk: BulkPlan? { nil }
    public static func bulkExportRow(number: String, state: String, unit: String, handler: String, facts: Facts) -> [String] { [number, state, unit, handler] }
}
