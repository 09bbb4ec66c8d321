import Foundation

// The monthly analysis of complaints and reports (CP-38, complaints.md "Statistics and KPIs"): 数量 of
// each track received in a month with 同比 (the same month a year earlier) and 环比 (the month before),
// 办结率 over both tracks, frozen on the 5th working day of the next month. Pure: the store hands in
// both tracks' facts; pages, the DOCX 月度分析报告 and the freeze job build on it (next slices).

public struct ComplaintMonthlyAnalysis: Sendable, Equatable {
    /// One month's figures for both tracks.
    public struct Counts: Sendable, Equatable, Codable {
        /// Complaints by competent receipt, reports by receipt, in the month.
        public var complaints = 0
        public var reports = 0
        /// Of those, concluded (a complaint) or decided and, for a named reporter, told (a report) by the as-of day.
        public var concluded = 0
        public init() {}
    }

    public let month: ReportPeriod
    /// CP-38: the analysis is frozen on this day (the 5th working day of the next month).
    public let freezesOn: LocalDate
    public let current: Counts
    public let sameMonthLastYear: Counts
    public let previousMonth: Counts

    /// 办结率 = (concluded complaints + decided reports) ÷ (complaints + reports received); nil without any.
    public var completionRate: Double? {
        let all = current.complaints + current.reports
        return all == 0 ? nil : Double(current.concluded) / Double(all)
    }

    /// (this − base) ÷ base; nil on a zero base (printed "—").
    public static func change(_ now: Int, _ base: Int) -> Double? { base == 0 ? nil : Double(now - base) / Double(base) }

    /// `+60.0%`, `-33.3%`, `0.0%`, `—` (one decimal, complaints.md).
    public static func signed(_ x: Double?) -> String {
        guard let x else { return "—" }
        let text = IndicatorFormat.format(x, .change)
        return x > 0 && !text.hasPrefix("-") ? "+" + text : text
    }

    /// The analysis of `month`: complaints counted by competent receipt, reports by receipt; concluded by `asOf`
    /// (the freeze day when nil).
    public static func compute(complaints: [ComplaintFacts], reports: [ReportFacts], month: ReportPeriod, calendar: WorkCalendar,
                               asOf: LocalDate? = nil) -> ComplaintMonthlyAnalysis {
        let next = month.last.adding(days: 1)
        let freeze = calendar.workday(5, ofYear: next.year, month: next.month) ?? next
        let cutoff = asOf ?? freeze
        func counts(_ p: ReportPeriod?) -> Counts {
            var c = Counts()
            guard let p else { return c }
            for f in complaints where f.competentReceiptOn.map(p.contains) == true {
                c.complaints += 1
                if let on = ComplaintProcedure.concludedOn(f), on <= cutoff { c.concluded += 1 }
            }
            for r in reports where p.contains(r.receivedOn) {
                c.reports += 1
                if let d = r.decision, d.on <= cutoff, !r.named || (r.reporterToldOn.map { $0 <= cutoff } ?? false) || !d.decision.tellsReporter {
                    c.concluded += 1
                }
            }
            return c
        }
        let previous = ReportPeriod.month(month.first.adding(days: -1).year, month.first.adding(days: -1).month)
        return ComplaintMonthlyAnalysis(month: month, freezesOn: freeze, current: counts(month), sameMonthLastYear: counts(month.sameLastYear),
                                        previousMonth: counts(previous))
    }

    /// The 数量 table: per track the month, 同比 and 环比; then 办结率.
    public func rows() -> [[String]] {
        [["类型", "本月", "去年同月", "同比", "上月", "环比"],
         ["投诉", String(current.complaints), String(sameMonthLastYear.complaints), Self.signed(Self.change(current.complaints, sameMonthLastYear.complaints)),
          String(previousMonth.complaints), Self.signed(Self.change(current.complaints, previousMonth.complaints))],
         ["举报", String(current.reports), String(sameMonthLastYear.reports), Self.signed(Self.change(current.reports, sameMonthLastYear.reports)),
          String(previousMonth.reports), Self.signed(Self.change(current.reports, previousMonth.reports))],
         ["办结率", completionRate.map { IndicatorFormat.format($0, .ratio) } ?? "—", "", "", "", ""]]
    }
}
