import FengqiaoCore
import Foundation
import Testing

/// MD-41: a unit's monthly report frozen from its statistics, and 法制科's consolidation adding the
/// units' reports up — numerators and denominators, never rates — on the mediation roll.
@Suite("Monthly unit reports and their consolidation (MD-41)")
struct UnitReportTests {
    static let zc = UUID(), tj = UUID()

    static func report(_ registered: Int, success: (Double, Int), duration: (Double, Int), change: Double = 0) -> IndicatorReport {
        IndicatorReport(period: .month(2025, 10)!, through: MF.date("2025-10-31"), indicators: [
            Indicator(key: "success", nameZH: "调解成功率", citation: "", measure: .ratio, numerator: success.0, denominator: success.1, target: nil),
            Indicator(key: "duration", nameZH: "平均办理工作日", citation: "", measure: .mean, numerator: duration.0, denominator: duration.1, target: nil),
            Indicator(key: "trend", nameZH: "环比", citation: "", measure: .change, numerator: change, denominator: 4, target: nil),
        ], assessment: nil, counts: [.init("registered", "登记", registered), .init("amount", "涉及金额（元）", registered * 100)],
        seriesLabels: [], monthly: [], empty: false)
    }

    @Test("MD-41 scenario 7: the October 2025 report submitted on 11-24 is on time, on 11-25 late; the consolidation on 11-25 on time, 11-26 late")
    func timing() throws {
        let roll = try #require(MediationProcedure.module.reporting)
        let due = try #require(roll.due(.month(2025, 10)!, MF.calendar))
        let onTime = UnitReport.from(Self.report(3, success: (2, 3), duration: (30, 2)), unitID: Self.zc, unitName: "中村所",
                                     submittedOn: MF.date("2025-11-24"), submittedBy: "张建国", due: due)
        let late = UnitReport.from(Self.report(1, success: (1, 1), duration: (9, 1)), unitID: Self.tj, unitName: "调解中心",
                                   submittedOn: MF.date("2025-11-25"), submittedBy: "郑中心", due: due)
        #expect(onTime.onTime && !late.onTime && onTime.period == "2025-10")
        #expect(ConsolidatedReport.consolidate([onTime, late], missing: [], due: due, on: MF.date("2025-11-25"), by: "刘法制").onTime)
        #expect(!ConsolidatedReport.consolidate([onTime, late], missing: [], due: due, on: MF.date("2025-11-26"), by: "刘法制").onTime)
        #expect(UnitReportStatus(nil, due: due, today: MF.date("2025-11-24")) == .pending(due: MF.date("2025-11-24")))
        #expect(UnitReportStatus(nil, due: due, today: MF.date("2025-11-25")) == .overdue(due: MF.date("2025-11-24")))
        #expect(UnitReportStatus(late, due: due, today: MF.date("2025-11-30")).textZH == "2025-11-25已报送（逾期）")
    }

    @Test("MD-41: the consolidation adds counts, numerators and denominators (2/3 + 1/1 = 3/4, not the mean of the rates); a relative change is left out; missing units named")
    func consolidation() throws {
        let due = try #require(MediationCalendar.monthlyReport(year: 2025, month: 10, calendar: MF.calendar))
        let a = UnitReport.from(Self.report(3, success: (2, 3), duration: (30, 2)), unitID: Self.zc, unitName: "中村所",
                                submittedOn: MF.date("2025-11-20"), submittedBy: "张建国", due: due)
        let b = UnitReport.from(Self.report(1, success: (1, 1), duration: (9, 1)), unitID: Self.tj, unitName: "调解中心",
                                submittedOn: MF.date("2025-11-21"), submittedBy: "郑中心", due: due)
        #expect(!a.figures.contains { $0.key == "trend" })
        let sum = ConsolidatedReport.consolidate([a, b], missing: ["东湖所"], due: due, on: MF.date("2025-11-25"), by: "刘法制")
        func figure(_ key: String) -> ReportFigure? { sum.figures.first { $0.key == key } }
        #expect(figure("registered")?.value == 4 && figure("registered")?.denominator == nil && figure("amount")?.value == 400)
        #expect(figure("success")?.value == 3 && figure("success")?.denominator == 4)
        #expect(figure("success")?.text == "75.0%（3/4）")
        // 39 working days over 3 conclusions: 13.0, where the mean of the two means would be 12.0.
        #expect(figure("duration")?.text == "13.0（39/3）")
        #expect(sum.figures.map(\.key) == ["registered", "amount", "success", "duration"])
        #expect(sum.missing == ["东湖所"] && sum.units.map(\.unitName) == ["中村所", "调解中心"])
        // Round trip: stored as JSON, read back unchanged.
        let back = try JSONDecoder().decode(ConsolidatedReport.self, from: try JSONEncoder().encode(sum))
        #expect(back == sum)
    }
}
