import Foundation

extension EnforcementProcedure {
    /// 不予立案 of a registered clue (CP-27's grounds): the entry is kept, closed with its ground.
    public enum DeclineCase: EnforcementStep {
        static let ground = TypedField<NotFilingGround>.choice("ground", "不予立案理由")
        static let note = TypedField<String>.textarea("note", "说明", required: false)

        public static let spec = TransitionSpec("decline", "不予立案", from: ["registered"], permissions: [.enforcementHandle],
                                                fields: [ground.spec, note.spec], rule: "CP-27")

        public static func decode(_ i: ActionInput) -> (ground: NotFilingGround, note: String?)? { ground(i).map { ($0, note(i)) } }

        public static func apply(_ input: (ground: NotFilingGround, note: String?), case c: ProcedureCase<EnforcementFacts>,
                                 context: ProcedureContext) -> Outcome<EnforcementFacts> {
            var f = c.facts
            f.notFiledGround = input.ground.nameZH + (input.note.map { "：\($0)" } ?? "")
            f.closedOn = context.today
            return Outcome(state: "notFiled", gravity: c.gravity, facts: f, handlerID: c.handlerID, closedOn: context.today,
                           summaryZH: "不予立案：\(input.ground.nameZH)")
        }
    }
}
