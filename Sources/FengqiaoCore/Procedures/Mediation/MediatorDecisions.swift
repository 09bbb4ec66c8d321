import Foundation

// MD-01: a mediator is assignable only once his unit's list is filed (备案) with 法制科 — the filing
// marks each mediator then in office (`MediatorEligibility.filedKind`); one appointed later waits for
// the next filing.
// MD-06: a mediator is removed (撤换) only by a leading-group decision citing 严重失职 or 违法违纪.
// The removal cuts the term short from its day — the covering term ends the day before, any later
// renewal is revoked — and each open dispute the mediator is assigned to is flagged at once, with 5
// working days to reassign (MD-05's lapse, `ProcedureModule.personLeft`).

/// The grounds MD-06 allows.
public enum MediatorRemovalGround: String, CaseIterable, Sendable, Codable {
    case dereliction, violation

    public var nameZH: String {
        switch self {
        case .dereliction: "严重失职"
        case .violation: "违法违纪"
        }
    }
}

/// A qualification as the store holds it, for cutting short.
public struct HeldQualification: Sendable, Equatable {
    public let id: UUID
    public let kind: String
    public let obtainedOn: LocalDate
    public let expiresOn: LocalDate?
    public let revoked: Bool

    public init(id: UUID, kind: String, obtainedOn: LocalDate, expiresOn: LocalDate?, revoked: Bool) {
        self.id = id
        self.kind = kind
        self.obtainedOn = obtainedOn
        self.expiresOn = expiresOn
        self.revoked = revoked
    }
}

/// One change a cut makes: the qualification ends on `expiresOn`, or is revoked.
public struct QualificationCut: Sendable, Equatable {
    public let id: UUID
    public let expiresOn: LocalDate?
    public let revoke: Bool

    public init(id: UUID, expiresOn: LocalDate?, revoke: Bool) {
        self.id = id
        self.expiresOn = expiresOn
        self.revoke = revoke
    }
}

extension MediatorEligibility {
    /// MD-06: what refuses a removal of `person` (nil: unknown) on `on` — the ground, the decision's
    /// reference, a day not after `today`, and a mediator in office that day.
    public static func removalRefusals(_ person: PersonFact?, ground: String?, decision: String?, on: LocalDate?, today: LocalDate) -> [FieldError] {
        var out: [FieldError] = []
        if ground.flatMap(MediatorRemovalGround.init(rawValue:)) == nil {
            out.append(FieldError(field: "ground", rule: "MD-06", code: "mediator.removal.ground", messageZH: "撤换调解员须以严重失职或违法违纪为由"))
        }
        if (decision ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            out.append(FieldError(field: "decision", rule: "MD-06", code: "mediator.removal.decision", messageZH: "撤换调解员须经领导小组决定，请填写决定文号"))
        }
        out += dayRefusals(on, today: today, rule: "MD-06", code: "mediator.removal.future", labelZH: "撤换日期")
        guard let on else { return out }
        if person.map({ !$0.holds(termKind, on: on) }) ?? true {
            out.append(FieldError(field: "person", rule: "MD-06", code: "mediator.removal.not-serving", messageZH: "该人员在\(on.chinese)不是在任调解员"))
        }
        return out
    }

    /// MD-06: the term covering `on` ends the day before (revoked when it began that day); later terms are revoked.
    public static func cuts(_ held: [HeldQualification], from on: LocalDate) -> [QualificationCut] {
        held.filter { $0.kind == termKind && !$0.revoked }.compactMap { q in
            if q.obtainedOn >= on { return QualificationCut(id: q.id, expiresOn: q.expiresOn, revoke: true) }
            let end = q.expiresOn ?? termEnd(start: q.obtainedOn)
            return end >= on ? QualificationCut(id: q.id, expiresOn: on.adding(days: -1), revoke: false) : nil
        }
    }
}

extension MediatorEligibility {
    /// MD-05: what refuses recording that `person` (nil: unknown) resigned (辞任) from `on` — the reason
    /// (his letter, or why he can no longer serve), a day not after `today`, and a mediator in office that day.
    public static func resignationRefusals(_ person: PersonFact?, reason: String?, on: LocalDate?, today: LocalDate) -> [FieldError] {
        var out: [FieldError] = []
        if (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            out.append(FieldError(field: "reason", rule: "MD-05", code: "mediator.resignation.reason", messageZH: "请填写辞任理由（辞任申请或不能履行职务的情况）"))
        }
        out += dayRefusals(on, today: today, rule: "MD-05", code: "mediator.resignation.future", labelZH: "辞任日期")
        guard let on else { return out }
        if person.map({ !$0.holds(termKind, on: on) }) ?? true {
            out.append(FieldError(field: "person", rule: "MD-05", code: "mediator.resignation.not-serving", messageZH: "该人员在\(on.chinese)不是在任调解员"))
        }
        return out
    }
}

extension MediatorEligibility {
    /// MD-01: the mediators of `unit` in office on `on` not yet on a filed list — those 法制科's filing adds.
    public static func unfiled(_ people: [PersonFact], unit: UUID, on: LocalDate) -> [PersonFact] {
        people.filter { p in
            p.unitID == unit && p.holds(termKind, on: on) && !p.qualifications.contains { $0.kind == filedKind && !$0.revoked && $0.obtainedOn <= on }
        }.sorted { $0.name < $1.name }
    }

    /// MD-01: what refuses 法制科's filing of a unit's list on `on`: the filing's reference, a day not after
    /// `today`, and someone to file.
    public static func filingRefusals(_ unfiled: [PersonFact], reference: String?, on: LocalDate?, today: LocalDate) -> [FieldError] {
        var out: [FieldError] = []
        if (reference ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            out.append(FieldError(field: "reference", rule: "MD-01", code: "mediator.filing.reference", messageZH: "请填写备案文号或登记号"))
        }
        out += dayRefusals(on, today: today, rule: "MD-01", code: "mediator.filing.future", labelZH: "备案日期")
        guard let on else { return out }
        if unfiled.isEmpty {
            out.append(FieldError(field: "unit", rule: "MD-01", code: "mediator.filing.none", messageZH: "该单位在\(on.chinese)没有待备案的在任调解员"))
        }
        return out
    }

    /// A decision's day (`on`, field "on"): given, and not after `today`.
    static func dayRefusals(_ on: LocalDate?, today: LocalDate, rule: String, code: String, labelZH: String) -> [FieldError] {
        guard let on else { return [FieldError(field: "on", rule: "X-06", code: "input.date", messageZH: "请填写\(labelZH)（如2026-12-07）")] }
        return on > today ? [FieldError(field: "on", rule: rule, code: code, messageZH: "\(labelZH)不能晚于今天（\(today.chinese)）")] : []
    }
}
