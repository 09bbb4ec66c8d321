import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// MD-01 and MD-06 through the pages, on SQLite and PostgreSQL: the leading group removes a mediator only on a
/// decision citing 严重失职 or 违法违纪; the term ends the day before, and each open dispute the mediator
/// is assigned to is flagged at once with 5 working days to reassign (MD-05).
@Suite("Removing a mediator (MD-06)", .serialized)
struct MediatorRemovalWebTests {
    static let password = "Demo-pass-123"

    @Test("MD-06: on Fri 2026-12-04 孙局长 removes 吴调解 — refused without a ground or a decision, nothing changed; then with 严重失职 and 江市监领〔2026〕3号: the term ends 12-03, his open disputes are flagged the same day and reassignment is due Fri 12-11; a director cannot remove")
    func removal() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: Self.password)
            env.moveClock(to: "2026-12-04", hour: 10)
            let wu = try #require(try await env.store.sql.select().column("id").from("users").where("name", .equal, SQLBind("吴调解")).first()?
                .decode(column: "id", as: UUID.self))
            let mediated = try await MediationWebTests.rows(env).filter {
                $0.facts.mediatorIDs.contains(wu) && ["accepting", "mediating", "suspended"].contains($0.state) && $0.facts.lapse == nil
            }
            #expect(!mediated.isEmpty)
            func terms() async throws -> [QualificationRecord] {
                try await OrganisationRepository(store: env.store).qualifications(userID: wu).filter { $0.kind == MediatorEligibility.termKind }
            }
            let before = try await terms()

            // The office director reads the list but may not remove.
            let director = WebClient(env)
            try await director.login("tj_director", Self.password)
            #expect(!(try await director.send(.GET, "/mediators").body.string.contains("撤换调解员（MD-06）")))
            let csrfD = WebClient.csrf(in: try await director.send(.GET, "/mediators").body.string) ?? ""
            #expect(try await director.send(.POST, "/mediators/remove", form: ["_csrf": csrfD, "person": wu.uuidString, "ground": "dereliction",
                                                                                "decision": "x", "on": "2026-12-04"]).status == .forbidden)

            let chief = WebClient(env)
            try await chief.login("chief", Self.password)
            let page = try await chief.send(.GET, "/mediators")
            #expect(page.body.string.contains("撤换调解员（MD-06）") && page.body.string.contains(#"value="\#(wu.uuidString)""#))
            var form = ["_csrf": WebClient.csrf(in: page.body.string) ?? "", "person": wu.uuidString, "ground": "", "decision": "  ", "on": "2026-12-04"]
            let refused = try await chief.send(.POST, "/mediators/remove", form: form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("撤换调解员须以严重失职或违法违纪为由") && refused.body.string.contains("请填写决定文号"))
            #expect(try await terms() == before)
            // A day to come is refused too.
            form = ["_csrf": WebClient.csrf(in: refused.body.string) ?? "", "person": wu.uuidString, "ground": "dereliction", "decision": "江市监领〔2026〕3号",
                    "on": "2026-12-07"]
            let future = try await chief.send(.POST, "/mediators/remove", form: form)
            #expect(future.status == .unprocessableEntity && future.body.string.contains("撤换日期不能晚于今天"))
            #expect(future.body.string.contains(#"value="江市监领〔2026〕3号""#))

            form["on"] = "2026-12-04"
            form["_csrf"] = WebClient.csrf(in: future.body.string) ?? ""
            let done = try await chief.send(.POST, "/mediators/remove", form: form)
            #expect(done.status == .seeOther)
            let after = try await terms()
            #expect(after.filter { !$0.revoked }.compactMap(\.expiresOn).max() == LocalDate(iso: "2026-12-03"))
            #expect(!(try await OrganisationRepository(store: env.store).people(holding: MediatorEligibility.termKind, visibleTo: nil)
                .first { $0.id == wu }?.holds(MediatorEligibility.termKind, on: LocalDate(iso: "2026-12-04")!) ?? true))
            for dispute in mediated {
                let now = try #require(try await MediationWebTests.rows(env).first { $0.id == dispute.id })
                #expect(now.facts.lapse?.on == LocalDate(iso: "2026-12-04") && now.facts.lapse?.names == ["吴调解"], "\(dispute.title)")
                #expect(try await MediationWebTests.clock(env, dispute.id, "reassign")?.due == "2026-12-11")
            }
            let audit = try await env.store.sql.select().column("action").from("audit_events").where("action", .equal, SQLBind("qualification.cut")).all()
            #expect(audit.count == 1)
            let roster = try await chief.send(.GET, "/mediators?ok=mediator-removed")
            #expect(roster.body.string.contains("调解员已撤换"))
            #expect(roster.body.string.contains(#"<td data-label="状态">撤换</td>"#))
        }
    }

    @Test("MD-05: on Fri 2026-12-04 the centre records that 吴调解 resigned — refused without a reason, nothing changed; then his term ends 12-03, the list says 辞任, his open disputes are flagged and reassignment is due Fri 12-11; only the centre records it")
    func resignation() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: Self.password)
            env.moveClock(to: "2026-12-04", hour: 10)
            let wu = try #require(try await env.store.sql.select().column("id").from("users").where("name", .equal, SQLBind("吴调解")).first()?
                .decode(column: "id", as: UUID.self))
            let mediated = try await MediationWebTests.rows(env).filter {
                $0.facts.mediatorIDs.contains(wu) && ["accepting", "mediating", "suspended"].contains($0.state) && $0.facts.lapse == nil
            }
            #expect(!mediated.isEmpty)
            let org = OrganisationRepository(store: env.store)
            let before = try await org.qualifications(userID: wu)
            let chief = WebClient(env)
            try await chief.login("chief", Self.password)
            #expect(!(try await chief.send(.GET, "/mediators").body.string.contains("调解员辞任（MD-05）")))

            let centre = WebClient(env)
            try await centre.login("tj_centre", Self.password)
            let page = try await centre.send(.GET, "/mediators")
            #expect(page.body.string.contains("调解员辞任（MD-05）"))
            var form = ["_csrf": WebClient.csrf(in: page.body.string) ?? "", "person": wu.uuidString, "reason": " ", "on": "2026-12-04"]
            let refused = try await centre.send(.POST, "/mediators/resign", form: form)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("请填写辞任理由"))
            #expect(try await org.qualifications(userID: wu) == before)
            form["reason"] = "本人申请辞任，工作调动"
            form["_csrf"] = WebClient.csrf(in: refused.body.string) ?? ""
            #expect(try await centre.send(.POST, "/mediators/resign", form: form).status == .seeOther)
            let after = try await org.qualifications(userID: wu)
            #expect(after.filter { $0.kind == MediatorEligibility.termKind && !$0.revoked }.compactMap(\.expiresOn).max() == LocalDate(iso: "2026-12-03"))
            #expect(after.contains { $0.kind == MediatorEligibility.resignedKind && $0.obtainedOn == LocalDate(iso: "2026-12-04") })
            #expect(try await centre.send(.GET, "/mediators").body.string.contains(#"<td data-label="状态">辞任</td>"#))
            for dispute in mediated {
                let now = try #require(try await MediationWebTests.rows(env).first { $0.id == dispute.id })
                #expect(now.facts.lapse?.on == LocalDate(iso: "2026-12-04"), "\(dispute.title)")
                #expect(try await MediationWebTests.clock(env, dispute.id, "reassign")?.due == "2026-12-11")
            }
        }
    }

    @Test("MD-01, MD-02: 何窗口 appointed to the centre on 2026-12-01 and trained 12-02 is not assignable until 法制科 files the list — refused by MD-01 on 12-04; 刘法制's filing without a reference, and before his origin is recorded, is refused and adds nothing; the centre records his origin (an invited one without a capacity refused first); filed on 12-04, he is assignable the same day")
    func filing() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: Self.password)
            env.moveClock(to: "2026-12-04", hour: 10)
            let org = OrganisationRepository(store: env.store)
            let he = try #require(try await org.user(login: "tj_clerk"))
            let admin = AuditContext(actor: .system("test", unitID: he.unitID, permissions: []), clientAddress: nil, requestID: "t")
            _ = try await org.addQualification(userID: he.id, kind: MediatorEligibility.termKind, issuer: "领导小组", obtainedOn: LocalDate(iso: "2026-12-01")!,
                                               expiresOn: MediatorEligibility.termEnd(start: LocalDate(iso: "2026-12-01")!), context: admin)
            _ = try await org.addQualification(userID: he.id, kind: MediatorEligibility.trainingKind, issuer: "法制科", obtainedOn: LocalDate(iso: "2026-12-02")!,
                                               expiresOn: nil, context: admin)
            let centre = try await org.actor(for: try #require(try await org.user(login: "tj_centre")))
            let ctx = AuditContext(actor: centre, clientAddress: nil, requestID: "t")
            let target = try #require(try await MediationWebTests.rows(env).first { $0.state == "mediating" && !$0.facts.dispatched })
            let repo = ProcedureRepository(store: env.store, MediationProcedure.self)
            do {
                _ = try await repo.perform("assignMediators", caseID: target.id, input: ActionInput(single: ["mediators": he.id.uuidString]),
                                           expectedVersion: nil, actor: centre, context: ctx)
                Issue.record("an unfiled mediator was assigned")
            } catch let e as DomainError {
                #expect(e.fields.map(\.code) == ["mediation.mediator.not-filed"] && e.fields.first?.rule == "MD-01")
            }

            let legal = WebClient(env)
            try await legal.login("legal", Self.password)
            let page = try await legal.send(.GET, "/mediators")
            #expect(page.body.string.contains("调解员名单备案（MD-01）") && page.body.string.contains("何窗口（行政调解中心）"))
            #expect(page.body.string.contains("调解员名单未报法制科备案"))
            let filedBefore = try await org.qualifications(userID: he.id).filter { $0.kind == MediatorEligibility.filedKind }
            var form = ["_csrf": WebClient.csrf(in: page.body.string) ?? "", "unit": he.unitID.uuidString, "reference": "", "on": "2026-12-04"]
            let refused = try await legal.send(.POST, "/mediators/file", form: form)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("请填写备案文号或登记号"))
            #expect(try await org.qualifications(userID: he.id).filter { $0.kind == MediatorEligibility.filedKind } == filedBefore)
            // MD-02: the list names each mediator's origin — 何窗口 has none yet.
            #expect(refused.body.string.contains("何窗口尚未登记来源及第四条条件的确认，不能备案（MD-02）"))
            let centreWeb = WebClient(env)
            try await centreWeb.login("tj_centre", Self.password)
            let list = try await centreWeb.send(.GET, "/mediators")
            #expect(list.body.string.contains("调解员来源及条件确认（MD-02）") && list.body.string.contains("何窗口（行政调解中心）：未登记"))
            var origin = ["_csrf": WebClient.csrf(in: list.body.string) ?? "", "person": he.id.uuidString, "origin": "invited", "capacity": "",
                          "capacityNote": "", "attested": "on", "basis": "经中心研究，为人公正、热心调解"]
            let bad = try await centreWeb.send(.POST, "/mediators/origin", form: origin)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("特邀调解员须注明身份"))
            #expect(bad.body.string.contains("经中心研究，为人公正、热心调解"), "what was typed comes back")
            #expect(try await MediatorProfileRepository(store: env.store).profiles([he.id]).isEmpty)
            origin["origin"] = "staff"
            origin["_csrf"] = WebClient.csrf(in: bad.body.string) ?? ""
            #expect(try await centreWeb.send(.POST, "/mediators/origin", form: origin).status == .seeOther)
            #expect(try await centreWeb.send(.GET, "/mediators").body.string.contains(#"<td data-label="来源">本单位工作人员</td>"#))
            form["reference"] = "法备〔2026〕12号"
            form["_csrf"] = WebClient.csrf(in: refused.body.string) ?? ""
            #expect(try await legal.send(.POST, "/mediators/file", form: form).status == .seeOther)
            #expect(try await org.qualifications(userID: he.id).filter { $0.kind == MediatorEligibility.filedKind }.map(\.obtainedOn) == [LocalDate(iso: "2026-12-04")!])
            // Only the unfiled were filed: the demo's mediators keep their one filing.
            let wu = try #require(try await env.store.sql.select().column("id").from("users").where("name", .equal, SQLBind("吴调解")).first()?
                .decode(column: "id", as: UUID.self))
            #expect(try await org.qualifications(userID: wu).filter { $0.kind == MediatorEligibility.filedKind }.count == 1)
            _ = try await repo.perform("assignMediators", caseID: target.id, input: ActionInput(single: ["mediators": he.id.uuidString]),
                                       expectedVersion: nil, actor: centre, context: ctx)
            #expect(try await MediationWebTests.rows(env).first { $0.id == target.id }?.facts.mediatorIDs == [he.id])
            #expect(try await legal.send(.GET, "/mediators").body.string.contains("在任调解员均已备案"))
        }
    }

}
