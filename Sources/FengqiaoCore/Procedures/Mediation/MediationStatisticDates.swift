import Foundation

// MD-41: the days the 台帐 counts a dispute by, kept in the database with every write
// (`Procedure.statisticDates`, `case_dates`), so a bureau's month is grouped counts; the cases
// concluded or falling due in the month, and those revisited, are read whole for the rates.

/// The keys of mediation's statistic dates and values.
public enum MediationStatisticKey {
    public static let registered = "registered"
    public static let accepted = "accepted"
    /// 不予受理.
    public static let rejected = "rejected"
    public static let dispatched = "dispatched"
    /// The first return (回流, MD-17).
    public static let returned = "returned"
    /// 会办 decided (MD-32).
    public static let joint = "joint"
    public static let major = "major"
    /// Registered with a MD-48 flag (多发矛盾): the registration day.
    public static let recurring = "recurring"
    /// The conclusion (read whole: outcome, working days, on time).
    public static let ended = "ended"
    /// An agreement's last obligation falling due (read whole: performed or not, MD-29).
    public static let performanceDue = "performanceDue"
    /// An agreement first found reneged on (MD-29, MD-40): the earliest check of a reneged obligation.
    public static let reneged = "reneged"
    /// The object's amount in fen, summed over the registrations.
    public static let amountFen = "amountFen"
}

extension MediationProcedure {
    static let ledgerPlan: StatisticLedger = {
        typealias K = MediationStatisticKey
        return StatisticLedger(counted: [K.registered, K.accepted, K.rejected, K.dispatched, K.returned, K.joint, K.major, K.recurring, K.reneged],
                               summed: [K.amountFen: K.registered], read: [K.ended, K.performanceDue])
    }()

    public static var ledger: StatisticLedger? { ledgerPlan }

    public static func statisticDates(_ f: MediationFacts) -> [String: LocalDate] {
        typealias K = MediationStatisticKey
        var out: [String: LocalDate] = [K.registered: f.registeredOn]
        out[K.accepted] = f.acceptedOn
        out[K.rejected] = f.rejection?.on
        out[K.dispatched] = f.dispatch?.approvedOn
        out[K.returned] = f.returns.first?.on
        out[K.joint] = f.joint?.decidedOn
        out[K.major] = f.major?.on
        if !(f.recurrence?.flags.isEmpty ?? true) { out[K.recurring] = f.registeredOn }
        out[K.ended] = f.ending?.on
        out[K.performanceDue] = performanceDue(f)
        out[K.reneged] = f.obligations.filter { $0.status == .reneged }.compactMap(\.checkedOn).min()
        return out
    }

    public static func statisticKeys(_ f: MediationFacts) -> [String: String] {
        guard let fen = f.object.amountFen else { return [:] }
        return [MediationStatisticKey.amountFen: String(fen)]
    }

    /// The day an agreement's performance falls due: its last obligation's, or the signing day when performed on the spot.
    static func performanceDue(_ f: MediationFacts) -> LocalDate? {
        guard let ending = f.ending, ending.outcome == .agreement else { return nil }
        return f.obligations.map(\.dueOn).max() ?? ending.on
    }
}
