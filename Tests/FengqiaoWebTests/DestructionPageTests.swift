import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// DOC-50, DOC-51 through the pages: list, review, approval, destruction before three supervisors,
/// the permanent record; a case under hold cannot be listed.
@Suite("Destruction of archived files through the pages", .serialized)
struct DestructionPageTests {
    @Test("DOC-50/51: a D5 file archived 2025-10-21 is listed in 2031, reviewed, approved by the leader, destroyed before three supervisors; a held file is refused")
    func destructionFlow() async throws {
        // The test clock jumps five years: passwords must not expire meanwhile (PLT-30).
        try await withApp(extraEnvironment: ["FENGQIAO_PASSWORD_MAX_AGE_DAYS": "3650"]) { env in
            // setup: two closed and archived cases of office A
            let s = try await env.seed()
            let head = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            _ = try await env.user("deputy", "赵分管", unit: s.bureau.id, role: "deputy-leader", scope: .unitTree)
            let officer = try await env.actor(s.officerA)
            let archives = ArchiveRepository(store: env.store)
            var numbers: [String] = []
            var ids: [UUID] = []
            for i in 0..<2 {
                let c = try await CaseRepository(store: env.store).create(
                    NewCase(unitID: s.officeA.id, caseType: "test", title: "销毁测试\(i)", state: "open", handlerID: s.officerA.id,
                            openedOn: LocalDate(iso: "2025-09-30")!, ruleSetKeys: ["interview"]), actor: officer, context: .system("t"))
                try await archives.close(c.id, on: LocalDate(iso: "2025-10-20")!, report: CompletenessReport(required: [], documents: []), overrideReason: nil,
                                         actor: officer, context: .system("t"))
                numbers.append(try await archives.archive(c.id, fonds: "JZC", retention: .d5, on: LocalDate(iso: "2025-10-21")!, actor: officer,
                                                          context: .system("t")).archiveNumber)
                ids.append(c.id)
            }
            _ = try await archives.addHold(ids[1], kind: .pendingLitigation, note: "（2030）江行初字第7号", actor: officer, context: .system("t"))
            env.moveClock(to: "2031-01-06")
            let web = WebClient(env)
            try await web.login("head_a", Seeded.password)
            _ = head
            // act: a new list with the free case; the held one is refused with the rule
            var token = try await web.csrf(from: "/archives/destructions")
            let created = try await web.send(.POST, "/archives/destructions", pairs: [("_csrf", token)])
            let base = try #require(created.headers.first(name: .location), "\(created.status) \(created.body.string.components(separatedBy: "<main").last ?? "")")
            let added = try await web.send(.POST, base + "/list", pairs: [("_csrf", token), ("case", numbers[0])])
            #expect(added.status == .seeOther)
            let held = try await web.send(.POST, base + "/list", pairs: [("_csrf", token), ("case", numbers[1])])
            #expect(held.status == .unprocessableEntity)
            #expect(held.body.string.contains("DOC-50"))
            #expect(try await web.send(.POST, base + "/submit", pairs: [("_csrf", token)]).status == .seeOther)
            #expect(try await web.send(.POST, base + "/review", pairs: [("_csrf", token), ("caseID", ids[0].uuidString), ("decision", "destroy")]).status == .seeOther)
            #expect(try await web.send(.POST, base + "/complete", pairs: [("_csrf", token)]).status == .seeOther)
            // the head cannot approve; the deputy leader can
            #expect(try await web.send(.POST, base + "/approve", pairs: [("_csrf", token), ("text", "x")]).status == .forbidden)
            let deputy = WebClient(env)
            try await deputy.login("deputy", Seeded.password)
            token = try await deputy.csrf(from: base)
            #expect(try await deputy.send(.POST, base + "/approve", pairs: [("_csrf", token), ("text", "领导小组2031年第1次会议")]).status == .seeOther)
            // two supervisors are not enough
            let two = try await deputy.send(.POST, base + "/destroy", pairs: [("_csrf", token), ("supervisors", "甲\n乙"), ("place", "档案室"), ("method", "粉碎")])
            #expect(two.status == .unprocessableEntity)
            let done = try await deputy.send(.POST, base + "/destroy", pairs: [("_csrf", token), ("supervisors", "甲\n乙\n丙"), ("place", "档案室"),
                                                                               ("method", "粉碎")])
            #expect(done.status == .seeOther)
            // check: the permanent record, and the archive marks the destruction
            let page = try await deputy.send(.GET, base)
            #expect(page.body.string.contains("id=\"destruction-record\"") && page.body.string.contains(numbers[0]))
            #expect(try await archives.archiveRecord(ids[0])?.destroyedOn == LocalDate(iso: "2031-01-06"))
            #expect(try await archives.archiveRecord(ids[1])?.destroyedOn == nil)
        }
    }
}
