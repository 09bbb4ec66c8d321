import Foundation
import Testing
@testable import FengqiaoCore

/// interview.md "Statistics": each indicator's numerator and denominator on hand-counted cases, the
/// period windows, the 15-working-day start limit across the 2025 National Day holiday, the
/// assessment score and the export table.
@Suite("Interview statistics (interview.md Statistics, ST-10)")
struct InterviewIndicatorsTests {
    static func date(_ iso: String) -> LocalDate {
        guard let d = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return d
    }

    static let calendar = WorkCalendar.shipped
    static let unitA = UUID(), unitB = UUID()
    static let p1 = UUID(), p2 = UUID(), p3 = UUID(), p4 = UUID(), p5 = UUID(), p6 = UUID(), p8 = UUID()
    static let q4 = ReportPeriod.quarter(2025, 4)!

    static func summary(_ party: UUID, unit: UUID = unitA, _ state: String, _ category: String?, clue: String,
                        verified: String? = nil, held: String? = nil, deadline: String? = nil, inspected: String? = nil,
                        passed: Bool? = nil, closed: String? = nil, documents: Bool? = nil,
                        revisits: [(String, Double)] = []) -> InterviewCaseSummary {
        InterviewCaseSummary(caseID: UUID(), unitID: unit, partyID: party, state: state, category: category, clueOn: date(clue),
                             verifiedOn: verified.map(date), heldOn: held.map(date), rectificationDeadline: deadline.map(date),
                             inspectedOn: inspected.map(date), inspectionPassed: passed, closedOn: closed.map(date),
                             documentsComplete: documents, revisits: revisits.map { RevisitScore(on: date($0.0), score: $0.1) })
    }

    /// The hand-built set for 2025 Q4 (10-01 … 12-31). Unit A unless noted.
    ///
    /// | case | party | category | clue | verified | held | deadline | inspection | closed / docs | revisits |
    /// | c1 | P1 | food | 09-30 | 10-09 | 10-21 | 11-20 | 11-18 pass | 11-18 ✓ | 12-05: 100 |
    /// | c2 | P2 | fire-equipment | 10-09 | 10-10 | 11-05 | 12-05 | 12-08 fail | 12-08 handedOver ✓ | 11-30: 120 (invalid) |
    /// | c3 | P3 | environment | 12-01 | 12-03 | — | — | — | open (approval) | |
    /// | c4 | P1 | safety-rules | 10-15 | 10-16 | — | — | — | 10-20 rejected, docs unknown | |
    /// | c5 | P4 | price | 10-10 | 10-13 | 10-28 | 11-27 | 11-25 pass | 11-25 ✓ | 12-10: 80, 2026-01-05: 90 |
    /// | c6 | P5 | food | 09-01 | 09-03 | 09-15 | 10-10 | 10-13 pass | 10-13 ✗ | 11-01: 95 |
    /// | c10 | P8 | labelling | 11-20 | 11-21 | 12-01 | 12-31 | — | open (inspection) | |
    /// | c7 | P6, unit B | food | 11-01 | 11-03 | — | — | — | open | |
    static let cases: [InterviewCaseSummary] = [
        summary(p1, "passed", "food", clue: "2025-09-30", verified: "2025-10-09", held: "2025-10-21", deadline: "2025-11-20",
                inspected: "2025-11-18", passed: true, closed: "2025-11-18", documents: true, revisits: [("2025-12-05", 100)]),
        summary(p2, "handedOver", "fire-equipment", clue: "2025-10-09", verified: "2025-10-10", held: "2025-11-05", deadline: "2025-12-05",
                inspected: "2025-12-08", passed: false, closed: "2025-12-08", documents: true, revisits: [("2025-11-30", 120)]),
        summary(p3, "approval", "environment", clue: "2025-12-01", verified: "2025-12-03"),
        summary(p1, "rejected", "safety-rules", clue: "2025-10-15", verified: "2025-10-16", closed: "2025-10-20"),
        summary(p4, "passed", "price", clue: "2025-10-10", verified: "2025-10-13", held: "2025-10-28", deadline: "2025-11-27",
                inspected: "2025-11-25", passed: true, closed: "2025-11-25", documents: true,
                revisits: [("2025-12-10", 80), ("2026-01-05", 90)]),
        summary(p5, "passed", "food", clue: "2025-09-01", verified: "2025-09-03", held: "2025-09-15", deadline: "2025-10-10",
                inspected: "2025-10-13", passed: true, closed: "2025-10-13", documents: false, revisits: [("2025-11-01", 95)]),
        summary(p8, "inspection", "labelling", clue: "2025-11-20", verified: "2025-11-21", held: "2025-12-01", deadline: "2025-12-31"),
        summary(p6, unit: unitB, "approval", "food", clue: "2025-11-01", verified: "2025-11-03"),
    ]

