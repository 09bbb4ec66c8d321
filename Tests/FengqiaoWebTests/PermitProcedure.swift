import FengqiaoCore
import Foundation

/// A procedure that exists only in the tests (issue 12 item 1, 谁受理谁回访): a permit opened in one
/// office is notified, may be dispatched to another office, and is granted only once its notice was
/// issued and served (the step declares it: `requires`, DOC-31). Each step declares the documents it
/// issues, so the case page offers only those of the case's state. Closed permits are all revisited
/// (`.every`) by the office that opened them, within 10 working days of closing.
enum PermitProcedure: Procedure {
    struct Facts: Codable, Sendable, Equatable {
        var partyID: UUID
        var partyName: String
        var granted: String?
    }

    static let caseType = "permit"
    static let nameZH = "测试许可"
    static let ruleSetKey = "permit"
    static let states: [(key: String, nameZH: String)] = [("open", "受理"), ("notified", "已告知"), ("granted", "已许可")]
    static let terminalStates: Set<String> = ["granted"]

    typealias Opening = Register
    static let steps: [any Transition<Facts>.Type] = [Notify.self, Dispatch.self, Grant.self]

    /// P-01: a party opens the permit in the officer's office.
    enum Register: Creation {
        typealias Facts = PermitProcedure.Facts
        static let party = TypedField<UUID>.party("partyID", "当事人")
        static let spec = TransitionSpec("register", "受理许可申请", from: [], permissions: [.caseCreate], fields: [party.spec], rule: "P-01")

        static func decode(_ i: ActionInput) -> UUID? { party(i) }

        static func create(_ party: UUID, context: ProcedureContext) -> Opened<Facts> {
            Opened(title: "许可申请", partyIDs: [party], facts: Facts(partyID: party, partyName: context.partyNames[party] ?? ""),
                   clocks: [.start(step: "permitWork", on: context.today)])
        }
    }

    /// P-02: the office decides to notify the party; the notice it issues is offered while the step waits and after.
    enum Notify: Transition {
        typealias Facts = PermitProcedure.Facts
        static let spec = TransitionSpec("notify", "决定告知", from: ["open"], permissions: [.caseHandle], fields: [], rule: "P-02",
                                         issues: ["TP-NOTICE"], to: ["notified"])

        static func decode(_ i: ActionInput) -> Void? { () }

        static func apply(_ input: Void, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            Outcome(state: "notified", gravity: c.gravity, facts: c.facts, handlerID: c.handlerID, summaryZH: "决定告知")
        }
    }

    /// P-03: the permit is dispatched to another office by its code (the opening office keeps no view).
    enum Dispatch: Transition {
        typealias Facts = PermitProcedure.Facts
        static let unit = TypedField<String>.text("unit", "转办单位编码")
        static let spec = TransitionSpec("dispatch", "转办", from: ["open", "notified"], permissions: [.caseHandle], fields: [unit.spec], rule: "P-03")

        static func decode(_ i: ActionInput) -> String? { unit(i) }

        static func apply(_ unit: String, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            var o = Outcome(state: c.state, gravity: c.gravity, facts: c.facts, handlerID: nil, summaryZH: "转办至\(unit)")
            o.move = CaseMove(to: .code(unit), rule: "P-03")
            return o
        }
    }

    /// P-04 (DOC-31): granted only once the notice was served; the licence is issued from here on.
    enum Grant: Transition {
        typealias Facts = PermitProcedure.Facts
        static let decision = TypedField<String>.text("decision", "许可内容")
        static let spec = TransitionSpec("grant", "准予许可", from: ["notified"], permissions: [.caseHandle], fields: [decision.spec], rule: "P-04",
                                         requires: [.served("TP-NOTICE")], issues: ["TP-LICENCE"], to: ["granted"])

        static func decode(_ i: ActionInput) -> String? { decision(i) }

        static func apply(_ decision: String, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            var f = c.facts
            f.granted = decision
            return Outcome(state: "granted", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "permitWork", on: context.today)],
                           closedOn: context.today, summaryZH: "准予许可：\(decision)")
        }
    }

    static func template(_ code: String, _ name: String, served: Bool) -> DocumentTemplate {
        DocumentTemplate(code: code, nameZH: name, docClass: "result", fields: [FieldSpec("party.name", "当事人")], needsService: served, typeWord: "许",
                         body: "{{party.name}}：\n    特此\(name)。")
    }

    static let ruleSet = RuleSet(key: "permit", version: 1, nameZH: "测试许可时限", citation: "测试", status: .active,
                                 effectiveFrom: LocalDate(iso: "2020-01-01")!, rules: [
                                     "permitWork": TimeLimitRule(20, .workday, from: "permit.registered", citation: "测试：20个工作日内办结"),
                                 ])

    /// TP-OTHER is issued by no step, so no state offers it.
    static let module = ProcedureModule(
        pathWord: "permits", moduleCode: "TP", ruleSets: [ruleSet], stepNames: ["permitWork": "许可办理"],
        templates: [template("TP-NOTICE", "许可告知书", served: true), template("TP-LICENCE", "许可决定书", served: true),
                    template("TP-OTHER", "其他文书", served: false)],
        handlerPermissions: [.caseCreate, .caseHandle], capabilities: [.revisits], revisitDimensions: [ScoreDimension("service", "服务态度")],
        revisitSampling: .every, revisitDue: RevisitDue(10, .workday, rule: "MD-34"))

    static func category(_ facts: Facts) -> String? { nil }
    static func countsAsPrior(_ facts: Facts) -> Bool { false }
    static func documentValues(_ facts: Facts, context: DocumentPrefillContext) -> [String: String] { ["party.name": facts.partyName] }
    static func partyName(_ facts: Facts) -> String { facts.partyName }
    static func factsZH(_ f: Facts, names: [UUID: String]) -> [(label: String, value: String)] { [("当事人", f.partyName), ("许可内容", f.granted ?? "—")] }
}
