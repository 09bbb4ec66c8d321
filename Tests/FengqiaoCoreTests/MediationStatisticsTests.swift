@testable import FengqiaoCore
import Foundation
import Testing

/// mediation.md "Statistics and KPIs" from cases played through the procedure: success (withdrawals
/// not counted), performance, on-time conclusion against the effective due date, return and
/// satisfaction rates, the average working days less suspensions, and the 台帐 counts.
@Suite("Mediation statistics (mediation.md KPIs)")
struct MediationStatisticsTests {
    typealias C = ProcedureCase<MediationFacts>

    @Test("2025: an agreement of 10-20 performed, a dispatched case returned 11-03 and terminated 11-05, a withdrawal — success 1/2, performance 1/1, on time 2/3, returns 1/1, satisfaction 1/2, 13 working days on average (12, 24, 2)")
    func figures() throws {
        // A: accepted Fri 09-26, agreement 10-20 (12 working days), its obligation due 10-31 performed.
        var a = try MF.atCentre("2025-09-24", accepted: "2025-09-26")
        var input = MF.agreementInput
        input["signedOn"] = "2025-10-20"
        (a, _) = try MF.take("concludeAgreement", a, by: MF.centreStaff, on: "2025-10-20", input, documents: [MF.doc("MD-AGREEMENT", issued: "2025-10-20", served: "2025-10-20")])
        (a, _) = try MF.take("checkPerformance", a, by: MF.centreStaff, on: "2025-11-03", ["status": "performed"])
        // B: dispatched, accepted 09-26, returned 11-03, terminated 11-05 (24 working days, past its 10-30 due date).
        var b = try MF.registered(on: "2025-09-22")
        (b, _) = try MF.take("proposeDispatch", b, by: MF.centreStaff, on: "2025-09-22", ["unit": "YWZF", "basis": "合同监管"])
        (b, _) = try MF.take("approveDispatch", b, by: MF.director, on: "2025-09-23", ["verdict": "approve"])
        (b, _) = try MF.take("assignMediators", b, by: MF.ywzfHead, on: "2025-09-24", ["mediators": MF.li.uuidString])
        (b, _) = try MF.take("recordConsent", b, by: MF.ywzfOfficer, on: "2025-09-26", ["side": "applicant", "on": "2025-09-26", "form": "written"])
        (b, _) = try MF.take("recordConsent", b, by: MF.ywzfOfficer, on: "2025-09-26", ["side": "respondent", "on": "2025-09-26", "form": "written"])
        (b, _) = try MF.take("returnToCentre", b, by: MF.ywzfOfficer, on: "2025-11-03", ["reason": "期限届满", "attempts": "调解两次"])
        (b, _) = try MF.take("decideTermination", b, by: MF.centreStaff, on: "2025-11-05",
                             ["reason": "调解不成", "remedies": "civilSuit", "investigation": "两次调解", "result": "未达成协议"])
        #expect(MediationProcedure.effectiveDue(b.facts, calendar: MF.calendar) == MF.date("2025-10-30"))
        // C: withdrawn — concluded, but not in the success rate.
        var c = try MF.atCentre("2025-11-10", accepted: "2025-11-10")
        (c, _) = try MF.take("concludeWithoutAgreement", c, by: MF.centreStaff, on: "2025-11-12",
                             ["ending": "withdrawn", "on": "2025-11-12", "investigation": "已自行协商", "result": "撤回"])

        let cases = [
            StatisticsCase(procedureCase: a, closedOn: MF.date("2025-10-20"), documentsComplete: true, revisits: [RevisitScore(on: MF.date("2025-11-03"), score: 95)]),
            StatisticsCase(procedureCase: b, closedOn: MF.date("2025-11-05"), documentsComplete: true,
                           revisits: [RevisitScore(on: MF.date("2025-11-20"), score: 40, answer: .dissatisfied)]),
            StatisticsCase(procedureCase: c, closedOn: MF.date("2025-11-12"), documentsComplete: true, revisits: []),
        ]
        let report = try #require(MediationProcedure.indicators(cases, IndicatorRequest(period: .year(2025)!, units: nil, calendar: MF.calendar, asOf: nil)))
        func rate(_ key: String) -> (Double, Int)? { report.indicators.first { $0.key == key }.map { ($0.numerator, $0.denominator) } }
        #expect(rate("success")! == (1, 2))
        #expect(rate("performance")! == (1, 1))
        // The withdrawal concluded on time too: every conclusion counts.
        #expect(rate("onTime")! == (2, 3))
        #expect(rate("returns")! == (1, 1))
        #expect(rate("satisfaction")! == (1, 2))
        func count(_ key: String) -> Int? { report.counts.first { $0.key == key }?.value }
        #expect(count("registered") == 3 && count("dispatched") == 1 && count("returned") == 1 && count("agreement") == 1 && count("noAgreement") == 1)
        #expect(count("withdrawn") == 1)
        // The mean working days: a mean indicator (the days over the cases), so that monthly reports add up (MD-41).
        let duration = try #require(report.indicators.first { $0.key == "duration" })
        #expect(duration.measure == .mean && duration.numerator == 38 && duration.denominator == 3)
        #expect(count("amount") == 3 * 38_000)
        // The monthly series: registrations and conclusions per month.
        #expect(report.monthly.first { $0.month.index == 10 }?.values == [0, 1])
        #expect(report.monthly.first { $0.month.index == 11 }?.values == [1, 2])

        // October alone: one agreement, no termination yet — success 1/1; B's return is November's.
        let october = try #require(MediationProcedure.indicators(cases, IndicatorRequest(period: .month(2025, 10)!, units: nil, calendar: MF.calendar, asOf: nil)))
        #expect(october.indicators.first { $0.key == "success" }.map { ($0.numerator, $0.denominator) }! == (1, 1))
        #expect(october.counts.first { $0.key == "returned" }?.value == 0)
    }

