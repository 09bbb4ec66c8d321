@testable import FengqiaoCore
import Foundation
import Testing

/// CP-39: the quarterly public statistics — counts by the day each thing happened, small cells merged,
/// a small recovered amount withheld, and nothing personal in any row. CP-44: what may be done in bulk.
@Suite("Complaint public statistics and bulk rules (CP-39, CP-44)")
struct ComplaintPublicFiguresTests {
    typealias T = ComplaintMonthlyAnalysisTests

    static func complaint(_ receipt: String, channel: ComplaintChannel = .platform, accepted: String? = nil, ended: (MediationOutcome, String, Int?)? = nil,
                          name: String = "张三丰", phone: String = "13912345678") -> ComplaintFacts {
        var f = ComplaintFacts(complainantID: UUID(), complainantName: name, respondentID: UUID(), respondentName: "李四个体店", channel: channel,
                               externalNo: nil, receivedOn: T.d(receipt), knewOn: T.d(receipt), request: "退款，联系电话\(phone)", statement: "事实",
                               registeredUnitID: UUID())
        f.competentReceiptOn = T.d(receipt)
        if let accepted { f.decision = .init(choice: .accept, ground: nil, on: T.d(accepted), approvedBy: UUID()) }
        if let e = ended { f.ending = .init(outcome: e.0, on: T.d(e.1), recoveredFen: e.2) }
        return f
    }

    @Test("CP-39 Q4 2025: counts by competent receipt (National Day 10-01…10-08 inside), decisions and endings by their day; channels under 3 merged into 其他; no name or phone in any row")
    func quarter() throws {
        // setup: 5 platform complaints received 2025-09-30 … 2025-10-09, 1 by fax, 2 by letter; one received in Q3 decided in Q4
        var complaints = ["2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11", "2025-12-31"].enumerated().map { i, day in
            Self.complaint(day, accepted: day == "2025-09-30" ? "2025-10-09" : nil, ended: i == 1 ? (.agreement, "2025-11-20", 12_000) : nil)
        }
        complaints += [Self.complaint("2025-10-13", channel: .fax, ended: (.settled, "2025-10-20", 5_000)),
                       Self.complaint("2025-11-03", channel: .letter, ended: (.withdrawn, "2025-11-04", nil)),
                       Self.complaint("2025-11-04", channel: .letter, ended: (.performed, "2026-01-02", 800))]
        // a year earlier: 5 complaints and 2 reports in Q4 2024
        complaints += (1...5).map { Self.complaint("2024-11-0\($0)") }
        let reports = [T.report("2025-10-09", decided: "2025-10-20"), T.report("2025-12-31"), T.report("2026-01-01"), T.report("2024-10-08"), T.report("2024-12-31")]
        // act
        let q = try #require(ReportPeriod.quarter(2025, 4))
        let f = ComplaintPublicFigures.compute(complaints: complaints, reports: reports, quarter: q, asOf: T.d("2026-01-05"))
        // check: 2025-09-30 is Q3 by receipt, but its acceptance on 10-09 is Q4's
        #expect(f.complaints == 7 && f.accepted == 1)
        #expect(f.mediated == 1 && f.settled == 1 && f.withdrawn == 1)
        // the 01-02 ending is the next quarter's; two amounts (¥120 and ¥50) are under the small-cell threshold
        #expect(f.concluded == 3 && f.recoveredCount == 2 && f.recoveredText == "不足3件，不单列")
        #expect(f.reports == 2 && f.reportsDecided == 1 && f.reportsFiled == 0)
        // 同比: 7 against 5 complaints, 2 against 2 reports
        #expect(f.yearOnYearRows().dropFirst().map { $0[3] } == ["+40.0%", "0.0%"])
        #expect(f.channelRows() == [["来源渠道", "投诉件数", "占比"], ["全国12315平台", "4", "57.1%"], ["其他（不足3件的类别合并）", "3", "42.9%"]])
        let all = (f.summaryRows() + f.channelRows() + f.categoryRows { $0 }).flatMap { $0 }.joined(separator: "|")
        #expect(!all.contains("张三丰") && !all.contains("13912345678") && !all.contains("李四"))
    }

    @Test("CP-39 three or more amounts are printed; a channel with three items keeps its own row")
    func amounts() throws {
        let complaints = (1...3).map { Self.complaint("2025-10-1\($0)", channel: .hotline, ended: (.agreement, "2025-10-20", 10_050)) }
        let f = ComplaintPublicFigures.compute(complaints: complaints, reports: [], quarter: try #require(ReportPeriod.quarter(2025, 4)), asOf: T.d("2026-01-05"))
        #expect(f.recoveredText == "301.50元")
        #expect(f.channelRows().dropFirst().first == ["12315热线", "3", "100.0%"])
    }

    @Test("CP-44 bulk 受理/不予受理, termination and closure are refused by their own code; an unknown operation by another")
    func refusedOperations() {
        for raw in ["accept", "reject", "proposeDecision", "approveDecision", "terminate", "decideTermination", "close", "recordOutcome"] {
            #expect(throws: DomainError.self) { try ComplaintBulk.operation(raw) }
            do { _ = try ComplaintBulk.operation(raw) } catch { #expect(error.fields.first?.code == "complaint.bulk.refused" && error.ruleID == "CP-44") }
        }
        do { _ = try ComplaintBulk.operation("paint") } catch { #expect(error.fields.first?.code == "complaint.bulk.operation.unknown") }
        #expect((try? ComplaintBulk.operation("dispatch")) == .dispatch)
        #expect(ComplaintBulk.plan.transition(.assign) == "assignHandler" && ComplaintBulk.plan.transition(.export) == nil)
    }

    @Test("CP-44 at most 200 items: 200 pass, 201 are refused; duplicates count once; none or a bad id is refused")
    func selectionLimit() throws {
        let ids = (0..<201).map { _ in UUID().uuidString }
        #expect(try ComplaintBulk.selection(Array(ids.prefix(200))).count == 200)
        do { _ = try ComplaintBulk.selection(ids); Issue.record("201 accepted") } catch { #expect(error.fields.first?.code == "complaint.bulk.too-many") }
        #expect(try ComplaintBulk.selection(ids.prefix(200) + [ids[0]]).count == 200)
        do { _ = try ComplaintBulk.selection([]); Issue.record("none accepted") } catch { #expect(error.fields.first?.code == "complaint.bulk.empty") }
        do { _ = try ComplaintBulk.selection(["x"]); Issue.record("bad id accepted") } catch { #expect(error.fields.first?.code == "complaint.bulk.id.invalid") }
    }

    @Test("CP-44 CP-08 an exported row names no complainant, phone or request text")
    func exportRow() {
        let f = Self.complaint("2025-10-09")
        let row = ComplaintBulk.exportRow(number: "TS2025ZC000001-C1", state: "已登记", unit: "中村市场监管所", handler: "王五", facts: f)
        #expect(row.count == ComplaintBulk.exportHeader.count)
        #expect(!row.joined().contains("张三丰") && !row.joined().contains("联系电话"))
    }
}
