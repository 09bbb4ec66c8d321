import FengqiaoCore
import Foundation

/// A second procedure that exists only in the tests (issue 12 item 4): a referral registered in one
/// office is dispatched (分流/转办) to another, which works it and returns it (回流). The dispatch may
/// let the sending office keep read access.
enum ReferralProcedure: Procedure {
    struct Facts: Codable, Sendable, Equatable {
        var partyID: UUID
        /// The unit and handler the referral came from while it is away, nil at home.
        var dispatchedFrom: UUID?
        var sendingHandler: UUID?
        var reply: String?
    }

    static let caseType = "referral"
    static let nameZH = "测试转办"
    static let ruleSetKey = "referral"
    static let states: [(key: String, nameZH: String)] = [("open", "办理中"), ("away", "转办中"), ("done", "已办结")]
    static let terminalStates: Set<String> = ["done"]

    typealias Opening = Register
    static let steps: [any Transition<Facts>.Type] = [Dispatch.self, Return.self]

    /// a party opens the referral; it is to be settled in 5 working days.
    enum Register: Creation {
        typealias Facts = ReferralProcedure.Facts
        static let party = TypedField<UUID>.party("partyID", "当事人")
        static let spec = TransitionSpec("register", "登记转办事项", from: [], permissions: [.caseCreate], fields: [party.spec], rule: "R-01")

        static func decode(_ i: ActionInput) -> UUID? { party(i) }

        static func create(_ party: UUID, context: ProcedureContext) -> Opened<Facts> {
            Opened(title: "转办事项", partyIDs: [party], facts: Facts(partyID: party), clocks: [.start(step: "referralWork", on: context.today)])
        }
    }

    /// the handler dispatches the referral to another unit (by its code), optionally keeping
    /// read access; the receiving unit's queue takes it (no handler until one acts).
    enum Dispatch: Transition {
        typealias Facts = ReferralProcedure.Facts
        static let unit = TypedField<String>.text("unit", "转办单位编码")
        static let spec = TransitionSpec("dispatch", "转办", from: ["open"], permissions: [.caseHandle],
                                         fields: [unit.spec, InputField("keepRead", "保留查阅", .checkbox, required: false)], rule: "R-02")

        static func decode(_ i: ActionInput) -> (unit: String, keepRead: Bool)? { unit(i).map { (unit: $0, keepRead: i.flag("keepRead")) } }

        static func apply(_ input: (unit: String, keepRead: Bool), case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            var f = c.facts
            f.dispatchedFrom = c.unitID
            f.sendingHandler = c.handlerID
            var o = Outcome(state: "away", gravity: c.gravity, facts: f, handlerID: nil, summaryZH: "转办至\(input.unit)")
            o.move = CaseMove(to: .code(input.unit), keepReadAccess: input.keepRead, rule: "R-02")
            return o
        }
    }

    /// the receiving unit replies and returns the referral (回流) to the unit and handler it
    /// came from, which keeps no reader's view for the receiving unit.
    enum Return: Transition {
        typealias Facts = ReferralProcedure.Facts
        static let reply = TypedField<String>.textarea("reply", "办理结果")
        static let spec = TransitionSpec("return", "办结回流", from: ["away"], permissions: [.caseHandle], fields: [reply.spec], rule: "R-03")

        static func decode(_ i: ActionInput) -> String? { reply(i) }

        static func preconditions(_ c: ProcedureCase<Facts>, context: ProcedureContext) -> [FieldError] {
            c.facts.dispatchedFrom == nil ? [FieldError(field: "state", rule: "R-03", code: "referral.not-dispatched", messageZH: "事项未转办，无需回流")] : []
        }

        static func apply(_ reply: String, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            var f = c.facts
            f.reply = reply
            f.dispatchedFrom = nil
            f.sendingHandler = nil
            var o = Outcome(state: "open", gravity: c.gravity, facts: f, handlerID: c.facts.sendingHandler, summaryZH: "办结回流")
            if let home = c.facts.dispatchedFrom { o.move = CaseMove(to: .id(home), rule: "R-03") }
            return o
        }
    }

    static let ruleSet = RuleSet(key: "referral", version: 1, nameZH: "测试转办时限", citation: "测试", status: .active,
                                 effectiveFrom: LocalDate(iso: "2020-01-01")!, rules: [
                                     "referralWork": TimeLimitRule(5, .workday, from: "referral.registered", citation: "测试：5个工作日内办结"),
                                 ])

    static let module = ProcedureModule(pathWord: "referrals", moduleCode: "TR", ruleSets: [ruleSet], stepNames: ["referralWork": "转办办理"],
                                        handlerPermissions: [.caseCreate, .caseHandle])

    static func category(_ facts: Facts) -> String? { nil }
    static func countsAsPrior(_ facts: Facts) -> Bool { false }
    static func documentValues(_ facts: Facts, context: DocumentPrefillContext) -> [String: String] { [:] }
    static func factsZH(_ f: Facts, names: [UUID: String]) -> [(label: String, value: String)] { [("办理结果", f.reply ?? "—")] }
}
