@testable import FengqiaoCore
import Foundation
import Testing

/// The pure mediation procedure as the tests drive it: the demo bureau's 行政调解中心 (TJZX), 业务执法科
/// (YWZF) and 中村所 (ZC), a mediator of each with a term and training, the roles of mediation.md.
enum MF {
    static let bureau = UUID(), centre = UUID(), ywzf = UUID(), zc = UUID()
    static let units = UnitTree([
        OrgUnit(id: bureau, code: "JC", name: "江城市市场监督管理局", kind: .bureau, parentID: nil, areaCode: nil, numberPrefix: "江市监"),
        OrgUnit(id: centre, code: "TJZX", name: "行政调解中心", kind: .centre, parentID: bureau, areaCode: nil, numberPrefix: "江市监调"),
        OrgUnit(id: ywzf, code: "YWZF", name: "业务执法科", kind: .department, parentID: bureau, areaCode: nil, numberPrefix: nil),
        OrgUnit(id: zc, code: "ZC", name: "中村市场监管所", kind: .office, parentID: bureau, areaCode: nil, numberPrefix: "中村所"),
    ])
    static let applicant = UUID(), company = UUID()
    static let calendar = WorkCalendar.shipped

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func actor(_ code: String, unit: UUID, id: UUID = UUID()) -> Actor {
        let role = ShippedRoles.role(code)!
        return Actor(userID: id, login: code, name: role.nameZH, unitID: unit, permissions: role.permissions, roleCodes: [code], visibleUnits: nil)
    }

    static let clerk = actor("mediation-clerk", unit: centre), centreStaff = actor("mediation-centre", unit: centre)
    static let director = actor("mediation-director", unit: bureau), chief = actor("chief-leader", unit: bureau)
    static let ywzfHead = actor("unit-head", unit: ywzf), ywzfOfficer = actor("officer", unit: ywzf), legal = actor("legal-reviewer", unit: bureau)

    /// A mediator appointed on `start` (one term, MD-03) and trained on `trained`.
    static func mediator(_ id: UUID, _ name: String, unit: UUID, start: String = "2025-03-01", trained: String? = "2025-03-10",
                         renewed: Bool = false, filed: String? = "") -> PersonFact {
        let s = date(start)
        var q = [QualificationFact(kind: MediatorEligibility.termKind, obtainedOn: s, expiresOn: MediatorEligibility.termEnd(start: s))]
        // MD-01: on the unit's list filed with 法制科 — by default from the term's start.
        if let filed { q.append(QualificationFact(kind: MediatorEligibility.filedKind, obtainedOn: filed.isEmpty ? s : date(filed), expiresOn: nil)) }
        if renewed {
            let next = MediatorEligibility.termEnd(start: s).adding(days: 1)
            q.append(QualificationFact(kind: MediatorEligibility.termKind, obtainedOn: next, expiresOn: MediatorEligibility.termEnd(start: next)))
        }
        if let trained { q.append(QualificationFact(kind: MediatorEligibility.trainingKind, obtainedOn: date(trained), expiresOn: nil)) }
        return PersonFact(id: id, name: name, unitID: unit, qualifications: q)
    }

    static let wu = UUID(), li = UUID()
    static var people: [UUID: PersonFact] {
        [wu: mediator(wu, "吴调解", unit: centre), li: mediator(li, "李明", unit: ywzf, start: "2025-01-02", trained: "2025-01-10")]
    }

    static func context(_ actor: Actor, _ today: String, documents: [DocumentFact] = [], people: [UUID: PersonFact]? = nil) -> ProcedureContext {
        ProcedureContext(actor: actor, today: date(today), calendar: calendar, people: people ?? Self.people, documents: documents,
                         partyNames: [applicant: "王建华", company: "江城市美居装饰工程有限公司"], units: units)
    }