    static func q4A(asOf: LocalDate? = nil) -> InterviewIndicators {
        InterviewIndicators.compute(cases: cases, period: q4, units: [unitA], reconsiderations: 7, previousYearReconsiderations: 10,
                                    calendar: calendar, asOf: asOf)
    }

    // MARK: Periods

    @Test("Report periods: first and last day and the Chinese label of a month, quarter, half-year and year")
    func periods() {
        let q = ReportPeriod.quarter(2025, 4)!
        #expect((q.first, q.last) == (Self.date("2025-10-01"), Self.date("2025-12-31")))
        #expect(q.labelZH == "2025年第四季度")
        #expect(ReportPeriod.month(2025, 10)!.labelZH == "2025年10月")
        #expect(ReportPeriod.month(2024, 2)!.last == Self.date("2024-02-29"))
        #expect(ReportPeriod.year(2025)!.labelZH == "2025年")
        #expect(ReportPeriod.year(2025)!.months.count == 12)
        #expect(ReportPeriod.halfYear(2025, 2)!.labelZH == "2025年下半年")
        #expect(ReportPeriod.halfYear(2025, 2)!.first == Self.date("2025-07-01"))
        #expect(ReportPeriod.quarter(2025, 5) == nil && ReportPeriod.month(2025, 13) == nil)
        #expect(ReportPeriod.containing(Self.date("2025-09-30"), kind: .quarter) == ReportPeriod.quarter(2025, 3))
        #expect(q.sameLastYear == ReportPeriod.quarter(2024, 4))
        #expect(q.months.map(\.labelZH) == ["2025年10月", "2025年11月", "2025年12月"])
        let trailing = ReportPeriod.months(endingWith: Self.date("2025-03-15"))
        #expect(trailing.count == 12)
        #expect(trailing.first == ReportPeriod.month(2024, 4) && trailing.last == ReportPeriod.month(2025, 3))
    }

    // MARK: Start timeliness

    @Test("Interview statistics: start timeliness counts working days across the National Day holiday")
    func startTimelinessAcrossNationalDay() {
        // setup: clue Tue 2025-09-30. Oct 1–8 are holidays and Sat Oct 11 is a make-up working day, so
        // the working days after the clue are 10/9 (1), 10/10 (2), 10/11 (3), 10/13–17 (4–8), 10/20–24
        // (9–13), 10/27 (14), 10/28 (15), 10/29 (16).
        let cal = Self.calendar
        #expect(cal.between(Self.date("2025-09-30"), Self.date("2025-10-21")) == 10)
        #expect(cal.due(from: Self.date("2025-09-30"), count: 15, unit: .workday).date == Self.date("2025-10-28"))
        let held = ["2025-10-21", "2025-10-28", "2025-10-29"].map {
            Self.summary(Self.p1, "rectification", "food", clue: "2025-09-30", verified: "2025-10-09", held: $0, deadline: "2025-11-20")
        }
        // act
        let r = InterviewIndicators.compute(cases: held, period: Self.q4, calendar: cal).startTimeliness
        // check: 10-21 (10th) and 10-28 (15th, inclusive) are in time; 10-29 (16th) is late. Ignoring the
        // make-up Saturday would make 10-28 the 14th and 10-29 the 15th; ignoring the holidays would
        // make 10-21 the 16th.
        #expect(r.numerator == 2)
        #expect(r.denominator == 3)
        #expect(r.target == nil && r.met == nil)
    }

