import Foundation

extension ReportProcedure {
    /// CP-11 (办法 29): the office has no competence over the report at all — the 分送员 records the
    /// competent authority and that the reporter was told to go there; the report ends. It is taken
    /// before the report is dispatched (or after a return), or while the registering unit has done
    /// nothing of its verification; a unit already verifying proposes 告知向有权部门提出 for the
    /// 局负责人's approval instead (CP-27). An anonymous reporter cannot be told (CP-28).
    public enum Refer: ReportStep {
        static let authority = TypedField<String>.text("authority", "有权处理的机关", maxLength: 200)
        static let reason = TypedField<String>.textarea("reason", "无管辖权的理由")
        static let toldOn = TypedField<LocalDate>.date("toldOn", "告知举报人日期", required: false, help: "默认为今天；匿名举报不告知")

        public static let spec = TransitionSpec("referElsewhere", "告知向有权机关举报", from: ["registered", "verifying"], permissions: [.complaintDispatch],
                                                fields: [authority.spec, reason.spec, toldOn.spec], rule: "CP-11", to: ["referred"])

        public struct Input: Sendable {
            let authority: String
            let reason: String
            let toldOn: LocalDate?
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let a = authority(i), let r = reason(i) else { return nil }
            return Input(authority: a, reason: r, toldOn: toldOn(i))
        }

        public static func preconditions(_ c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            guard c.state == "verifying" else { return [] }
            let untouched = c.facts.dispatchLog.isEmpty && (c.facts.registeredUnitID ?? c.unitID) == c.unitID && c.facts.verificationUntouched
            return untouched ? [] : [FieldError(field: "state", rule: "CP-11", code: "report.refer.verifying",
                                                messageZH: "举报已由承办单位核查，无管辖权的应提出“告知向有权部门提出”的处理意见报局负责人审批")]
        }

        public static func check(_ input: Input, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            guard let on = input.toldOn else { return [] }
            if on > context.today {
                return [FieldError(field: toldOn.name, rule: "X-02", code: "report.refer.future", messageZH: "告知日期不能晚于今天")]
            }
            if on < c.facts.receivedOn {
                return [FieldError(field: toldOn.name, rule: "CP-11", code: "report.refer.early", messageZH: "告知日期不能早于\(c.facts.receivedOn.chinese)")]
            }
            return []
        }

        public static func apply(_ input: Input, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            var f = c.facts
            let told = f.named ? (input.toldOn ?? context.today) : nil
            f.referral = .init(authority: input.authority, reason: input.reason, on: context.today, toldOn: told, by: context.actor.userID)
            let clocks: [ClockEffect] = c.state == "verifying"
                ? [.cancel(step: f.origin.clockStep, on: context.today, reason: "本机关无管辖权，告知举报人向\(input.authority)举报（CP-11）")] : []
            return Outcome(state: "referred", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: clocks, closedOn: context.today,
                           summaryZH: "本机关无管辖权，" + (told.map { "\($0.chinese)告知举报人向\(input.authority)举报" } ?? "匿名举报，有权机关为\(input.authority)"))
        }
    }
}
