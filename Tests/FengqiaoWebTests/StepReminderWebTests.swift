import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// complaints.md "Reminders and escalations" through the daily pass (CAL-41, CAL-43) on both
/// databases: a penalty decision's officers are told at T−15日 and T−5日, each once, and overdue the
/// 法制科 and the 分管局长 too; no one else.
@Suite("Step reminders through the daily pass (complaints.md reminders and escalations)", .serialized)
struct StepReminderWebTests {
    @Test("CP-30 reminders: filed Mon 2025-09-29, the decision due Mon 2025-12-29 reminds the officer on Sun 12-14 (T−15日) and Wed 12-24 (T−5日) once each, yellow on 12-25; overdue on 12-30 the unit head, the 法制科 and the 分管局长 are told; another office never")
    func penaltyDecisionReminders() async throws {
        try await withApp { env in
            // setup: a filed penalty case of office A handled by 李明 with 赵刚
            let st = try await InterviewTests.staff(env)
            let s = st.s
            let partner = try await env.user("officer_a3", "赵刚", unit: s.officeA.id, role: "officer", scope: .unit)
            for u in [s.officerA.id, partner.id] {
                _ = try await env.org.addQualification(userID: u, kind: EnforcementOfficers.certificate, issuer: "江城市人民政府",
                                                       obtainedOn: LocalDate(iso: "2024-03-01")!, expiresOn: LocalDate(iso: "2029-02-28")!, context: .system("test"))
            }
            env.moveClock(to: "2025-09-29")
            let created = try await env.request(.POST, "/api/v1/enforcement", token: try await env.token(s.officerA), json: [
                "source": ["inspection"], "partyID": [st.party.id.uuidString], "category": ["food"], "summary": ["销售超过保质期的预包装食品"],
                "receivedOn": ["2025-09-26"], "filedOn": ["2025-09-29"], "officers": [s.officerA.id.uuidString, partner.id.uuidString],
            ])
            #expect(created.status == .created)
            let inbox = NotificationRepository(store: env.store)
            func notices(_ u: UserRecord) async throws -> [InboxItem] { try await inbox.inbox(userID: u.id).filter { $0.kind.hasPrefix("clock.") && $0.kind != "clock.digest" } }
            func pass(_ day: String) async throws {
                env.moveClock(to: day)
                _ = try await ClockReminders(notifier: env.app.fengqiao.notifier, warningWorkdays: 2).run(env.store)
            }

            // act + check: nothing before T−15日; the 15-day lead on Sun 12-14, once
            try await pass("2025-12-13")
            #expect(try await notices(s.officerA).filter { $0.kind == "clock.lead" }.isEmpty)
            try await pass("2025-12-14")
            try await pass("2025-12-15")
            var leads = try await notices(s.officerA).filter { $0.kind == "clock.lead" }.map(\.title)
            #expect(leads == ["距期限还有15日：作出决定，期限 2025年12月29日"])
            // the 5-day lead on Wed 12-24; the ladder's yellow on Thu 12-25 (T−2 工作日) is not a lead
            try await pass("2025-12-24")
            try await pass("2025-12-25")
            leads = try await notices(s.officerA).filter { $0.kind == "clock.lead" }.map(\.title)
            #expect(leads.count == 2 && leads.contains("距期限还有5日：作出决定，期限 2025年12月29日"))
            #expect(try await notices(s.officerA).contains { $0.kind == "clock.yellow" })
            #expect(try await notices(st.legal).isEmpty)
            #expect(try await notices(st.deputy).isEmpty)

            // act: overdue on Tue 12-30
            try await pass("2025-12-30")
            // check: the handler and the unit head, and the step's escalation — 法制科 and the 分管局长
            for u in [s.officerA, st.head, st.legal, st.deputy] {
                let red = try await notices(u).filter { $0.kind == "clock.red" }
                #expect(red.count == 1, "\(u.login)")
                #expect(red.first?.body.contains("请法制科和分管局长督办") == true, "\(u.login)")
            }
            #expect(try await notices(s.officerB).isEmpty)
        }
    }
}
