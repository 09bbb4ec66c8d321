import Foundation

// CP-44 (design) for complaints: bulk dispatch (Dispatch for CP-09…CP-13, including its refusal of an
// item already dispatched), assign (AssignHandler) and export, through the kit's `BulkPlan`.

/// What may be done to many complaints at once, and what is refused.
public enum ComplaintBulk {
    /// CP-44: at most this many items per request.
    public static let limit = BulkPlan.limit

    public static let plan = BulkPlan(
        transitions: [.dispatch: ComplaintProcedure.Dispatch.spec.key, .assign: ComplaintProcedure.AssignHandler.spec.key], codePrefix: "complaint",
        refused: ["proposeDecision", "approveDecision", "proposeTermination", "decideTermination", "serveTermination", "recordOutcome"],
        refusedZH: "受理/不予受理、终止调解和办结须逐件办理", exportHeader: exportHeader)

    /// The operation `raw` names, or why it is refused (`complaint.bulk.refused`, `complaint.bulk.operation.unknown`).
    public static func operation(_ raw: String) throws(DomainError) -> BulkOperation { try plan.operation(raw) }

    /// The selected items (`complaint.bulk.too-many`, `complaint.bulk.id.invalid`, `complaint.bulk.empty`).
    public static func selection(_ raw: [String]) throws(DomainError) -> [UUID] { try plan.selection(raw) }

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
    /// CP-44: bulk dispatch, assign and export.
    public static var bulk: BulkPlan? { ComplaintBulk.plan }

    public static func bulkExportRow(number: String, state: String, unit: String, handler: String, facts: ComplaintFacts) -> [String] {
        ComplaintBulk.exportRow(number: number, state: state, unit: unit, handler: handler, facts: facts)
    }

    /// CP-44: the head of the unit holding the item names its handler (承办人), one of the unit's
    /// active staff (`HandlerAssignment`). The step exists so that a bulk assignment runs item by item
    /// through the engine, with PLT-06's conflict check and one audit entry each; it changes nothing else.
    public enum AssignHandler: ComplaintStep {
        public static let spec = TransitionSpec("assignHandler", "指派承办人",
                                                from: ["registered", "dispatched", "awaitingDecision", "awaitingApproval", "mediating", "paused", "terminating"],
                                                permissions: [.caseAssign], fields: [HandlerAssignment.handler.spec], rule: "CP-44")

        public static func decode(_ i: ActionInput) -> UUID? { HandlerAssignment.handler(i) }

        public static func check(_ input: UUID, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            HandlerAssignment.errors(input, case: c, context: context, prefix: "complaint")
        }

        public static func apply(_ input: UUID, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            HandlerAssignment.assigned(input, case: c, context: context)
        }
    }
}
