import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// What the statistics read (statistics.md): any procedure's cases with their stored facts, the
/// file's completeness (DOC-40) and their revisits (ST-21). The indicators themselves are computed
/// by the procedure, in the core.
public struct StatisticsRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// The statistics columns of the cases of `P`.
    func selectCases<P: Procedure>(_ p: P.Type) -> SQLSelectBuilder {
        store.sql.select().columns("id", "unit_id", "state", "gravity", "handler_id", "opened_on", "closed_on", "facts").from("cases")
            .where("case_type", .equal, SQLBind(P.caseType))
    }

    /// The cases of `P` in `units` (nil: all) that may have an event on or after `from` — open,
    /// closed on or after it, or revisited on or after it. With `actor`, only the cases in their scope
    /// (PLT-05: an `own`-scope user's figures are those of the cases they are involved in).
    public func cases<P: Procedure>(_ p: P.Type, units: Set<UUID>?, from: LocalDate, actor: Actor? = nil) async throws -> [StatisticsCase<P.Facts>] {
        var q = selectCases(P.self)
            .where {
                $0.where("closed_on", .is, SQLLiteral.null).orWhere("closed_on", .greaterThanOrEqual, SQLBind(from.iso))
                    // closed earlier but revisited since (ST-21 feeds the period of the revisit)
                    .orWhere("id", .in, SQLSubquery.select { $0.column("case_id").from("revisits").where("on_date", .greaterThanOrEqual, SQLBind(from.iso)) })
            }
        if let units {
            guard !units.isEmpty else { return [] }
            q = q.where("unit_id", .in, SQLBind.group(Array(units)))
        }
        if let actor {
            guard let scoped = CaseScope.filter(q, actor: actor) else { return [] }
            q = scoped
        }
        return try await read(P.self, q)
    }

    /// The cases `q` selects (the statistics columns), decoded, with their file completeness and revisits.
    func read<P: Procedure>(_ p: P.Type, _ q: SQLSelectBuilder) async throws -> [StatisticsCase<P.Facts>] {
        let rows = try await q.all()
        let decoder = JSONDecoder()
        var cases: [(ProcedureCase<P.Facts>, LocalDate?)] = []
        for r in rows {
            guard let text = try r.decode(column: "facts", as: String?.self),
                  let facts = try? decoder.decode(P.Facts.self, from: Data(text.utf8)),
                  let openedOn = LocalDate(iso: try r.decode(column: "opened_on", as: String.self)) else { continue }
            let id = try r.decode(column: "id", as: UUID.self)
            cases.append((ProcedureCase(id: id, unitID: try r.decode(column: "unit_id", as: UUID.self), state: try r.decode(column: "state", as: String.self),
                                        gravity: Gravity(rawValue: try r.decode(column: "gravity", as: String.self)) ?? .ordinary, partyIDs: [],
                                        handlerID: try r.decode(column: "handler_id", as: UUID?.self), openedOn: openedOn, facts: facts),
                          try r.decode(column: "closed_on", as: String?.self).flatMap(LocalDate.init(iso:))))
        }
        // DOC-40: the closed files' documents, in two queries for all of them.
        let closed = cases.filter { $0.1 != nil }.map(\.0.id)
        var documents: [UUID: [CaseDocument]] = [:]
        if !closed.isEmpty {
            var rowsByCase: [UUID: [(id: UUID, code: String, state: String)]] = [:]
            for chunk in stride(from: 0, to: closed.count, by: 500).map({ Array(closed[$0..<min($0 + 500, closed.count)]) }) {
                for d in try await store.sql.select().columns("id", "case_id", "template_code", "state").from("documents")
                    .where("case_id", .in, SQLBind.group(chunk)).all() {
                    rowsByCase[try d.decode(column: "case_id", as: UUID.self), default: []].append(
                        (try d.decode(column: "id", as: UUID.self), try d.decode(column: "template_code", as: String.self),
                         try d.decode(column: "state", as: String.self)))
                }
            }
            let docIDs = rowsByCase.values.flatMap { $0.map(\.id) }
            var served: Set<UUID> = []
            for chunk in stride(from: 0, to: docIDs.count, by: 500).map({ Array(docIDs[$0..<min($0 + 500, docIDs.count)]) }) {
                for s in try await store.sql.select().column("document_id").from("service_records").where("document_id", .in, SQLBind.group(chunk)).all() {
                    served.insert(try s.decode(column: "document_id", as: UUID.self))
                }
            }
            for (caseID, docs) in rowsByCase {
                documents[caseID] = docs.map {
                    CaseDocument(code: $0.code, number: nil, state: CaseDocument.State(rawValue: $0.state) ?? .issued, served: served.contains($0.id))
                }
            }
        }
        // ST-21: the revisits of the closed cases feed satisfaction (ST-06).
        let revisits = try await RevisitRepository(store: store).scores(ofCases: closed)
        return cases.map { c, closedOn in
            let complete: Bool? = closedOn.map { _ in
                let report = CompletenessReport(required: P.fileDocuments(c.facts, state: c.state), documents: documents[c.id] ?? [])
                return report.missing.isEmpty && report.drafts.isEmpty && report.unserved.isEmpty
            }
            return StatisticsCase(procedureCase: c, closedOn: closedOn, documentsComplete: complete, revisits: revisits[c.id] ?? [])
        }
    }
}
