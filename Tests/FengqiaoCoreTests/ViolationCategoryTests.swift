@testable import FengqiaoCore
import Foundation
import Testing

/// PLT-16: the shared violation-category tree — its validation, version 1 (the codes interview cases
/// already hold), publishing a new version, and its use by the interview (IV-03, key-sector coverage).
@Suite("Violation categories (PLT-16)")
struct ViolationCategoryTests {
    typealias T = InterviewProcedureTests
    static let v1 = ViolationCategoryVersion.shipped

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    func outcome<F>(_ r: Result<Outcome<F>, Refusal>) -> Outcome<F>? {
        if case let .success(o) = r { return o }
        return nil
    }

    func refused<F>(_ r: Result<Outcome<F>, Refusal>) -> Refusal? {
        if case let .failure(refusal) = r { return refusal }
        return nil
    }

    @Test("PLT-16: version 1 holds exactly the eleven codes interview cases stored, with their Chinese names, each under a sector with a legal basis; it is valid")
    func shippedVersion() {
        // check: the leaf codes, in the old order, and names
        let expected: [(String, String)] = [
            ("fire-equipment", "消防器材缺失"), ("safety-rules", "安全制度不健全"), ("food", "食品安全"), ("environment", "环境卫生"), ("price", "价格违法"),
            ("advertising", "广告违法"), ("labelling", "标签标识不规范"), ("annual-report", "年报未公示"), ("licence", "证照不全"), ("noise", "噪声扰民"),
            ("other", "其他"),
        ]
        #expect(Self.v1.offered.map(\.code) == expected.map(\.0))
        #expect(Self.v1.offered.map(\.nameZH) == expected.map(\.1))
        #expect(Self.v1.validate().isEmpty)
        #expect(Self.v1.version == 1)
        for n in Self.v1.offered {
            #expect(Self.v1.sector(of: n.code) != nil && !n.legalBasis.isEmpty)
        }
        #expect(Self.v1.node("fire-equipment")?.legalBasis == "《中华人民共和国消防法》第十六条")
        #expect(Self.v1.sector(of: "annual-report")?.nameZH == "企业登记与信息公示")
        // the key sectors are those of the old enum: safety, food, environment — not price, noise …
        #expect(Self.v1.offered.filter { Self.v1.isKeySector($0.code) }.map(\.code) == ["fire-equipment", "safety-rules", "food", "environment"])
    }

