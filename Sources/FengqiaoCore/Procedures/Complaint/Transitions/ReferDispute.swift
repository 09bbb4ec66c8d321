import Foundation

extension ComplaintProcedure {
    /// CP-42 (办法 30): when the units' 7 working days to agree run out, the system puts the dispute
    /// to their common superior the next day (a timed transition, CAL-43): the holders there of the
    /// dispatch or approval permission are told to decide (`DecideJurisdiction`). Nobody takes this
    /// step by hand.
    public enum ReferDispute: ComplaintStep {
        public static let spec = TransitionSpec("referDispute", "协商期满，提请共同上级指定管辖", from: ["disputed"], permissions: [.complaintDispatch],
                                                fields: [], rule: "CP-42")

        public static func decode(_ i: ActionInput) -> Void? { () }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.openDispute?.referredOn == nil ? []
                : [FieldError(field: "state", rule: "CP-42", code: "complaint.dispute.referred", messageZH: "管辖争议已提请共同上级指定管辖")]
        }

        public static func apply(_ input: Void, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            guard var disputes = f.disputes, let d = f.openDispute,
                  let superior = commonSuperior(d.holderUnitID, d.otherUnitID, in: context.units) else {
                return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "管辖争议协商期限届满")
            }
            disputes[disputes.count - 1].referredOn = context.today
            f.disputes = disputes
            let names = d.units.compactMap { context.units.units[$0]?.name }.joined(separator: "与")
            var o = Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                            summaryZH: "\(names)协商期限届满未协商一致，提请\(superior.name)指定管辖")
            o.unitNotices = [UnitNotice(unitIDs: actingThrough(superior, in: context.units), permissions: [.complaintDispatch, .complaintApprove],
                                        titleZH: "投诉：管辖争议待指定管辖",
                                        bodyZH: "“\(f.respondentName)”投诉件：\(names)自\(d.raisedOn.chinese)起协商7个工作日期满仍未协商一致，请作为共同上级指定管辖（CP-42）。")]
            return o
        }
    }
}
