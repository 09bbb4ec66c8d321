import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// CP-35, CP-36 for a case registered through the form or the API, as the 12315 import does for its
/// items: the procedure says what the new case submits (`Procedure.registrationSignal`), the signal
/// repository compares it with earlier submissions (and tells the centre head of a cluster), and what
/// was found is kept in the facts for the case page. Information only: the case is registered and
/// processed whatever is found; nothing is merged or refused.
extension ProcedureRepository {
    /// Opens a case from the form or the API and records its signals in one transaction: the signals
    /// are never lost to a crash between the two (each stays its own savepoint with its own audit
    /// entry), and a failure of either leaves nothing behind.
    public func openRecordingSignals(_ input: ActionInput, unitID: UUID? = nil, actor: Actor, context: AuditContext) async throws -> CaseRecord {
        guard P.module.capabilities.contains(.signals) || P.module.recurrence != nil else {
            return try await open(input, unitID: unitID, actor: actor, context: context)
        }
        return try await store.batch { store in
            let repository = ProcedureRepository(store: store, P.self)
            let record = try await repository.open(input, unitID: unitID, actor: actor, context: context)
            try await repository.recordSignals(record, actor: actor, context: context)
            try await repository.recordRecurrence(record.id, actor: actor, context: context)
            return record
        }
    }

    /// MD-48 and the duplicate warning: records the new case's keys and keeps in its facts what it
    /// repeats (nil: the procedure compares nothing).
    @discardableResult
    public func recordRecurrence(_ caseID: UUID, actor: Actor, context: AuditContext) async throws -> RecurrenceFound? {
        guard let rule = P.module.recurrence, let loaded = try await find(caseID, actor: actor, reading: true),
              let recurrence = P.recurrence(loaded.procedureCase.facts) else { return nil }
        let found = try await RecurrenceRepository(store: store).record(caseType: P.caseType, caseID: caseID, caseNumber: loaded.record.number ?? loaded.record.title,
                                                                        recurrence, rule: rule, context: context)
        if !found.isEmpty, let facts = P.keeping(found, in: loaded.procedureCase.facts) {
            try await CaseFactsWriter.write(P.self, store, loaded.record, facts, action: "case.recurrence",
                                            changes: ["recurrence": .init(before: nil, after: found.rowsZH(rule).map(\.value).joined(separator: "；"))],
                                            detail: "登记时的\(rule.flagZH)和重复登记提示（\(rule.rule)）", context: context)
        }
        return found
    }

    /// Records the new case's signals; returns what was found (nil: the procedure has none, or an
    /// anonymous report — nothing to compare).
    @discardableResult
    public func recordSignals(_ record: CaseRecord, actor: Actor, context: AuditContext) async throws -> ComplaintSignalRepository.Findings? {
        // Only a procedure that takes part reads anything (an interview's opening reads nothing more).
        guard P.module.capabilities.contains(.signals), let loaded = try await find(record.id, actor: actor, reading: true), let signal = P.registrationSignal(loaded.procedureCase.facts),
              let submitter = signal.submitterID, let party = try await PartyModel.find(submitter, on: store.db) else { return nil }
        // The identity the import compares: the ID number, else the phone, else the name — only its blind index is stored.
        let clear = try PartyRepository.clear(party, crypto: store.crypto)
        let submission = ComplaintSignalRepository.Submission(
            caseID: record.id, caseNumber: record.number ?? record.title, kind: P.caseType, unitID: record.unitID,
            identity: clear.idNumber ?? clear.phone ?? party.name, respondentID: signal.respondentID, receivedOn: signal.receivedOn, request: signal.request)
        let found = try await ComplaintSignalRepository(store: store).record(submission, context: context)
        let kept = SubmissionSignals(mergeWith: found.mergeWith, clusterCount: found.cluster, highFrequencyCount: found.highFrequency)
        if !kept.isEmpty, let facts = P.keeping(kept, in: loaded.procedureCase.facts) {
            try await CaseFactsWriter.write(P.self, store, loaded.record, facts, action: "case.signals",
                                            changes: ["signals": .init(before: nil, after: kept.rowsZH.map(\.value).joined(separator: "；"))],
                                            detail: "登记时的重复、群体性和高频提示（CP-35、CP-36）", context: context)
        }
        return found
    }
}

/// Writes a case's facts as a new version of the case, with an audit entry — for what a case learns
/// outside a transition (the signals of its registration, an import's update).
enum CaseFactsWriter {
    static func write<P: Procedure>(_ p: P.Type, _ store: Store, _ record: CaseRecord, _ facts: P.Facts, action: String, changes: [String: AuditDraft.Change],
                                    detail: String, context: AuditContext) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(facts), as: UTF8.self)
        try await store.write(context) { tx in
            try await tx.sql.update("cases").set("facts", to: SQLBind(text)).set("version", to: SQLBind(record.version + 1))
                .set("updated_at", to: SQLBind(tx.now)).where("id", .equal, SQLBind(record.id)).where("version", .equal, SQLBind(record.version)).run()
            try await CaseStatistics.write(tx.sql, P.self, caseID: record.id, unitID: record.unitID, facts: facts, replacing: true)
            tx.record(action, "case", record.id.uuidString, changes: changes, detail: detail)
        }
    }
}
