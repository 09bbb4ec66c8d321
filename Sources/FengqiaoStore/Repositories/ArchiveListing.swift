import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

extension ArchiveRepository {
    /// The destruction lists of the units in the actor's scope, newest first.
    public func proposals(actor: Actor) async throws -> [DestructionProposal] {
        var q = store.sql.select().column("body").from("destruction_proposals")
        if let units = actor.visibleUnits {
            guard !units.isEmpty else { return [] }
            q = q.where("unit_id", .in, SQLBind.group(Array(units)))
        }
        return try await q.orderBy("created_at", .descending).limit(200).all().map {
            try JSONDecoder().decode(DestructionProposal.self, from: Data(try $0.decode(column: "body", as: String.self).utf8))
        }
    }

    /// The case an archive number (档号) names, or nil.
    public func caseID(archiveNumber: String) async throws -> UUID? {
        try await store.sql.select().column("case_id").from("archives").where("archive_number", .equal, SQLBind(archiveNumber)).first()?
            .decode(column: "case_id", as: UUID.self)
    }
}
