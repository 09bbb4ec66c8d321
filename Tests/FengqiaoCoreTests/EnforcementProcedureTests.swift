@testable import FengqiaoCore
import Foundation
import Testing

/// complaints.md, the enforcement case registry (CP-30…CP-34): acceptance scenarios 6 (its case
/// side) and 8 with their dates, the refusals of "Bad input" it owns, the hand-off records made before
/// the registry was a procedure, and the transition × role table — on the pure procedure.
@Suite("Enforcement registry (CP-30…CP-34)")
struct EnforcementProcedureTests {
    static let office = UUID()
    static let person = UUID(), company = UUID()
    static let calendar = WorkCalendar.shipped
    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
    static let licence = QualificationFact(kind: EnforcementOfficers.certificate, obtainedOn: date("2024-01-01"), expiresOn: date("2027-12-31"), revoked: false)
    static let li = PersonFact(id: UUID(), name: "李执法", unitID: office, qualifications: [licence])
    static let wang = PersonFact(id: UUID(), name: "王执法", unitID: office, qualifications: [licence])
    static let zhao = PersonFact(id: UUID(), name: "赵新人", unitID: office, qualifications: [])

    static func actor(_ code: String, id: UUID = UUID()) -> Actor {
        let role = ShippedRoles.role(code)!
        return Actor(userID: id, login: code, name: role.nameZH, unitID: office, permissions: role.permissions, roleCodes: [code], visibleUnits: nil)
    }
    static let officer = actor("officer", id: li.id), head = actor("unit-head"), deputy = actor("deputy-leader"), legal = actor("legal-reviewer")

    static func context(_ actor: Actor, _ today: String) -> ProcedureContext {
        ProcedureContext(actor: actor, today: date(today), calendar: calendar, people: [li.id: li, wang.id: wang, zhao.id: zhao],
                         partyNames: [person: "张某（个人）", company: "江城市东湖食品有限公司"], partyKinds: [person: .person, company: .enterprise])
    }

    static let officers = [li.id.uuidString, wang.id.uuidString]

    static func register(_ party: UUID, on day: String, filed: String? = nil, officers: [String] = officers) -> Result<Opened<EnforcementFacts>, Refusal> {
        var v: [String: [String]] = ["source": ["inspection"], "partyID": [party.uuidString], "category": ["food"], "summary": ["销售过期食品"],
                                     "receivedOn": [day]]
        if let filed { v["filedOn"] = [filed]; v["officers"] = officers }
        return ProcedureEngine.create(EnforcementProcedure.self, input: ActionInput(v), context: context(officer, filed ?? day))
    }

    static func opened(_ party: UUID, on day: String) throws -> ProcedureCase<EnforcementFacts> {
        let o = try register(party, on: day).get()
        return ProcedureCase(id: UUID(), unitID: office, state: o.state ?? "registered", gravity: .ordinary, partyIDs: o.partyIDs, handlerID: li.id,
                             openedOn: date(day), facts: o.facts)
    }

    static func take(_ key: String, _ c: ProcedureCase<EnforcementFacts>, by: Actor = officer, on today: String,
                     _ input: [String: [String]]) throws -> (ProcedureCase<EnforcementFacts>, Outcome<EnforcementFacts>) {
        let o = try ProcedureEngine.perform(EnforcementProcedure.self, key, on: c, input: ActionInput(input), context: context(by, today)).get()
        var next = c
        next.state = o.state
        next.facts = o.facts
        return (next, o)
    }

    static func refusal(_ key: String, _ c: ProcedureCase<EnforcementFacts>, by: Actor = officer, on today: String, _ input: [String: [String]]) -> [String] {
        switch ProcedureEngine.perform(EnforcementProcedure.self, key, on: c, input: ActionInput(input), context: context(by, today)) {
        case .success: []
        case let .failure(r): r.violations.map(\.code)
        }
    }

    static func simple(_ fine: String) -> [String: [String]] {
        ["filedOn": ["2025-10-20"], "procedure": ["simple"], "officers": officers, "simplePenalty": ["fine"], "fine": [fine]]
    }

