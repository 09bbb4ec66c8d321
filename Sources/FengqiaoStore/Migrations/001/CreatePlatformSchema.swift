import FengqiaoCore
import FluentKit
import SQLKit

// Migration 001: the platform tables (units, users, roles, qualifications, conflicts, parties,
// search terms, case links, audit chain, sessions, tokens, attachments, idempotency keys).
// Append-only: later changes are new migrations in later folders.

public struct CreateUnits: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("units")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .uuid)
            .field("area_code", .string)
            .field("number_prefix", .string)
            .field("active", .bool, .required)
            .field("created_at", .int64, .required)
            .unique(on: "code")
            .create()
    }
    public func revert(on db: any Database) async throws { try await db.schema("units").delete() }
}

public struct CreateUsers: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("users")
            .id()
            .field("login", .string, .required)
            .field("name", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("phone", .string)
            .field("certificate_number", .string)
            .field("password_hash", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("password_changed_at", .int64, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .int64)
            .field("active", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .unique(on: "login")
            .create()
        try await db.schema("role_assignments")
            .id()
            .field("user_id", .uuid, .required)
            .field("role_code", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("scope", .string, .required)
            .unique(on: "user_id", "role_code", "unit_id")
            .create()
        try await db.schema("qualifications")
            .id()
            .field("user_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("issuer", .string, .required)
            .field("obtained_on", .string, .required)
            .field("expires_on", .string)
            .field("revoked", .bool, .required)
            .field("created_at", .int64, .required)
            .create()
        try await db.schema("conflicts")
            .id()
            .field("user_id", .uuid, .required)
            .field("party_id", .uuid, .required)
            .field("relation", .string, .required)
            .field("note", .string)
            .field("created_at", .int64, .required)
            .create()
    }
    public func revert(on db: any Database) async throws {
        for t in ["conflicts", "qualifications", "role_assignments", "users"] { try await db.schema(t).delete() }
    }
}

public struct CreateParties: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("parties")
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("uscc", .string)
            .field("id_number_cipher", .string)
            .field("id_number_index", .string)
            .field("id_number_masked", .string)
            .field("person_key", .string)
            .field("representative", .string)
            .field("phone_cipher", .string)
            .field("phone_masked", .string)
            .field("address_cipher", .string)
            .field("address_masked", .string)
            .field("industry", .string)
            .field("licence_term_end", .string)
            .field("unit_id", .uuid, .required)
            .field("identity_unverified", .bool, .required)
            .field("merged_into", .uuid)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "uscc")
            .unique(on: "person_key")
            .create()
        try await db.schema("party_terms")
            .field("party_id", .uuid, .required)
            .field("term", .string, .required)
            .create()
        try await db.schema("party_case_links")
            .id()
            .field("party_id", .uuid, .required)
            .field("case_id", .uuid, .required)
            .field("case_number", .string, .required)
            .field("module", .string, .required)
            .field("state", .string, .required)
            .field("opened_on", .string, .required)
            .field("unit_id", .uuid, .required)
            .create()
    }
    public func revert(on db: any Database) async throws {
        for t in ["party_case_links", "party_terms", "parties"] { try await db.schema(t).delete() }
    }
}

public struct CreateAudit: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("audit_events")
            .field("seq", .int64, .identifier(auto: false))
            .field("at", .int64, .required)
            .field("action", .string, .required)
            .field("object_type", .string, .required)
            .field("object_id", .string)
            .field("user_id", .string)
            .field("user_login", .string)
            .field("unit_id", .string)
            .field("client_address", .string)
            .field("request_id", .string)
            .field("changes", .string, .required)
            .field("detail", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await db.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .field("algorithm", .string, .required)
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("audit_head").delete()
        try await db.schema("audit_events").delete()
    }
}