    @Test("Interview statistics: start timeliness counts only interviews held in the period, late ones in the denominator")
    func startTimelinessOnTheSet() {
        // held in Q4 (unit A): c1 10-21 (10 wd, in time), c2 11-05 (20 wd after 10-09, late), c5 10-28
        // (13 wd after 10-10, in time), c10 12-01 (7 wd after 11-20, in time); c6 held 09-15 is out.
        let r = Self.q4A().startTimeliness
        #expect(Self.calendar.between(Self.date("2025-10-09"), Self.date("2025-11-05")) == 20)
        #expect(Self.calendar.between(Self.date("2025-10-10"), Self.date("2025-10-28")) == 13)
        #expect(Self.calendar.between(Self.date("2025-11-20"), Self.date("2025-12-01")) == 7)
        #expect((r.numerator, r.denominator) == (3, 4))
        #expect(r.rateText == "75.0%")
    }

    // MARK: Each indicator on the set

    @Test("Interview statistics: coverage counts distinct key-sector parties verified in the period, interviewed by its end")
    func coverage() {
        // Key-sector cases verified in Q4, unit A: c1 P1 food, c2 P2 fire, c3 P3 environment, c4 P1 safety
        // → parties {P1, P2, P3} = 3 (P1 twice counts once; c5 price is not a key sector; c6 was verified
        // in September). Interviewed: P1 (c1), P2 (c2) = 2; P3 not yet.
        let r = Self.q4A().coverage
        #expect((r.numerator, r.denominator) == (2, 3))
        #expect(r.rateText == "66.7%")
        #expect(r.met == false)
        // Unit B's P6 (food, verified 11-03, not interviewed) joins when all units are counted: 2 ÷ 4.
        let all = InterviewIndicators.compute(cases: Self.cases, period: Self.q4, calendar: Self.calendar).coverage
        #expect((all.numerator, all.denominator) == (2, 4))
    }

    @Test("Interview statistics: rectification rate is passed inspections over interviews whose deadline fell in the period")
    func rectification() {
        // Deadlines in Q4: c1 11-20 pass, c2 12-05 fail, c5 11-27 pass, c6 10-10 pass (held in September),
        // c10 12-31 not inspected → 3 ÷ 5.
        let r = Self.q4A().rectification
        #expect((r.numerator, r.denominator) == (3, 5))
        #expect(r.rateText == "60.0%")
        #expect(r.met == false)
        // A report run on 2025-11-30 has not reached c2's and c10's deadlines: c1, c5, c6 → 3 ÷ 3.
        let early = Self.q4A(asOf: Self.date("2025-11-30")).rectification
        #expect((early.numerator, early.denominator) == (3, 3))
        #expect(early.met == true)
    }

    @Test("Interview statistics: inspection pass rate is passed over inspections done in the period")
    func inspectionPass() {
        // Inspected in Q4: c6 10-13 pass, c1 11-18 pass, c5 11-25 pass, c2 12-08 fail → 3 ÷ 4.
        let r = Self.q4A().inspectionPass
        #expect((r.numerator, r.denominator) == (3, 4))
        #expect(r.target == 0.92 && r.met == false)
    }

    @Test("Interview statistics: satisfaction is the mean of valid revisit scores dated in the period")
    func satisfaction() {
        // In Q4: c1 100 (12-05), c5 80 (12-10), c6 95 (11-01); c2's 120 is invalid; c5's 90 is in 2026.
        // 275 ÷ 3 = 91.67 < 95.
        let r = Self.q4A().satisfaction
        #expect((r.numerator, r.denominator) == (275, 3))
        #expect(r.rateText == "91.7")
        #expect(r.targetText == "95.0")
        #expect(r.met == false)
    }

