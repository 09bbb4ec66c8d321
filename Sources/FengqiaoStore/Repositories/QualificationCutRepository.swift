import FengqiaoCore
import Foundation
import SQLKit

/// A person's qualifications cut short by a decision (MD-06: a mediator removed by the leading group),
/// and what follows on the cases: each procedure that declares `ProcedureModule.personLeft` takes that
/// transition as the system on each of its open cases naming the person (`Procedure.people`), at once.
public struct QualificationCutRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// Applies `cuts` to `userID`'s qualifications in one audited write, then the procedures' steps;
    /// returns the cases flagged.
    @discardableResult
    /// `marker`: a qualification recording why (MD-06 撤换, MD-05 辞任), written in the same write.
    public func cut(userID: UUID, cuts: [QualificationCut], marker: (kind: String, issuer: String, on: LocalDate)? = nil, summaryZH: String,
                    context: AuditContext) async throws -> [UUID] {
        guard !cuts.isEmpty else { return [] }
        try await store.write(context) { tx in
            if let marker {
                try await tx.sql.insert(into: "qualifications").columns("id", "user_id", "kind", "issuer", "obtained_on", "expires_on", "revoked", "created_at")
                    .values(SQLBind(UUID()), SQLBind(userID), SQLBind(marker.kind), SQLBind(marker.issuer), SQLBind(marker.on.iso), SQLBind(String?.none),
                            SQLBind(false), SQLBind(tx.now))
                    .run()
            }
            for c in cuts {
                let update = tx.sql.update("qualifications").where("id", .equal, SQLBind(c.id)).where("user_id", .equal, SQLBind(userID))
                if c.revoke {
                    try await update.set("revoked", to: SQLLiteral.boolean(true)).run()
                } else {
                    try await update.set("expires_on", to: SQLBind(c.expiresOn?.iso)).run()
                }
            }
            tx.record("qualification.cut", "user", userID.uuidString,
                      changes: ["qualifications": .init(before: nil, after: cuts.map { "\($0.id.uuidString)\($0.revoke ? " 撤销" : " 至\($0.expiresOn?.iso ?? "")")" }.joined(separator: "；"))],
                      detail: summaryZH)
        }
        var flagged: [UUID] = []
        for p in store.procedures.procedures where p.module.personLeft != nil {
            flagged += try await leave(p, userID: userID, context: context)
        }
        return flagged
    }

    /// `P`'s `personLeft` step on each of its open cases whose people include `userID`; a case whose
    /// state does not allow it is left as it is.
    private func leave<P: Procedure>(_ p: P.Type, userID: UUID, context: AuditContext) async throws -> [UUID] {
        guard let key = P.module.personLeft, let spec = P.transition(key) else { return [] }
        let rows = try await store.sql.select().columns("id", "unit_id", "state", "facts").from("cases")
            .where("case_type", .equal, SQLBind(P.caseType)).where("closed_on", .is, SQLLiteral.null)
            .where("id", .in, SQLSubquery.select { $0.column("case_id").from("case_people").where("user_id", .equal, SQLBind(userID)) })
            .all()
        var out: [UUID] = []
        for r in rows {
            guard spec.from.contains(try r.decode(column: "state", as: String.self)),
                  let text = try r.decode(column: "facts", as: String?.self),
                  let facts = try? JSONDecoder().decode(P.Facts.self, from: Data(text.utf8)), P.people(facts).contains(userID) else { continue }
            let id = try r.decode(column: "id", as: UUID.self)
            let actor = Actor.system("scheduler", unitID: try r.decode(column: "unit_id", as: UUID.self), permissions: Set(spec.permissions))
            _ = try await ProcedureRepository(store: store, P.self).perform(key, caseID: id, input: ActionInput(), expectedVersion: nil, actor: actor, context: context)
            out.append(id)
        }
        return out
    }
}
