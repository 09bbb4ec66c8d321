import FengqiaoCore
import FluentKit
import Foundation

// Fluent models are internal to the store: repositories return core values, never these
// (STYLE habit 2). They are `@unchecked Sendable` because Fluent's property wrappers are mutable
// reference types; each instance is confined to the task that loaded it.

final class UnitModel: Model, @unchecked Sendable {
    static let schema = "units"
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "parent_id") var parentID: UUID?
    @OptionalField(key: "area_code") var areaCode: String?
    @OptionalField(key: "number_prefix") var numberPrefix: String?
    @Field(key: "active") var active: Bool
    @Field(key: "created_at") var createdAt: Int64
    init() {}

    var domain: OrgUnit {
        OrgUnit(id: id!, code: code, name: name, kind: UnitKind(rawValue: kind) ?? .office, parentID: parentID,
             areaCode: areaCode, numberPrefix: numberPrefix, active: active)
    }
}

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(key: .id) var id: UUID?
    @Field(key: "login") var login: String
    @Field(key: "name") var name: String
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "certificate_number") var certificateNumber: String?
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "password_changed_at") var passwordChangedAt: Int64
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Int64?
    @Field(key: "active") var active: Bool
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}

final class RoleAssignmentModel: Model, @unchecked Sendable {
    static let schema = "role_assignments"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "role_code") var roleCode: String
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "scope") var scope: String
    init() {}
}

final class QualificationModel: Model, @unchecked Sendable {
    static let schema = "qualifications"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "issuer") var issuer: String
    @Field(key: "obtained_on") var obtainedOn: String
    @OptionalField(key: "expires_on") var expiresOn: String?
    @Field(key: "revoked") var revoked: Bool
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}

final class ConflictModel: Model, @unchecked Sendable {
    static let schema = "conflicts"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "party_id") var partyID: UUID
    @Field(key: "relation") var relation: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}

final class PartyModel: Model, @unchecked Sendable {
    static let schema = "parties"
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @OptionalField(key: "uscc") var uscc: String?
    @OptionalField(key: "id_number_cipher") var idNumberCipher: String?
    @OptionalField(key: "id_number_index") var idNumberIndex: String?
    @OptionalField(key: "id_number_masked") var idNumberMasked: String?
    /// The blind index of a natural person's ID number: unique, so a person is recorded once (PLT-12).
    /// An individual business's operator may run several businesses, so theirs is not unique.
    @OptionalField(key: "person_key") var personKey: String?
    @OptionalField(key: "representative") var representative: String?
    @OptionalField(key: "phone_cipher") var phoneCipher: String?
    @OptionalField(key: "phone_masked") var phoneMasked: String?
    @OptionalField(key: "address_cipher") var addressCipher: String?
    @OptionalField(key: "address_masked") var addressMasked: String?
    @OptionalField(key: "industry") var industry: String?
    @OptionalField(key: "licence_term_end") var licenceTermEnd: String?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "identity_unverified") var identityUnverified: Bool
    /// Set when this record was merged into another (PLT-12); it stays, but lists hide it.
    @OptionalField(key: "merged_into") var mergedInto: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Int64
    @Field(key: "updated_at") var updatedAt: Int64
    init() {}

    var summary: PartySummary {
        PartySummary(id: id!, kind: PartyKind(rawValue: kind) ?? .other, name: name, uscc: uscc, idNumberMasked: idNumberMasked,
                     representative: representative, phoneMasked: phoneMasked, addressMasked: addressMasked, industry: industry,
                     licenceTermEnd: licenceTermEnd.flatMap { LocalDate(iso: $0) }, unitID: unitID,
                     identityUnverified: identityUnverified, mergedInto: mergedInto, version: version)
    }
}

final class SessionModel: Model, @unchecked Sendable {
    static let schema = "sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "user_id") var userID: UUID
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Int64
    @Field(key: "last_seen") var lastSeen: Int64
    @Field(key: "ended") var ended: Bool
    init() {}
}

final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "scopes") var scopes: String
    @Field(key: "created_at") var createdAt: Int64
    @OptionalField(key: "revoked_at") var revokedAt: Int64?
    @OptionalField(key: "last_used") var lastUsed: Int64?
    init() {}
}

final class AttachmentModel: Model, @unchecked Sendable {
    static let schema = "attachments"
    @ID(key: .id) var id: UUID?
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int64
    @Field(key: "media_type") var mediaType: String
    @Field(key: "kind") var kind: String
    @Field(key: "filename") var filename: String
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "uploader_id") var uploaderID: UUID
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}

final class IdempotencyModel: Model, @unchecked Sendable {
    static let schema = "idempotency_keys"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "key") var key: String
    @Field(key: "route") var route: String
    @Field(key: "status") var status: Int
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Int64
    init() {}
}
