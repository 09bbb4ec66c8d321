import Foundation

// A month's figures read without decoding every case (MD-41's 台帐 for a bureau: issue 15's goal of
// 1.5× hand-written SQL). A procedure names which of its statistic dates (`Procedure.statisticDates`)
// the database only counts, which values it sums over a date, and which dates' cases are read whole
// because their figures need the facts (a conclusion's working days, an agreement's obligations). The
// same figures come from the facts in Swift (`StatisticTally.from`), so the two paths cannot drift:
// both go through one `Procedure.indicators(_:read:_:)`.

/// What a procedure's month is counted by in the database, and what is read whole.
public struct StatisticLedger: Sendable, Equatable {
    /// The date keys whose cases in the month are counted, per key.
    public let counted: [String]
    /// The values (`Procedure.statisticKeys`, integers) summed over the cases with a date in the month: value key → date key.
    public let summed: [String: String]
    /// The date keys whose cases in the month are read whole (with the cases revisited in the month).
    public let read: [String]

    public init(counted: [String], summed: [String: String] = [:], read: [String]) {
        self.counted = counted
        self.summed = summed
        self.read = read
    }
}

/// The counts and sums of one set of units for one window, by key.
public struct StatisticTally: Sendable, Equatable {
    public var counts: [String: Int]
    public var sums: [String: Int]

    public init(counts: [String: Int] = [:], sums: [String: Int] = [:]) {
        self.counts = counts
        self.sums = sums
    }

    public func count(_ key: String) -> Int { counts[key] ?? 0 }
    public func sum(_ key: String) -> Int { sums[key] ?? 0 }

    /// The tally the database would count, from the facts in Swift: each case whose date is in `first…last`.
    public static func from<P: Procedure>(_ p: P.Type, _ facts: [P.Facts], ledger: StatisticLedger, first: LocalDate, last: LocalDate) -> StatisticTally {
        var tally = StatisticTally()
        for f in facts {
            let dates = P.statisticDates(f)
            for key in ledger.counted {
                if let d = dates[key], first <= d, d <= last { tally.counts[key, default: 0] += 1 }
            }
            guard !ledger.summed.isEmpty else { continue }
            let values = P.statisticKeys(f)
            for (value, dateKey) in ledger.summed {
                guard let d = dates[dateKey], first <= d, d <= last, let n = values[value].flatMap(Int.init) else { continue }
                tally.sums[value, default: 0] += n
            }
        }
        return tally
    }

    /// Whether any of `keys` of the facts falls in `first…last`: the cases the ledger reads whole.
    public static func dated<P: Procedure>(_ p: P.Type, _ facts: P.Facts, keys: [String], first: LocalDate, last: LocalDate) -> Bool {
        let dates = P.statisticDates(facts)
        return keys.contains { k in dates[k].map { first <= $0 && $0 <= last } ?? false }
    }
}
