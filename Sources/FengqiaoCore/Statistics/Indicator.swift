import Foundation

// One indicator row and the department assessment built from indicators (statistics.md ST-04,
// ST-10). Generic: each procedure's statistics decide what they count; these decide how a value
// reads, whether it meets its target and what it earns.

/// How an indicator's value reads.
public enum IndicatorMeasure: String, Sendable, Codable {
    /// numerator ÷ denominator, shown as a percentage; met when ≥ target.
    case ratio
    /// A mean score 0–100 (numerator is the sum); met when ≥ target.
    case mean
    /// A relative change (numerator is this − previous, denominator previous), shown as a signed
    /// percentage; met when ≤ target (a fall of at least 30 % for −0.30).
    case change
}

/// One indicator of a period: what was counted, the rate, the target and whether it is met.
public struct Indicator: Sendable, Equatable {
    /// Stable key, e.g. `coverage`; the API and exports name it.
    public let key: String
    public let nameZH: String
    /// Where the indicator is defined.
    public let citation: String
    public let measure: IndicatorMeasure
    public let numerator: Double
    public let denominator: Int
    /// numerator ÷ denominator (a fraction for ratios and changes, a score for means); nil when the
    /// denominator is 0 or the inputs are missing.
    public let rate: Double?
    /// The target in the same unit as `rate`; nil when the indicator has none.
    public let target: Double?

    public init(key: String, nameZH: String, citation: String, measure: IndicatorMeasure, numerator: Double, denominator: Int, target: Double?) {
        self.key = key
        self.nameZH = nameZH
        self.citation = citation
        self.measure = measure
        self.numerator = numerator
        self.denominator = denominator
        self.rate = denominator == 0 ? nil : numerator / Double(denominator)
        self.target = target
    }

    /// Whether the target is met; nil without a rate or a target.
    public var met: Bool? {
        guard let rate, let target else { return nil }
        // Compare at 1e-9 so that binary rounding (0.1 + 0.2 ≠ 0.3) cannot flip a rate exactly on target.
        let r = (rate * 1e9).rounded(), t = (target * 1e9).rounded()
        return measure == .change ? r <= t : r >= t
    }

    public var numeratorText: String { IndicatorFormat.decimal(numerator) }
    public var denominatorText: String { String(denominator) }
    /// `92.3%`, `96.5` for a mean, `-33.3%` for a change, `—` without a rate.
    public var rateText: String { rate.map { IndicatorFormat.format($0, measure) } ?? "—" }
    public var targetText: String { target.map { IndicatorFormat.format($0, measure) } ?? "—" }
    /// 是 / 否 / —.
    public var metText: String { met.map { $0 ? "是" : "否" } ?? "—" }
}

/// The department assessment (ST-10): each component earns `weight × min(1, value ÷ target)`
/// points. A component without a value (zero denominator) earns nothing and is flagged by
/// `points == nil`; `attainable` is the sum of the weights that had a value, so a reader can tell
/// "scored low" from "had nothing to score". `annualContribution` = total × the annual weight.
public struct Assessment: Sendable, Equatable {
    public struct Component: Sendable, Equatable {
        public let key: String
        public let nameZH: String
        public let measure: IndicatorMeasure
        public let weight: Double
        public let value: Double?
        public let target: Double
        /// nil when there was no value.
        public let points: Double?

        public init(_ indicator: Indicator, weight: Double) {
            let target = indicator.target ?? 0
            key = indicator.key
            nameZH = indicator.nameZH
            measure = indicator.measure
            self.weight = weight
            value = indicator.rate
            self.target = target
            points = indicator.rate.map { rate in
                // A non-positive target is met by any value.
                guard target > 0 else { return weight }
                return weight * Swift.min(1, Swift.max(0, rate) / target)
            }
        }
    }

    public let components: [Component]
    public let annualWeight: Double

    public init(components: [Component], annualWeight: Double) {
        self.components = components
        self.annualWeight = annualWeight
    }

    public var total: Double { components.reduce(0) { $0 + ($1.points ?? 0) } }
    public var attainable: Double { components.reduce(0) { $0 + ($1.points == nil ? 0 : $1.weight) } }
    public var annualContribution: Double { total * annualWeight }

    /// The assessment table: a header (考核项目, 权重, 完成值, 目标, 得分) and one row per component,
    /// then the total (`总分`) and the annual contribution (`计入年度考核`).
    public func rows() -> [[String]] {
        [["考核项目", "权重", "完成值", "目标", "得分"]]
            + components.map { c in
                [c.nameZH, IndicatorFormat.decimal(c.weight), c.value.map { IndicatorFormat.format($0, c.measure) } ?? "—",
                 IndicatorFormat.format(c.target, c.measure), c.points.map(IndicatorFormat.decimal) ?? "—"]
            }
            + [["总分", IndicatorFormat.decimal(attainable), "", "", IndicatorFormat.decimal(total)],
               ["计入年度考核", IndicatorFormat.format(annualWeight, .ratio), "", "", IndicatorFormat.decimal(annualContribution)]]
    }
}

/// How figures print in tables and exports (ST-04).
public enum IndicatorFormat {
    /// One decimal, rounded half away from zero, without a trailing `.0`: 3 → "3", 288.25 → "288.3".
    public static func decimal(_ x: Double) -> String {
        let s = oneDecimal(x)
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }

    /// Always one decimal: 0.923 → "92.3%" (ratio), 96.54 → "96.5" (mean), −1/3 → "-33.3%" (change).
    public static func format(_ x: Double, _ m: IndicatorMeasure) -> String {
        m == .mean ? oneDecimal(x) : oneDecimal(x * 100) + "%"
    }

    private static func oneDecimal(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// The indicator table: a header (指标, 分子, 分母, 比率, 目标, 是否达标, 依据) and one row each.
    public static func rows(_ indicators: [Indicator]) -> [[String]] {
        [["指标", "分子", "分母", "比率", "目标", "是否达标", "依据"]]
            + indicators.map { [$0.nameZH, $0.numeratorText, $0.denominatorText, $0.rateText, $0.targetText, $0.metText, $0.citation] }
    }
}
