import Foundation

extension ReportProcedure {
    /// Step 1 (CP-25, CP-26): a report needs an identifiable party and a specific clue; the reporter is
    /// optional (anonymous reports are processed too) and never becomes a party of the case (CP-08).
    /// Verification runs 15 working days from the handling unit's receipt — from the discovery for a
    /// clue found in mediation (CP-24). The receipt date binds the rule set (CP-02). A report for the
    /// 分送员 to dispatch (`routing` = dispatch) waits, registered, without a clock (CP-13, CP-26).
    public enum Register: Creation {
        public typealias Facts = ReportFacts

        static let reporter = TypedField<UUID>.party("reporterID", "举报人", required: false, help: "匿名举报不填")
        static let reported = TypedField<UUID>.party("reportedID", "被举报人")
        static let actPlace = TypedField<String>.text("actPlace", "违法行为发生地", maxLength: 200)
        static let category = TypedField<String>.category("category", "违法行为类别")
        static let clue = TypedField<String>.textarea("clue", "举报线索")
        static let origin = TypedField<ReportOrigin>.choice("origin", "来源")
        static let receivedOn = TypedField<LocalDate>.date("receivedOn", "收到日期（调解中发现的为发现日期）")
        static let routing = TypedField<ReportRouting>.choice("routing", "管辖", required: false, help: "不填为本单位直接核查")

        public static let spec = TransitionSpec("register", "登记举报", from: [], permissions: [.complaintRegister],
                                                fields: [reporter.spec, reported.spec, actPlace.spec, category.spec, clue.spec, origin.spec, receivedOn.spec, routing.spec],
                                                rule: "CP-25")

        public struct Input: Sendable {
            let reporter: UUID?
            let reported: UUID
            let actPlace: String
            let category: String
            let clue: String
            let origin: ReportOrigin
            let receivedOn: LocalDate
            let routing: ReportRouting
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let r = reported(i), let p = actPlace(i), let c = category(i), let k = clue(i), let o = origin(i), let on = receivedOn(i) else { return nil }
            return Input(reporter: reporter(i), reported: r, actPlace: p, category: c, clue: k, origin: o, receivedOn: on, routing: routing(i) ?? .handle)
        }

        public static func check(_ input: Input, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if input.receivedOn > context.today {
                v.append(FieldError(field: receivedOn.name, rule: "X-02", code: "report.received.future", messageZH: "收到日期不能晚于今天"))
            }
            if input.reporter == input.reported {
                v.append(FieldError(field: reported.name, rule: "CP-25", code: "report.reported.same", messageZH: "被举报人不能与举报人相同"))
            }
            for (field, id) in [(reporter.name, input.reporter), (reported.name, input.reported)] {
                if let id, context.partyNames[id] == nil {
                    v.append(FieldError(field: field, rule: "CP-25", code: "report.party.unknown", messageZH: "当事人不存在或不在您的管辖范围内"))
                }
            }
            return v
        }

        public static func create(_ input: Input, context: ProcedureContext) -> Opened<ReportFacts> {
            let name = context.partyNames[input.reported] ?? ""
            var facts = ReportFacts(reporterID: input.reporter, reporterName: input.reporter.flatMap { context.partyNames[$0] }, reportedID: input.reported,
                                    reportedName: name, actPlace: input.actPlace, category: input.category, clue: input.clue, origin: input.origin,
                                    receivedOn: input.receivedOn, registeredBy: context.actor.userID, registeredUnitID: context.actor.unitID)
            // CP-26: a report the registering unit verifies itself runs from its receipt, as it always
            // did; one waiting for dispatch runs from the competent unit's receipt (`Receive`).
            let handles = input.routing == .handle
            if handles { facts.handlingReceiptOn = input.receivedOn }
            // The title names the reported party and the kind of act, never the reporter.
            return Opened(title: "举报\(name)\(context.categories.labelZH(input.category))", partyIDs: [input.reported], facts: facts,
                          clocks: handles ? [.start(step: input.origin.clockStep, on: input.receivedOn)] : [], ruleDate: input.receivedOn,
                          state: handles ? "verifying" : Dispatching.registeredState)
        }
    }
}
