import FengqiaoCore
import Foundation

extension Permission {
    /// The errand's own permission: approving an errand (T-03). Known to the role editor only through
    /// the errand's module, when the app registers the errand.
    static let errandApprove: Permission = "errand.approve"
}

/// A small procedure that exists only in the tests (issue 12 item 1): registered with the app at
/// start-up, it must get its API, pages, OpenAPI entries, worklist entries and clocks without any web
/// or store code of its own. Three states; the handler submits, the unit head approves with the
/// errand's own permission `errand.approve` (its catalogue entry and the unit head's grant come from
/// the module, not the platform), so the approval waits in the head's queue and its check clock
/// reminds the head.
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
    static let states: [(key: String, nameZH: String)] = [("open", "办理中"), ("review", "待审核"), ("done", "已办结")]
    static let terminalStates: Set<String> = ["done"]

    typealias Opening = Register
    static let steps: [any Transition<Facts>.Type] = [Submit.self, Approve.self, Deem.self]

    /// T-01: a party and a title open the errand; its work is due in 3 working days.
    enum Register: Creation {
        typealias Facts = ErrandProcedure.Facts
        static let party = TypedField<UUID>.party("partyID", "当事人")
        static let title = TypedField<String>.text("title", "事项名称")
        /// PLT-16: any procedure may take a violation category; the engine offers and checks the tree in force.
        static let category = TypedField<String>.category("category", "违法行为类别", required: false)
        static let spec = TransitionSpec("register", "登记测试事项", from: [], permissions: [.caseCreate], fields: [party.spec, title.spec, category.spec],
                                         rule: "T-01")

        static func decode(_ i: ActionInput) -> (party: UUID, title: String)? {
            guard let p = party(i), let t = title(i) else { return nil }
            return (p, t)
        }

        static func create(_ input: (party: UUID, title: String), context: ProcedureContext) -> Opened<Facts> {
            Opened(title: input.title, partyIDs: [input.party], facts: Facts(partyID: input.party, partyName: context.partyNames[input.party] ?? ""),
                   clocks: [.start(step: "errandWork", on: context.today)])
        }
    }

    /// T-02: the handler reports and submits; the work ends on the day it was done (today unless
    /// given, CAL-33: not before the work started); the check is due in 2 working days.
    enum Submit: Transition {
        typealias Facts = ErrandProcedure.Facts
        static let report = TypedField<String>.textarea("report", "办理情况")
        static let doneOn = TypedField<LocalDate>.date("doneOn", "办结日期", required: false, help: "默认为今天")
        static let spec = TransitionSpec("submit", "提交审核", from: ["open"], permissions: [.caseHandle], fields: [report.spec, doneOn.spec], rule: "T-02")

        static func decode(_ i: ActionInput) -> (report: String, doneOn: LocalDate?)? {
            guard let r = report(i) else { return nil }
            return (r, doneOn(i))
        }

        static func apply(_ input: (report: String, doneOn: LocalDate?), case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            var f = c.facts
            f.report = input.report
            return Outcome(state: "review", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: "errandWork", on: input.doneOn ?? context.today), .start(step: "errandCheck", on: context.today)],
                           summaryZH: "提交审核")
        }
    }

    /// T-03: someone holding `errand.approve` other than the handler approves, and the errand closes.
    enum Approve: Transition {
        typealias Facts = ErrandProcedure.Facts
        static let spec = TransitionSpec("approve", "审核通过", from: ["review"], permissions: [.errandApprove], fields: [], rule: "T-03")

        static func decode(_ i: ActionInput) -> Void? { () }

        static func preconditions(_ c: ProcedureCase<Facts>, context: ProcedureContext) -> [FieldError] {
            c.handlerID == context.actor.userID
                ? [FieldError(field: "actor", rule: "T-03", code: "errand.approver.handler", messageZH: "承办人不能审核本人办理的事项")] : []
        }

        static func apply(_ input: Void, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            var f = c.facts
            f.approvedBy = context.actor.userID
            return Outcome(state: "done", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "errandCheck", on: context.today)],
                           closedOn: context.today, summaryZH: "审核通过，办结")
        }
    }

    /// T-06 (as PA-27's 视为认可): when the 2-working-day check runs out unanswered, the system
    /// records the errand as deemed approved and closes it; nobody takes this step by hand.
    enum Deem: Transition {
        typealias Facts = ErrandProcedure.Facts
        static let spec = TransitionSpec("deem", "逾期视为审核通过", from: ["review"], permissions: [.errandApprove], fields: [], rule: "T-06")

        static func decode(_ i: ActionInput) -> Void? { () }

        static func apply(_ input: Void, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            Outcome(state: "done", gravity: c.gravity, facts: c.facts, handlerID: c.handlerID, clocks: [.end(step: "errandCheck", on: context.today)],
                    closedOn: context.today, summaryZH: "逾期未审核，视为审核通过，办结")
        }
    }

    static let ruleSet = RuleSet(key: "errand", version: 1, nameZH: "测试事项时限", citation: "测试", status: .active,
                                 effectiveFrom: LocalDate(iso: "2020-01-01")!, rules: [
                                     "errandWork": TimeLimitRule(3, .workday, from: "errand.registered", citation: "测试：3个工作日内办理"),
                                     "errandCheck": TimeLimitRule(2, .workday, from: "errand.submitted", citation: "测试：2个工作日内审核"),
                                 ])

    /// Its own permission with its catalogue entry and the unit head's grant (PLT-03), and a
    /// qualification its certification course grants (PLT-07). Follow-up of its own (issue 12 item 3):
    /// revisits scored on two dimensions, a one-dimension rating of the approver, and one indicator
    /// with the ST-06 index beside it. The check's clock is the approver's: its reminders go to the
    /// holders of `errand.approve` (CAL-41).
    static let module = ProcedureModule(pathWord: "errands", moduleCode: "TE", ruleSets: [ruleSet],
                                        permissions: [.init(permission: .errandApprove, nameZH: "审核测试事项", group: "案件", duty: nil)],
                                        roleGrants: ["unit-head": [.errandApprove]],
                                        stepNames: ["errandWork": "事项办理", "errandCheck": "事项审核"],
                                        qualificationKinds: [QualificationKind("errand-clerk", "测试事项办理员")],
                                        courseQualifications: [.topical: "errand-clerk"],
                                        handlerPermissions: [.caseCreate, .caseHandle], capabilities: [.revisits, .ratings, .indicators],
                                        revisitDimensions: [ScoreDimension("speed", "办理速度"), ScoreDimension("clarity", "告知清楚")],
                                        ratingDimensions: [ScoreDimension("patience", "耐心程度")], ratingRule: "T-04", clockTransitions: ["errandCheck": "approve"],
                                        timedTransitions: [TimedTransition(step: "errandCheck", transition: "deem", rule: "T-06")])

    /// T-04: the party may rate once the errand was approved; the rating is the approver's.
    static func ratingOpen(_ facts: Facts) -> Bool { facts.approvedBy != nil }
    static func ratedPeople(_ facts: Facts) -> [UUID] { facts.approvedBy.map { [$0] } ?? [] }

    /// T-05: 办结率 — errands closed in the period ÷ opened in it (target 90 %); and the revisits'
    /// satisfaction index (ST-06) and rate.
    static func indicators(_ cases: [StatisticsCase<Facts>], _ r: IndicatorRequest) -> IndicatorReport? {
        let last = min(r.period.last, r.asOf ?? r.period.last)
        func inWindow(_ d: LocalDate) -> Bool { r.period.first <= d && d <= last }
        let mine = r.mine(cases)
        let opened = mine.filter { inWindow($0.procedureCase.openedOn) }
        let closed = opened.filter { $0.closedOn.map(inWindow) == true }
        let revisits = mine.flatMap(\.revisits).filter { inWindow($0.on) }
        let rate = Satisfaction.rate(revisits.map(\.answer))
        let indicators = [
            Indicator(key: "closing", nameZH: "办结率", citation: "T-05", measure: .ratio, numerator: Double(closed.count), denominator: opened.count, target: 0.9),
            Indicator(key: "satisfaction", nameZH: "回访满意度", citation: "ST-06", measure: .mean, numerator: revisits.map(\.score).reduce(0, +),
                      denominator: revisits.count, target: 90),
            Indicator(key: "satisfaction-rate", nameZH: "回访满意率", citation: "ST-06", measure: .ratio, numerator: Double(rate.satisfied),
                      denominator: rate.answered, target: nil),
        ]
        let months = r.period.months.map { m in
            IndicatorReport.Month(month: m, values: [mine.count { m.contains($0.procedureCase.openedOn) }, mine.count { $0.closedOn.map(m.contains) == true }])
        }
        return IndicatorReport(period: r.period, through: last, indicators: indicators,
                               assessment: Assessment(components: [.init(indicators[0], weight: 60), .init(indicators[1], weight: 40)], annualWeight: 0.1),
                               counts: [.init("opened", "登记", opened.count), .init("closed", "办结", closed.count)], seriesLabels: ["登记", "办结"],
                               monthly: months, empty: opened.isEmpty && revisits.isEmpty)
    }

    static func category(_ facts: Facts) -> String? { nil }
    static func countsAsPrior(_ facts: Facts) -> Bool { false }
    static func documentValues(_ facts: Facts, context: DocumentPrefillContext) -> [String: String] { ["party.name": facts.partyName] }
    static func partyName(_ facts: Facts) -> String { facts.partyName }

    static func factsZH(_ f: Facts, names: [UUID: String]) -> [(label: String, value: String)] {
        [("当事人", f.partyName), ("办理情况", f.report ?? "—")]
    }
}