    @Test("PLT-16: validation names every fault with a stable code — missing code and name, duplicate codes, a missing parent, a cycle")
    func validation() {
        // setup
        let broken = ViolationCategoryVersion(version: 2, effectiveOn: Self.date("2026-01-01"), note: "", nodes: [
            .init(code: "sector-a", nameZH: "甲", legalBasis: "", parent: nil),
            .init(code: "", nameZH: "无代码", legalBasis: "x", parent: "sector-a"),
            .init(code: "dup", nameZH: "", legalBasis: "x", parent: "sector-a"),
            .init(code: "dup", nameZH: "重复", legalBasis: "x", parent: "sector-a"),
            .init(code: "orphan", nameZH: "孤儿", legalBasis: "x", parent: "nowhere"),
            .init(code: "loop-a", nameZH: "环甲", legalBasis: "x", parent: "loop-b"),
            .init(code: "loop-b", nameZH: "环乙", legalBasis: "x", parent: "loop-a"),
            .init(code: "Bad Code", nameZH: "坏代码", legalBasis: "x", parent: "sector-a"),
        ])
        // act
        let codes = Set(broken.validate().map(\.code))
        // check
        #expect(codes == ["category.code.required", "category.name.required", "category.code.duplicate", "category.parent.missing", "category.cycle",
                          "category.code.invalid"])
        #expect(broken.validate().allSatisfy { $0.rule == "PLT-16" })
    }

    @Test("PLT-16: publishing adds, renames and retires; a retired category is no longer offered but keeps its name; bad changes are refused with every fault")
    func publishing() throws {
        // act: version 2 from 2025-10-09 — a new category under 食品安全, 噪声扰民 retired, 价格违法 renamed
        let v2 = try Self.v1.publishing([
            .add(.init(code: "food-label", nameZH: "食品标签不规范", legalBasis: "《中华人民共和国食品安全法》第六十七条", parent: "sector-food")),
            .retire(code: "noise"),
            .edit(code: "price", nameZH: "明码标价不规范", legalBasis: "《明码标价和禁止价格欺诈规定》第五条", parent: "sector-price", keySector: false),
        ], effectiveOn: Self.date("2025-10-09"), note: "新增食品标签", today: Self.date("2025-09-30")).get()
        // check
        #expect(v2.version == 2 && v2.effectiveOn == Self.date("2025-10-09"))
        #expect(v2.offered.map(\.code).contains("food-label") && !v2.offered.map(\.code).contains("noise"))
        #expect(v2.nameZH("noise") == "噪声扰民" && v2.isRetired("noise"))
        #expect(v2.nameZH("price") == "明码标价不规范")
        #expect(v2.isKeySector("food-label"))
        // the history picks the version in force on a day
        let history = ViolationCategoryHistory([v2, Self.v1])
        #expect(history.inForce(on: Self.date("2025-10-08")).version == 1)
        #expect(history.inForce(on: Self.date("2025-10-09")).version == 2)
        // refused: nothing to change, a code used before (a retired one too), an unknown code, a past date
        let bad = Self.v1.publishing([.add(.init(code: "noise", nameZH: "噪声", legalBasis: "x", parent: "sector-noise")), .retire(code: "nope")],
                                     effectiveOn: Self.date("2025-09-29"), note: "", today: Self.date("2025-09-30"))
        guard case let .failure(e) = bad else { Issue.record("accepted"); return }
        #expect(Set(e.fields.map(\.code)) == ["category.code.exists", "category.code.unknown", "category.effective.past"])
        guard case let .failure(empty) = Self.v1.publishing([], effectiveOn: nil, note: "", today: Self.date("2025-09-30")) else { Issue.record("accepted"); return }
        #expect(Set(empty.fields.map(\.code)) == ["category.change.empty", "category.effective.invalid"])
        guard case let .failure(twice) = v2.publishing([.retire(code: "noise")], effectiveOn: Self.date("2025-10-10"), note: "",
                                                       today: Self.date("2025-09-30")) else { Issue.record("accepted"); return }
        #expect(twice.fields.map(\.code) == ["category.retired.already"])
    }

    @Test("PLT-16 IV-03: Verify offers the tree's categories; a retired category is refused for a new verification, a new one is accepted; the name is kept on the case")
    func verifyUsesTheTree() throws {
        // setup: version 2 retires 噪声扰民 and adds 食品标签不规范
        let v2 = try Self.v1.publishing([.retire(code: "noise"),
                                         .add(.init(code: "food-label", nameZH: "食品标签不规范", legalBasis: "《食品安全法》第六十七条", parent: "sector-food"))],
                                        effectiveOn: Self.date("2025-10-09"), note: "", today: Self.date("2025-09-30")).get()
        let officer = T.actor(ShippedRoles.officer)
        var f = T.facts(verifiedBy: officer.userID)
        f.verification = nil
        let c = T.kase("clue", f)
        let base = T.context(officer, today: "2025-10-09")
        let ctx = ProcedureContext(actor: officer, today: base.today, calendar: base.calendar, people: base.people, partyNames: base.partyNames, categories: v2)
        // check: the offered options are the tree's
        let verify = try #require(ProcedureEngine.available(InterviewProcedure.self, on: c, context: ctx).first { $0.transition.key == "verify" })
        let field = try #require(verify.transition.fields.first { $0.name == "category" })
        #expect(field.kind == .category)
        #expect(field.options.map(\.value).contains("food-label") && !field.options.map(\.value).contains("noise"))
        // act: a retired category is refused (PLT-16), nothing else wrong
        var noise = T.verifyInput
        noise.values["category"] = ["noise"]
        let refusal = try #require(refused(ProcedureEngine.perform(InterviewProcedure.self, "verify", on: c, input: noise, context: ctx)))
        #expect(refusal.violations.map(\.code) == ["input.category.retired"] && refusal.rules == ["PLT-16"])
        // a sector or an unknown code is not a category
        noise.values["category"] = ["sector-food"]
        #expect(refused(ProcedureEngine.perform(InterviewProcedure.self, "verify", on: c, input: noise, context: ctx))?.violations.map(\.code)
            == ["input.category.invalid"])
        // the new category is accepted, and the case keeps its name and version
        var label = T.verifyInput
        label.values["category"] = ["food-label"]
        let o = try #require(outcome(ProcedureEngine.perform(InterviewProcedure.self, "verify", on: c, input: label, context: ctx)))
        #expect(o.facts.verification?.category == "food-label" && o.facts.verification?.categoryName == "食品标签不规范")
        #expect(o.facts.verification?.categoryVersion == 2)
        // under version 1 the same code is refused: it did not exist
        #expect(refused(ProcedureEngine.perform(InterviewProcedure.self, "verify", on: c, input: label, context: base)) != nil)
        // an old case verified as 噪声扰民 still shows it (and one stored before the tree, by version 1's name)
        var old = T.facts(verifiedBy: officer.userID, category: "noise")
        #expect(InterviewProcedure.factsZH(old, names: [:]).first { $0.label == "违法行为类别" }?.value == "噪声扰民")
        old.verification?.categoryName = "噪声扰民（旧称）"
        #expect(InterviewProcedure.factsZH(old, names: [:]).first { $0.label == "违法行为类别" }?.value == "噪声扰民（旧称）")
    }

    @Test("IV-03 PLT-16: the repeat exclusion compares codes — a renamed category is still the same kind, another category of the same sector is not; “其他” needs its note")
    func repeatByCode() throws {
        // setup: 消防器材缺失 renamed in version 2; the party was interviewed for it in 2025
        let v2 = try Self.v1.publishing([.edit(code: "fire-equipment", nameZH: "消防设施器材配置不足", legalBasis: "《中华人民共和国消防法》第十六条",
                                               parent: "sector-safety", keySector: false)],
                                        effectiveOn: Self.date("2026-01-01"), note: "", today: Self.date("2025-12-01")).get()
        let officer = T.actor(ShippedRoles.officer)
        let earlier = PriorCase(id: UUID(), reference: "中村所约〔2025〕3号", caseType: "interview", category: "fire-equipment", state: "passed",
                                openedOn: Self.date("2025-05-06"), concluded: true)
        var f = T.facts(verifiedBy: officer.userID)
        f.verification = nil
        let c = T.kase("clue", f)
        let ctx = ProcedureContext(actor: officer, today: Self.date("2026-03-10"), calendar: T.calendar, people: T.people, partyHistory: [earlier],
                                   partyNames: [T.party: "江城市中村便民超市"], categories: v2)
        // act + check: same code → excluded, named with the current name
        let refusal = try #require(refused(ProcedureEngine.perform(InterviewProcedure.self, "verify", on: c, input: T.verifyInput, context: ctx)))
        let repeatError = try #require(refusal.violations.first { $0.code == "interview.excluded.repeat" })
        #expect(repeatError.rule == "IV-03" && repeatError.messageZH.contains("消防设施器材配置不足") && repeatError.messageZH.contains("中村所约〔2025〕3号"))
        // 安全制度不健全 is in the same sector (安全生产) but another kind: not excluded
        var rules = T.verifyInput
        rules.values["category"] = ["safety-rules"]
        #expect(outcome(ProcedureEngine.perform(InterviewProcedure.self, "verify", on: c, input: rules, context: ctx)) != nil)
        // “其他” without a note is refused
        var other = T.verifyInput
        other.values["category"] = ["other"]
        #expect(refused(ProcedureEngine.perform(InterviewProcedure.self, "verify", on: c, input: other, context: ctx))?.violations.map(\.code)
            == ["interview.category.note"])
    }

    @Test("PLT-16: key-sector coverage follows the tree's sector flag — with 价格 made a key sector, the price case counts")
    func keySectorFromTree() throws {
        // setup: version 2 flags the price sector as key
        let v2 = try Self.v1.publishing([.edit(code: "sector-price", nameZH: "价格", legalBasis: "《中华人民共和国价格法》", parent: nil, keySector: true)],
                                        effectiveOn: Self.date("2025-10-01"), note: "", today: Self.date("2025-09-30")).get()
        let s = InterviewIndicatorsTests.self
        // act
        let before = InterviewIndicators.compute(cases: s.cases, period: s.q4, units: [s.unitA], calendar: s.calendar).coverage
        let after = InterviewIndicators.compute(cases: s.cases, period: s.q4, units: [s.unitA], calendar: s.calendar, categories: v2).coverage
        // check: P4's price case (verified 10-13, interviewed 10-28) joins: 2 ÷ 3 → 3 ÷ 4
        #expect((before.numerator, before.denominator) == (2, 3))
        #expect((after.numerator, after.denominator) == (3, 4))
        // and through the generic request
        let request = IndicatorRequest(period: s.q4, units: [s.unitA], calendar: s.calendar, asOf: nil, categories: v2)
        #expect(request.categories.isKeySector("price"))
    }
}
