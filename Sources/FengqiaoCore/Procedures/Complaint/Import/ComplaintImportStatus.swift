import Foundation

/// What became of one row of an import (CP-43).
public enum ImportRowOutcome: String, Sendable, Codable, CaseIterable {
    /// A new item: its complaint (and report track) registered.
    case created
    /// A known item whose content changed: updated, with an audit entry.
    case updated
    /// A known item, nothing changed; or a second row of the file with the same number.
    case unchanged
    /// Refused with reasons; the raw row is kept.
    case refused

    public var nameZH: String {
        switch self {
        case .created: "新登记"
        case .updated: "已更新"
        case .unchanged: "无变化"
        case .refused: "未导入"
        }
    }
}

/// One row's result, as the import page and the API report it.
public struct ImportRowResult: Sendable, Equatable, Codable {
    /// The row number a user sees in the spreadsheet (the header is row 1); the item's position in a JSON array plus 1.
    public let row: Int
    public let externalNo: String?
    public let outcome: ImportRowOutcome
    /// The numbers of the cases the row registered or found (complaint, report).
    public let caseNumbers: [String]
    public let errors: [FieldError]

    public init(row: Int, externalNo: String?, outcome: ImportRowOutcome, caseNumbers: [String], errors: [FieldError]) {
        self.row = row
        self.externalNo = externalNo
        self.outcome = outcome
        self.caseNumbers = caseNumbers
        self.errors = errors
    }
}

/// An import's progress and result (CP-43): it runs as a background job; the page and the API poll this.
public struct ComplaintImportStatus: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable {
        case queued, running, done, failed

        public var nameZH: String {
            switch self {
            case .queued: "排队中"
            case .running: "导入中"
            case .done: "已完成"
            case .failed: "失败"
            }
        }
    }

    public let id: UUID
    public let unitID: UUID
    public let filename: String
    public let state: State
    public let total: Int
    public let processed: Int
    public let created: Int
    public let updated: Int
    public let unchanged: Int
    public let refused: Int
    public let rows: [ImportRowResult]

    public init(id: UUID, unitID: UUID, filename: String, state: State, total: Int, processed: Int, created: Int, updated: Int, unchanged: Int,
                refused: Int, rows: [ImportRowResult]) {
        self.id = id
        self.unitID = unitID
        self.filename = filename
        self.state = state
        self.total = total
        self.processed = processed
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.refused = refused
        self.rows = rows
    }

    /// Whole percent done, for the progress bar.
    public var percent: Int { total == 0 ? 100 : processed * 100 / total }
    public var finished: Bool { state == .done || state == .failed }
}