public struct CreateAccess: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required)
            .field("csrf_token", .string, .required)
            .field("created_at", .int64, .required)
            .field("last_seen", .int64, .required)
            .field("ended", .bool, .required)
            .unique(on: "token_hash")
            .create()
        try await db.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required)
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("scopes", .string, .required)
            .field("created_at", .int64, .required)
            .field("revoked_at", .int64)
            .field("last_used", .int64)
            .unique(on: "token_hash")
            .create()
        try await db.schema("attachments")
            .id()
            .field("sha256", .string, .required)
            .field("size", .int64, .required)
            .field("media_type", .string, .required)
            .field("kind", .string, .required)
            .field("filename", .string, .required)
            .field("case_id", .uuid)
            .field("uploader_id", .uuid, .required)
            .field("created_at", .int64, .required)
            .create()
        try await db.schema("idempotency_keys")
            .id()
            .field("user_id", .uuid, .required)
            .field("key", .string, .required)
            .field("route", .string, .required)
            .field("status", .int, .required)
            .field("body", .string, .required)
            .field("created_at", .int64, .required)
            .unique(on: "user_id", "key")
            .create()
    }
    public func revert(on db: any Database) async throws {
        for t in ["idempotency_keys", "attachments", "api_tokens", "sessions"] { try await db.schema(t).delete() }
    }
}

/// Indexes the schema builder cannot express, created through the dialect file.
public struct CreatePlatformIndexes: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        let sql = try SQLSupport.sql(db)
        for (name, table, cols) in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: table) (\(unsafeRaw: cols))").run()
        }
    }
    public func revert(on db: any Database) async throws {
        let sql = try SQLSupport.sql(db)
        for (name, _, _) in Self.indexes { try await sql.raw("DROP INDEX \(unsafeRaw: name)").run() }
    }
    static let indexes = [
        ("idx_party_terms_term", "party_terms", "term, party_id"),
        ("idx_party_terms_party", "party_terms", "party_id"),
        ("idx_parties_unit", "parties", "unit_id"),
        ("idx_parties_id_number", "parties", "id_number_index"),
        ("idx_party_case_links_party", "party_case_links", "party_id"),
        ("idx_role_assignments_user", "role_assignments", "user_id"),
        ("idx_audit_object", "audit_events", "object_type, object_id"),
        ("idx_audit_user", "audit_events", "user_login"),
        ("idx_audit_at", "audit_events", "at"),
        ("idx_attachments_sha", "attachments", "sha256"),
        ("idx_conflicts_user", "conflicts", "user_id, party_id"),
    ]
}

/// Every migration in order. Append only.
public enum Migrations {
    /// The migrations of the shipped procedures.
    public static let all: [any Migration] = all(.shipped)

