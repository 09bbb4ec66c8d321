@testable import FengqiaoCore
import Foundation
import Testing

/// complaints.md scenario 10 and CP-38: the September 2025 analysis frozen on the 5th working day of
/// October (2025-10-14, after National Day and the make-up Saturday 10-11).
@Suite("Complaint monthly analysis (CP-38)")
struct ComplaintMonthlyAnalysisTests {
    static func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func complaint(_ receipt: String, concluded: String? = nil) -> ComplaintFacts {
        var f = ComplaintFacts(complainantID: UUID(), complainantName: "甲", respondentID: UUID(), respondentName: "乙", channel: .platform,
                               externalNo: nil, receivedOn: d(receipt), knewOn: d(receipt), request: "退款", statement: "事实", registeredUnitID: UUID())
        f.competentReceiptOn = d(receipt)
        if let c = concluded { f.ending = .init(outcome: .settled, on: d(c), recoveredFen: nil) }
        return f
    }

    static func report(_ received: String, decided: String? = nil, named: Bool = false, told: String? = nil) -> ReportFacts {
        var r = ReportFacts(reporterID: named ? UUID() : nil, reporterName: named ? "丙" : nil, reportedID: UUID(), reportedName: "丁", actPlace: "某地",
                            category: "other", clue: "线索", origin: .direct, receivedOn: d(received), registeredBy: UUID())
        if let on = decided { r.decision = .init(decision: .notFile, ground: .unfounded, on: d(on), approvedBy: UUID()) }
        r.reporterToldOn = told.map(d)
        return r
    }

    @Test("Scenario 10: September 2025 — 8 complaints and 2 reports (2024: 5 and 3; August: 10 and 2), 9 of 10 concluded: frozen 2025-10-14, 办结率 90.0%, complaints +60.0% / -20.0%, reports -33.3% / 0.0%")
    func scenario10() throws {
        var complaints = (1...8).map { Self.complaint("2025-09-\(String(format: "%02d", $0 + 1))", concluded: $0 <= 7 ? "2025-09-30" : nil) }
        complaints += (1...5).map { Self.complaint("2024-09-\(String(format: "%02d", $0 + 1))", concluded: "2024-09-30") }
        complaints += (1...10).map { Self.complaint("2025-08-\(String(format: "%02d", $0 + 1))", concluded: "2025-08-29") }
        // One named report decided and told by the freeze; one anonymous decided on the freeze day itself.
        var reports = [Self.report("2025-09-10", decided: "2025-10-09", named: true, told: "2025-10-13"), Self.report("2025-09-20", decided: "2025-10-14")]
        reports += (1...3).map { Self.report("2024-09-\(String(format: "%02d", $0 + 1))") }
        reports += [Self.report("2025-08-05"), Self.report("2025-08-06")]

        let a = ComplaintMonthlyAnalysis.compute(complaints: complaints, reports: reports, month: try #require(ReportPeriod.month(2025, 9)), calendar: .shipped)
        #expect(a.freezesOn == Self.d("2025-10-14"))
        #expect(a.current.complaints == 8 && a.current.reports == 2 && a.current.concluded == 9)
        let rows = a.rows()
        #expect(rows[1] == ["投诉", "8", "5", "+60.0%", "10", "-20.0%"])
        #expect(rows[2] == ["举报", "2", "3", "-33.3%", "2", "0.0%"])
        #expect(rows[3][1] == "90.0%")
        // A named report decided but not yet told is not concluded (complaints.md 办结率).
        reports[0].reporterToldOn = nil
        let untold = ComplaintMonthlyAnalysis.compute(complaints: complaints, reports: reports, month: try #require(ReportPeriod.month(2025, 9)), calendar: .shipped)
        #expect(untold.current.concluded == 8)
        #expect(ComplaintMonthlyAnalysis.signed(ComplaintMonthlyAnalysis.change(3, 0)) == "—")
    }
}
