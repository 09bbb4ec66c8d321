import FengqiaoCore
import Foundation

/// The targets page of a procedure with settable targets (statistics_targets.mustache): each
/// indicator's name, default and the value set for the year, typed as a person writes it (80 for
/// 80 %), with its error after a refused form; and the assessment's annual weight (ST-10).
struct IndicatorTargetsModel {
    struct Row {
        /// The form field: the indicator's key (an attribute, never shown).
        let field: String
        let name: String
        /// How the value is written: 百分比 / 分（0–100）.
        let measure: String
        let unit: String
        /// The declared default, formatted (`80.0%`), or `无`.
        let standard: String
        /// The input's value: the year's value in the person's unit, or what was typed.
        let value: String
        /// The target in force for the year, formatted.
        let inForce: String
        /// `本年度设定（李局长）` or `默认`.
        let source: String
        let error: String?
    }

    let page: PageChrome
    let procedureName: String
    let year: Int
    let years: [SelectOption]
    /// The page's path, without the query (the year form's action).
    let action: String
    /// The save form's action, with the year.
    let saveAction: String
    let statisticsHref: String
    let rows: [Row]
    /// ST-10: the annual weight's row, when the procedure has an assessment.
    let weight: Row?
    let errors: [String]

    /// The rows of `declared` for a year: `set` the values set (with who set them), `inForce` the
    /// targets in force, `typed` and `errors` a refused form's text and faults by field.
    static func rows(_ declared: IndicatorTargets, set: [String: (value: Double, by: String)], inForce: IndicatorTargets.InForce,
                     typed: [String: String]?, errors: [String: String]) -> (rows: [Row], weight: Row?) {
        func row(_ key: String) -> Row? {
            guard let name = declared.nameZH(key), let measure = declared.measure(key) else { return nil }
            let current = set[key]
            let value = typed?[key] ?? current.map { IndicatorTargets.displayText($0.value, measure) } ?? ""
            let effective = key == IndicatorTargets.annualWeightKey ? inForce.annualWeight : inForce.target(key)
            return Row(field: key, name: name, measure: measure == .mean ? "分（0至100）" : measure == .change ? "同比变化（%，下降为负）" : "百分比（%）",
                       unit: measure.unitZH, standard: declared.standard(key).map { IndicatorFormat.format($0, measure) } ?? "无",
                       value: value, inForce: effective.map { IndicatorFormat.format($0, measure) } ?? "—",
                       source: current.map { "本年度设定（\($0.by)）" } ?? "默认", error: errors[key])
        }
        return (declared.targets.compactMap { row($0.key) }, declared.annualWeight == nil ? nil : row(IndicatorTargets.annualWeightKey))
    }

    /// The years offered: five back and one ahead of today's, newest first.
    static func years(today: LocalDate, selected: Int) -> [SelectOption] {
        Set((today.year - 5)...(today.year + 1)).union([selected]).sorted(by: >)
            .map { SelectOption(value: String($0), label: "\($0)年", selected: $0 == selected) }
    }
}
