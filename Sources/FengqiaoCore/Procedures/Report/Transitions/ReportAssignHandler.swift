import Foundation

extension ReportProcedure {
    /// CP-44: the head of the unit holding the report names its handler (承办人), one of the unit's
    /// active staff (`HandlerAssignment`), so that a bulk assignment runs item by item through the
    /// engine with one audit entry each. The handler then sees the reporter (CP-08: the handler's own item).
    public enum AssignHandler: ReportStep {
        public static let spec = TransitionSpec("assignHandler", "指派承办人", from: ["registered", "dispatched", "verifying", "paused", "awaitingApproval", "notifying"],
                                                permissions: [.caseAssign], fields: [HandlerAssignment.handler.spec], rule: "CP-44")

        public static func decode(_ i: ActionInput) -> UUID? { HandlerAssignment.handler(i) }

        public static func check(_ input: UUID, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            HandlerAssignment.errors(input, case: c, context: context, prefix: "report")
        }

        public static func apply(_ input: UUID, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            HandlerAssignment.assigned(input, case: c, context: context)
        }
    }
}
