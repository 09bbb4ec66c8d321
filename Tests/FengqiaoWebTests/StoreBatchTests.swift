import FengqiaoCore
@testable import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing

/// `Store.batch` (issue 14's import benchmark): many writes, one durable commit — each write still
/// whole or absent with its audit events (X-04, PLT-20), a failed one (even a constraint violation,
/// which aborts a PostgreSQL transaction unless rolled back to a savepoint) undoing only itself,
/// and nothing at all when the batch fails. (Nothing reads through another connection inside a
/// batch: on SQLite that connection may be the batch's own, held until the commit.)
@Suite("Store batches (X-04, PLT-20, CP-43)", .serialized)
struct StoreBatchTests {
    struct Boom: Error {}

    @Test("X-04 PLT-20: in one batch a rename lands, a write that throws and one that breaks a unique index undo only themselves, a third lands; the chain stays intact")
    func savepoints() async throws {
        try await withApp { env in
            // setup
            _ = try await env.seed()
            let before = try await env.audit.count()
            let caseID = UUID(), userID = UUID()
            // act
            try await env.store.batch { store in
                try await store.write(.system("test")) { tx in
                    try await tx.sql.raw("UPDATE units SET name = '中村所（改）' WHERE code = 'ZC'").run()
                    tx.record("unit.rename", "unit", "ZC")
                }
                await #expect(throws: Boom.self) {
                    try await store.write(.system("test")) { tx in
                        try await tx.sql.raw("UPDATE units SET name = '东湖所（改）' WHERE code = 'DH'").run()
                        tx.record("unit.rename", "unit", "DH")
                        throw Boom()
                    }
                }
                try await store.write(.system("test")) { tx in
                    try await tx.sql.insert(into: "case_people").columns("case_id", "user_id").values(SQLBind(caseID), SQLBind(userID)).run()
                    tx.record("case.people", "case", caseID.uuidString)
                }
                await #expect(throws: (any Error).self) {
                    try await store.write(.system("test")) { tx in
                        tx.record("case.people", "case", caseID.uuidString)
                        try await tx.sql.insert(into: "case_people").columns("case_id", "user_id").values(SQLBind(caseID), SQLBind(userID)).run()
                    }
                }
                // Inside, the batch reads its own writes; the transaction is still usable after the violation.
                #expect(try await OrganisationRepository(store: store).unit(code: "ZC")?.name == "中村所（改）")
                try await store.write(.system("test")) { tx in tx.record("batch.last", "unit", nil) }
            }
            // check
            #expect(try await env.org.unit(code: "ZC")?.name == "中村所（改）")
            #expect(try await env.org.unit(code: "DH")?.name == "东湖市场监管所")
            #expect(try await env.store.sql.select().column("user_id").from("case_people").where("case_id", .equal, SQLBind(caseID)).all().count == 1)
            #expect(try await env.audit.count() == before + 3)
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
        }
    }

    @Test("X-04: a batch that throws leaves nothing of its writes, nor of their audit events")
    func wholeBatchFails() async throws {
        try await withApp { env in
            _ = try await env.seed()
            let before = try await env.audit.count()
            await #expect(throws: Boom.self) {
                try await env.store.batch { store in
                    try await store.write(.system("test")) { tx in
                        try await tx.sql.raw("UPDATE units SET name = '中村所（改）' WHERE code = 'ZC'").run()
                        tx.record("unit.rename", "unit", "ZC")
                    }
                    throw Boom()
                }
            }
            #expect(try await env.org.unit(code: "ZC")?.name == "中村市场监管所")
            #expect(try await env.audit.count() == before)
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
        }
    }
}
