import Foundation

// Configurable indicator targets (statistics.md, the indicators table: "targets configurable";
// ST-10: the weight of a procedure's score in the annual assessment is configurable; ST-11 reads a
// department's baseline from its target). A procedure declares what may be set — per indicator key
// its Chinese name, measure, default target and allowed range, and the assessment's annual weight
// (`ProcedureModule.indicatorTargets`); the bureau sets values per year; the targets in force for a
// year are the declared defaults overridden by the values set. Pure: the store keeps the values set,
// the web edits them, the procedure's statistics compute with `IndicatorTargets.InForce`.

extension IndicatorMeasure {
    /// The values a target of this measure may take: a ratio 0…1, a mean score 0…100, a change −1…1.
    public var targetRange: ClosedRange<Double> {
        switch self {
        case .ratio: 0...1
        case .mean: 0...100
        case .change: -1...1
        }
    }

    /// How a person writes a value of this measure: ratios and changes as percentages (80 for 0.80),
    /// a mean as its score.
    public var displayScale: Double { self == .mean ? 1 : 100 }

    /// The unit shown beside a value typed in `displayScale`.
    public var unitZH: String { self == .mean ? "分" : "%" }
}

/// What a procedure declares about its targets, and the rules for setting them.
public struct IndicatorTargets: Sendable, Equatable {
    /// One indicator whose target may be set.
    public struct Target: Sendable, Equatable {
        /// The indicator's stable key (`Indicator.key`, e.g. `coverage`).
        public let key: String
        public let nameZH: String
        public let measure: IndicatorMeasure
        /// The target when none is set for the year; nil: the indicator has none by default.
        public let standard: Double?

        public init(_ key: String, _ nameZH: String, _ measure: IndicatorMeasure, standard: Double?) {
            self.key = key
            self.nameZH = nameZH
            self.measure = measure
            self.standard = standard
        }

        public var range: ClosedRange<Double> { measure.targetRange }
    }

    /// The key under which the annual weight is set, beside the indicators' keys.
    public static let annualWeightKey = "annualWeight"
    public static let annualWeightNameZH = "计入年度考核的权重"
    /// ST-10: a share of the annual assessment, 0 to 100 %.
    public static let annualWeightRange: ClosedRange<Double> = 0...1
    /// The rule a refusal names.
    public static let rule = "ST-10"

    /// The indicators whose targets may be set, in report order.
    public let targets: [Target]
    /// ST-10: the default weight of the procedure's assessment score in the annual assessment; nil
    /// for a procedure without an assessment (then no weight may be set).
    public let annualWeight: Double?

    public init(_ targets: [Target], annualWeight: Double? = nil) {
        precondition(Set(targets.map(\.key)).count == targets.count, "IndicatorTargets: duplicate indicator key")
        precondition(!targets.contains { $0.key == Self.annualWeightKey }, "IndicatorTargets: \(Self.annualWeightKey) is reserved")
        self.targets = targets
        self.annualWeight = annualWeight
    }

    /// Nothing to set: the default of a procedure without indicators.
    public static let none = IndicatorTargets([])

    public var isEmpty: Bool { targets.isEmpty && annualWeight == nil }

    public func target(_ key: String) -> Target? { targets.first { $0.key == key } }

    /// Every key that may be set: the indicators', then the annual weight's when declared.
    public var keys: [String] { targets.map(\.key) + (annualWeight == nil ? [] : [Self.annualWeightKey]) }

    /// The Chinese name of a settable key.
    public func nameZH(_ key: String) -> String? {
        key == Self.annualWeightKey && annualWeight != nil ? Self.annualWeightNameZH : target(key)?.nameZH
    }

    /// The measure a settable key is written in (the annual weight is a share, like a ratio).
    public func measure(_ key: String) -> IndicatorMeasure? {
        key == Self.annualWeightKey && annualWeight != nil ? .ratio : target(key)?.measure
    }

    /// The default of a settable key.
    public func standard(_ key: String) -> Double? { key == Self.annualWeightKey ? annualWeight : target(key)?.standard }

    /// The allowed values of a settable key.
    public func range(_ key: String) -> ClosedRange<Double>? {
        key == Self.annualWeightKey && annualWeight != nil ? Self.annualWeightRange : target(key)?.range
    }

    // MARK: In force

    /// The targets in force for a year.
    public struct InForce: Sendable, Equatable {
        /// The year they are for; nil for the bare defaults.
        public let year: Int?
        /// Indicator key → target, for the indicators that have one.
        public let targets: [String: Double]
        /// ST-10: the weight of the assessment score in the annual assessment.
        public let annualWeight: Double
        /// The values set for the year that override a default (annual weight included, under its key).
        public let configured: [String: Double]

        public init(year: Int?, targets: [String: Double], annualWeight: Double, configured: [String: Double] = [:]) {
            self.year = year
            self.targets = targets
            self.annualWeight = annualWeight
            self.configured = configured
        }

        /// The target of the indicator `key`; nil when it has none.
        public func target(_ key: String) -> Double? { targets[key] }
    }