    /// The migrations, in order; `procedures` are the ones whose existing cases a data migration reads (033).
    public static func all(_ procedures: ProcedureRegistry) -> [any Migration] { [
        CreateUnits(),            // 001 units tree
        CreateUsers(),            // 001 users, roles, qualifications, conflicts
        CreateParties(),          // 001 parties, search terms, case links
        CreateAudit(),            // 001 audit chain and head
        CreateAccess(),           // 001 sessions, API tokens, attachments, idempotency
        CreatePlatformIndexes(),  // 001 secondary indexes
        SeedAuditHead(),          // 001 the audit head row
        CreateCalendarRevisions(), // 002 calendar revisions (CAL-03)
        CreateJobs(),             // 002 scheduler jobs (CAL-43)
        CreateRuleSetVersions(),  // 002 time-limit rule-set versions (CAL-20…22)
        CreateNotifications(),    // 002 the in-app inbox (CAL-41)
        CreateCases(),            // 003 the generic case (X-05, CAL-21)
        CreateClocks(),           // 003 step clocks, suspensions and extensions (CAL-30…32)
        CreateUnitCards(),        // 003 red and yellow cards (CAL-42)
        CreateTemplateVersions(), // 004 template versions edited by the legal department (DOC-01)
        CreateDocumentNumbering(), // 004 number sequences and reserved blocks (DOC-10…12)
        CreateIssuedDocuments(),  // 004 issued documents and service records (DOC-11, DOC-30)
        CreateArchives(),         // 004 archive numbers, holds, destruction proposals (DOC-42, DOC-50)
        CreatePublications(),     // 005 the typical-case library, masked (DOC-60)
        CreateRoles(),            // 006 roles edited by the security administrator (PLT-03, PLT-04)
        AddProcedureState(),      // 007 procedure facts, category and links on cases (issue 5)
        CreateRatings(),          // 008 anonymous ratings of interviews (IV-24)
        AddCaseNextDue(),         // 009 each open case's earliest running due date, for the worklists
        CreateCaseWaiting(),      // 010 who besides the handler a case waits on (IV-12 interviewers)
        CreateRevisits(),         // 011 revisits of closed interviews, for satisfaction (ST-06, ST-21)
        AddClockInstants(),       // 012 start, due and end instants of hour clocks (CAL-13)
        CreateClockExtensionRequests(), // 012 extension requests confirmed by the named approver (CAL-32, X-02)
        MoveScoresToChildTables(), // 013 revisit and rating scores per declared dimension (issue 12)
        CreateCasePeople(),       // 014 everyone a case has waited on or who acted on it (PLT-05 `own` scope)
        CreateExperts(),          // 015 the expert pool and experts' participation in cases (PLT-08)
        CreateTimedFirings(),     // 016 one row per clock that fired a timed transition (CAL-43, PA-27)
        CreateCaseReaders(),      // 016 units keeping read access to a case moved away from them (issue 12 item 4)
        CreateCaseSubtasks(),     // 017 parallel sub-tasks on a case, one per unit asked, with clock and reply (PA-24, PA-25)
        CreateViolationCategories(), // 018 the shared violation-category tree, versioned, seeded with version 1 (PLT-16)
        CreateTraining(),         // 019 training courses and results per person (PLT-07)
        AddClockMeasure(),        // 020 clocks that only measure an indicator (issue 12 item 6: no reminders, cards or worklist order)
        AddCaseOwnerUnit(),       // 021 the unit that accepted a case, owner of its revisits after a move (谁受理谁回访, ST-21, MD-34)
        CreateTimedRefusals(),    // 021 a refused timed transition waits for the next working day (CAL-43)
        CreateIndicatorTargets(), // 022 indicator targets and the annual weight set per procedure and year (statistics.md, ST-10)
        CreateCaseKeys(),         // 023 keys unique among a procedure's cases (a complaint's platform number, CP-43)
        CreateCampaignsAndServicePoints(), // 024 专项行动 with counters and cases; service points and 挂牌 targets (CP-40)
        CreateComplaintImports(), // 025 imports of the 12315 platform's and hotline's exports, their raw rows and items (CP-43)
        CreateComplaintSignals(), // 025 what CP-35 merge proposals, cluster alerts and CP-36 高频 flags compare, by index
        CreateStatisticsSnapshots(), // 026 figures of a closed period frozen as they stood (ST-03, CP-38)
        AddClockEarlyReminders(), // 029 early reminders sent per clock (complaints.md "Reminders and escalations")
        CreatePlatformSync(),     // 032 the 12315 platform pull's state and lease, and the status outbox (CP-43)
        CreateCaseDates(procedures: procedures), // 033 the days and values statistics count cases by, indexed (CP-38; filled from existing facts)
        CreateRecurrenceKeys(),   // 034 the keys MD-48's 多发矛盾 and the duplicate warning compare, by index
        RefreshCaseDates(procedures: procedures, caseTypes: [MediationProcedure.caseType]), // 035 mediation's statistic dates, so its 台帐 is counted (MD-41)
        CreateWeeklyMeetings(),   // 036 weekly meetings per unit and week (MD-45), and the audit index their pack reads by
        CreateMediatorProfiles(), // 037 a mediator's origin and 第四条 attestation (MD-02)
        CreatePeriodicRecords(),  // 038 records owed once a year in a window (MD-44: 联席会议, Q4 inspection)
    ] }
}

/// Seeds the audit head row the write path locks (see `Store.write`).
public struct SeedAuditHead: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await SQLSupport.sql(db).insert(into: "audit_head")
            .columns("id", "seq", "hash", "algorithm")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(AuditChain.genesis), SQLBind("unset"))
            .run()
    }
    public func revert(on db: any Database) async throws {
        try await SQLSupport.sql(db).delete(from: "audit_head").run()
    }
}
