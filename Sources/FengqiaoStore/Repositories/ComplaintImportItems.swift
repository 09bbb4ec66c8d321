import FengqiaoCore
import Foundation
import SQLKit

/// Registers or updates one imported item (CP-43) through the procedures' own steps, so every rule
/// and clock applies as if the 受理员 had typed it in:
/// - a new item: its parties found or created in the party register (personal data sealed by
///   `PartyRepository`), the complaint opened by `ComplaintProcedure.Register` (CP-02, CP-04), received
///   as the competent unit when the import says so (CP-14: the acceptance clock), and a 投诉+举报 item
///   split into its report track (`SplitReport`, CP-07); a 举报 alone opened by the report's own
///   registration (CP-25, CP-26);
/// - a known item (its external number per channel, `complaint_import_items`, or a complaint registered
///   by hand with that number, `case_keys`): its content updated with an audit entry while the
///   acceptance is undecided, else left alone; never a second case.
struct ComplaintImportItems: Sendable {
    struct Result: Sendable {
        var key: String?
        var outcome: ImportRowOutcome
        var numbers: [String]
        var errors: [FieldError]
    }

    let store: Store
    let actor: Actor
    let context: AuditContext
    let receive: Bool
    let importID: UUID

    /// The complaint states in which the content may still change: before the acceptance decision.
    static let editableStates: Set<String> = ["registered", "dispatched", "awaitingDecision"]

    var complaints: ProcedureRepository<ComplaintProcedure> { ProcedureRepository(store: store, ComplaintProcedure.self) }
    var reports: ProcedureRepository<ReportProcedure> { ProcedureRepository(store: store, ReportProcedure.self) }

    func importItem(_ item: ComplaintImportItem) async -> Result {
        do {
            if let known = try await known(item.key) { return try await update(item, known) }
            return try await create(item)
        } catch let e as DomainError {
            let errors = e.fields.isEmpty ? [FieldError(field: "item", rule: e.ruleID ?? "CP-43", code: e.code, messageZH: e.messageZH)] : e.fields
            return Result(key: item.key, outcome: .refused, numbers: [], errors: errors)
        } catch {
            return Result(key: item.key, outcome: .refused, numbers: [],
                          errors: [FieldError(field: "item", rule: "CP-43", code: "import.item.failed", messageZH: "导入失败：\(error)")])
        }
    }

    // MARK: known items

    private func known(_ key: String) async throws -> (complaint: UUID?, report: UUID?)? {
        if let r = try await store.sql.select().columns("complaint_id", "report_id").from("complaint_import_items")
            .where("item_key", .equal, SQLBind(key)).first() {
            return (try r.decode(column: "complaint_id", as: UUID?.self), try r.decode(column: "report_id", as: UUID?.self))
        }
        if let r = try await store.sql.select().column("case_id").from("case_keys").where("case_type", .equal, SQLBind(ComplaintProcedure.caseType))
            .where("key", .equal, SQLBind(key)).first() {
            return (try r.decode(column: "case_id", as: UUID.self), nil)
        }
        return nil
    }

    private func update(_ item: ComplaintImportItem, _ known: (complaint: UUID?, report: UUID?)) async throws -> Result {
        var numbers: [String] = []
        var outcome = ImportRowOutcome.unchanged
        if let id = known.complaint {
            guard let c = try await complaints.find(id, actor: actor, reading: true) else { throw Self.elsewhere(item) }
            numbers.append(c.record.number ?? c.record.title)
            let f = c.procedureCase.facts
            if f.request != item.request || f.statement != item.facts {
                guard Self.editableStates.contains(c.record.state) else {
                    throw DomainError.invalid([FieldError(field: ComplaintImportItem.Field.facts.rawValue, rule: "CP-43", code: "import.item.decided",
                                                          messageZH: "\(c.record.number ?? "该件")已作出受理决定，内容不再随导入更新，请在案件中处理")])
                }
                try await updateContent(c.record, facts: f, item: item)
                outcome = .updated
            }
            // A 投诉+举报 item whose report track is missing (an earlier run stopped between the steps) gets it now.
            if item.classification.hasReport, known.report == nil, f.reportSplitOn == nil,
               let report = try await split(id, item: item) {
                numbers.append(report.number)
                try await remember(item.key, complaint: id, report: report.id)
                outcome = .updated
            } else if let r = known.report, let rc = try await CaseRepository.load(r, on: store.sql) {
                numbers.append(rc.number ?? rc.title)
            }
        } else if let r = known.report {
            guard let rc = try await reports.find(r, actor: actor, reading: true) else { throw Self.elsewhere(item) }
            numbers.append(rc.record.number ?? rc.record.title)
        }
        return Result(key: item.key, outcome: outcome, numbers: numbers, errors: [])
    }