    @Test("Scenario 6 (CP-30): a case filed on the 局负责人's approval on 2025-10-20 is decided by 2026-01-19 — 90日 end on Sunday 01-18 and roll")
    func scenario6() throws {
        let o = try Self.register(Self.company, on: "2025-10-09", filed: "2025-10-20").get()
        #expect(o.state == "filed")
        #expect(o.facts.filing?.officers.count == 2)
        var clocks = ClockRunner(set: ShippedRuleSets.penalty)
        try clocks.apply(o.clocks)
        #expect(clocks.due("decision", asOf: "2025-10-20") == Self.date("2026-01-19"))
    }

    @Test("Scenario 6 (CP-27, CP-08): the report's 立案 opens the registry entry filed that day with its two officers and nothing of the reporter")
    func reportOpensFiledCase() throws {
        let reporter = UUID()
        let report = ProcedureCase(id: UUID(), unitID: Self.office, state: "awaitingApproval", gravity: .ordinary, partyIDs: [Self.company], handlerID: Self.li.id,
                                   openedOn: Self.date("2025-10-09"), facts: ReportFacts(
                                       reporterID: reporter, reporterName: "赵举报", reportedID: Self.company, reportedName: "江城市东湖食品有限公司",
                                       actPlace: "东湖路8号", category: "food", clue: "销售过期牛奶", origin: .direct, receivedOn: Self.date("2025-10-09"),
                                       registeredBy: Self.li.id, proposal: .init(decision: .file, ground: nil, findings: "查见过期牛奶12盒",
                                                                                   officers: [Self.li.id, Self.wang.id], on: Self.date("2025-10-17"))))
        let chief = Self.actor("chief-leader")
        let approved = try ProcedureEngine.perform(ReportProcedure.self, "approveDecision", on: report, input: ActionInput(single: ["verdict": "approve"]),
                                                   context: Self.context(chief, "2025-10-20")).get()
        let link = try #require(approved.linked.first)
        let input = try #require(link.opening)
        #expect(link.caseType == EnforcementProcedure.caseType)
        #expect(!input.values.values.joined().contains { $0.contains("赵举报") || $0.contains(reporter.uuidString) })
        let opened = try ProcedureEngine.create(EnforcementProcedure.self, input: input, context: Self.context(chief, "2025-10-20")).get()
        #expect(opened.state == "filed")
        #expect(opened.facts.source == .report && opened.facts.category == .food)
        #expect(opened.handlerID == Self.li.id)
    }