    @Test("ST-06: the satisfaction rate (满意率) beside the index is 满意 + 基本满意 over the answers other than 未评价, dated in the period")
    func satisfactionRate() {
        // setup: four answers in 2025-Q4 (one of each on the scale) and a 满意 of 2026-01-02, outside it
        let c = Self.summary(Self.p1, "passed", "food", clue: "2025-09-30", closed: "2025-11-18", documents: true, revisits: [])
        var answered = c
        answered.revisits = [RevisitScore(on: Self.date("2025-11-20"), score: 100, answer: .satisfied),
                             RevisitScore(on: Self.date("2025-12-01"), score: 60, answer: .basicallySatisfied),
                             RevisitScore(on: Self.date("2025-12-31"), score: 20, answer: .dissatisfied),
                             RevisitScore(on: Self.date("2026-01-02"), score: 100, answer: .satisfied)]
        // act
        let r = InterviewIndicators.compute(cases: [answered], period: Self.q4, calendar: Self.calendar).satisfactionRate
        // check: 2 ÷ 3, no target; 未评价 never counts
        #expect((r.numerator, r.denominator) == (2, 3))
        #expect(r.rateText == "66.7%" && r.target == nil)
        #expect(Satisfaction.rate([.satisfied, .unanswered, .unanswered, .dissatisfied]) == (1, 2))
        #expect(Satisfaction.rate([.unanswered]) == (0, 0))
    }

    @Test("Interview statistics: document completeness is complete files over files closed in the period; unknown is incomplete")
    func documents() {
        // Closed in Q4: c6 10-13 ✗, c4 10-20 unknown, c1 11-18 ✓, c5 11-25 ✓, c2 12-08 ✓ → 3 ÷ 5.
        let r = Self.q4A().documents
        #expect((r.numerator, r.denominator) == (3, 5))
        #expect(r.met == false)
    }

    @Test("Interview statistics: reconsideration change is year on year, met at exactly −30 %")
    func reconsideration() {
        // (7 − 10) ÷ 10 = −30 % ≤ −30 % → met; 8 → −20 % → not met.
        let r = Self.q4A().reconsideration
        #expect((r.numerator, r.denominator) == (-3, 10))
        #expect(r.rateText == "-30.0%")
        #expect(r.met == true)
        let worse = InterviewIndicators.compute(cases: [], period: Self.q4, reconsiderations: 8, previousYearReconsiderations: 10,
                                                calendar: Self.calendar).reconsideration
        #expect(worse.met == false)
    }

    @Test("Interview statistics: counts by event date — clues, verifications, interviews, inspections, closings, open cases")
    func counts() {
        // Clues in Q4: c2, c3, c4, c5, c10 (c1 09-30 and c6 09-01 are Q3). Verified: c1 c2 c3 c4 c5 c10.
        // Held: c1 c2 c5 c10. Inspected 4, passed 3. Closed: c1 c2 c4 c5 c6 (passed 3, handed over 1,
        // rejected 1). Open at 12-31: c3, c10.
        let n = Self.q4A().counts
        #expect(n.clues == 5)
        #expect(n.verified == 6)
        #expect(n.held == 4)
        #expect((n.inspected, n.passed) == (4, 3))
        #expect((n.closed, n.closedPassed, n.handedOver, n.rejected, n.transferred) == (5, 3, 1, 1, 0))
        #expect(n.openAtEnd == 2)
    }

    // MARK: Zero denominators

    @Test("Interview statistics: a zero denominator gives no rate, shows —, and judges no target")
    func zeroDenominators() {
        // setup: nothing happened; reconsideration base 0 and unknown counts.
        let r = InterviewIndicators.compute(cases: [], period: Self.q4, reconsiderations: 3, previousYearReconsiderations: 0,
                                            calendar: Self.calendar)
        for i in r.all {
            #expect(i.denominator == 0)
            #expect(i.rate == nil)
            #expect(i.met == nil)
            #expect(i.rateText == "—")
            #expect(i.metText == "—")
        }
        #expect(r.assessment.total == 0)
        #expect(r.assessment.attainable == 0)
        #expect(r.assessment.components.allSatisfy { $0.points == nil })
        let unknown = InterviewIndicators.compute(cases: [], period: Self.q4, calendar: Self.calendar).reconsideration
        #expect(unknown.rate == nil)
    }

    // MARK: Assessment

