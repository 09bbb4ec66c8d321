import Foundation
import Testing
@testable import FengqiaoCore

/// statistics.md "targets configurable" and ST-10: a procedure declares its targets and the annual
/// weight; the targets in force for a year are the defaults overridden by the values set; the
/// assessment computes with them; values outside their ranges are refused with a stable code.
@Suite("Indicator targets (statistics.md targets configurable, ST-10)")
struct IndicatorTargetsTests {
    static func date(_ iso: String) -> LocalDate {
        guard let d = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return d
    }

    static let unit = UUID()
    static let q3 = ReportPeriod.quarter(2025, 3)!

    /// Ten parties with a food-safety ground verified in 2025 Q3 (07-01 … 09-30); eight of them
    /// interviewed by 09-30: coverage 8 ÷ 10 = 80 %.
    static let cases: [InterviewCaseSummary] = (0..<10).map { i in
        InterviewCaseSummary(caseID: UUID(), unitID: unit, partyID: UUID(), state: i < 8 ? "rectification" : "approval", category: "food",
                             clueOn: date("2025-07-0\(i % 9 + 1)"), verifiedOn: date("2025-07-1\(i)"),
                             heldOn: i < 8 ? date("2025-08-1\(i)") : nil)
    }

    static func coverage(_ targets: IndicatorTargets.InForce) -> (indicator: Indicator, assessment: Assessment) {
        let ind = InterviewIndicators.compute(cases: cases, period: q3, units: [unit], calendar: .shipped, targets: targets)
        return (ind.coverage, ind.assessment)
    }

    @Test("ST-10 targets configurable: coverage 8/10 = 80 % meets the default 80 % but not 85 % set for 2025; its 40 points become 40 × 0.80 ÷ 0.85")
    func configuredTargetChangesTheAssessment() throws {
        // setup: the interview's declaration; 2025 with coverage set to 85 %
        let declared = InterviewIndicators.targets
        let standard = declared.defaults(year: 2025)
        let set = declared.inForce(year: 2025, configured: ["coverage": 0.85])
        // act
        let before = Self.coverage(standard), after = Self.coverage(set)
        // check: the same 8 of 10, judged against each target
        #expect(before.indicator.numerator == 8 && before.indicator.denominator == 10)
        #expect(before.indicator.target == 0.80 && before.indicator.met == true && before.indicator.targetText == "80.0%" && before.indicator.metText == "是")
        #expect(after.indicator.target == 0.85 && after.indicator.met == false && after.indicator.targetText == "85.0%" && after.indicator.metText == "否")
        let points = { (a: Assessment) in a.components.first { $0.key == "coverage" }?.points }
        #expect(points(before.assessment) == 40)
        let configured = try #require(points(after.assessment))
        #expect(abs(configured - 40 * 0.8 / 0.85) < 1e-9)  // 37.647…
        #expect(IndicatorFormat.decimal(configured) == "37.6")
        #expect(after.assessment.rows()[1] == ["重点领域约谈覆盖率", "40", "80.0%", "85.0%", "37.6"])
        // the other targets stay at their defaults
        #expect(after.indicator.target != before.indicator.target)
        #expect(Self.coverage(set).assessment.components.map(\.target).dropFirst() == before.assessment.components.map(\.target).dropFirst())
    }

    @Test("ST-10 the annual weight set for a year replaces 15 % in the annual contribution")
    func annualWeight() {
        // setup: 2025 weighted 20 %
        let set = InterviewIndicators.targets.inForce(year: 2025, configured: [IndicatorTargets.annualWeightKey: 0.20])
        // act
        let standard = Self.coverage(InterviewIndicators.targets.defaults()).assessment, weighted = Self.coverage(set).assessment
        // check
        #expect(standard.annualWeight == 0.15 && weighted.annualWeight == 0.20)
        #expect(abs(weighted.annualContribution - weighted.total * 0.20) < 1e-9)
        #expect(weighted.rows().last == ["计入年度考核", "20.0%", "", "", IndicatorFormat.decimal(weighted.total * 0.2)])
    }