    @Test("MD-41: the ledger's counts (statistic dates counted, the concluded and due cases read whole) give the facts' figures month by month — an agreement of 2025-10-20 with obligations due 10-31 and Mon 12-01, reneged on at both checks (11-03, 12-02): performance counted in December when its last obligation fell due (0/1), reneging once, in November")
    func ledgerMonths() throws {
        var a = try MF.atCentre("2025-09-24", accepted: "2025-09-26")
        var input = MF.agreementInput
        input["signedOn"] = "2025-10-20"
        input["obligations"] = "江城市美居装饰工程有限公司|返还装修款4000元|2025-10-31\n江城市美居装饰工程有限公司|返还装修款4000元|2025-12-01"
        (a, _) = try MF.take("concludeAgreement", a, by: MF.centreStaff, on: "2025-10-20", input, documents: [MF.doc("MD-AGREEMENT", issued: "2025-10-20", served: "2025-10-20")])
        (a, _) = try MF.take("checkPerformance", a, by: MF.centreStaff, on: "2025-11-03", ["status": "reneged", "note": "已书面告知通过司法程序解决"])
        (a, _) = try MF.take("checkPerformance", a, by: MF.centreStaff, on: "2025-12-02", ["status": "reneged", "note": "已书面告知通过司法程序解决"])
        let b = try MF.registered(on: "2025-11-28")
        let cases = [StatisticsCase(procedureCase: a, closedOn: MF.date("2025-10-20"), documentsComplete: true, revisits: []),
                     StatisticsCase(procedureCase: b, closedOn: nil, documentsComplete: nil, revisits: [])]
        let ledger = try #require(MediationProcedure.ledger)
        var seen: [String: (performance: (Double, Int), reneged: Int, registered: Int)] = [:]
        for m in 10...12 {
            let period = try #require(ReportPeriod.month(2025, m))
            let request = IndicatorRequest(period: period, units: nil, calendar: MF.calendar, asOf: nil)
            let fromFacts = try #require(MediationProcedure.indicators(cases, request))
            // What the database counts: the tally; what it reads: the cases with a read date in the month.
            let tally = StatisticTally.from(MediationProcedure.self, cases.map(\.procedureCase.facts), ledger: ledger, first: period.first, last: period.last)
            let read = cases.filter { StatisticTally.dated(MediationProcedure.self, $0.procedureCase.facts, keys: ledger.read, first: period.first, last: period.last) }
            #expect(MediationProcedure.indicators(tally, read: read, request) == fromFacts, "\(period.key)")
            let p = try #require(fromFacts.indicators.first { $0.key == "performance" })
            seen[period.key] = ((p.numerator, p.denominator), fromFacts.counts.first { $0.key == "reneged" }?.value ?? -1,
                                fromFacts.counts.first { $0.key == "registered" }?.value ?? -1)
        }
        #expect(seen["2025-10"]!.performance == (0, 0) && seen["2025-11"]!.performance == (0, 0) && seen["2025-12"]!.performance == (0, 1))
        #expect(seen["2025-10"]!.reneged == 0 && seen["2025-11"]!.reneged == 1 && seen["2025-12"]!.reneged == 0)
        #expect(seen["2025-11"]!.registered == 1 && seen["2025-09"] == nil)
        #expect(MediationProcedure.statisticDates(a.facts)[MediationStatisticKey.performanceDue] == MF.date("2025-12-01"))
    }

}
