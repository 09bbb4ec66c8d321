import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

/// CP-39: the quarterly public statistics through the API, the page and its downloads — no personal
/// data anywhere; published once the quarter has ended, frozen and audited; a second publication refused.
@Suite("Complaint quarterly public statistics (CP-39)", .serialized)
struct ComplaintPublicWebTests {
    /// Every text an XLSX or DOCX holds, its XML parts concatenated.
    static func zipText(_ res: TestingHTTPResponse) throws -> String {
        let archive = try Archive(data: Data(res.body.readableBytesView), accessMode: .read)
        var text = ""
        for entry in archive where entry.path.hasSuffix(".xml") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            text += String(decoding: data, as: UTF8.self)
        }
        return text
    }

    /// What must never appear in a public release: the consumers' names and phones, the trader's name, case and platform numbers.
    static let personal = ["张消费", "1390000111", "江城市惠民超市", "-TS-", "中村路"]

    static func assertNoPersonalData(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in personal { #expect(!text.contains(secret), "\(what) shows 「\(secret)」", sourceLocation: sourceLocation) }
    }

    @Test("CP-39 Q4 2025: complaints with named, phoned consumers counted without any personal data in the API, page, CSV, XLSX and DOCX; publishing refused before the quarter ends (statistics.quarter.open) and without the permission; published on 2026-01-05, audited, shown with its date; a second publication refused (statistics.public.published) and nothing changed")
    func publishQuarter() async throws {
        try await withApp { env in
            // setup: one complaint received Tue 2025-09-30 (Q3), three on Thu 2025-10-09, the first working day after National Day (Q4)
            let s = try await env.seed()
            let head = try await env.user("centre_head", "周主任", unit: s.bureau.id, role: "unit-head", scope: .unitTree)
            let leader = try await env.user("leader", "赵局长", unit: s.bureau.id, role: "deputy-leader", scope: .unitTree)
            let a = try await env.token(s.officerA)
            env.moveClock(to: "2025-09-30", hour: 9)
            _ = try await ComplaintMonthlyWebTests.complaint(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-09-30", serial: 1)
            env.moveClock(to: "2025-10-09", hour: 9)
            for serial in 2...4 {
                _ = try await ComplaintMonthlyWebTests.complaint(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-10-09", serial: serial)
            }
            let centre = try await env.token(head), boss = try await env.token(leader)
            let path = "/api/v1/statistics/complaints/public?year=2025&quarter=4"

            // check: live figures before the quarter ends, counted by competent receipt
            env.moveClock(to: "2025-12-31", hour: 17)
            let live = try RegistryTests.json(try await env.request(.GET, path, token: boss))
            #expect(live["published"] as? Bool == false)
            #expect(ComplaintMonthlyWebTests.table(live, "总体情况").first { $0.first == "收到投诉（件）" }?[1] == "3")
            // the single platform channel of three keeps its row
            #expect(ComplaintMonthlyWebTests.table(live, "投诉来源渠道").dropFirst().first == ["全国12315平台", "3", "100.0%"])
            Self.assertNoPersonalData(try await env.request(.GET, path, token: boss).body.string, "the API")

            // act: publishing on the quarter's last day is refused, nothing frozen or audited
            let early = try await env.request(.POST, "/api/v1/statistics/complaints/public/publish?year=2025&quarter=4", token: centre)
            #expect(early.status == .unprocessableEntity && early.body.string.contains("statistics.quarter.open"))
            #expect(try await env.audit.search(AuditQuery(action: "statistics.freeze"), actor: env.actor(s.auditor)).isEmpty)
            // an officer holds no publish permission
            env.moveClock(to: "2026-01-05", hour: 9)
            #expect(try await env.request(.POST, "/api/v1/statistics/complaints/public/publish?year=2025&quarter=4", token: a).status == .forbidden)
            #expect(try await env.request(.GET, "/api/v1/statistics/complaints/public?year=2025&quarter=5", token: boss).status == .unprocessableEntity)

            // act: published on Mon 2026-01-05
            let published = try await env.request(.POST, "/api/v1/statistics/complaints/public/publish?year=2025&quarter=4", token: centre)
            #expect(published.status == .ok, "\(published.body.string)")
            let body = try RegistryTests.json(published)
            #expect(body["published"] as? Bool == true && body["publishedOn"] as? String == "2026-01-05")
            let events = try await env.audit.search(AuditQuery(action: "statistics.freeze"), actor: env.actor(s.auditor))
            #expect(events.count == 1 && events.first?.draft.objectID == "complaints.public:2025-Q4")

            // act: a complaint received later and a second publication
            env.moveClock(to: "2026-01-06", hour: 9)
            _ = try await ComplaintMonthlyWebTests.complaint(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2026-01-06", serial: 5)
            let again = try await env.request(.POST, "/api/v1/statistics/complaints/public/publish?year=2025&quarter=4", token: centre)
            #expect(again.status == .conflict && again.body.string.contains("statistics.public.published"))
            #expect(try await env.audit.search(AuditQuery(action: "statistics.freeze"), actor: env.actor(s.auditor)).count == 1)
            let frozen = try RegistryTests.json(try await env.request(.GET, path, token: boss))
            #expect(frozen["published"] as? Bool == true && frozen["asOf"] as? String == "2026-01-05")
            #expect(ComplaintMonthlyWebTests.table(frozen, "总体情况").first { $0.first == "收到投诉（件）" }?[1] == "3")

            // check: the page and every download, published with its date, without personal data
            // (a reader whose password is new: the leader's set in September has expired by January)
            _ = try await env.user("reader", "孙科长", unit: s.bureau.id, role: "deputy-leader", scope: .unitTree)
            let web = WebClient(env)
            try await web.login("reader", Seeded.password)
            let html = try await web.send(.GET, "/statistics/complaints/public?year=2025&quarter=4").body.string
            #expect(html.contains("已发布") && html.contains("2026-01-05") && !html.contains("publish-form"))
            Self.assertNoPersonalData(html, "the page")
            let csv = try await web.send(.GET, "/statistics/complaints/public?period=2025-Q4&format=csv")
            #expect(csv.status == .ok && csv.body.readableBytesView.starts(with: [0xEF, 0xBB, 0xBF]) && csv.body.string.contains("收到投诉"))
            Self.assertNoPersonalData(csv.body.string, "the CSV")
            for format in ["xlsx", "docx"] {
                let file = try await web.send(.GET, "/statistics/complaints/public?period=2025-Q4&format=\(format)")
                #expect(file.status == .ok && file.body.readableBytesView.starts(with: [0x50, 0x4B]), "\(format)")
                let text = try Self.zipText(file)
                #expect(text.contains("收到投诉"), "\(format)")
                Self.assertNoPersonalData(text, format)
            }
        }
    }

    @Test("CP-39 the centre head publishes Q3 2025 through the page's form (CSRF): the page then shows it published and offers no second publication")
    func publishThroughForm() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            _ = try await env.user("centre_head", "周主任", unit: s.bureau.id, role: "unit-head", scope: .unitTree)
            env.moveClock(to: "2025-09-30", hour: 9)
            _ = try await ComplaintMonthlyWebTests.complaint(env, token: try await env.token(s.officerA), unit: s.officeA.id, officer: s.officerA,
                                                             on: "2025-09-30", serial: 1)
            env.moveClock(to: "2025-10-09", hour: 9)
            let web = WebClient(env)
            try await web.login("centre_head", Seeded.password)
            let page = try await web.send(.GET, "/statistics/complaints/public?year=2025&quarter=3").body.string
            #expect(page.contains("publish-form") && page.contains("未发布"))
            // act: without the token the form is refused; with it, published
            #expect(try await web.send(.POST, "/statistics/complaints/public/publish", form: ["period": "2025-Q3"]).status == .forbidden)
            let posted = try await web.send(.POST, "/statistics/complaints/public/publish", form: ["_csrf": WebClient.csrf(in: page) ?? "", "period": "2025-Q3"])
            #expect(posted.status == .seeOther || posted.status == .found, "\(posted.status)")
            // check
            let after = try await web.send(.GET, "/statistics/complaints/public?period=2025-Q3").body.string
            #expect(after.contains("已发布") && after.contains("2025-10-09") && !after.contains("publish-form"))
            #expect(try await env.audit.search(AuditQuery(action: "statistics.freeze"), actor: env.actor(s.auditor)).count == 1)
        }
    }
}