    static func doc(_ code: String, issued: String, served: String? = nil) -> DocumentFact {
        DocumentFact(id: UUID(), templateCode: code, number: "江市监调\(MediationTemplates.template(code: code)?.typeWord ?? "")〔\(issued.prefix(4))〕1号",
                     issuedOn: date(issued), void: false, servedOn: served.map(date))
    }

    static func registration(scope: MediationScope = .civil, disputedUnit: String? = nil) -> ActionInput {
        var v = ["source": "visit", "providerName": "王建华", "providerRelation": "申请人本人", "applicant": applicant.uuidString, "respondent": company.uuidString,
                 "objectKind": "contract", "objectDescription": "住房装修工程质量及尾款", "amountYuan": "38000", "nature": "contract", "scope": scope.rawValue,
                 "claim": "返还多收的装修款8000元并修复墙面开裂"]
        v["disputedUnit"] = disputedUnit
        return ActionInput(single: v)
    }

    /// Registers at the centre on `on`.
    static func registered(on: String, scope: MediationScope = .civil, disputedUnit: String? = nil) throws -> ProcedureCase<MediationFacts> {
        let opened = try ProcedureEngine.create(MediationProcedure.self, input: registration(scope: scope, disputedUnit: disputedUnit), context: context(clerk, on)).get()
        return ProcedureCase(id: UUID(), unitID: centre, state: "registered", gravity: .ordinary, partyIDs: opened.partyIDs, handlerID: clerk.userID,
                             openedOn: date(on), facts: opened.facts)
    }

    static func take(_ key: String, _ c: ProcedureCase<MediationFacts>, by: Actor, on today: String, _ input: [String: String] = [:],
                     documents: [DocumentFact] = [], people: [UUID: PersonFact]? = nil) throws -> (ProcedureCase<MediationFacts>, Outcome<MediationFacts>) {
        let outcome = try ProcedureEngine.perform(MediationProcedure.self, key, on: c, input: ActionInput(single: input),
                                                  context: context(by, today, documents: documents, people: people)).get()
        var next = c
        next.state = outcome.state
        next.facts = outcome.facts
        next.handlerID = outcome.handlerID
        next.gravity = outcome.gravity
        if let move = outcome.move {
            switch move.to {
            case let .id(id): next.unitID = id
            case let .code(code): next.unitID = units.units.values.first { $0.code == code }!.id
            }
        }
        return (next, outcome)
    }

    static func refusal(_ key: String, _ c: ProcedureCase<MediationFacts>, by: Actor, on today: String, _ input: [String: String] = [:],
                        documents: [DocumentFact] = [], people: [UUID: PersonFact]? = nil) -> [String] {
        switch ProcedureEngine.perform(MediationProcedure.self, key, on: c, input: ActionInput(single: input),
                                       context: context(by, today, documents: documents, people: people)) {
        case .success: []
        case let .failure(r): r.violations.map(\.code)
        }
    }

    static let agreementInput = ["terms": "被申请人返还8000元并修复墙面", "obligations": "江城市美居装饰工程有限公司|返还装修款8000元|2025-10-31",
                                 "investigation": "核对合同及付款凭证，多收增项费用属实", "result": "达成协议", "allSigned": "on", "checklist": "on"]

    /// Kept by the centre on `day`, mediator 吴调解, both parties consenting on `accepted` (default: the same day).
    static func atCentre(_ day: String, accepted: String? = nil, scope: MediationScope = .civil) throws -> ProcedureCase<MediationFacts> {
        let on = accepted ?? day
        var c = try registered(on: day, scope: scope, disputedUnit: scope.administrative ? "YWZF" : nil)
        (c, _) = try take("mediateAtCentre", c, by: centreStaff, on: day)
        (c, _) = try take("assignMediators", c, by: centreStaff, on: day, ["mediators": wu.uuidString])
        (c, _) = try take("recordConsent", c, by: centreStaff, on: on, ["side": "applicant", "on": on, "form": "written"])
        (c, _) = try take("recordConsent", c, by: centreStaff, on: on, ["side": "respondent", "on": on, "form": "written"])
        return c
    }
}
