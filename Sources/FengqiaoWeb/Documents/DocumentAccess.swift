import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// CP-08, X-09 for issued documents: a document addressed to someone the procedure hides from the
/// user (`Procedure.documentVisible`) is not found for them — its print, DOCX, values and service
/// records alike — and is left out of the case's document lists. Generic over the registered
/// procedures; no procedure is named here.
enum DocumentAccess {
    /// The template codes of the case whose documents `actor` may not read; empty for a case without
    /// a procedure or one that hides nothing.
    static func hiddenTemplates(caseID: UUID, actor: Actor, on req: Request) async throws -> Set<String> {
        guard let c = try await CaseRepository(store: req.store).find(caseID, actor: actor, reading: true),
              let procedure = req.procedures.procedure(caseType: c.caseType) else { return [] }
        return try await hiddenTemplates(procedure, caseID: caseID, actor: actor, on: req)
    }

    static func hiddenTemplates<P: Procedure>(_ procedure: P.Type, caseID: UUID, actor: Actor, on req: Request) async throws -> Set<String> {
        guard let loaded = try await ProcedureRepository(store: req.store, P.self).find(caseID, actor: actor, reading: true) else { return [] }
        return hiddenTemplates(P.self, loaded, actor: actor)
    }

    /// The same for a case already loaded.
    static func hiddenTemplates<P: Procedure>(_ procedure: P.Type, _ loaded: ProcedureCaseRecord<P.Facts>, actor: Actor) -> Set<String> {
        let r = loaded.record
        return Set(P.templateCodes.filter {
            !P.documentVisible(loaded.procedureCase.facts, template: $0, handlerID: r.handlerID, unitID: r.unitID, to: actor)
        })
    }
}
