import Foundation

// CP-44 (design): bulk dispatch, assign and export of complaints — at most 200 items, one audit entry
// each. Every item goes through the procedure's own transition (Dispatch for CP-09…CP-13, including
// its refusal of an item already dispatched; AssignHandler), in its own write, so every rule holds
// per item and a refused item changes nothing while the others proceed. Deciding 受理/不予受理,
// terminating or closing is never done in bulk: each needs its own reasons and approval.

/// What may be done to many complaints at once, and what is refused.
public enum ComplaintBulk {
    /// CP-44: at most this many items per request.
    public static let limit = 200

    /// The bulk operations CP-44 allows.
    public enum Operation: String, Sendable, Codable, CaseIterable {
        case dispatch, assign, export
        public var nameZH: String {
            switch self {
            case .dispatch: "批量分送"
            case .assign: "批量指派承办人"
            case .export: "批量导出"
            }
        }
        /// The transition each item goes through; nil for export, which changes nothing.
        public var transition: String? {
            switch self {
            case .dispatch: ComplaintProcedure.Dispatch.spec.key
            case .assign: ComplaintProcedure.AssignHandler.spec.key
            case .export: nil
            }
        }
    }

    /// CP-44: the operations refused in bulk, by the names a client may use (the steps' own keys and plain words).
    static let refused: Set<String> = [
        "accept", "reject", "decide", "decision", "proposeDecision", "approveDecision", "terminate", "termination", "proposeTermination",
        "decideTermination", "serveTermination", "close", "conclude", "recordOutcome", "archive",
    ]

    /// The operation `raw` names, or why it is refused: 受理/不予受理, termination and closure
    /// (`complaint.bulk.refused`), anything else unknown (`complaint.bulk.operation.unknown`).
    public static func operation(_ raw: String) throws(DomainError) -> Operation {
        if let op = Operation(rawValue: raw) { return op }
        if refused.contains(raw) {
            throw DomainError.invalid([FieldError(field: "operation", rule: "CP-44", code: "complaint.bulk.refused",
                                                  messageZH: "受理/不予受理、终止调解和办结须逐件办理，不得批量操作")])
        }
        throw DomainError.invalid([FieldError(field: "operation", rule: "CP-44", code: "complaint.bulk.operation.unknown",
                                              messageZH: "批量操作只能是分送、指派承办人或导出")])
    }

    /// The selected items, each once, in the order given: at least one, at most `limit`
    /// (`complaint.bulk.too-many`), every one an id (`complaint.bulk.id.invalid`).
    public static func selection(_ raw: [String]) throws(DomainError) -> [UUID] {
        var seen = Set<UUID>()
        var ids: [UUID] = []
        for text in raw {
            guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                throw DomainError.invalid([FieldError(field: "ids", rule: "CP-44", code: "complaint.bulk.id.invalid", messageZH: "所选案件编号无效")])
            }
            if seen.insert(id).inserted { ids.append(id) }
        }
        if ids.isEmpty {
            throw DomainError.invalid([FieldError(field: "ids", rule: "CP-44", code: "complaint.bulk.empty", messageZH: "请至少选择一件")])
        }
        if ids.count > limit {
            throw DomainError.invalid([FieldError(field: "ids", rule: "CP-44", code: "complaint.bulk.too-many",
                                                  messageZH: "一次最多批量办理\(limit)件，已选\(ids.count)件")])
        }
        return ids
    }

    /// CP-44, CP-08, X-09: one exported row — structured fields only. A complainant whose submission
    /// was split is also the reporter of its report track, so no complainant identity is exported at
    /// all (nor any phone, ID number, address or free text a person may have typed), and nothing of
    /// the report track; the respondent, the trader complained about, is named.
    public static func exportRow(number: String, state: String, unit: String, handler: String, facts f: ComplaintFacts) -> [String] {
        [number, state, f.channel.nameZH, f.externalNo ?? "", f.receivedOn.iso, f.competentReceiptOn?.iso ?? "", f.respondentName, unit, handler,
         f.dispatches.last.map { "\($0.on.iso)→\($0.unitCode)，反馈\($0.reportBackOn.iso)" } ?? "", f.decision.map { $0.choice.nameZH } ?? "",
         f.ending.map { $0.outcome.nameZH } ?? ""]
    }

    public static let exportHeader = ["编号", "状态", "来源渠道", "平台编号", "收到日期", "有管辖权单位收到日期", "被投诉人", "承办单位", "承办人", "最近分送",
                                      "受理决定", "办理结果"]
}

extension ComplaintProcedure {
    /// CP-44: the head of the unit holding the item names its handler (承办人), one of the unit's
    /// active staff. The step exists so that a bulk assignment runs item by item through the engine,
    /// with PLT-06's conflict check and one audit entry each; it changes nothing else.
    public enum AssignHandler: ComplaintStep {
        static let handler = TypedField<UUID>.user("handler", "承办人")

        public static let spec = TransitionSpec("assignHandler", "指派承办人",
                                                from: ["registered", "dispatched", "awaitingDecision", "awaitingApproval", "mediating", "paused", "terminating"],
                                                permissions: [.caseAssign], fields: [handler.spec], rule: "CP-44")

        public static func decode(_ i: ActionInput) -> UUID? { handler(i) }

        public static func check(_ input: UUID, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            guard let person = context.people[input], person.active else {
                return [FieldError(field: handler.name, rule: "CP-44", code: "complaint.handler.unknown", messageZH: "承办人不存在或已停用")]
            }
            if person.unitID != c.unitID {
                return [FieldError(field: handler.name, rule: "CP-44", code: "complaint.handler.other-unit", messageZH: "承办人须为案件所在单位的工作人员")]
            }
            if c.handlerID == input {
                return [FieldError(field: handler.name, rule: "CP-44", code: "complaint.handler.same", messageZH: "\(person.name)已是本件承办人")]
            }
            return []
        }

        public static func apply(_ input: UUID, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            Outcome(state: c.state, gravity: c.gravity, facts: c.facts, handlerID: input,
                    summaryZH: "指派承办人：\(context.people[input]?.name ?? "")")
        }
    }
}