    @Test("ST-10: the assessment is weight × min(1, value ÷ target): coverage 40, rectification 30, satisfaction 20, documents 10")
    func assessment() {
        // coverage 40 × (2/3 ÷ 0.8) = 33.333; rectification 30 × (0.6 ÷ 0.9) = 20;
        // satisfaction 20 × (91.667 ÷ 95) = 19.298; documents 10 × (0.6 ÷ 0.98) = 6.122 → 78.754;
        // 15 % of it for the annual assessment = 11.813.
        let a = Self.q4A().assessment
        let points = a.components.map { $0.points ?? -1 }
        #expect(a.components.map(\.key) == ["coverage", "rectification", "satisfaction", "documents"])
        #expect(a.components.map(\.weight) == [40, 30, 20, 10])
        #expect(abs(points[0] - 100.0 / 3) < 1e-9)
        #expect(abs(points[1] - 20) < 1e-9)
        #expect(abs(points[2] - 20 * (275.0 / 3) / 95) < 1e-9)
        #expect(abs(points[3] - 6.0 / 0.98) < 1e-9)
        #expect(abs(a.total - 78.754_028) < 1e-5)
        #expect(a.attainable == 100)
        #expect(abs(a.annualContribution - 11.813_104) < 1e-5)
        // Above target earns the full weight, not more: rectification 3 ÷ 3 ≥ 90 % → 30.
        let early = Self.q4A(asOf: Self.date("2025-11-30")).assessment
        #expect(early.components[1].points == 30)
    }

    // MARK: Period boundaries

    @Test("Interview statistics: an event on the quarter's last day counts, the next day's does not")
    func quarterBoundary() {
        // setup: two cases alike except that every event of the second is one day later:
        // verification, interview, deadline, inspection, closing and revisit on 12-31 vs 2026-01-01.
        let onLast = Self.summary(Self.p1, "passed", "food", clue: "2025-12-22", verified: "2025-12-31", held: "2025-12-31",
                                  deadline: "2025-12-31", inspected: "2025-12-31", passed: true, closed: "2025-12-31", documents: true,
                                  revisits: [("2025-12-31", 90)])
        let dayAfter = Self.summary(Self.p2, "passed", "food", clue: "2025-12-22", verified: "2026-01-01", held: "2026-01-01",
                                    deadline: "2026-01-01", inspected: "2026-01-01", passed: true, closed: "2026-01-01", documents: true,
                                    revisits: [("2026-01-01", 90)])
        // act
        let r = InterviewIndicators.compute(cases: [onLast, dayAfter], period: Self.q4, calendar: Self.calendar)
        // check: only the first case counts, in every indicator.
        #expect(r.all.dropLast().map(\.denominator) == [1, 1, 1, 1, 1, 1, 1])
        #expect(r.all.dropLast().map(\.numerator) == [1, 1, 1, 90, 1, 1, 1])
        #expect(r.counts.held == 1 && r.counts.inspected == 1 && r.counts.closed == 1)
        // And the first day of the quarter counts while the last day of Q3 does not.
        let start = Self.summary(Self.p1, "passed", "food", clue: "2025-09-20", held: "2025-10-01", inspected: "2025-10-01", passed: true)
        let before = Self.summary(Self.p2, "passed", "food", clue: "2025-09-20", held: "2025-09-30", inspected: "2025-09-30", passed: true)
        let s = InterviewIndicators.compute(cases: [start, before], period: Self.q4, calendar: Self.calendar)
        #expect(s.counts.held == 1 && s.inspectionPass.denominator == 1)
    }

    // MARK: Series and export

    @Test("Interview statistics: the monthly series counts interviews held and inspections passed per month")
    func monthlySeries() {
        // Held: Oct c1 c5, Nov c2, Dec c10. Passed: Oct c6, Nov c1 c5, Dec none (c2 failed).
        let s = InterviewIndicators.monthlySeries(cases: Self.cases, within: Self.q4, units: [Self.unitA])
        #expect(s.map(\.month.labelZH) == ["2025年10月", "2025年11月", "2025年12月"])
        #expect(s.map(\.counts.held) == [2, 1, 1])
        #expect(s.map(\.counts.passed) == [1, 2, 0])
        // The year has 12 points; September holds c6's interview.
        let year = InterviewIndicators.monthlySeries(cases: Self.cases, within: ReportPeriod.year(2025)!, units: [Self.unitA])
        #expect(year.count == 12)
        #expect(year.map(\.counts.held) == [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 1])
        // Months add up to the quarter.
        #expect(s.map(\.counts.held).reduce(0, +) == Self.q4A().counts.held)
    }