    @Test("targets configurable: in force = the declared defaults overridden by the year's values; a target with no default may be set; a key no longer declared is ignored")
    func inForce() {
        let declared = InterviewIndicators.targets
        // check: the defaults of statistics.md's table and 003 §2.4.2
        let standard = declared.defaults()
        #expect(standard.target("coverage") == 0.80 && standard.target("rectification") == 0.90 && standard.target("inspection-pass") == 0.92)
        #expect(standard.target("satisfaction") == 95 && standard.target("documents") == 0.98 && standard.target("reconsideration") == -0.30)
        #expect(standard.target("start-timeliness") == nil && standard.target("satisfaction-rate") == nil && standard.annualWeight == 0.15)
        // act: 2025's values, one for an indicator without a default, one for a key the procedure dropped
        let set = declared.inForce(year: 2025, configured: ["satisfaction": 90, "start-timeliness": 0.75, "retired-indicator": 0.5])
        // check
        #expect(set.year == 2025 && set.target("satisfaction") == 90 && set.target("start-timeliness") == 0.75 && set.target("coverage") == 0.80)
        #expect(set.configured == ["satisfaction": 90, "start-timeliness": 0.75])
        #expect(set.target("retired-indicator") == nil)
        // the request hands the procedure the year's targets, or the defaults of the period's year
        let request = IndicatorRequest(period: Self.q3, units: nil, calendar: .shipped, asOf: nil)
        #expect(request.targets(declared) == declared.defaults(year: 2025))
        let withTargets = IndicatorRequest(period: Self.q3, units: nil, calendar: .shipped, asOf: nil, targets: set)
        #expect(withTargets.targets(declared) == set)
    }

    @Test("ST-10 targets configurable: a procedure declares its targets on its module; one that declares none has none, and the interview's report computes with the request's targets")
    func declaredOnTheModule() throws {
        // check: the interview declares every indicator it reports, in report order, with the 15 % weight
        #expect(InterviewProcedure.module.indicatorTargets == InterviewIndicators.targets)
        #expect(InterviewIndicators.targets.targets.map(\.key) == InterviewIndicators.Kind.allCases.map(\.rawValue))
        #expect(InterviewIndicators.targets.keys.last == IndicatorTargets.annualWeightKey)
        #expect(ProcedureModule(pathWord: "errands", moduleCode: "ER").indicatorTargets.isEmpty)
        // act: the generic path, with coverage set to 85 % and the weight to 20 %
        let set = InterviewIndicators.targets.inForce(year: 2025, configured: ["coverage": 0.85, IndicatorTargets.annualWeightKey: 0.2])
        let report = try #require(InterviewProcedure.indicators([], IndicatorRequest(period: Self.q3, units: nil, calendar: .shipped, asOf: nil, targets: set)))
        // check
        #expect(report.indicators.first { $0.key == "coverage" }?.target == 0.85)
        #expect(report.indicators.first { $0.key == "rectification" }?.target == 0.90)
        #expect(report.assessment?.annualWeight == 0.2)
        #expect(report.table().contains { $0.first == "重点领域约谈覆盖率" && $0[4] == "85.0%" })
    }

