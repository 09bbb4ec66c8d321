import Foundation

// CP-39 (complaints.md step 13, 办法第三十四条): the quarterly public statistics the centre head
// publishes — counts only, never personal data. Complaints are counted by competent receipt and
// reports by receipt (complaints.md "Statistics and KPIs"); decisions, endings and amounts by the day
// they happened. Breakdowns merge categories with fewer than `smallCell` items into one "其他" row,
// and the recovered amount is withheld when fewer than `smallCell` complaints make it up, so that no
// single consumer or trader can be picked out of a public table. Pure: the store hands in the facts;
// the page freezes what it publishes.

/// One quarter's public figures: what the publication stores and prints.
public struct ComplaintPublicFigures: Sendable, Equatable, Codable {
    /// CP-39 (our rule): a breakdown cell or amount resting on fewer items than this is not printed on its own.
    public static let smallCell = 3

    /// `2025-Q4`.
    public let quarter: ReportPeriod
    /// The day the figures count to (the publication day once published).
    public let asOf: LocalDate
    public var complaints = 0
    public var accepted = 0
    public var rejected = 0
    /// 调解成功 (调解书, or performed at once / both waived it).
    public var mediated = 0
    public var settled = 0
    public var withdrawn = 0
    public var terminated = 0
    public var concluded = 0
    /// 挽回经济损失 over complaints concluded in the quarter, and how many complaints carry an amount.
    public var recoveredFen = 0
    public var recoveredCount = 0
    public var reports = 0
    public var reportsDecided = 0
    public var reportsFiled = 0
    /// 同比: complaints and reports received in the same quarter a year earlier.
    public var complaintsLastYear = 0
    public var reportsLastYear = 0
    /// Complaints received by channel (raw value → count).
    public var channels: [String: Int] = [:]
    /// Reports received by violation category (key → count).
    public var reportCategories: [String: Int] = [:]

    init(quarter: ReportPeriod, asOf: LocalDate) {
        self.quarter = quarter
        self.asOf = asOf
    }

    /// The figures of `quarter`, counting what happened up to `asOf` (at most the quarter's last day
    /// for receipts; decisions and endings of the quarter itself).
    public static func compute(complaints: [ComplaintFacts], reports: [ReportFacts], quarter: ReportPeriod, asOf: LocalDate) -> ComplaintPublicFigures {
        var out = ComplaintPublicFigures(quarter: quarter, asOf: asOf)
        let last = min(quarter.last, asOf)
        func within(_ d: LocalDate?) -> Bool { d.map { quarter.first <= $0 && $0 <= last } ?? false }
        let lastYear = quarter.sameLastYear
        func lastYearContains(_ d: LocalDate?) -> Bool { d.flatMap { day in lastYear.map { $0.contains(day) } } ?? false }
        out.complaintsLastYear = complaints.count { lastYearContains($0.competentReceiptOn) }
        out.reportsLastYear = reports.count { lastYearContains($0.receivedOn) }
        for f in complaints {
            if within(f.competentReceiptOn) {
                out.complaints += 1
                out.channels[f.channel.rawValue, default: 0] += 1
            }
            if let d = f.decision, within(d.on) {
                if d.choice == .accept { out.accepted += 1 } else { out.rejected += 1 }
            }
            if let e = f.ending, within(e.on) {
                switch e.outcome {
                case .agreement, .performed: out.mediated += 1
                case .settled: out.settled += 1
                case .withdrawn: out.withdrawn += 1
                }
            }
            if let t = f.termination, within(t.decidedOn) { out.terminated += 1 }
            if within(ComplaintProcedure.concludedOn(f)) {
                out.concluded += 1
                if let fen = f.ending?.recoveredFen, fen > 0 {
                    out.recoveredFen += fen
                    out.recoveredCount += 1
                }
            }
        }
        for r in reports {
            if within(r.receivedOn) {
                out.reports += 1
                out.reportCategories[r.category, default: 0] += 1
            }
            if let d = r.decision, within(d.on) {
                out.reportsDecided += 1
                if d.decision == .file { out.reportsFiled += 1 }
            }
        }
        return out
    }

    /// The amount as printed: withheld under `smallCell` complaints (CP-39), else `1234.50元`.
    public var recoveredText: String {
        recoveredCount == 0 ? Fen.text(0) : recoveredCount < Self.smallCell ? "不足\(Self.smallCell)件，不单列" : Fen.text(recoveredFen)
    }

    /// 总体情况: item, count.
    public func summaryRows() -> [[String]] {
        [["项目", "数量"],
         ["收到投诉（件）", String(complaints)], ["受理（件）", String(accepted)], ["不予受理（件）", String(rejected)],
         ["调解成功（件）", String(mediated)], ["自行和解（件）", String(settled)], ["终止调解（件）", String(terminated)],
         ["撤回投诉（件）", String(withdrawn)], ["办结（件）", String(concluded)], ["挽回经济损失", recoveredText],
         ["收到举报（件）", String(reports)], ["举报核查后作出决定（件）", String(reportsDecided)], ["举报立案（件）", String(reportsFiled)]]
    }

    /// 同比 of what was received: this quarter, the same quarter a year earlier, the change (`—` on a zero base).
    public func yearOnYearRows() -> [[String]] {
        let change = { (now: Int, base: Int) in ComplaintMonthlyAnalysis.signed(ComplaintMonthlyAnalysis.change(now, base)) }
        return [["类型", "本季度", "去年同期", "同比"],
                ["投诉", String(complaints), String(complaintsLastYear), change(complaints, complaintsLastYear)],
                ["举报", String(reports), String(reportsLastYear), change(reports, reportsLastYear)]]
    }

    /// 投诉来源渠道, small channels merged (CP-39).
    public func channelRows() -> [[String]] {
        ComplaintMonthlyFigures.shareRows([Self.merged(channels)], header: ["来源渠道", "投诉件数", "占比"]) {
            $0 == Self.otherKey ? Self.otherName : ComplaintChannel(rawValue: $0)?.nameZH ?? $0
        }
    }

    /// 举报违法行为类别, small categories merged (CP-39).
    public func categoryRows(name: (String) -> String) -> [[String]] {
        ComplaintMonthlyFigures.shareRows([Self.merged(reportCategories)], header: ["违法行为类别", "举报件数", "占比"]) {
            $0 == Self.otherKey ? Self.otherName : name($0)
        }
    }

    static let otherKey = "~other"
    static let otherName = "其他（不足\(smallCell)件的类别合并）"

    /// CP-39: the cells under `smallCell` summed into one "其他" cell — left out when nothing is merged.
    static func merged(_ counts: [String: Int]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (k, v) in counts where v > 0 {
            if v < smallCell { out[otherKey, default: 0] += v } else { out[k] = v }
        }
        return out
    }
}
