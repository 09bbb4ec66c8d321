import Foundation

// The rules several mediation steps share: the dates an officer types (never in the future, never
// before the registration), the mediators' eligibility on a day (MD-03, MD-04, MD-09) and the
// remedies a termination must name (MD-30).

/// A step of administrative mediation.
protocol MediationStep: Transition where Facts == MediationFacts {}

enum MediationRules {
    /// a typed date of the case lies between the registration (or `notBefore`) and today.
    static func dateErrors(_ d: LocalDate, field: String, label: String, facts: MediationFacts, notBefore: (LocalDate, String)? = nil,
                           context: ProcedureContext) -> [FieldError] {
        if d > context.today {
            return [FieldError(field: field, rule: "X-02", code: "mediation.date.future", messageZH: "“\(label)”不能晚于今天")]
        }
        let (floor, what) = notBefore ?? (facts.registeredOn, "登记日期")
        if d < floor {
            return [FieldError(field: field, rule: "X-02", code: "mediation.date.early", messageZH: "“\(label)”不能早于\(what)\(floor.chinese)")]
        }
        return []
    }

    static func refusal(_ field: String, _ rule: String, _ code: String, _ message: String) -> FieldError {
        FieldError(field: field, rule: rule, code: code, messageZH: message)
    }
}

/// MD-03, MD-04: a mediator's term and eligibility, read from the person's qualifications (PLT-02,
/// PLT-07): the `mediator` qualification is one term (its start and end), a pass of 岗前培训 or a
/// later 培训 is `training:pre-post`.
public enum MediatorEligibility {
    public static let termKind = "mediator"
    public static let trainingKind = "training:pre-post"
    /// MD-01: on the unit's mediator list filed (备案) with 法制科, from the filing day.
    public static let filedKind = "mediator.filed"
    /// MD-05, MD-06: the day a mediator left office before his term ended — removed (撤换) by the leading
    /// group, or resigned (辞任) — recorded beside the term cut short, so the list says why.
    public static let removedKind = "mediator.removed"
    public static let resignedKind = "mediator.resigned"

    /// MD-03: a term starting on `start` ends one year later less one day (2025-03-01 → 2026-02-28).
    public static func termEnd(start: LocalDate) -> LocalDate {
        // The same day next year, less one; a term from 02-29 ends on 02-28.
        let next = LocalDate(year: start.year + 1, month: start.month, day: start.day) ?? LocalDate(year: start.year + 1, month: start.month + 1, day: 1)
        return next?.adding(days: -1) ?? start
    }

    /// MD-04: why `person` may not mediate on `day` — no term covering the day, or no 合格 training
    /// dated on or before it; MD-01: not on a list filed with 法制科 by then; MD-09: from the unit whose
    /// act is disputed. Empty: eligible.
    public static func refusals(_ person: PersonFact?, on day: LocalDate, field: String, excludedUnit: UUID? = nil) -> [FieldError] {
        guard let person else {
            return [MediationRules.refusal(field, "MD-04", "mediation.mediator.unknown", "调解员不存在或已停用")]
        }
        var v: [FieldError] = []
        let terms = person.qualifications.filter { $0.kind == termKind && !$0.revoked }
        if !terms.contains(where: { $0.valid(on: day) }) {
            let ended = terms.compactMap(\.expiresOn).filter { $0 < day }.max()
            v.append(ended != nil
                ? MediationRules.refusal(field, "MD-04", "mediation.mediator.term-expired", "调解员任期已届满：\(person.name)的任期于\(ended!.chinese)届满，未续聘")
                : MediationRules.refusal(field, "MD-04", "mediation.mediator.not-appointed", "\(person.name)在\(day.chinese)不是在任调解员"))
        }
        if !person.qualifications.contains(where: { $0.kind == trainingKind && !$0.revoked && $0.obtainedOn <= day }) {
            v.append(MediationRules.refusal(field, "MD-04", "mediation.mediator.untrained", "调解员未通过岗前培训考核：\(person.name)在\(day.chinese)前没有合格的培训记录"))
        }
        if !person.qualifications.contains(where: { $0.kind == filedKind && !$0.revoked && $0.obtainedOn <= day }) {
            v.append(MediationRules.refusal(field, "MD-01", "mediation.mediator.not-filed", "调解员名单未报法制科备案：\(person.name)在\(day.chinese)前不在已备案的调解员名单中"))
        }
        if let excludedUnit, person.unitID == excludedUnit {
            v.append(MediationRules.refusal(field, "MD-09", "mediation.mediator.disputed-unit", "行政纠纷中，\(person.name)所在单位的行为正是争议对象，不得担任调解员"))
        }
        if !person.active {
            v.append(MediationRules.refusal(field, "MD-04", "mediation.mediator.inactive", "\(person.name)的账号已停用"))
        }
        return v
    }
}
