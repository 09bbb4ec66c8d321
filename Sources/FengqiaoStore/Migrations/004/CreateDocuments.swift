import FengqiaoCore
import FluentKit
import SQLKit

// Migration 004: documents (DOC-01…31): template versions edited by the legal department, number
// sequences per unit, type word and year, issued documents, reserved blocks of pre-printed forms,
// and service records.

public struct CreateTemplateVersions: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("template_versions")
            .id()
            .field("code", .string, .required)
            .field("version", .int, .required)
            .field("name_zh", .string, .required)
            .field("doc_class", .string, .required)
            .field("type_word", .string, .required)
            .field("fields", .string, .required)
            .field("has_stub", .bool, .required)
            .field("needs_service", .bool, .required)
            .field("sealed", .bool, .required)
            .field("stub_summary", .string, .required)
            .field("body", .string, .required)
            .field("effective_from", .string, .required)
            .field("created_at", .int64, .required)
            .field("created_by", .string, .required)
            .unique(on: "code", "version")
            .create()
    }
    public func revert(on db: any Database) async throws { try await db.schema("template_versions").delete() }
}

public struct CreateDocumentNumbering: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("document_sequences")
            .id()
            .field("unit_id", .uuid, .required)
            .field("type_word", .string, .required)
            .field("year", .int, .required)
            .field("last_serial", .int, .required)
            .unique(on: "unit_id", "type_word", "year")
            .create()
        try await db.schema("reserved_blocks")
            .id()
            .field("unit_id", .uuid, .required)
            .field("type_word", .string, .required)
            .field("year", .int, .required)
            .field("first_serial", .int, .required)
            .field("last_serial", .int, .required)
            .field("note", .string, .required)
            .field("created_at", .int64, .required)
            .field("created_by", .string, .required)
            .create()
        try await db.schema("reserved_forms")
            .id()
            .field("block_id", .uuid, .required)
            .field("serial", .int, .required)
            .field("number", .string, .required)
            .field("state", .string, .required)
            .field("case_ref", .string)
            .field("used_on", .string)
            .field("reason", .string)
            .field("updated_at", .int64, .required)
            .unique(on: "block_id", "serial")
            .create()
    }
    public func revert(on db: any Database) async throws {
        for t in ["reserved_forms", "reserved_blocks", "document_sequences"] { try await db.schema(t).delete() }
    }
}

public struct CreateIssuedDocuments: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("documents")
            .id()
            .field("case_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("template_code", .string, .required)
            .field("template_version", .int, .required)
            .field("type_word", .string, .required)
            .field("year", .int, .required)
            .field("serial", .int)
            .field("number", .string)
            .field("state", .string, .required)
            .field("recipient", .string, .required)
            .field("issuer", .string, .required)
            .field("values", .string, .required)
            .field("issued_on", .string)
            .field("content_sha256", .string)
            .field("void_reason", .string)
            .field("created_at", .int64, .required)
            .field("created_by", .string, .required)
            .unique(on: "number")
            .create()
        try await db.schema("service_records")
            .id()
            .field("document_id", .uuid, .required)
            .field("case_id", .uuid, .required)
            .field("method", .string, .required)
            .field("recipient", .string, .required)
            .field("served_on", .string, .required)
            .field("effective_on", .string, .required)
            .field("proof", .string, .required)
            .field("created_at", .int64, .required)
            .field("created_by", .string, .required)
            .create()
        let sql = try SQLSupport.sql(db)
        try await sql.raw("CREATE INDEX idx_documents_case ON documents (case_id)").run()
        try await sql.raw("CREATE INDEX idx_service_records_document ON service_records (document_id)").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("service_records").delete()
        try await db.schema("documents").delete()
    }
}