    @Test("Scenario 8 (CP-31): 简易程序 — ¥300 on a natural person is refused; ¥3,000 on a company is accepted, ¥3,500 refused")
    func scenario8() throws {
        let person = try Self.opened(Self.person, on: "2025-10-20")
        #expect(Self.refusal("file", person, on: "2025-10-20", Self.simple("300")) == ["enforcement.simple.cap"])
        #expect(Self.refusal("file", person, on: "2025-10-20", Self.simple("200")) == [])
        let company = try Self.opened(Self.company, on: "2025-10-20")
        let (decided, _) = try Self.take("file", company, on: "2025-10-20", Self.simple("3000"))
        #expect(decided.state == "executing")
        #expect(decided.facts.decision?.on == Self.date("2025-10-20") && decided.facts.filing?.on == Self.date("2025-10-20"))
        #expect(decided.facts.decision?.totalFen == 300_000)
        #expect(Self.refusal("file", company, on: "2025-10-20", Self.simple("3500")) == ["enforcement.simple.cap"])
        // A warning is never capped.
        #expect(Self.refusal("file", person, on: "2025-10-20", ["filedOn": ["2025-10-20"], "procedure": ["simple"], "officers": Self.officers,
                                                                 "simplePenalty": ["warning"]]) == [])
    }

    @Test("CP-27, PLT-02: fewer than 2 officers, or one without a valid 行政执法证, is refused")
    func officers() throws {
        let c = try Self.opened(Self.company, on: "2025-10-20")
        #expect(Self.refusal("file", c, on: "2025-10-21", ["filedOn": ["2025-10-21"], "procedure": ["general"], "officers": [Self.li.id.uuidString]])
            == ["enforcement.officers.too-few"])
        #expect(Self.refusal("file", c, on: "2025-10-21", ["filedOn": ["2025-10-21"], "procedure": ["general"],
                                                           "officers": [Self.li.id.uuidString, Self.zhao.id.uuidString]]) == ["enforcement.officers.certificate"])
        #expect(throws: Refusal.self) { try Self.register(Self.company, on: "2025-10-20", filed: "2025-10-20", officers: [Self.li.id.uuidString]).get() }
    }

    /// A 一般程序 case filed 2025-10-20, decided 2025-12-15 with 罚款 5,000 and 没收违法所得 420.50.
    static func decided() throws -> ProcedureCase<EnforcementFacts> {
        var c = try opened(company, on: "2025-10-15")
        (c, _) = try take("file", c, on: "2025-10-20", ["filedOn": ["2025-10-20"], "procedure": ["general"], "officers": officers])
        (c, _) = try take("recordDecision", c, on: "2025-12-15", ["decidedOn": ["2025-12-15"], "decisionType": ["penalty"], "fine": ["5000"],
                                                                 "confiscatedGains": ["420.50"], "documentNumber": ["江中市监处罚〔2025〕3号"]])
        return c
    }

    @Test("Dates in order (filed ≤ decision ≤ served ≤ closed): each out of order is refused")
    func datesInOrder() throws {
        var c = try Self.opened(Self.company, on: "2025-10-15")
        #expect(Self.refusal("file", c, on: "2025-10-20", ["filedOn": ["2025-10-14"], "procedure": ["general"], "officers": Self.officers]) == ["enforcement.dates.order"])
        (c, _) = try Self.take("file", c, on: "2025-10-20", ["filedOn": ["2025-10-20"], "procedure": ["general"], "officers": Self.officers])
        #expect(Self.refusal("recordDecision", c, on: "2025-12-15", ["decidedOn": ["2025-10-19"], "decisionType": ["penalty"], "fine": ["100"]])
            == ["enforcement.dates.order"])
        let d = try Self.decided()
        #expect(Self.refusal("serveDecision", d, on: "2025-12-16", ["servedOn": ["2025-12-14"]]) == ["enforcement.dates.order"])
        let (served, _) = try Self.take("serveDecision", d, on: "2025-12-17", ["servedOn": ["2025-12-17"]])
        let (paid, _) = try Self.take("recordPayment", served, on: "2025-12-30", ["amount": ["5420.50"], "paidOn": ["2025-12-30"], "voucherNo": ["非税0001"]])
        #expect(Self.refusal("close", paid, on: "2025-12-30", ["closedOn": ["2025-12-16"]]) == ["enforcement.dates.order"])
    }

    @Test("CP-30: the decision clock — testing paused 2025-11-10…11-19 moves the raw 90th day 2026-01-18 by 10 days to 01-28; one extension of ≤30日 by the 局负责人")
    func decisionClock() throws {
        var c = try Self.opened(Self.company, on: "2025-10-15")
        var o: Outcome<EnforcementFacts>
        var clocks = ClockRunner(set: ShippedRuleSets.penalty)
        (c, o) = try Self.take("file", c, on: "2025-10-20", ["filedOn": ["2025-10-20"], "procedure": ["general"], "officers": Self.officers])
        try clocks.apply(o.clocks)
        (c, o) = try Self.take("pauseDecision", c, on: "2025-11-10", ["reason": ["testing"], "from": ["2025-11-10"]])
        try clocks.apply(o.clocks)
        #expect(c.state == "paused")
        (c, o) = try Self.take("resumeDecision", c, on: "2025-11-20", ["lastDay": ["2025-11-19"]])
        try clocks.apply(o.clocks)
        #expect(clocks.due("decision", asOf: "2025-11-20") == Self.date("2026-01-28"))
        #expect(Self.refusal("pauseDecision", c, on: "2025-11-20", ["reason": ["hearing"], "from": ["2025-11-19"]]) == ["enforcement.pause.overlap"])
        #expect(Self.refusal("extendDecision", c, by: Self.officer, on: "2026-01-05", ["days": ["30"], "ground": ["案情复杂"]]) == ["permission.denied"])
        #expect(Self.refusal("extendDecision", c, by: Self.deputy, on: "2026-01-05", ["days": ["31"], "ground": ["案情复杂"]]) == ["enforcement.extension.too-long"])
        (c, o) = try Self.take("extendDecision", c, by: Self.deputy, on: "2026-01-05", ["days": ["30"], "ground": ["案情复杂，需补充鉴定"]])
        try clocks.apply(o.clocks, on: Self.date("2026-01-05"), permissions: [Permission.penaltyExtend.rawValue])
        #expect(clocks.due("decision", asOf: "2026-01-05") == Self.date("2026-02-27"))
        #expect(Self.refusal("extendDecision", c, by: Self.deputy, on: "2026-01-06", ["days": ["5"], "ground": ["再次延长"]]) == ["enforcement.extension.second"])
    }

    @Test("CP-32: a payment needs a voucher; payments beyond 罚没合计 only as 加处罚款")
    func payments() throws {
        let (c, _) = try Self.take("serveDecision", try Self.decided(), on: "2025-12-17", ["servedOn": ["2025-12-17"]])
        #expect(Self.refusal("recordPayment", c, on: "2025-12-30", ["amount": ["5420.50"], "paidOn": ["2025-12-30"]]) == ["enforcement.payment.voucher-required"])
        #expect(Self.refusal("recordPayment", c, on: "2025-12-30", ["amount": ["5500"], "paidOn": ["2025-12-30"], "voucherNo": ["非税0001"]])
            == ["enforcement.payment.exceeds"])
        let (paid, _) = try Self.take("recordPayment", c, on: "2025-12-30", ["amount": ["5420.50"], "paidOn": ["2025-12-30"], "voucherNo": ["非税0001"]])
        let (late, _) = try Self.take("recordPayment", paid, on: "2026-01-20", ["amount": ["150"], "paidOn": ["2026-01-20"], "voucherNo": ["非税0002"],
                                                                              "surcharge": ["on"]])
        #expect(late.facts.paidFen == 557_050)
    }

    @Test("CP-33: 结案 needs full payment or a closure reason; a served decision first")
    func closing() throws {
        let d = try Self.decided()
        #expect(Self.refusal("close", d, on: "2025-12-20", ["closedOn": ["2025-12-20"]]).contains("enforcement.close.unserved"))
        let (c, _) = try Self.take("serveDecision", d, on: "2025-12-17", ["servedOn": ["2025-12-17"]])
        let (part, _) = try Self.take("recordPayment", c, on: "2025-12-30", ["amount": ["3000"], "paidOn": ["2025-12-30"], "voucherNo": ["非税0001"]])
        #expect(Self.refusal("close", part, on: "2026-01-05", ["closedOn": ["2026-01-05"]]) == ["enforcement.close.unpaid"])
        let (applied, o) = try Self.take("close", part, on: "2026-04-01", ["closedOn": ["2026-04-01"], "closureReason": ["enforcement-applied"]])
        #expect(applied.state == "closed" && o.closedOn == Self.date("2026-04-01"))
    }

    @Test("CP-34: a quota, budget or per-capita field is refused by name, and no procedure, indicator or brief column names one")
    func noQuota() throws {
        let c = try Self.decided()
        #expect(Self.refusal("recordPayment", c, on: "2025-12-30", ["amount": ["100"], "paidOn": ["2025-12-30"], "voucherNo": ["非税0001"], "fineQuota": ["50000"]])
            == ["enforcement.quota.forbidden"])
        #expect(throws: Refusal.self) {
            try ProcedureEngine.create(EnforcementProcedure.self, input: ActionInput(single: ["budgetTarget": "1"]), context: Self.context(Self.officer, "2025-10-20")).get()
        }
        let words = ["quota", "budget", "percapita", "per-capita", "指标", "预算", "人均", "任务数"]
        func named(_ text: String) -> Bool { words.contains { text.lowercased().contains($0) } }
        for p in ProcedureRegistry.shipped.procedures {
            for t in [p.creation] + p.transitions { #expect(!t.fields.contains { named($0.name) || named($0.labelZH) }, "\(p.caseType).\(t.key)") }
        }
        #expect(EnforcementProcedure.module.indicatorTargets.targets.isEmpty)
        let brief = EnforcementBrief(period: .year(2025)!, entries: [.init(unitName: "中村所", facts: try Self.decided().facts)])
        #expect(!brief.table().joined().contains { named($0) || $0.contains("完成率") })
    }

    @Test("IV-04: a hand-off record written before the registry was a procedure reads as a case to be filed, its 告知书 carried")
    func legacyRecord() throws {
        let json = #"{"origin":"\#(UUID().uuidString)","originNumber":"ZC-IV-2025-0001","relation":"handed-over-to","prefill":{"IV-PENALTY-NOTICE":{"party.name":"江城市中村便民超市有限公司"}},"evidence":["IV-RECORD"]}"#
        let f = try JSONDecoder().decode(EnforcementFacts.self, from: Data(json.utf8))
        #expect(f.filing == nil && f.payments.isEmpty)
        #expect(EnforcementProcedure.carriedTemplates(f) == ["IV-PENALTY-NOTICE"])
        #expect(f.sourceZH == "移交（ZC-IV-2025-0001）")
        let values = EnforcementProcedure.documentValues(f, template: "IV-PENALTY-NOTICE", context: DocumentPrefillContext(caseNumber: "ZC-PN-2025-0001", gravity: .ordinary, partyUSCC: nil, partyRepresentative: nil, names: [:], documents: [], calendar: Self.calendar))
        #expect(values["party.name"] == "江城市中村便民超市有限公司")
    }

    @Test("Transition × role (complaints.md roles): 执法人员 and 所长 file, decide and close; the 局负责人 extends; 法制科 does none")
    func roleTable() throws {
        let registered = try Self.opened(Self.company, on: "2025-10-15")
        var filed = registered
        filed.state = "filed"
        var decided = filed
        decided.state = "decided"
        let table: [(String, ProcedureCase<EnforcementFacts>, [String: Bool])] = [
            ("file", registered, ["officer": true, "unit-head": true, "deputy-leader": false, "legal-reviewer": false, "discipline": false]),
            ("decline", registered, ["officer": true, "unit-head": true, "deputy-leader": false, "legal-reviewer": false, "discipline": false]),
            ("recordDecision", filed, ["officer": true, "unit-head": true, "deputy-leader": false, "legal-reviewer": false, "discipline": false]),
            ("extendDecision", filed, ["officer": false, "unit-head": false, "deputy-leader": true, "chief-leader": true, "legal-reviewer": false]),
            ("recordPayment", decided, ["officer": true, "unit-head": true, "deputy-leader": false, "legal-reviewer": false]),
            ("close", decided, ["officer": true, "unit-head": true, "chief-leader": false, "legal-reviewer": false]),
        ]
        for (key, c, roles) in table {
            for (role, may) in roles {
                let offered = ProcedureEngine.available(EnforcementProcedure.self, on: c, context: Self.context(Self.actor(role), "2026-01-05"))
                    .contains { $0.transition.key == key }
                #expect(offered == may, "\(role) \(key)")
            }
        }
    }
}

