@testable import FengqiaoCore
import Foundation
import Testing

/// complaints.md "Statistics and KPIs", the complaint track's figures for September 2025: counted by
/// competent receipt; decisions, endings and amounts by their own dates; 撤回 out of 调解成功率.
@Suite("Complaint statistics (complaints.md KPIs)")
struct ComplaintStatisticsTests {
    static func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
    static let unit = UUID()

    static func complaint(receipt: String, decided: (AcceptanceChoice, String)? = nil, ending: (MediationOutcome, String, Int?)? = nil,
                          terminated: (String, String?)? = nil) -> StatisticsCase<ComplaintFacts> {
        var f = ComplaintFacts(complainantID: UUID(), complainantName: "甲", respondentID: UUID(), respondentName: "乙", channel: .platform,
                               externalNo: nil, receivedOn: d(receipt), knewOn: d(receipt), request: "退款", statement: "事实", registeredUnitID: unit)
        f.competentReceiptOn = d(receipt)
        if let (choice, on) = decided { f.decision = .init(choice: choice, ground: choice == .reject ? .g4 : nil, on: d(on), approvedBy: UUID()) }
        if let (outcome, on, fen) = ending { f.ending = .init(outcome: outcome, on: d(on), recoveredFen: fen) }
        if let (decidedOn, served) = terminated {
            f.termination = .init(ground: .g4, decidedOn: d(decidedOn), decidedBy: UUID(), servedOn: served.map(d))
        }
        let c = ProcedureCase(id: UUID(), unitID: unit, state: "x", gravity: .ordinary, partyIDs: [], handlerID: nil, openedOn: d(receipt), facts: f)
        return StatisticsCase(procedureCase: c, closedOn: nil, documentsComplete: nil, revisits: [])
    }

    @Test("September 2025: 按期受理决定率 2/3 (one decided 09-11, a day after its 09-10 due), 受理率 2/3, 调解成功率 1/2 (the withdrawal left out), 办结率 3/4 below its 90 %, ¥1,000 recovered")
    func september() throws {
        let cases = [
            Self.complaint(receipt: "2025-09-01", decided: (.accept, "2025-09-05"), ending: (.agreement, "2025-09-20", 100_000)),
            Self.complaint(receipt: "2025-09-01", decided: (.reject, "2025-09-11")),
            Self.complaint(receipt: "2025-09-15", decided: (.accept, "2025-09-16"), terminated: ("2025-09-26", "2025-09-29")),
            Self.complaint(receipt: "2025-09-25"),
            Self.complaint(receipt: "2025-08-20", decided: (.accept, "2025-08-22"), ending: (.withdrawn, "2025-09-03", nil)),
        ]
        let request = IndicatorRequest(period: try #require(ReportPeriod.month(2025, 9)), units: nil, calendar: .shipped, asOf: nil)
        let report = try #require(ComplaintProcedure.indicators(cases, request))
        func rate(_ key: String) -> (Double, Int)? { report.indicators.first { $0.key == key }.map { ($0.numerator, $0.denominator) } }
        #expect(rate("timelyDecision")! == (2, 3))
        #expect(rate("acceptance")! == (2, 3))
        #expect(rate("mediationSuccess")! == (1, 2))
        #expect(rate("completion")! == (3, 4))
        #expect(report.indicators.first { $0.key == "completion" }?.met == false)
        #expect(report.indicators.first { $0.key == "completion" }?.targetText == "90.0%")
        #expect(report.counts.first { $0.key == "recovered" }?.value == 1000)
        #expect(report.counts.first { $0.key == "received" }?.value == 4)
        #expect(report.monthly.map(\.values) == [[4, 4]])
    }
}
