/// A report period as it travels in a URL: `2025`, `2025-H2`, `2025-Q4`, `2025-10` (statistics.md).
extension ReportPeriod {
    public init?(key: String) {
        let parts = key.split(separator: "-").map(String.init)
        guard let first = parts.first, let year = Int(first), (2000...2100).contains(year) else { return nil }
        let p: ReportPeriod?
        switch parts.count {
        case 1: p = .year(year)
        case 2 where parts[1].hasPrefix("Q"): p = Int(parts[1].dropFirst()).flatMap { .quarter(year, $0) }
        case 2 where parts[1].hasPrefix("H"): p = Int(parts[1].dropFirst()).flatMap { .halfYear(year, $0) }
        case 2: p = Int(parts[1]).flatMap { .month(year, $0) }
        default: p = nil
        }
        guard let p else { return nil }
        self = p
    }

    public var key: String {
        switch kind {
        case .year: "\(year)"
        case .halfYear: "\(year)-H\(index)"
        case .quarter: "\(year)-Q\(index)"
        case .month: index < 10 ? "\(year)-0\(index)" : "\(year)-\(index)"
        }
    }
}
