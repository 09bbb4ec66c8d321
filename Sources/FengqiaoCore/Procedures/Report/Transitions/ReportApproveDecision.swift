import Foundation

extension ReportProcedure {
    /// Step 9 ends (CP-27, CP-28): the 局负责人 approves the decision on the day. 立案 opens the
    /// enforcement case (its number from the registry, no reporter data in it); a named reporter is told
    /// of 立案/不予立案 within 5 working days; otherwise the report is concluded.
    public enum ApproveDecision: ReportStep {
        static let verdict = TypedField<Verdict>.choice("verdict", "审批意见")

        public enum Verdict: String, Sendable, CaseIterable, ChoiceValue {
            case approve, sendBack = "send-back"
            public var nameZH: String { self == .approve ? "同意" : "退回补充核查" }
        }

        public static let spec = TransitionSpec("approveDecision", "审批处理意见", from: ["awaitingApproval"], permissions: [.reportApprove],
                                                fields: [verdict.spec], rule: "CP-27",
                                                issues: ["RP-APPROVAL"], to: ["notifying", "concluded"])

        public static func decode(_ i: ActionInput) -> Verdict? { verdict(i) }

        public static func apply(_ input: Verdict, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            var f = c.facts
            let today = context.today
            guard input == .approve, let p = f.proposal else {
                f.proposal = nil
                return Outcome(state: "verifying", gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "退回补充核查")
            }
            f.decision = .init(decision: p.decision, ground: p.ground, on: today, approvedBy: context.actor.userID)
            let tell = f.named && p.decision.tellsReporter
            var o = Outcome(state: tell ? "notifying" : "concluded", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                            clocks: tell ? [.start(step: "reporterNotice", on: today)] : [], closedOn: tell ? nil : today,
                            summaryZH: "批准\(p.decision.nameZH)" + (p.ground.map { "：\($0.nameZH)" } ?? ""))
            if p.decision == .file {
                // The registry entry, filed on the approval day with the report's two officers (CP-27);
                // nothing of the reporter travels (CP-08).
                o.linked = [.procedure(EnforcementProcedure.caseType, input: ActionInput([
                    "source": [EnforcementSource.report.rawValue], "partyID": [f.reportedID.uuidString],
                    "category": [EnforcementCategory(treeCode: f.category).rawValue], "violationCategory": [f.category],
                    "summary": ["\(f.actPlace)：\(p.findings)"], "receivedOn": [f.receivedOn.iso], "filedOn": [today.iso],
                    "officers": p.officers.map(\.uuidString),
                ]), relation: "filed-as")]
            }
            return o
        }
    }
}