/// complaints.md scenario 10, the enforcement brief: 2025 shows 52 一般程序 + 8 简易程序 = 60 cases and
/// 罚没入库 ¥282,571.00, with no 预算完成率 column.
@Suite("Enforcement brief (complaints.md Statistics, scenario 10)")
struct EnforcementBriefTests {
    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func entry(_ procedure: PenaltyProcedureKind, filed: String, decided: String? = nil, totalFen: Int = 0, payments: [(String, Int)] = [],
                      closed: String? = nil, unit: String = "中村所", category: EnforcementCategory = .food) -> EnforcementBrief.Entry {
        var f = EnforcementFacts(source: .inspection, sourceRef: nil, partyID: UUID(), partyName: "某公司", summary: "x", category: category,
                                 violationCategory: nil, receivedOn: date(filed))
        f.filing = .init(on: date(filed), procedure: procedure, officers: [UUID(), UUID()], by: UUID())
        if let decided {
            f.decision = .init(on: date(decided), type: .penalty, documentNumber: nil, fineFen: totalFen, confiscatedGainsFen: 0, confiscatedGoodsFen: 0,
                               goodsValueFen: 0, simplePenalty: procedure == .simple ? .fine : nil)
        }
        f.payments = payments.map { .init(amountFen: $0.1, paidOn: date($0.0), voucherNo: "V", surcharge: false) }
        f.closedOn = closed.map(date)
        return .init(unitName: unit, facts: f)
    }