    /// CP-43: the content changed on the platform — the complaint's facts follow, with an audit
    /// entry naming old and new (a new version of the case, PLT-53).
    private func updateContent(_ record: CaseRecord, facts: ComplaintFacts, item: ComplaintImportItem) async throws {
        var f = facts
        var changes: [String: AuditDraft.Change] = [:]
        if f.request != item.request { changes["request"] = .init(before: f.request, after: item.request) }
        if f.statement != item.facts { changes["statement"] = .init(before: f.statement, after: item.facts) }
        f.request = item.request
        f.statement = item.facts
        try await writeFacts(record, f, action: "complaint.import.update", changes: changes,
                             detail: "平台重新导入\(item.channel.nameZH)编号\(item.externalNo)，内容已更新")
    }

    private static func elsewhere(_ item: ComplaintImportItem) -> DomainError {
        DomainError.invalid([FieldError(field: ComplaintImportItem.Field.externalNo.rawValue, rule: "CP-43", code: "import.item.elsewhere",
                                        messageZH: "\(item.channel.nameZH)编号\(item.externalNo)已由其他单位登记，不重复登记")])
    }

    // MARK: new items

    private func create(_ item: ComplaintImportItem) async throws -> Result {
        let parties = ComplaintImportParties(store: store, actor: actor, context: context)
        let complainant = try await parties.complainant(item.complainant)
        let respondent = try await parties.respondent(item.respondent)
        guard item.classification.hasComplaint else {
            let report = try await reports.open(ActionInput(single: [
                "reporterID": complainant.uuidString, "reportedID": respondent.uuidString, "actPlace": item.respondent.address ?? item.respondent.name,
                "category": ViolationCategoryVersion.otherCode, "clue": item.facts, "origin": ReportOrigin.direct.rawValue,
                "receivedOn": item.receivedOn.iso,
            ]), actor: actor, context: context)
            try await remember(item.key, complaint: nil, report: report.id)
            let notes = try await signals(item, record: report, respondent: respondent)
            return Result(key: item.key, outcome: .created, numbers: [report.number ?? report.title], errors: notes)
        }
        let input: [String: String] = [
            "complainantID": complainant.uuidString, "respondentID": respondent.uuidString, "channel": item.channel.rawValue, "externalNo": item.externalNo,
            "receivedOn": item.receivedOn.iso, "knewOn": item.knewOn.iso, "request": item.request, "statement": item.facts,
        ]
        let complaint = try await complaints.open(ActionInput(single: input), actor: actor, context: context)
        try await remember(item.key, complaint: complaint.id, report: nil)
        var numbers = [complaint.number ?? complaint.title]
        var errors: [FieldError] = []
        // CP-14: the importing unit is the competent one — its receipt is the platform's date.
        if receive {
            do {
                _ = try await complaints.perform("receive", caseID: complaint.id, input: ActionInput(single: ["receivedOn": item.receivedOn.iso]),
                                                 expectedVersion: nil, actor: actor, context: context)
            } catch let e as DomainError { errors += e.fields.isEmpty ? [FieldError(field: "receive", rule: "CP-14", code: e.code, messageZH: e.messageZH)] : e.fields }
        }
        if item.classification.hasReport {
            do {
                if let report = try await split(complaint.id, item: item) {
                    numbers.append(report.number)
                    try await remember(item.key, complaint: complaint.id, report: report.id)
                }
            } catch let e as DomainError { errors += e.fields.isEmpty ? [FieldError(field: "report", rule: "CP-07", code: e.code, messageZH: e.messageZH)] : e.fields }
        }
        errors += try await signals(item, record: complaint, respondent: respondent)
        return Result(key: item.key, outcome: .created, numbers: numbers, errors: errors)
    }

