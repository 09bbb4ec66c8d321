@testable import FengqiaoCore
import Foundation
import Testing

/// The clocks a run of outcomes leaves, as the store keeps them: pure `Clock`s by step, started,
/// suspended, resumed, extended, ended or cancelled by each transition's `ClockEffect`s.
struct ClockRunner {
    var byStep: [String: Clock] = [:]
    let set: RuleSet
    var calendar = WorkCalendar.shipped

    init(set: RuleSet) { self.set = set }

    /// Applies the effects; an extension is granted on `day` by an approver holding `permissions`.
    mutating func apply(_ effects: [ClockEffect], on day: LocalDate? = nil, permissions: Set<String> = []) throws {
        for e in effects {
            switch e {
            case let .start(step, on): byStep[step] = try Clock(start: on, rule: #require(set.rule(step)), calendar: calendar)
            case let .suspend(step, from, ground): try byStep[step]?.suspend(from: from, ground: ground, approver: "负责人")
            case let .resume(step, last): try byStep[step]?.resume(lastSuspendedDay: last)
            case let .extend(step, count, ground):
                try byStep[step]?.extend(by: count, ground: ground, approver: "负责人", approverPermissions: permissions, grantedOn: #require(day))
            case let .end(step, _), let .cancel(step, _, _): byStep[step] = nil
            }
        }
    }

    func due(_ step: String, asOf: String) -> LocalDate? { byStep[step]?.dueDate(asOf: LocalDate(iso: asOf)!).date }
}
