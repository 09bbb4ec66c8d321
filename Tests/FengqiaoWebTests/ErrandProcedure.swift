import FengqiaoCore
import Foundation

/// A small procedure that exists only in the tests (issue 12 item 1): registered with the app at
/// start-up, it must get its API, pages, OpenAPI entries, worklist entries and clocks without any web
/// or store code of its own. Three states; the handler submits, the unit head (who holds
/// `case.assign`, not a handler permission) approves, so the approval waits in the head's queue.
enum ErrandProcedure: Procedure {
    struct Facts: Codable, Sendable, Equatable {
        var partyID: UUID
        var partyName: String
        var report: String?
        var approvedBy: UUID?
    }

    static let caseType = "errand"
    static let nameZH = "测试事项"
    static let ruleSetKey = "errand"
    static let caseTypeWord = "测案"
    static let states: [(key: String, nameZH: String)] = [("open", "办理中"), ("review", "待审核"), ("done", "已办结")]
    static let terminalStates: Set<String> = ["done"]

    static let creation = TransitionSpec("register", "登记测试事项", from: [], permissions: [.caseCreate], fields: [
        InputField("partyID", "当事人", .party),
        InputField("title", "事项名称", .text),
    ], rule: "T-01")
    static let submit = TransitionSpec("submit", "提交审核", from: ["open"], permissions: [.caseHandle], fields: [
        InputField("report", "办理情况", .textarea),
    ], rule: "T-02")
    static let approve = TransitionSpec("approve", "审核通过", from: ["review"], permissions: [.caseAssign], fields: [], rule: "T-03")
    static let transitions = [submit, approve]

    static let ruleSet = RuleSet(key: "errand", version: 1, nameZH: "测试事项时限", citation: "测试", status: .active,
                                 effectiveFrom: LocalDate(iso: "2020-01-01")!, rules: [
                                     "errandWork": TimeLimitRule(3, .workday, from: "errand.registered", citation: "测试：3个工作日内办理"),
                                     "errandCheck": TimeLimitRule(2, .workday, from: "errand.submitted", citation: "测试：2个工作日内审核"),
                                 ])

    static let module = ProcedureModule(pathWord: "errands", ruleSets: [ruleSet], stepNames: ["errandWork": "事项办理", "errandCheck": "事项审核"],
                                        handlerPermissions: [.caseCreate, .caseHandle])

    static func create(_ input: ActionInput, context: ProcedureContext) -> (title: String, gravity: Gravity, partyIDs: [UUID], facts: Facts,
                                                                            clocks: [ClockEffect]) {
        let party = input.uuid("partyID") ?? UUID()
        return (input.text("title") ?? "", .ordinary, [party], Facts(partyID: party, partyName: context.partyNames[party] ?? ""),
                [.start(step: "errandWork", on: context.today)])
    }

    static func referencedUsers(_ t: TransitionSpec, input: ActionInput, facts: Facts?) -> [UUID] { [] }
    static func preconditions(_ t: TransitionSpec, case c: ProcedureCase<Facts>, context: ProcedureContext) -> [FieldError] { [] }

    static func check(_ t: TransitionSpec, case c: ProcedureCase<Facts>?, input: ActionInput, context: ProcedureContext) -> [FieldError] {
        // T-03: the approver is not the handler.
        if t.key == "approve", let c, c.handlerID == context.actor.userID {
            return [FieldError(field: "actor", rule: "T-03", code: "errand.approver.handler", messageZH: "承办人不能审核本人办理的事项")]
        }
        return []
    }

    static func category(_ facts: Facts) -> String? { nil }
    static func countsAsPrior(_ facts: Facts) -> Bool { false }
    static func documentValues(_ facts: Facts, context: DocumentPrefillContext) -> [String: String] { ["party.name": facts.partyName] }
    static func partyName(_ facts: Facts) -> String { facts.partyName }

    static func factsZH(_ f: Facts, names: [UUID: String]) -> [(label: String, value: String)] {
        [("当事人", f.partyName), ("办理情况", f.report ?? "—")]
    }

    static func apply(_ t: TransitionSpec, case c: ProcedureCase<Facts>, input: ActionInput, context: ProcedureContext) -> Outcome<Facts> {
        var f = c.facts
        switch t.key {
        case "submit":
            f.report = input.text("report")
            return Outcome(state: "review", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: "errandWork", on: context.today), .start(step: "errandCheck", on: context.today)], summaryZH: "提交审核")
        default:
            f.approvedBy = context.actor.userID
            return Outcome(state: "done", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "errandCheck", on: context.today)],
                           closedOn: context.today, summaryZH: "审核通过，办结")
        }
    }
}