    /// CP-35, CP-36: what the new submission says about earlier ones, as notes on its row.
    private func signals(_ item: ComplaintImportItem, record: CaseRecord, respondent: UUID) async throws -> [FieldError] {
        let s = ComplaintSignalRepository.Submission(caseID: record.id, caseNumber: record.number ?? record.title, kind: record.caseType, unitID: record.unitID,
                                                     identity: item.complainant.idNumber ?? item.complainant.phone ?? item.complainant.name,
                                                     respondentID: respondent, receivedOn: item.receivedOn, request: item.request.isEmpty ? item.facts : item.request)
        let found = try await ComplaintSignalRepository(store: store).record(s, context: context)
        let kept = SubmissionSignals(mergeWith: found.mergeWith, clusterCount: found.cluster, highFrequencyCount: found.highFrequency)
        if record.caseType == ComplaintProcedure.caseType, !kept.isEmpty, let c = try await complaints.find(record.id, actor: actor, reading: true) {
            // Shown on the case page (CP-35: the merge proposed there, nothing merged).
            var f = c.procedureCase.facts
            f.signals = kept
            try await writeFacts(c.record, f, action: "complaint.signals", changes: ["signals": .init(before: nil, after: kept.rowsZH.map(\.value).joined(separator: "；"))],
                                 detail: "登记时的重复、群体性和高频提示（CP-35、CP-36）")
        }
        return found.notes
    }

    /// Writes the complaint's facts as a new version of the case, with an audit entry.
    private func writeFacts(_ record: CaseRecord, _ facts: ComplaintFacts, action: String, changes: [String: AuditDraft.Change], detail: String) async throws {
        try await CaseFactsWriter.write(ComplaintProcedure.self, store, record, facts, action: action, changes: changes, detail: detail, context: context)
    }

    /// CP-07: the report part of a 投诉+举报 item, through the complaint's own split step; the report
    /// it opened (number and id), found by the link the step writes.
    private func split(_ complaintID: UUID, item: ComplaintImportItem) async throws -> (id: UUID, number: String)? {
        _ = try await complaints.perform("splitReport", caseID: complaintID, input: ActionInput(single: [
            "actPlace": item.respondent.address ?? item.respondent.name, "category": ViolationCategoryVersion.otherCode, "clue": item.facts,
        ]), expectedVersion: nil, actor: actor, context: context)
        guard let link = try await complaints.links(complaintID).first(where: { $0.outgoing && $0.relation == "split-to" }) else { return nil }
        return (link.caseID, link.reference)
    }

    /// The item's cases under its key, so a re-import finds them (CP-43).
    private func remember(_ key: String, complaint: UUID?, report: UUID?) async throws {
        if try await store.sql.select().column("item_key").from("complaint_import_items").where("item_key", .equal, SQLBind(key)).first() != nil {
            try await store.sql.update("complaint_import_items").set("complaint_id", to: SQLBind(complaint)).set("report_id", to: SQLBind(report))
                .where("item_key", .equal, SQLBind(key)).run()
        } else {
            try await store.sql.insert(into: "complaint_import_items").columns("item_key", "complaint_id", "report_id", "import_id", "created_at")
                .values(SQLBind(key), SQLBind(complaint), SQLBind(report), SQLBind(importID), SQLBind(store.clock.nowMillis)).run()
        }
    }
}