    @Test("ST-04: the export table has the Chinese header and one formatted row per indicator")
    func exportRows() {
        let rows = Self.q4A().tableRows()
        #expect(rows.first == ["指标", "分子", "分母", "比率", "目标", "是否达标", "依据"])
        #expect(rows.count == 9)
        #expect(rows[1] == ["重点领域约谈覆盖率", "2", "3", "66.7%", "80.0%", "否", InterviewIndicators.Kind.coverage.citation])
        #expect(Array(rows[4].prefix(6)) == ["回访满意度", "275", "3", "91.7", "95.0", "否"])
        #expect(Array(rows[5].prefix(6)) == ["回访满意率（满意与基本满意）", "3", "3", "100.0%", "—", "—"])
        #expect(Array(rows[7].prefix(6)) == ["约谈启动及时率（15个工作日内）", "3", "4", "75.0%", "—", "—"])
        #expect(Array(rows[8].prefix(6)) == ["行政复议、诉讼案件同比变化", "-3", "10", "-30.0%", "-30.0%", "是"])
        #expect(rows.allSatisfy { $0.count == 7 })
        let assessment = Self.q4A().assessmentRows()
        #expect(assessment.first == ["考核项目", "权重", "完成值", "目标", "得分"])
        #expect(assessment[2] == ["整改完成率", "30", "60.0%", "90.0%", "20"])
        #expect(assessment[5] == ["总分", "100", "", "", "78.8"])
    }

    @Test("Formatting rounds half away from zero to one decimal")
    func formatting() {
        #expect(IndicatorFormat.format(0.9234, .ratio) == "92.3%")
        #expect(IndicatorFormat.format(0.9876, .ratio) == "98.8%")
        #expect(IndicatorFormat.format(96.25, .mean) == "96.3")
        #expect(IndicatorFormat.format(1, .ratio) == "100.0%")
        #expect(IndicatorFormat.format(-1.0 / 3, .change) == "-33.3%")
        #expect(IndicatorFormat.format(0.0004, .ratio) == "0.0%")
        #expect(IndicatorFormat.decimal(3) == "3")
        #expect(IndicatorFormat.decimal(-3) == "-3")
    }

    // MARK: From a case

    @Test("A summary read from a passed case takes its dates from the facts")
    func summaryFromCase() {
        // setup
        let officer = UUID(), party = UUID()
        var f = InterviewFacts(partyID: party, partyName: "江城市中村便民超市",
                               clue: .init(source: .inspection, description: "灭火器缺失", discoveredOn: Self.date("2025-09-30"), recordedBy: officer))
        f.verification = .init(facts: "灭火器缺失2具", evidence: [], provisions: "《消防法》第十六条", ground: .firstMinor, category: "fire-equipment",
                               categoryNote: nil, necessity: "初次违法", majorReasons: [], urgent: false, submittedOn: Self.date("2025-10-09"), by: officer)
        f.record = .init(heldOn: Self.date("2025-10-21"), mode: .onSite, interviewers: [], recorder: "李约谈", agent: nil, experts: [],
                         findings: "", statement: "", items: ["配齐灭火器"], deadline: Self.date("2025-11-20"), partySigned: true, witnesses: [])
        f.inspection = .init(on: Self.date("2025-11-18"), inspectors: [], results: [true], remarks: ["合格"])
        let c = ProcedureCase(id: UUID(), unitID: Self.unitA, state: "passed", gravity: .ordinary, partyIDs: [party], handlerID: nil,
                              openedOn: Self.date("2025-09-30"), facts: f)
        // act
        let s = InterviewCaseSummary(c, documentsComplete: true)
        // check
        #expect(s.partyID == party && s.unitID == Self.unitA && s.category == "fire-equipment")
        #expect(s.clueOn == Self.date("2025-09-30") && s.verifiedOn == Self.date("2025-10-09"))
        #expect(s.heldOn == Self.date("2025-10-21") && s.rectificationDeadline == Self.date("2025-11-20"))
        #expect(s.inspectedOn == Self.date("2025-11-18") && s.inspectionPassed == true)
        #expect(s.closedOn == Self.date("2025-11-18"))
    }
}