    @Test("ST-10 out of range refused: a ratio above 100 %, a mean above 100, a change below −100 %, a weight above 100 %, each named; an unknown key named; a value within range or removed passes")
    func outOfRange() {
        let declared = InterviewIndicators.targets
        // act
        let errors = declared.check(["coverage": 1.2, "satisfaction": 101, "reconsideration": -1.5, IndicatorTargets.annualWeightKey: 1.5,
                                     "bogus": 0.5, "documents": nil, "rectification": 0])
        // check: in declaration order, then the unknown key
        #expect(errors.map(\.field) == ["coverage", "satisfaction", "reconsideration", IndicatorTargets.annualWeightKey, "bogus"])
        #expect(errors.map(\.code) == ["target.out-of-range", "target.out-of-range", "target.out-of-range", "target.out-of-range", "target.unknown"])
        #expect(errors.allSatisfy { $0.rule == "ST-10" })
        #expect(errors[0].messageZH == "重点领域约谈覆盖率的目标应在0%至100%之间")
        #expect(errors[1].messageZH == "回访满意度的目标应在0至100之间")
        #expect(errors[2].messageZH == "行政复议、诉讼案件同比变化的目标应在-100%至100%之间")
        #expect(errors[3].messageZH == "计入年度考核的权重应在0%至100%之间")
        #expect(declared.check(["coverage": 1, "satisfaction": 0, "reconsideration": -1, IndicatorTargets.annualWeightKey: 0]).isEmpty)
        #expect(declared.check(["coverage": Double.nan]).map(\.code) == ["target.out-of-range"])
        // the refusal carries the first fault's stable code and every field
        let refusal = IndicatorTargets.refusal(errors)
        #expect(refusal.kind == .invalid && refusal.code == "target.out-of-range" && refusal.fields.count == 5)
        // a procedure without an assessment takes no weight
        #expect(IndicatorTargets([.init("x", "某指标", .ratio, standard: nil)]).check([IndicatorTargets.annualWeightKey: 0.1]).map(\.code) == ["target.unknown"])
    }

    @Test("targets configurable: the form's percents — 85 and 85% are 0.85, a mean as its score, −30 a fall of 30 %, empty the default; text, NaN and 120 % refused naming the indicator")
    func parseForm() {
        let declared = InterviewIndicators.targets
        // act: a good form
        let good = declared.parse(["coverage": "85", "rectification": " 92.5% ", "satisfaction": "96", "reconsideration": "−30",
                                   IndicatorTargets.annualWeightKey: "20", "documents": ""])
        // check
        #expect(good.errors.isEmpty)
        #expect(good.values["coverage"] == 0.85 && good.values["rectification"] == 0.925 && good.values["satisfaction"] == 96)
        #expect(good.values["reconsideration"] == -0.3 && good.values[IndicatorTargets.annualWeightKey] == 0.2)
        #expect(good.values["documents"] == .some(nil) && good.values["inspection-pass"] == .some(nil), "empty: back to the default")
        // act: a bad one
        let bad = declared.parse(["coverage": "120", "rectification": "八十五", "satisfaction": "nan", "documents": "0x50", "inspection-pass": "1e2"])
        // check: every fault, each with its field
        #expect(bad.errors.map(\.field).sorted() == ["coverage", "documents", "inspection-pass", "rectification", "satisfaction"])
        #expect(bad.errors.first { $0.field == "coverage" }?.code == "target.out-of-range")
        #expect(bad.errors.first { $0.field == "rectification" }?.code == "target.not-a-number")
        #expect(bad.errors.first { $0.field == "rectification" }?.messageZH == "整改完成率的目标应为数字，如 85（即85%）")
        #expect(bad.errors.first { $0.field == "satisfaction" }?.code == "target.not-a-number")
        // the value as a person writes it
        #expect(IndicatorTargets.displayText(0.85, .ratio) == "85" && IndicatorTargets.displayText(0.925, .ratio) == "92.5")
        #expect(IndicatorTargets.displayText(95, .mean) == "95" && IndicatorTargets.displayText(-0.3, .change) == "-30")
    }

    @Test("ST-10 the year targets are set for lies between 2000 and five years after today")
    func year() {
        let today = Self.date("2025-09-30")
        #expect(IndicatorTargets.checkYear(2025, today: today) == nil && IndicatorTargets.checkYear(2030, today: today) == nil)
        #expect(IndicatorTargets.checkYear(1999, today: today)?.code == "target.year.invalid")
        #expect(IndicatorTargets.checkYear(2031, today: today)?.messageZH == "考核年度应在2000年至2030年之间")
    }
}
