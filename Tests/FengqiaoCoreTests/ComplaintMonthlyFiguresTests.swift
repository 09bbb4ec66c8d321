@testable import FengqiaoCore
import Foundation
import Testing

/// CP-38 per unit (ST-05): scenario 10's September 2025 split over two 所 — each sees its own rows,
/// the bureau the sum; the figures survive the round trip the freeze stores them through.
@Suite("Complaint monthly figures per unit (CP-38, ST-05)")
struct ComplaintMonthlyFiguresTests {
    typealias T = ComplaintMonthlyAnalysisTests

    @Test("CP-38 scenario 10 over two units: unit A 5 complaints, unit B 3 and both reports; the sum is 8/2 with 90.0%, +60.0% and -20.0%; A alone 5; frozen 2025-10-14; JSON round trip unchanged")
    func perUnit() throws {
        let a = UUID(), b = UUID()
        var complaints: [(unit: UUID, facts: ComplaintFacts)] = (1...8).map {
            ($0 <= 5 ? a : b, T.complaint("2025-09-\(String(format: "%02d", $0 + 1))", concluded: $0 <= 7 ? "2025-09-30" : nil))
        }
        complaints += (1...5).map { (a, T.complaint("2024-09-\(String(format: "%02d", $0 + 1))", concluded: "2024-09-30")) }
        complaints += (1...10).map { (b, T.complaint("2025-08-\(String(format: "%02d", $0 + 1))", concluded: "2025-08-29")) }
        var reports: [(unit: UUID, facts: ReportFacts)] = [(b, T.report("2025-09-10", decided: "2025-10-09", named: true, told: "2025-10-13")),
                                                           (b, T.report("2025-09-20", decided: "2025-10-14"))]
        reports += (1...3).map { (b, T.report("2024-09-\(String(format: "%02d", $0 + 1))")) }
        reports += [(b, T.report("2025-08-05")), (b, T.report("2025-08-06"))]
        let month = try #require(ReportPeriod.month(2025, 9))
        let figures = ComplaintMonthlyFigures.compute(complaints: complaints, reports: reports, month: month, calendar: .shipped, asOf: T.d("2025-10-20"))
        #expect(figures.freezesOn == T.d("2025-10-14"))
        #expect(figures.asOf == T.d("2025-10-14"))
        let all = figures.analysis(in: nil).rows()
        #expect(all[1] == ["投诉", "8", "5", "+60.0%", "10", "-20.0%"])
        #expect(all[2] == ["举报", "2", "3", "-33.3%", "2", "0.0%"])
        #expect(all[3][1] == "90.0%")
        #expect(figures.analysis(in: [a]).current.complaints == 5)
        #expect(figures.analysis(in: [a]).current.reports == 0)
        #expect(figures.rows(in: [a]).map(\.unitID) == [a])
        #expect(figures.channelRows(in: nil)[1] == ["全国12315平台", "8", "100.0%"])
        let decoded = try JSONDecoder().decode(ComplaintMonthlyFigures.self, from: JSONEncoder().encode(figures))
        #expect(decoded == figures)
    }
}
