import Crypto
import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// Backup and restore (PLT-56) as one code path for both databases: every table is read inside
/// one snapshot transaction and written as JSON lines; restore loads them into a freshly migrated,
/// empty database (of either kind) and checks the audit chain. Files are copied alongside.
public struct BackupRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    enum Kind: String { case uuid, string, int, int64, bool }

    /// Every table and column, in migration order. A new migration adds its columns here.
    static let tables: [(String, [(String, Kind)])] = [
        ("units", [("id", .uuid), ("code", .string), ("name", .string), ("kind", .string), ("parent_id", .uuid), ("area_code", .string),
                   ("number_prefix", .string), ("active", .bool), ("created_at", .int64)]),
        ("users", [("id", .uuid), ("login", .string), ("name", .string), ("unit_id", .uuid), ("phone", .string), ("certificate_number", .string),
                   ("password_hash", .string), ("must_change_password", .bool), ("password_changed_at", .int64), ("failed_logins", .int),
                   ("locked_until", .int64), ("active", .bool), ("version", .int), ("created_at", .int64)]),
        ("roles", [("id", .uuid), ("code", .string), ("name_zh", .string), ("permissions", .string), ("default_scope", .string),
                   ("admin_duty", .string), ("version", .int), ("updated_at", .int64)]),
        ("role_assignments", [("id", .uuid), ("user_id", .uuid), ("role_code", .string), ("unit_id", .uuid), ("scope", .string)]),
        ("qualifications", [("id", .uuid), ("user_id", .uuid), ("kind", .string), ("issuer", .string), ("obtained_on", .string),
                            ("expires_on", .string), ("revoked", .bool), ("created_at", .int64)]),
        ("conflicts", [("id", .uuid), ("user_id", .uuid), ("party_id", .uuid), ("relation", .string), ("note", .string), ("created_at", .int64)]),
        ("parties", [("id", .uuid), ("kind", .string), ("name", .string), ("uscc", .string), ("id_number_cipher", .string), ("id_number_index", .string),
                     ("id_number_masked", .string), ("person_key", .string), ("representative", .string), ("phone_cipher", .string), ("phone_masked", .string),
                     ("address_cipher", .string), ("address_masked", .string), ("industry", .string), ("licence_term_end", .string),
                     ("unit_id", .uuid), ("identity_unverified", .bool), ("merged_into", .uuid), ("version", .int), ("created_at", .int64),
                     ("updated_at", .int64)]),
        ("party_terms", [("party_id", .uuid), ("term", .string)]),
        ("party_case_links", [("id", .uuid), ("party_id", .uuid), ("case_id", .uuid), ("case_number", .string), ("module", .string),
                              ("state", .string), ("opened_on", .string), ("unit_id", .uuid)]),
        ("audit_events", [("seq", .int64), ("at", .int64), ("action", .string), ("object_type", .string), ("object_id", .string), ("user_id", .string),
                          ("user_login", .string), ("unit_id", .string), ("client_address", .string), ("request_id", .string), ("changes", .string),
                          ("detail", .string), ("previous_hash", .string), ("hash", .string)]),
        ("audit_head", [("id", .int), ("seq", .int64), ("hash", .string), ("algorithm", .string)]),
        ("sessions", [("id", .uuid), ("token_hash", .string), ("user_id", .uuid), ("csrf_token", .string), ("created_at", .int64),
                      ("last_seen", .int64), ("ended", .bool)]),
        ("api_tokens", [("id", .uuid), ("user_id", .uuid), ("name", .string), ("token_hash", .string), ("scopes", .string), ("created_at", .int64),
                        ("revoked_at", .int64), ("last_used", .int64)]),
        ("attachments", [("id", .uuid), ("sha256", .string), ("size", .int64), ("media_type", .string), ("kind", .string), ("filename", .string),
                         ("case_id", .uuid), ("uploader_id", .uuid), ("created_at", .int64)]),
        ("calendar_revisions", [("id", .uuid), ("revision", .int), ("year", .int), ("notice", .string), ("text", .string), ("summary", .string),
                                ("created_at", .int64), ("created_by", .string)]),
        ("jobs", [("id", .uuid), ("kind", .string), ("payload", .string), ("dedupe_key", .string), ("run_at", .int64), ("state", .string),
                  ("attempts", .int), ("claimed_by", .string), ("claimed_at", .int64), ("finished_at", .int64), ("last_error", .string),
                  ("created_at", .int64)]),
        ("rule_set_versions", [("id", .uuid), ("key", .string), ("version", .int), ("body", .string), ("created_at", .int64), ("created_by", .string)]),
        ("notifications", [("id", .uuid), ("user_id", .uuid), ("kind", .string), ("title", .string), ("body", .string), ("link", .string),
                           ("created_at", .int64), ("read_at", .int64)]),
        ("cases", [("id", .uuid), ("unit_id", .uuid), ("case_type", .string), ("number", .string), ("title", .string), ("gravity", .string),
                   ("state", .string), ("handler_id", .uuid), ("opened_on", .string), ("rule_versions", .string), ("closed_on", .string),
                   ("version", .int), ("created_at", .int64), ("updated_at", .int64), ("facts", .string), ("category", .string),
                   ("counts_as_prior", .bool), ("owner_unit_id", .uuid)]),  // next_due is derived from the clocks: rebuilt on restore
        ("case_waiting", [("case_id", .uuid), ("user_id", .uuid)]),
        ("case_people", [("case_id", .uuid), ("user_id", .uuid)]),
        ("timed_firings", [("clock_id", .uuid), ("case_id", .uuid), ("transition", .string), ("fired_at", .int64)]),
        ("timed_refusals", [("clock_id", .uuid), ("retry_on", .string), ("reason", .string), ("refused_at", .int64)]),
        ("case_readers", [("case_id", .uuid), ("unit_id", .uuid), ("granted_at", .int64)]),
        ("case_subtasks", [("id", .uuid), ("case_id", .uuid), ("unit_id", .uuid), ("kind", .string), ("title", .string), ("step", .string),
                           ("rule", .string), ("state", .string), ("opened_on", .string), ("clock_id", .uuid), ("reply_text", .string),
                           ("replied_on", .string), ("replied_by", .uuid), ("replied_at", .int64), ("withdrawn_on", .string), ("created_by", .uuid),
                           ("created_at", .int64)]),
        ("revisits", [("id", .uuid), ("case_id", .uuid), ("unit_id", .uuid), ("on_date", .string), ("method", .string), ("answer", .string),
                      ("note", .string), ("created_by", .uuid), ("created_at", .int64)]),
        ("revisit_scores", [("revisit_id", .uuid), ("dimension", .string), ("score", .int)]),
        ("rating_links", [("id", .uuid), ("case_id", .uuid), ("token_hash", .string), ("created_at", .int64), ("used_at", .int64)]),
        ("ratings", [("id", .uuid), ("case_id", .uuid), ("unit_id", .uuid), ("source", .string), ("created_at", .int64)]),
        ("rating_scores", [("rating_id", .uuid), ("dimension", .string), ("score", .int)]),
        ("experts", [("id", .uuid), ("name", .string), ("field", .string), ("organisation", .string), ("phone_cipher", .string), ("active", .bool),
                     ("created_at", .int64)]),
        ("expert_conflicts", [("id", .uuid), ("expert_id", .uuid), ("party_id", .uuid), ("relation", .string), ("created_at", .int64)]),
        ("case_experts", [("id", .uuid), ("case_id", .uuid), ("expert_id", .uuid), ("occasion", .string), ("on_date", .string), ("note", .string),
                          ("created_by", .uuid), ("created_at", .int64)]),
        ("violation_category_versions", [("id", .uuid), ("version", .int), ("effective_on", .string), ("note", .string), ("created_by", .string),
                                         ("created_at", .int64)]),
        ("violation_categories", [("id", .uuid), ("version", .int), ("position", .int), ("code", .string), ("name_zh", .string),
                                  ("legal_basis", .string), ("parent_code", .string), ("key_sector", .bool), ("retired", .bool)]),
        ("training_courses", [("id", .uuid), ("unit_id", .uuid), ("kind", .string), ("title", .string), ("starts_on", .string), ("ends_on", .string),
                              ("pass_mark", .int), ("grants", .string), ("validity_months", .int), ("created_by", .uuid), ("created_at", .int64)]),
        ("training_results", [("id", .uuid), ("course_id", .uuid), ("user_id", .uuid), ("unit_id", .uuid), ("attended", .bool), ("written", .int),
                              ("mock", .int), ("satisfaction", .int), ("total_tenths", .int), ("passed", .bool), ("assessed_on", .string),
                              ("qualification_id", .uuid), ("revoked_on", .string), ("revoke_reason", .string), ("created_by", .uuid),
                              ("created_at", .int64)]),
        ("indicator_targets", [("case_type", .string), ("key", .string), ("year", .int), ("value", .string), ("set_by", .string),
                               ("set_at", .int64)]),
        ("case_keys", [("case_type", .string), ("key", .string), ("case_id", .uuid)]),
        // 033: the days and values statistics count cases by (CP-38).
        ("case_dates", [("case_id", .uuid), ("case_type", .string), ("unit_id", .uuid), ("key", .string), ("day", .string), ("pair_key", .string),
                        ("pair_value", .string)]),
        ("case_tags", [("case_id", .uuid), ("case_type", .string), ("key", .string), ("value", .string)]),
        ("campaigns", [("id", .uuid), ("unit_id", .uuid), ("name", .string), ("starts_on", .string), ("ends_on", .string), ("category", .string),
                       ("turnouts", .int), ("premises_inspected", .int), ("batches_sampled", .int), ("batches_failed", .int), ("unlicensed_closed", .int),
                       ("created_by", .uuid), ("created_at", .int64), ("updated_at", .int64)]),
        ("campaign_cases", [("case_id", .uuid), ("campaign_id", .uuid), ("created_at", .int64)]),
        ("service_points", [("id", .uuid), ("unit_id", .uuid), ("kind", .string), ("name", .string), ("liaison_name", .string), ("liaison_phone", .string),
                            ("listed_on", .string), ("created_at", .int64)]),
        ("service_point_targets", [("unit_id", .uuid), ("target", .int), ("updated_at", .int64)]),
        // 026: frozen figures of closed periods (ST-03, CP-38).
        ("statistics_snapshots", [("id", .uuid), ("kind", .string), ("period", .string), ("frozen_on", .string), ("body", .string), ("created_at", .int64)]),
        // CP-43: platform and hotline imports, their raw rows and the items they registered.
        ("complaint_imports", [("id", .uuid), ("unit_id", .uuid), ("user_id", .uuid), ("filename", .string), ("state", .string), ("receive", .bool),
                               ("total", .int), ("processed", .int), ("created_count", .int), ("updated_count", .int), ("unchanged_count", .int),
                               ("refused_count", .int), ("created_at", .int64), ("finished_at", .int64)]),
        ("complaint_import_rows", [("id", .uuid), ("import_id", .uuid), ("row_no", .int), ("raw", .string), ("item_key", .string), ("outcome", .string),
                                   ("case_numbers", .string), ("errors", .string)]),
        ("complaint_import_items", [("item_key", .string), ("complaint_id", .uuid), ("report_id", .uuid), ("import_id", .uuid), ("created_at", .int64)]),
        // CP-43: the platform pull's state and the status changes queued for the platform (migration 032).
        ("platform_sync", [("id", .int), ("cursor", .string), ("last_pull_at", .int64), ("last_pull_ok_at", .int64), ("last_pull_items", .int),
                           ("items_pulled", .int), ("last_push_ok_at", .int64), ("pull_failing_since", .int64), ("push_failing_since", .int64),
                           ("last_error", .string), ("last_error_at", .int64), ("admins_told_at", .int64), ("head_told_at", .int64),
                           ("lease_holder", .string), ("lease_until", .int64)]),
        ("platform_outbox", [("id", .uuid), ("case_id", .uuid), ("case_number", .string), ("channel", .string), ("channel_name", .string),
                             ("external_no", .string),
                             ("status_code", .string), ("status_name", .string), ("on_date", .string), ("created_at", .int64), ("attempts", .int),
                             ("next_attempt_at", .int64), ("last_error", .string), ("sent_at", .int64)]),
        ("complaint_signals", [("case_id", .uuid), ("case_number", .string), ("kind", .string), ("unit_id", .uuid), ("complainant_key", .string),
                               ("respondent_id", .uuid), ("received_on", .string), ("request", .string), ("merge_with", .string), ("high_frequency", .bool)]),
        // 038: yearly records (MD-44).
        ("periodic_records", [("id", .uuid), ("case_type", .string), ("unit_id", .uuid), ("key", .string), ("year", .int), ("held_on", .string),
                              ("attendees", .string), ("note", .string), ("created_by", .uuid), ("created_at", .int64)]),
        // 037: mediators' origins and attestations (MD-02).
        ("mediator_profiles", [("user_id", .uuid), ("origin", .string), ("capacity", .string), ("capacity_note", .string), ("attestation", .string),
                               ("recorded_on", .string), ("recorded_by", .uuid), ("updated_at", .int64)]),
        // 036: weekly meetings (MD-45).
        ("weekly_meetings", [("id", .uuid), ("case_type", .string), ("unit_id", .uuid), ("week", .string), ("held_on", .string), ("start_time", .string),
                             ("minutes", .int), ("chair_id", .uuid), ("recorder_id", .uuid), ("attendees", .string), ("record", .string),
                             ("created_by", .uuid), ("created_at", .int64)]),
        ("recurrence_keys", [("case_type", .string), ("key", .string), ("registered_on", .string), ("case_id", .uuid), ("case_number", .string)]),
        ("complaint_cluster_alerts", [("respondent_id", .uuid), ("alerted_on", .string), ("case_id", .uuid), ("count", .int), ("created_at", .int64)]),
        ("case_links", [("id", .uuid), ("from_case_id", .uuid), ("to_case_id", .uuid), ("relation", .string), ("created_at", .int64)]),
        ("clocks", [("id", .uuid), ("case_id", .uuid), ("unit_id", .uuid), ("handler_id", .uuid), ("step", .string), ("rule_set", .string),
                    ("rule", .string), ("start_date", .string), ("due_date", .string), ("provisional", .bool), ("rule_unconfirmed", .bool),
                    ("calendar_revision", .int), ("ended_on", .string), ("cancelled_on", .string), ("late", .bool), ("reminder_stage", .int),
                    ("created_at", .int64), ("updated_at", .int64), ("start_at", .int64), ("due_at", .int64), ("ended_at", .int64),
                    ("measure", .bool), ("early_reminders", .int)]),
        ("clock_records", [("id", .uuid), ("clock_id", .uuid), ("kind", .string), ("from_date", .string), ("to_date", .string), ("count", .int),
                           ("ground", .string), ("approver_id", .uuid), ("approver_name", .string), ("granted_on", .string), ("created_at", .int64)]),
        ("clock_extension_requests", [("id", .uuid), ("clock_id", .uuid), ("case_id", .uuid), ("count", .int), ("ground", .string), ("approver_id", .uuid),
                                      ("approver_name", .string), ("requested_by", .uuid), ("requested_on", .string), ("status", .string),
                                      ("confirmed_on", .string), ("created_at", .int64), ("updated_at", .int64)]),
        ("unit_cards", [("id", .uuid), ("unit_id", .uuid), ("year", .int), ("color", .string), ("clock_id", .uuid), ("case_id", .uuid),
                        ("reason", .string), ("created_at", .int64)]),
        ("template_versions", [("id", .uuid), ("code", .string), ("version", .int), ("name_zh", .string), ("doc_class", .string), ("type_word", .string),
                               ("fields", .string), ("has_stub", .bool), ("needs_service", .bool), ("sealed", .bool), ("stub_summary", .string),
                               ("body", .string), ("effective_from", .string), ("created_at", .int64), ("created_by", .string)]),
        ("document_sequences", [("id", .uuid), ("unit_id", .uuid), ("type_word", .string), ("year", .int), ("last_serial", .int)]),
        ("reserved_blocks", [("id", .uuid), ("unit_id", .uuid), ("type_word", .string), ("year", .int), ("first_serial", .int), ("last_serial", .int),
                             ("note", .string), ("created_at", .int64), ("created_by", .string)]),
        ("reserved_forms", [("id", .uuid), ("block_id", .uuid), ("serial", .int), ("number", .string), ("state", .string), ("case_ref", .string),
                            ("used_on", .string), ("reason", .string), ("updated_at", .int64)]),
        ("documents", [("id", .uuid), ("case_id", .uuid), ("unit_id", .uuid), ("template_code", .string), ("template_version", .int),
                       ("type_word", .string), ("year", .int), ("serial", .int), ("number", .string), ("state", .string), ("recipient", .string),
                       ("issuer", .string), ("values", .string), ("issued_on", .string), ("content_sha256", .string), ("void_reason", .string),
                       ("created_at", .int64), ("created_by", .string)]),
        ("service_records", [("id", .uuid), ("document_id", .uuid), ("case_id", .uuid), ("method", .string), ("recipient", .string),
                             ("served_on", .string), ("effective_on", .string), ("proof", .string), ("created_at", .int64), ("created_by", .string)]),
        ("archives", [("id", .uuid), ("case_id", .uuid), ("unit_id", .uuid), ("archive_number", .string), ("fonds", .string), ("year", .int),
                      ("retention_code", .string), ("item", .int), ("archived_on", .string), ("retention_ends", .string), ("destroyed_on", .string),
                      ("created_at", .int64)]),
        ("case_holds", [("id", .uuid), ("case_id", .uuid), ("kind", .string), ("note", .string), ("released_on", .string), ("created_at", .int64)]),
        ("destruction_proposals", [("id", .uuid), ("unit_id", .uuid), ("status", .string), ("body", .string), ("version", .int),
                                   ("created_at", .int64), ("updated_at", .int64)]),
        ("publications", [("id", .uuid), ("case_id", .uuid), ("unit_id", .uuid), ("title", .string), ("text", .string), ("channel", .string),
                          ("reviewer", .string), ("published_at", .int64)]),
        ("idempotency_keys", [("id", .uuid), ("user_id", .uuid), ("key", .string), ("route", .string), ("status", .int), ("body", .string),
                              ("created_at", .int64)]),
    ]

    /// The tables the backup knows, for a test that every table is covered.
    public static var tableNames: [String] { tables.map(\.0).sorted() }

    public struct Manifest: Codable, Sendable, Equatable {
        public var format = 1
        public var createdAt: Int64
        public var tables: [String: Int]
        /// Path under the files directory → SHA-256 of the file (its content address).
        public var files: [String: String]
        /// Files the snapshot's attachments name that were gone when the backup copied files (a case
        /// destroyed after the snapshot, DOC-44); nil or empty in a whole backup.
        public var missing: [String]?
    }

    /// Writes `dir/tables/*.jsonl`, `dir/files/…` and `dir/manifest.json`. PLT-56: every table is
    /// read in one snapshot (REPEATABLE READ on PostgreSQL, one read transaction on SQLite in WAL
    /// mode), so a write that commits meanwhile is wholly in or wholly out; rows are streamed to the
    /// files as they are read (memory does not grow with the database, X-09). The files copied are
    /// exactly those the snapshot's attachments name — stored files are content-addressed and never
    /// change, so copying them after the snapshot gives the snapshot's files.
    public func backup(to dir: String, filesRoot: String) async throws -> Manifest {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/tables", withIntermediateDirectories: true)
        let isPG = try SQLSupport.dialect(store.db) == .postgres
        let (counts, shas): ([String: Int], Set<String>) = try await store.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            if isPG { try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").run() }
            var counts: [String: Int] = [:]
            var shas = Set<String>()
            for (table, columns) in Self.tables {
                let sink = try TableSink(path: "\(dir)/tables/\(table).jsonl", columns: columns, collect: table == "attachments" ? "sha256" : nil)
                try await sql.select().columns(columns.map { SQLColumn($0.0) }).from(table).run { row in sink.append(row) }
                let (n, collected) = try sink.finish()
                counts[table] = n
                shas.formUnion(collected)
            }
            return (counts, shas)
        }
        var files: [String: String] = [:]
        var missing: [String] = []
        for sha in shas.sorted() {
            let rel = "\(sha.prefix(2))/\(sha.dropFirst(2))"
            let src = "\(filesRoot)/\(rel)", dst = "\(dir)/files/\(rel)"
            guard fm.fileExists(atPath: src) else {
                missing.append(sha)
                continue
            }
            try fm.createDirectory(atPath: (dst as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if !fm.fileExists(atPath: dst) { try fm.copyItem(atPath: src, toPath: dst) }
            files[rel] = sha
        }
        let manifest = Manifest(createdAt: store.clock.nowMillis, tables: counts, files: files, missing: missing.isEmpty ? nil : missing)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try enc.encode(manifest).write(to: URL(fileURLWithPath: dir + "/manifest.json"))
        return manifest
    }

    /// Loads a backup into this (migrated, empty) database and copies its files. Refuses a
    /// database that already holds users or events: nothing is overwritten. Tables are read
    /// line by line and inserted in batches, so memory does not grow with the backup (X-09); every
    /// file is checked against its content address and every table against the manifest's count
    /// before anything is kept (a damaged backup restores nothing).
    public func restore(from dir: String, filesRoot: String) async throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: dir + "/manifest.json") else {
            throw DomainError.invalid([FieldError(field: "dir", rule: "PLT-56", code: "backup.manifest.missing", messageZH: "\(dir) 中没有 manifest.json")])
        }
        let manifest = try JSONDecoder().decode(Manifest.self, from: data)
        let existing = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let events = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_events").first()?
            .decode(column: "n", as: Int.self) ?? 0
        guard existing == 0 && events == 0 else {
            throw DomainError(.conflict, code: "restore.not-empty", messageZH: "目标数据库不是空库（已有用户或审计事件），为避免覆盖，恢复已取消", ruleID: "PLT-56")
        }
        // Every file first: a backup with a missing or altered file restores nothing.
        for rel in manifest.files.keys {
            guard let bytes = FileManager.default.contents(atPath: "\(dir)/files/\(rel)") else {
                throw StoreError.corrupt("backup file \(rel) is missing")
            }
            guard AuditChain.hex(Array(SHA256.hash(data: bytes))) == rel.filter({ $0 != "/" }) else {
                throw StoreError.corrupt("backup file \(rel) does not match its content address")
            }
        }
        try await store.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.delete(from: "audit_head").run()
            // Migration 018 seeded version 1 of the category tree; the backup holds it with its ids.
            for seeded in ["violation_categories", "violation_category_versions"] { try await sql.delete(from: seeded).run() }
            for (table, columns) in Self.tables {
                guard let lines = LineReader(path: "\(dir)/tables/\(table).jsonl") else { continue }
                let per = SQLSupport.rowsPerInsert(columns: columns.count)
                var rows: [[any SQLExpression]] = []
                var n = 0
                while let line = try lines.next() {
                    guard !line.isEmpty else { continue }
                    guard let values = try JSONSerialization.jsonObject(with: line) as? [Any], values.count == columns.count else {
                        throw StoreError.corrupt("\(table): bad line")
                    }
                    rows.append(try zip(values, columns).map { v, c in try Self.bind(v, c.1) })
                    n += 1
                    if rows.count == per {
                        try await sql.insert(into: table).columns(columns.map(\.0)).rows(rows).run()
                        rows.removeAll(keepingCapacity: true)
                    }
                }
                if !rows.isEmpty { try await sql.insert(into: table).columns(columns.map(\.0)).rows(rows).run() }
                if let expected = manifest.tables[table], expected != n {
                    throw StoreError.corrupt("\(table): the manifest counts \(expected) rows, the backup holds \(n)")
                }
            }
            // `cases.next_due` is derived from the clocks (migration 009), so it is not in the
            // backup: written again from the restored clocks.
            try await ClockRepository.refreshNextDue(sql, openCasesOnly: true)
        }
        let fm = FileManager.default
        for rel in manifest.files.keys.sorted() {
            let dst = "\(filesRoot)/\(rel)"
            if fm.fileExists(atPath: dst) { continue }
            try fm.createDirectory(atPath: (dst as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fm.copyItem(atPath: "\(dir)/files/\(rel)", toPath: dst)
        }
        return manifest
    }

    static func bind(_ v: Any, _ kind: Kind) throws -> any SQLExpression {
        if v is NSNull { return SQLLiteral.null }
        switch kind {
        case .uuid:
            guard let s = v as? String, let u = UUID(uuidString: s) else { throw StoreError.corrupt("uuid") }
            return SQLBind(u)
        case .string:
            guard let s = v as? String else { throw StoreError.corrupt("string") }
            return SQLBind(s)
        case .int:
            guard let n = v as? NSNumber else { throw StoreError.corrupt("int") }
            return SQLBind(n.intValue)
        case .int64:
            guard let n = v as? NSNumber else { throw StoreError.corrupt("int64") }
            return SQLBind(n.int64Value)
        case .bool:
            guard let n = v as? NSNumber else { throw StoreError.corrupt("bool") }
            return SQLBind(n.boolValue)
        }
    }
}