    @Test("Scenario 10: 52 一般程序 + 8 简易程序 = 60 cases in 2025, 罚没入库 ¥282,571.00 by payment date, 大要案 by band, no 预算完成率")
    func scenario10() throws {
        var entries: [EnforcementBrief.Entry] = []
        // 52 general cases filed in 2025 — 40 of them paid 5,000 each, in the year.
        for i in 0..<52 {
            let filed = "2025-\(String(format: "%02d", i % 12 + 1))-10"
            entries.append(Self.entry(.general, filed: filed, decided: i < 40 ? "2025-12-01" : nil, totalFen: i < 40 ? 500_000 : 0,
                                      payments: i < 40 ? [("2025-12-20", 500_000)] : [], unit: i % 2 == 0 ? "中村所" : "东湖所",
                                      category: i % 3 == 0 ? .price : .food))
        }
        // 8 简易程序 decisions in 2025 (filed = decided), one paid 2,571 in the year.
        for i in 0..<8 { entries.append(Self.entry(.simple, filed: "2025-06-0\(i + 1)", decided: "2025-06-0\(i + 1)", totalFen: i == 0 ? 257_100 : 0,
                                                   payments: i == 0 ? [("2025-06-01", 257_100)] : [])) }
        // Filed in 2024, paid 80,000 in 2025: counted in 罚没入库 by its payment date, not in 查处.
        entries.append(Self.entry(.general, filed: "2024-11-04", decided: "2024-12-20", totalFen: 8_000_000, payments: [("2025-01-15", 8_000_000)],
                                  closed: "2025-01-20"))
        // A 2025 simple decision on a case filed… and a 2026 payment: outside both counts.
        entries.append(Self.entry(.general, filed: "2026-01-05", decided: "2026-01-06", totalFen: 100_000, payments: [("2026-01-07", 100_000)]))

        let brief = EnforcementBrief(period: .year(2025)!, entries: entries)
        #expect(brief.generalFiled == 52 && brief.simpleDecided == 8 && brief.handled == 60)
        #expect(brief.collectedFen == 28_257_100)
        #expect(Fen.text(brief.collectedFen) == "282571.00元")
        #expect(brief.closed == 1)
        // 大要案 (≥1万 …): none of 2025's decisions reaches 1万 (the 8万 case was decided in 2024).
        #expect(brief.bands.map(\.cases) == [0, 0, 0, 0, 0])
        #expect(brief.byUnit.map(\.label) == ["东湖所", "中村所"])
        #expect(brief.byUnit.map(\.cases).reduce(0, +) == 60)
        #expect(brief.byCategory.first { $0.label == "价格" }?.cases == 18)
        let table = brief.table()
        #expect(table[2] == ["查处案件数", "一般程序立案", "简易程序决定", "结案数", "罚没入库"])
        #expect(table[3] == ["60", "52", "8", "1", "282571.00元"])
        #expect(!table.joined().contains { $0.contains("预算") || $0.contains("完成率") })
    }
}
