import Foundation

/// The enforcement brief for the monthly 碰头会 and the registry's figures (complaints.md, Statistics:
/// Enforcement): 查处案件数 = 一般程序 cases filed in P + 简易程序 decisions in P; 结案数 = cases closed in
/// P; 罚没入库 = Σ payments paid in P; 大要案 by 罚没合计 band; breakdowns by category, procedure and
/// unit. Deliberately no quota, budget-completion or per-capita column (CP-34).
public struct EnforcementBrief: Sendable, Equatable {
    /// One line of a breakdown: its label, cases counted (查处) and the amount collected in P.
    public struct Line: Sendable, Equatable {
        public let label: String
        public let cases: Int
        public let collectedFen: Int
    }

    /// The default bands of 大要案 (罚没合计 ≥ 1万, 5万, 10万, 20万, 40万 yuan), configurable.
    public static let defaultBandsFen = [10_000_00, 50_000_00, 100_000_00, 200_000_00, 400_000_00]

    /// The days counted: a period, cut at its as-of day.
    public struct Days: Sendable, Equatable {
        public let first: LocalDate
        public let last: LocalDate
        public init(_ period: ReportPeriod, through: LocalDate? = nil) {
            first = period.first
            last = min(period.last, through ?? period.last)
        }
        public func contains(_ d: LocalDate) -> Bool { first <= d && d <= last }
    }

    public let period: ReportPeriod
    public let days: Days
    public let generalFiled: Int
    public let simpleDecided: Int
    public let closed: Int
    public let collectedFen: Int
    /// Band threshold (fen) → cases decided in P whose 罚没合计 reaches it.
    public let bands: [(thresholdFen: Int, cases: Int)]
    public let byCategory: [Line]
    public let byUnit: [Line]

    public var handled: Int { generalFiled + simpleDecided }

    public static func == (a: EnforcementBrief, b: EnforcementBrief) -> Bool {
        a.period == b.period && a.days == b.days && a.generalFiled == b.generalFiled && a.simpleDecided == b.simpleDecided && a.closed == b.closed
            && a.collectedFen == b.collectedFen && a.bands.map(\.thresholdFen) == b.bands.map(\.thresholdFen) && a.bands.map(\.cases) == b.bands.map(\.cases)
            && a.byCategory == b.byCategory && a.byUnit == b.byUnit
    }

    /// One case as the brief reads it.
    public struct Entry: Sendable {
        public let unitName: String
        public let facts: EnforcementFacts
        public init(unitName: String, facts: EnforcementFacts) {
            self.unitName = unitName
            self.facts = facts
        }
    }

    /// Whether a case counts as 查处 in P: a 一般程序 case filed in P, or a 简易程序 decision in P.
    static func handled(_ f: EnforcementFacts, in p: Days) -> Bool {
        guard let filing = f.filing else { return false }
        switch filing.procedure {
        case .general: return p.contains(filing.on)
        case .simple: return f.decision.map { p.contains($0.on) } ?? false
        }
    }

    static func collected(_ f: EnforcementFacts, in p: Days) -> Int {
        f.payments.filter { p.contains($0.paidOn) }.reduce(0) { $0 + $1.amountFen }
    }

    public init(period: ReportPeriod, through: LocalDate? = nil, entries: [Entry], bandsFen: [Int] = EnforcementBrief.defaultBandsFen) {
        self.period = period
        let p = Days(period, through: through)
        days = p
        let facts = entries.map(\.facts)
        generalFiled = facts.count { $0.filing?.procedure == .general && $0.filing.map { p.contains($0.on) } == true }
        simpleDecided = facts.count { $0.filing?.procedure == .simple && $0.decision.map { p.contains($0.on) } == true }
        closed = facts.count { $0.closedOn.map(p.contains) == true && $0.filing != nil }
        collectedFen = facts.reduce(0) { $0 + Self.collected($1, in: p) }
        let decided = facts.compactMap(\.decision).filter { p.contains($0.on) && $0.type == .penalty }
        bands = bandsFen.sorted().map { t in (t, decided.count { $0.totalFen >= t }) }
        func lines(_ key: (Entry) -> String, order: [String]) -> [Line] {
            let groups = Dictionary(grouping: entries, by: key)
            return order.compactMap { label in
                guard let g = groups[label] else { return nil }
                let line = Line(label: label, cases: g.count { Self.handled($0.facts, in: p) }, collectedFen: g.reduce(0) { $0 + Self.collected($1.facts, in: p) })
                return line.cases == 0 && line.collectedFen == 0 ? nil : line
            }
        }
        byCategory = lines({ ($0.facts.category ?? .other).nameZH }, order: EnforcementCategory.allCases.map(\.nameZH))
        byUnit = lines({ $0.unitName }, order: Array(Set(entries.map(\.unitName))).sorted())
    }

    /// The printable table (XLSX, CSV, DOCX): the totals, the bands, then each breakdown with its share
    /// of the bureau total. No column for quotas, budgets or per-capita amounts (CP-34).
    public func table() -> [[String]] {
        func yuan(_ fen: Int) -> String { Fen.text(fen) }
        func share(_ n: Int, _ of: Int) -> String { of == 0 ? "—" : String(format: "%.1f%%", Double(n) * 100 / Double(of)) }
        var rows: [[String]] = [["统计期间", period.labelZH], [],
                                ["查处案件数", "一般程序立案", "简易程序决定", "结案数", "罚没入库"],
                                ["\(handled)", "\(generalFiled)", "\(simpleDecided)", "\(closed)", yuan(collectedFen)], [],
                                ["大要案（罚没合计）"] + bands.map { "≥\($0.thresholdFen / 1_000_000)万元" }, [""] + bands.map { "\($0.cases)" }, []]
        for (title, lines) in [("按案件类别", byCategory), ("按单位", byUnit)] where !lines.isEmpty {
            rows.append([title, "查处案件数", "占比", "罚没入库", "占比"])
            rows += lines.map { [$0.label, "\($0.cases)", share($0.cases, handled), yuan($0.collectedFen), share($0.collectedFen, collectedFen)] }
            rows.append([])
        }
        return rows
    }
}