    /// The defaults alone: for a year with nothing set, or a report asked without a year.
    public func defaults(year: Int? = nil) -> InForce { inForce(year: year, configured: [:]) }

    /// The defaults overridden by `configured` (key → value set for the year). Keys the procedure no
    /// longer declares are ignored.
    public func inForce(year: Int?, configured: [String: Double]) -> InForce {
        let settable = Set(keys)
        let applied = configured.filter { settable.contains($0.key) && $0.value.isFinite }
        var values: [String: Double] = [:]
        for t in targets {
            if let v = applied[t.key] ?? t.standard { values[t.key] = v }
        }
        return InForce(year: year, targets: values, annualWeight: applied[Self.annualWeightKey] ?? annualWeight ?? 0, configured: applied)
    }

    // MARK: Setting

    /// Checks the values to set for a year: key → value, nil to remove the year's value (back to the
    /// default). Every fault at once: an unknown key (`target.unknown`), a value outside its range
    /// (`target.out-of-range`: a ratio 0…100 %, a mean 0…100, a change −100…100 %, the annual weight
    /// 0…100 %), each naming the indicator.
    public func check(_ values: [String: Double?]) -> [FieldError] {
        var errors: [FieldError] = []
        for key in values.keys.sorted(by: { order($0) < order($1) }) {
            guard let name = nameZH(key), let range = range(key), let measure = measure(key) else {
                errors.append(FieldError(field: key, rule: Self.rule, code: "target.unknown", messageZH: "没有可设定目标的指标“\(key)”"))
                continue
            }
            guard let value = values[key] ?? nil else { continue }
            if !value.isFinite || !range.contains(value) {
                errors.append(Self.outOfRange(key, name, range: range, measure: measure))
            }
        }
        return errors
    }

    /// Reads the values typed on the form, `key → text` for every settable key: ratios, changes and
    /// the annual weight as percentages (`85` or `85%` for 0.85), a mean as its score; an empty field
    /// removes the year's value. Text that is not a number is `target.not-a-number`; then `check`.
    public func parse(_ form: [String: String]) -> (values: [String: Double?], errors: [FieldError]) {
        var values: [String: Double?] = [:]
        var errors: [FieldError] = []
        for key in keys {
            guard let measure = measure(key), let name = nameZH(key) else { continue }
            var text = (form[key] ?? "").trimmingCharacters(in: .whitespaces)
            if text.hasSuffix("%") || text.hasSuffix("％") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
            text = text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "－", with: "-")
            if text.isEmpty {
                values[key] = .some(nil)
                continue
            }
            // Digits, one point and a leading sign only: `Double` would also read "nan", "inf" and hex.
            guard text.range(of: #"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"#, options: .regularExpression) != nil, let number = Double(text) else {
                errors.append(FieldError(field: key, rule: Self.rule, code: "target.not-a-number",
                                         messageZH: "\(Self.subject(key, name))应为数字，如 \(Self.example(measure))"))
                continue
            }
            values[key] = number / measure.displayScale
        }
        return (values, errors + check(values))
    }

    /// The value as a person writes it: `85` for a ratio of 0.85, `95` for a mean, `-30` for a change
    /// of −0.30 (at most four decimals, no trailing zeros).
    public static func displayText(_ value: Double, _ measure: IndicatorMeasure) -> String {
        var s = String(format: "%.4f", value * measure.displayScale)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// ST-10, X-06: the year targets are set for, 2000 to five years after today.
    public static func checkYear(_ year: Int, today: LocalDate) -> FieldError? {
        guard !(2000...(today.year + 5)).contains(year) else { return nil }
        return FieldError(field: "year", rule: Self.rule, code: "target.year.invalid", messageZH: "考核年度应在2000年至\(today.year + 5)年之间")
    }

    /// The refusal of a set of values: 422 with the first fault's code (`target.out-of-range` …) and
    /// every fault in `fields`.
    public static func refusal(_ errors: [FieldError]) -> DomainError {
        DomainError(.invalid, code: errors.first?.code ?? "validation.failed", messageZH: "考核目标未保存：" + errors.map(\.messageZH).joined(separator: "；"),
                    ruleID: rule, fields: errors)
    }

    private func order(_ key: String) -> Int { keys.firstIndex(of: key) ?? keys.count }

    private static func outOfRange(_ key: String, _ name: String, range: ClosedRange<Double>, measure: IndicatorMeasure) -> FieldError {
        let low = displayText(range.lowerBound, measure), high = displayText(range.upperBound, measure)
        let unit = measure == .mean ? "" : "%"
        return FieldError(field: key, rule: rule, code: "target.out-of-range", messageZH: "\(subject(key, name))应在\(low)\(unit)至\(high)\(unit)之间")
    }

    /// What a message is about: an indicator's target (`重点领域约谈覆盖率的目标`), or the weight itself.
    private static func subject(_ key: String, _ name: String) -> String { key == annualWeightKey ? name : name + "的目标" }

    private static func example(_ m: IndicatorMeasure) -> String {
        switch m {
        case .ratio: "85（即85%）"
        case .mean: "95"
        case .change: "-30（即下降30%）"
        }
    }
}
