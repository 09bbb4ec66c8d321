import Foundation

extension ComplaintProcedure {
    /// Step 6 (CP-17, 办法 17): once accepted and both parties consent (CP-16), the handler delegates
    /// the mediation to a registered 消协分会 or lawful mediation body of the case's unit, a unit above
    /// it or one below it, naming a delegated mediator (受托调解员) whose assignment reaches the case.
    /// The 委托调解函 carries time, place, mediator and scope. The delegate acts in the bureau's name:
    /// the case stays in the bureau's unit, its documents carry the bureau's name and number, and the
    /// mediation clock (45 working days from 受理, plus pauses) keeps running. No re-delegation: a
    /// delegated mediator never delegates, and a standing delegation is not replaced.
    public enum DelegateMediation: ComplaintStep {
        static let servicePoint = TypedField<String>.text("servicePoint", "受托调解组织", help: "已登记的消协分会或依法成立的调解组织的名称（见服务站点）",
                                                         maxLength: 100)
        static let mediator = TypedField<UUID>.user("mediator", "受托调解员")
        static let time = TypedField<String>.text("time", "调解时间", maxLength: 100)
        static let place = TypedField<String>.text("place", "调解地点", maxLength: 200)
        static let scope = TypedField<String>.textarea("scope", "委托事项和权限")

        public static let spec = TransitionSpec("delegateMediation", "委托调解", from: ["mediating"], permissions: [.complaintHandle],
                                                fields: [servicePoint.spec, mediator.spec, time.spec, place.spec, scope.spec], rule: "CP-17",
                                                // Step 6: the 委托调解函 (time, place, mediator / delegate, scope).
                                                issues: ["CP-DELEGATION"], to: ["mediating"])

        public struct Input: Sendable {
            let servicePoint: String
            let mediator: UUID
            let time: String
            let place: String
            let scope: String
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let s = servicePoint(i), let m = mediator(i), let t = time(i), let p = place(i), let sc = scope(i) else { return nil }
            return Input(servicePoint: s, mediator: m, time: t, place: p, scope: sc)
        }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            // CP-17: the delegate mediates in the bureau's name and never hands the mediation on.
            if isDelegate(context.actor, c.facts) {
                return [FieldError(field: "actor", rule: "CP-17", code: "complaint.delegation.redelegate", messageZH: "受托调解员不得再行委托调解")]
            }
            var v: [FieldError] = []
            if let d = c.facts.delegation {
                v.append(FieldError(field: "state", rule: "CP-17", code: "complaint.delegation.exists",
                                    messageZH: "本案调解已于\(d.on.chinese)委托\(d.servicePointName)，不得重复委托"))
            }
            if !c.facts.consented {
                v.append(FieldError(field: "state", rule: "CP-16", code: "complaint.consent.missing", messageZH: "双方均同意调解后方可委托调解"))
            }
            return v
        }

        /// The eligible point named: by id, or by its registered name — of a kind that may mediate,
        /// hosted by the case's unit, a unit above it or one below it.
        static func point(_ named: String, unitID: UUID, context: ProcedureContext) -> ServicePointFact? {
            let reach = Set(context.units.path(from: unitID).map(\.id)).union(context.units.subtree(of: unitID))
            let eligible = context.servicePoints.filter { $0.kind.mayMediate && reach.contains($0.unitID) && $0.listedOn <= context.today }
            if let id = UUID(uuidString: named) { return eligible.first { $0.id == id } }
            let matches = eligible.filter { $0.name == named }
            return matches.count == 1 ? matches[0] : nil
        }

        public static func check(_ input: Input, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if point(input.servicePoint, unitID: c.unitID, context: context) == nil {
                v.append(FieldError(field: servicePoint.name, rule: "CP-17", code: "complaint.delegation.body",
                                    messageZH: "“\(input.servicePoint)”不是本单位或上下级单位已登记的消协分会或依法成立的调解组织"))
            }
            let person = context.people[input.mediator]
            let assignments = person?.roles.filter { $0.roleCode == delegatedMediatorRole } ?? []
            if person?.active != true || assignments.isEmpty {
                v.append(FieldError(field: mediator.name, rule: "CP-17", code: "complaint.delegation.mediator", messageZH: "所选人员不是受托调解员"))
            } else if !assignments.contains(where: { reaches($0, unitID: c.unitID, tree: context.units) }) {
                // PLT-05: the mediator's scope must reach the case, or they could never open it.
                v.append(FieldError(field: mediator.name, rule: "CP-17", code: "complaint.delegation.mediator-unit",
                                    messageZH: "所选受托调解员不在本案承办单位任职，无法办理本案"))
            }
            return v
        }

        /// Whether an assignment lets its holder see a case of `unitID` (an `own` scope: of that very unit).
        static func reaches(_ a: PersonFact.Assignment, unitID: UUID, tree: UnitTree) -> Bool {
            switch a.scope {
            case .all: true
            case .unitTree: tree.subtree(of: a.unitID).contains(unitID)
            case .unit, .own: a.unitID == unitID
            }
        }

        public static func apply(_ input: Input, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            let p = point(input.servicePoint, unitID: c.unitID, context: context)
            let name = context.people[input.mediator]?.name ?? "", pointName = p?.name ?? input.servicePoint
            f.delegation = .init(servicePointID: p?.id ?? UUID(), servicePointName: pointName, kind: p?.kind ?? .consumerAssociation,
                                 mediatorID: input.mediator, mediatorName: name, time: input.time, place: input.place, scope: input.scope,
                                 on: context.today, by: context.actor.userID)
            // The mediation clock is not touched: delegation neither restarts nor pauses it (CP-17, CP-21).
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           summaryZH: "委托\(pointName)调解，受托调解员\(name)")
        }
    }
}
