import Foundation

// CP-38's dates and groupings, declared by both tracks so the monthly analysis can be counted in the
// database (`Procedure.statisticDates`): the same rules `ComplaintMonthlyAnalysis.compute` applies to
// the facts, written once per case with each write.

/// The keys the monthly analysis counts by (CP-38).
public enum ComplaintStatisticKey {
    /// A complaint's competent receipt; a report's receipt.
    public static let received = "received"
    /// The day the item counts as concluded (办结率).
    public static let concluded = "concluded"
    /// 结构: a complaint's channel.
    public static let channel = "channel"
    /// 类型: a report's violation category.
    public static let category = "category"
}

extension ComplaintProcedure {
    /// CP-38: counted in the month of its competent receipt; concluded as `concludedOn` says.
    public static func statisticDates(_ facts: ComplaintFacts) -> [String: LocalDate] {
        var out: [String: LocalDate] = [:]
        if let on = facts.competentReceiptOn { out[ComplaintStatisticKey.received] = on }
        if let on = concludedOn(facts) { out[ComplaintStatisticKey.concluded] = on }
        return out
    }

    public static func statisticKeys(_ facts: ComplaintFacts) -> [String: String] {
        [ComplaintStatisticKey.channel: facts.channel.rawValue]
    }
}

extension ReportProcedure {
    /// CP-38: counted in the month of its receipt; concluded once decided and, when the decision is
    /// one a named reporter is told of (CP-28), once the reporter was told — the later of the two.
    public static func statisticDates(_ facts: ReportFacts) -> [String: LocalDate] {
        var out = [ComplaintStatisticKey.received: facts.receivedOn]
        if let on = concludedOn(facts) { out[ComplaintStatisticKey.concluded] = on }
        return out
    }

    public static func statisticKeys(_ facts: ReportFacts) -> [String: String] {
        [ComplaintStatisticKey.category: facts.category]
    }

    /// CP-38: the day a report counts as concluded in the monthly analysis; nil while it does not.
    static func concludedOn(_ f: ReportFacts) -> LocalDate? {
        guard let d = f.decision else { return nil }
        guard f.named && d.decision.tellsReporter else { return d.on }
        return f.reporterToldOn.map { max(d.on, $0) }
    }
}
