import FengqiaoCore
import Foundation

/// The monthly reports page of a procedure with a reporting roll (unit_reports.mustache, MD-41): the
/// month's two due dates, each reporting unit's status, the figures of the reports submitted side by
/// side with their sum, the consolidation when made, and the forms to submit and to consolidate.
struct UnitReportModel {
    struct Status { let unit: String; let text: String; let css: String; let by: String }
    struct Consolidation { let on: String; let by: String; let timing: String; let missing: [String] }
    /// The actor's unit, which he may report for: its live figures, as they would be frozen.
    struct Cell { let label: String; let value: String }
    struct Row { let cells: [Cell] }
    struct Submission { let unit: String; let figures: [Cell] }
    struct Link { let label: String; let href: String }

    let page: PageChrome
    let titleZH: String
    let rule: String
    let consolidatorZH: String
    let monthKey: String
    let monthLabel: String
    let months: [SelectOption]
    let action: String
    let unitDue: String
    let consolidationDue: String
    let statuses: [Status]
    /// Figure label, then each submitted unit, then 合计 (stored cell by cell for the template).
    let tableHeader: [String]
    let tableRows: [Row]
    let consolidation: Consolidation?
    let submission: Submission?
    let submitAction: String
    let canConsolidate: Bool
    let consolidateAction: String
    let consolidateConfirm: String
    let downloads: [Link]

    /// The table as rows of text, heading first.
    var table: [[String]] { tableHeader.isEmpty ? [] : [tableHeader] + tableRows.map { $0.cells.map(\.value) } }

    /// The template's rows of `table`, each cell labelled by its column for phones.
    static func rows(_ table: [[String]]) -> (header: [String], rows: [Row]) {
        guard let header = table.first else { return ([], []) }
        return (header, table.dropFirst().map { Row(cells: zip(header, $0).map { Cell(label: $0, value: $1) }) })
    }

    /// The table heading and rows for downloads (ST-04).
    var tables: [(title: String, rows: [[String]])] {
        [("报送情况", [["单位", "状态", "报送人"]] + statuses.map { [$0.unit, $0.text, $0.by] }), ("\(titleZH)（\(monthLabel)）", table)]
    }

    /// The figures of `reports` (in order) side by side, with the sum: one row per figure.
    static func table(_ reports: [UnitReport], total: [ReportFigure]) -> [[String]] {
        guard !reports.isEmpty else { return [] }
        let header = ["项目"] + reports.map(\.unitName) + ["合计"]
        let rows = total.map { sum in
            [sum.label] + reports.map { r in r.figures.first { $0.key == sum.key }?.text ?? "—" } + [sum.text]
        }
        return [header] + rows
    }

    /// `2025-11-24`, or `2027-01-25（暂定，CAL-03）` on a year the calendar does not cover.
    static func dueText(_ d: DueDate) -> String { d.provisional ? "\(d.date.iso)（暂定，CAL-03）" : d.date.iso }

    /// The status's CSS class: on time, late, overdue, pending.
    static func css(_ s: UnitReportStatus) -> String {
        switch s {
        case .submitted(_, let onTime): onTime ? "ok" : "late"
        case .overdue: "overdue"
        case .pending: "pending"
        }
    }
}