/// ST-21 revisits and the ST-06 satisfaction index.
@Suite("Interview revisits (ST-06, ST-21)")
struct InterviewRevisitTests {
    let closed = LocalDate(iso: "2025-11-12")!
    let today = LocalDate(iso: "2025-12-01")!

    func check(on: String? = "2025-11-20", method: String? = "phone", answer: String? = "satisfied",
               scores: [String: String] = ["effect": "5", "conduct": "5", "service": "4"], closedOn: LocalDate?) -> Result<Revisit, DomainError> {
        Revisit.validate(on: on, method: method, answer: answer, scores: scores, note: " 整改到位 ", closedOn: closedOn, today: today,
                         dimensions: InterviewProcedure.module.revisitDimensions)
    }

    @Test("ST-06: the index is the mean of the three 1–5 scores × 20; 未评价 has none")
    func index() throws {
        let r = try check(closedOn: closed).get()
        #expect(r.scores == [5, 5, 4])
        #expect(abs(r.index! - 14.0 / 3 * 20) < 1e-9)
        #expect(r.note == "整改到位")
        let none = try check(answer: "unanswered", scores: [:], closedOn: closed).get()
        #expect(none.index == nil)
    }

    @Test("ST-21: only a closed case, on or after its closing and not in the future; every fault named at once")
    func rules() {
        func codes(_ r: Result<Revisit, DomainError>) -> [String] {
            if case let .failure(e) = r { return e.fields.map(\.code) }
            return []
        }
        #expect(codes(check(closedOn: nil)) == ["revisit.case-open"])
        #expect(codes(check(on: "2025-11-11", closedOn: closed)) == ["revisit.before-close"])
        #expect(codes(check(on: "2025-11-12", closedOn: closed)).isEmpty)  // the closing day itself
        #expect(codes(check(on: "2025-12-02", closedOn: closed)) == ["revisit.future"])
        #expect(codes(check(on: "2025-13-40", method: "fax", answer: "ok", closedOn: closed))
            == ["revisit.date.invalid", "revisit.method.invalid", "revisit.answer.invalid"])
        #expect(codes(check(scores: ["effect": "6", "conduct": "0"], closedOn: closed))
            == ["revisit.score.invalid", "revisit.score.invalid", "revisit.score.invalid"])
        #expect(codes(check(answer: "unanswered", closedOn: closed)) == ["revisit.unanswered.scored"])
    }
}

@Suite("Revisit sample (ST-21)")
struct RevisitSampleTests {
    @Test("ST-21: 10 % rounded up, the same cases on every draw, and a late closing does not reshuffle the rest")
    func draw() {
        let unit = UUID(uuidString: "00000000-0000-0000-0000-0000000000AA")!
        let q = ReportPeriod.quarter(2026, 2)!
        let cases = (1...25).map { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", $0))! }
        let drawn = RevisitSample.draw(closed: cases, unitID: unit, quarter: q)
        #expect(drawn.count == 3)  // 2.5 → 3
        #expect(Set(drawn).isSubset(of: Set(cases)))
        #expect(RevisitSample.draw(closed: cases.reversed(), unitID: unit, quarter: q) == drawn)
        #expect(RevisitSample.draw(closed: Array(cases.prefix(1)), unitID: unit, quarter: q) == [cases[0]])
        #expect(RevisitSample.draw(closed: [], unitID: unit, quarter: q).isEmpty)
        // Another quarter draws afresh.
        #expect(RevisitSample.draw(closed: cases, unitID: unit, quarter: .quarter(2026, 3)!) != drawn)
        // A 26th case: the sample grows to 3 still (2.6 → 3); the earlier ranking is kept.
        let late = UUID(uuidString: "00000000-0000-0000-0000-000000000099")!
        let again = RevisitSample.draw(closed: cases + [late], unitID: unit, quarter: q)
        #expect(again.count == 3)
        #expect(again == drawn || again.contains(late) && again.filter { $0 != late } == Array(drawn.prefix(2)))
    }
}
