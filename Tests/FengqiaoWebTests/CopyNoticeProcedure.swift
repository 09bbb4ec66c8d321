import FengqiaoCore
import Foundation

/// A procedure that exists only in the tests (issue 12 item 4), shaped like approval.md's parallel
/// approval: the registrar accepts an application, sends a 抄告单 to every department concerned on
/// the day (PA-24), each department replies within 5 working days on its own clock (PA-25), and the
/// licence waits until every department replied. Withdrawing the application withdraws the open
/// 抄告单 (PA-41).
enum CopyNoticeProcedure: Procedure {
    struct Facts: Codable, Sendable, Equatable {
        var partyID: UUID
        var departments: [String] = []
    }

    static let caseType = "copynotice"
    static let nameZH = "测试并联审批"
    static let ruleSetKey = "copynotice"
    static let states: [(key: String, nameZH: String)] = [("accepted", "已受理"), ("consulting", "征求意见"), ("licensed", "已发照"), ("withdrawn", "已撤回")]
    static let terminalStates: Set<String> = ["licensed", "withdrawn"]
    static let kind = "copy-notice"

    typealias Opening = Accept
    static let steps: [any Transition<Facts>.Type] = [Send.self, License.self, Withdraw.self]

    /// PA-21 (simplified): the application is accepted for a party.
    enum Accept: Creation {
        typealias Facts = CopyNoticeProcedure.Facts
        static let party = TypedField<UUID>.party("partyID", "申请人")
        static let spec = TransitionSpec("accept", "受理并联审批申请", from: [], permissions: [.caseCreate], fields: [party.spec], rule: "PA-21")

        static func decode(_ i: ActionInput) -> UUID? { party(i) }

        static func create(_ party: UUID, context: ProcedureContext) -> Opened<Facts> {
            Opened(title: "并联审批申请", partyIDs: [party], facts: Facts(partyID: party), clocks: [])
        }
    }

    /// PA-24: the 抄告单 go to every department named (unit codes, one a line) on the day.
    enum Send: Transition {
        typealias Facts = CopyNoticeProcedure.Facts
        static let units = TypedField<[String]>.lines("units", "抄告部门（单位编码，每行一个）")
        static let spec = TransitionSpec("send", "抄告相关部门", from: ["accepted"], permissions: [.caseHandle], fields: [units.spec], rule: "PA-24")

        static func decode(_ i: ActionInput) -> [String]? { units(i) }

        static func apply(_ codes: [String], case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            var f = c.facts
            f.departments = codes
            var o = Outcome(state: "consulting", gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "抄告\(codes.count)个部门")
            o.subtasks = [SubtaskOpening(units: codes.map(UnitReference.code), kind: CopyNoticeProcedure.kind, titleZH: "并联审批抄告单",
                                         step: "paOpinion", on: context.today, rule: "PA-25")]
            return o
        }
    }

    /// PA-29/PA-30: the licence is issued once every department replied.
    enum License: Transition {
        typealias Facts = CopyNoticeProcedure.Facts
        static let spec = TransitionSpec("license", "发照", from: ["consulting"], permissions: [.caseHandle], fields: [], rule: "PA-30")
        static let waitsOnSubtasks: SubtaskWait? = SubtaskWait(kind: CopyNoticeProcedure.kind, rule: "PA-25")

        static func decode(_ i: ActionInput) -> Void? { () }

        static func apply(_ input: Void, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            Outcome(state: "licensed", gravity: c.gravity, facts: c.facts, handlerID: c.handlerID, closedOn: context.today, summaryZH: "意见齐备，发照")
        }
    }

    /// PA-41: withdrawing the application withdraws every open 抄告单 (their clocks are cancelled).
    enum Withdraw: Transition {
        typealias Facts = CopyNoticeProcedure.Facts
        static let spec = TransitionSpec("withdraw", "申请人撤回申请", from: ["consulting"], permissions: [.caseHandle], fields: [], rule: "PA-41")

        static func decode(_ i: ActionInput) -> Void? { () }

        static func apply(_ input: Void, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            var o = Outcome(state: "withdrawn", gravity: c.gravity, facts: c.facts, handlerID: c.handlerID, summaryZH: "申请人撤回申请")
            o.withdrawSubtasks = SubtaskWithdrawal(kind: CopyNoticeProcedure.kind, on: context.today, reasonZH: "申请人撤回申请", rule: "PA-41")
            return o
        }
    }

    static let ruleSet = RuleSet(key: "copynotice", version: 1, nameZH: "测试并联审批时限", citation: "测试", status: .active,
                                 effectiveFrom: LocalDate(iso: "2020-01-01")!, rules: [
                                     "paOpinion": TimeLimitRule(5, .workday, from: "copynotice.sent", citation: "测试：抄告后5个工作日内反馈意见（PA-25）"),
                                 ])

    static let module = ProcedureModule(pathWord: "copynotices", moduleCode: "TP", ruleSets: [ruleSet], stepNames: ["paOpinion": "部门反馈意见"],
                                        handlerPermissions: [.caseCreate, .caseHandle])

    static func category(_ facts: Facts) -> String? { nil }
    static func countsAsPrior(_ facts: Facts) -> Bool { false }
    static func documentValues(_ facts: Facts, context: DocumentPrefillContext) -> [String: String] { [:] }
    static func factsZH(_ f: Facts, names: [UUID: String]) -> [(label: String, value: String)] { [("抄告部门", f.departments.joined(separator: "、"))] }
}
