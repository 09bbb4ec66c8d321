import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// MD-41 through the pages and the API, on the demo bureau, on SQLite and PostgreSQL: the centre
/// reports its November 2026 figures on time, 中村所 late, 法制科 consolidates; each report is frozen
/// as submitted and cannot be submitted twice; a month not over cannot be reported.
@Suite("Monthly mediation reports through the pages and API (MD-41)", .serialized)
struct MediationReportWebTests {
    static let password = "Demo-pass-123"

    @Test("MD-41: Nov 2026 due 12-23 (units) / 12-25 (法制科); the centre reports on 12-04 (按时) with its own cases' figures, 中村所 on 12-24 (逾期), twice refused; 法制科 consolidates once; Oct 2025 shows scenario 7's 11-24 / 11-25")
    func reports() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: Self.password)
            let units = try await OrganisationRepository(store: env.store).units()
            let centre = try #require(units.first { $0.code == "TJZX" }), zc = try #require(units.first { $0.code == "ZC" })
            let path = "/statistics/mediations/reports"

            let head = WebClient(env)
            try await head.login("tj_centre", Self.password)
            let page = try await head.send(.GET, "\(path)?month=2026-11")
            #expect(page.status == .ok)
            #expect(["行政调解统计月报 · 2026年11月", "2026-12-23", "2026-12-25", "未报送（2026-12-23前报送）", "报送本单位月报：行政调解中心"]
                .allSatisfy(page.body.string.contains))
            // Scenario 7: the October 2025 report — the 23rd a Sunday rolls to Monday the 24th, before the 25th.
            let october = try await head.send(.GET, "\(path)?month=2025-10")
            #expect(october.body.string.contains(#"<strong id="unit-due">2025-11-24</strong>"#)
                && october.body.string.contains(#"<strong id="consolidation-due">2025-11-25</strong>"#))

            // A month not over cannot be reported; nothing is stored.
            var csrf = try await head.csrf(from: "\(path)?month=2026-11")
            let open = try await head.send(.POST, "\(path)/submit", form: ["month": "2026-12", "_csrf": csrf])
            #expect(open.status == .unprocessableEntity && open.body.string.contains("2026年12月尚未结束"))
            let repository = UnitReportRepository(store: env.store, caseType: MediationProcedure.caseType)
            #expect(try await repository.submitted(period: "2026-12").isEmpty)

            // The centre reports November on 12-04: on time, its own cases' registrations counted.
            let sent = try await head.send(.POST, "\(path)/submit", form: ["month": "2026-11", "_csrf": csrf])
            #expect(sent.status == .seeOther)
            let report = try #require(try await repository.submitted(period: "2026-11")[centre.id])
            #expect(report.onTime && report.submittedOn == LocalDate(iso: "2026-12-04") && report.submittedBy == "郑中心")
            let registered = try await MediationWebTests.rows(env).filter { $0.facts.registeredOn.iso.hasPrefix("2026-11") }
            let own = try await env.store.sql.select().columns("id", "unit_id").from("cases").where("case_type", .equal, SQLBind("mediation")).all()
                .filter { try $0.decode(column: "unit_id", as: UUID.self) == centre.id }.map { try $0.decode(column: "id", as: UUID.self) }
            let expected = registered.filter { own.contains($0.id) }.count
            #expect(expected > 0)
            #expect(report.figures.first { $0.key == "registered" }?.value == Double(expected))
            #expect(report.figures.contains { $0.key == "success" && $0.denominator != nil })
            // Twice refused, the first kept.
            csrf = try await head.csrf(from: "\(path)?month=2026-11")
            let again = try await head.send(.POST, "\(path)/submit", form: ["month": "2026-11", "_csrf": csrf])
            #expect(again.status == .conflict && again.body.string.contains("不能重复报送"))
            #expect(try await repository.submitted(period: "2026-11")[centre.id] == report)

            // Reminders (mediation.md "Reminders and escalations"): on Fri 12-18, the 3rd working day before the 23rd, the units
            // yet to report — 中村所's head, not the centre, which has reported; none the day before. On Thu 12-24 法制科 is told.
            func notices(_ kind: String) async throws -> [(user: UUID, body: String)] {
                try await env.sql.select().columns("user_id", "body").from("notifications").where("kind", .equal, SQLBind(kind)).all()
                    .map { (try $0.decode(column: "user_id", as: UUID.self), try $0.decode(column: "body", as: String.self)) }
            }
            let reminders = ReportReminders(notifier: env.app.fengqiao.notifier)
            let zcHeadUser = try #require(try await env.org.user(login: "zc_head")), centreUser = try #require(try await env.org.user(login: "tj_centre"))
            env.moveClock(to: "2026-12-17")
            try await reminders.run(env.store)
            #expect(try await notices("report.due").isEmpty)
            env.moveClock(to: "2026-12-18")
            try await reminders.run(env.store)
            let due = try await notices("report.due")
            #expect(due.contains { $0.user == zcHeadUser.id && $0.body.contains("2026年12月23日前报送法制科") })
            #expect(!due.contains { $0.user == centreUser.id })
            env.moveClock(to: "2026-12-24")
            try await reminders.run(env.store)
            let legalUser = try #require(try await env.org.user(login: "legal"))
            let overdue = try await notices("report.overdue")
            #expect(overdue.contains { $0.user == legalUser.id && $0.body.contains(zc.name) && !$0.body.contains(centre.name) })

            // 中村所's head reports on 12-24, after the 23rd: late. An officer may not report at all.
            let officer = WebClient(env)
            try await officer.login("zc_officer", Self.password)
            #expect(try await officer.send(.POST, "\(path)/submit", form: ["month": "2026-11", "_csrf": try await officer.csrf(from: "/")]).status == .forbidden)
            let zcHead = WebClient(env)
            try await zcHead.login("zc_head", Self.password)
            #expect(try await zcHead.send(.POST, "\(path)/submit", form: ["month": "2026-11", "_csrf": try await zcHead.csrf(from: "\(path)?month=2026-11")])
                .status == .seeOther)
            let late = try #require(try await repository.submitted(period: "2026-11")[zc.id])
            #expect(!late.onTime)
            let statuses = try await zcHead.send(.GET, "\(path)?month=2026-11").body.string
            // 中村所's head sees his own unit's row only (PLT-05).
            #expect(statuses.contains("2026-12-24已报送（逾期）") && !statuses.contains("2026-12-04已报送（按时）"))

            // 法制科 consolidates on 12-24 (on time), once; over the API the same figures.
            let legal = WebClient(env)
            try await legal.login("legal", Self.password)
            let before = try await legal.send(.GET, "\(path)?month=2026-11")
            #expect(before.body.string.contains("report-consolidate-button"))
            // 法制科 reads no statistics: the nav leads it to the reports.
            #expect(before.body.string.contains(#"href="/statistics/mediations/reports""#))
            #expect(before.body.string.contains("2026-12-04已报送（按时）") && before.body.string.contains("2026-12-24已报送（逾期）"))
            #expect(try await legal.send(.POST, "\(path)/consolidate", form: ["month": "2026-11", "_csrf": WebClient.csrf(in: before.body.string) ?? ""])
                .status == .seeOther)
            let bureau = try #require(units.first { $0.code == "JC" })
            let sum = try #require(try await repository.consolidated(period: "2026-11", bureau: bureau.id))
            #expect(sum.onTime && sum.consolidatedBy == "刘法制")
            let reported = Set(sum.units.map(\.unitName))
            #expect(reported.isSuperset(of: [centre.name, zc.name]))
            let total = report.figures.first { $0.key == "registered" }!.value + late.figures.first { $0.key == "registered" }!.value
            #expect(sum.figures.first { $0.key == "registered" }?.value == total)
            let twice = try await legal.send(.POST, "\(path)/consolidate", form: ["month": "2026-11", "_csrf": try await legal.csrf(from: "\(path)?month=2026-11")])
            #expect(twice.status == .conflict)
            let token = try await env.token(try #require(try await env.org.user(login: "legal")))
            let api = try await env.request(.GET, "/api/v1\(path)?month=2026-11", token: token)
            #expect(api.status == .ok && api.body.string.contains(#""consolidatedOn":"2026-12-24""#))
            // Over the API: a submission names its month (422), a month reported is refused (409), a consolidator cannot submit (403).
            let headToken = try await env.token(zcHeadUser)
            let missing = try await env.request(.POST, "/api/v1\(path)/submit", token: headToken, json: [String: String]())
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("report.month.required"))
            #expect(try await env.request(.POST, "/api/v1\(path)/submit", token: headToken, json: ["month": "2026-1"]).status == .unprocessableEntity)
            let repeated = try await env.request(.POST, "/api/v1\(path)/submit", token: headToken, json: ["month": "2026-11"])
            #expect(repeated.status == .conflict && repeated.body.string.contains("report.unit.submitted"))
            #expect(try await env.request(.POST, "/api/v1\(path)/submit", token: token, json: ["month": "2026-11"]).status == .forbidden)
            // Downloads (ST-04).
            let csv = try await legal.send(.GET, "\(path)?month=2026-11&format=csv")
            #expect(csv.status == .ok && csv.body.string.contains("合计"))
            #expect(try await legal.send(.GET, "\(path)?month=2026-11&format=docx").status == .ok)
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
        }
    }

    @Test("MD-41: the 台帐 counted in the database (case_dates, the concluded and due cases read whole) equals the figures from every case, for each unit of the demo bureau and each month from 2025-09 to 2026-12 (National Day, Spring Festival)")
    func ledgerMatchesFacts() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: Self.password)
            let today = LocalDate(iso: "2026-12-04")!
            let units = try await env.store.sql.select().distinct().column("unit_id").from("cases").where("case_type", .equal, SQLBind("mediation")).all()
                .map { try $0.decode(column: "unit_id", as: UUID.self) }
            #expect(units.count >= 2)
            let calendar = try await CalendarRepository(store: env.store).current()
            var registered = 0, concluded = 0, dispatched = 0
            for (year, month) in (9...12).map({ (2025, $0) }) + (1...12).map({ (2026, $0) }) {
                let period = try #require(ReportPeriod.month(year, month))
                let counted = try await UnitReportPages<MediationProcedure>.figures(env.store, units: units, month: period, asOf: today)
                for unit in units {
                    let cases = try await StatisticsRepository(store: env.store).cases(MediationProcedure.self, units: [unit], from: LocalDate(ordinal: period.first.ordinal - 366))
                    let fromFacts = try #require(MediationProcedure.indicators(cases, IndicatorRequest(period: period, units: [unit], calendar: calendar, asOf: today)))
                    #expect(counted[unit] == fromFacts, "\(period.key) \(unit)")
                    registered += fromFacts.counts.first { $0.key == "registered" }?.value ?? 0
                    dispatched += fromFacts.counts.first { $0.key == "dispatched" }?.value ?? 0
                    concluded += fromFacts.monthly.first?.values.last ?? 0
                }
            }
            // Not a comparison of empty months: the demo's disputes are counted.
            #expect(registered > 5 && concluded > 2 && dispatched > 0)
        }
    }

}
