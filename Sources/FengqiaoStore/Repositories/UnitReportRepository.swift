import FengqiaoCore
import Foundation
import SQLKit

/// Monthly reports of a procedure's units and their consolidation (MD-41), stored as frozen
/// statistics (`statistics_snapshots`, migration 026): a unit's report under
/// `{caseType}.report.unit:{unitID}`, a bureau's consolidation under `{caseType}.report.consolidated:{bureauID}`,
/// each for the month reported on. Stored once — a second submission is refused, never overwrites — and read
/// back unchanged whatever later happens to the cases. Generic over the procedure.
public struct UnitReportRepository: Sendable {
    public let store: Store
    public let caseType: String
    public init(store: Store, caseType: String) {
        self.store = store
        self.caseType = caseType
    }

    var unitPrefix: String { "\(caseType).report.unit:" }
    func consolidatedKind(_ bureau: UUID) -> String { "\(caseType).report.consolidated:\(bureau.uuidString)" }

    /// The units' reports on `period` (`2025-10`), by unit.
    public func submitted(period: String) async throws -> [UUID: UnitReport] {
        let rows = try await store.sql.select().columns("kind", "body").from("statistics_snapshots")
            .where("period", .equal, SQLBind(period)).where("kind", .like, SQLBind(unitPrefix + "%")).all()
        var out: [UUID: UnitReport] = [:]
        for row in rows {
            let report = try JSONDecoder().decode(UnitReport.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
            out[report.unitID] = report
        }
        return out
    }

    /// The bureau's consolidation of `period`, if made.
    public func consolidated(period: String, bureau: UUID) async throws -> ConsolidatedReport? {
        try await StatisticsSnapshotRepository(store: store).find(ConsolidatedReport.self, kind: consolidatedKind(bureau), period: period)?.value
    }

    /// Stores a unit's report; refused (409) when the unit has already reported the month.
    public func submit(_ report: UnitReport, titleZH: String, context: AuditContext) async throws {
        let stored = try await StatisticsSnapshotRepository(store: store).freeze(
            report, kind: unitPrefix + report.unitID.uuidString, period: report.period, frozenOn: report.submittedOn,
            summary: "\(report.unitName)报送\(titleZH)（\(report.period)）\(report.onTime ? "" : "，逾期")", context: context)
        guard stored else {
            throw DomainError(.conflict, code: "report.unit.submitted", messageZH: "\(report.unitName)已报送\(report.period)的\(titleZH)，不能重复报送", ruleID: "MD-41")
        }
    }

    /// Stores the bureau's consolidation; refused (409) when the month has been consolidated.
    public func consolidate(_ report: ConsolidatedReport, bureau: UUID, titleZH: String, context: AuditContext) async throws {
        let stored = try await StatisticsSnapshotRepository(store: store).freeze(
            report, kind: consolidatedKind(bureau), period: report.period, frozenOn: report.consolidatedOn,
            summary: "汇总上报\(titleZH)（\(report.period)）：\(report.units.count)个单位已报送，\(report.missing.count)个未报送", context: context)
        guard stored else {
            throw DomainError(.conflict, code: "report.consolidated", messageZH: "\(report.period)的\(titleZH)已汇总上报，不能重复汇总", ruleID: "MD-41")
        }
    }

    /// The units expected to report: those where someone holds a role granting `permission` (the
    /// 调解机构 whose heads submit), among `units` when given.
    public func reportingUnits(holding permission: Permission, among units: Set<UUID>?) async throws -> [UUID] {
        let codes = try await RoleRepository(store: store).catalog().codes(granting: permission)
        guard !codes.isEmpty else { return [] }
        let ids = try await store.sql.select().distinct().column("unit_id").from("role_assignments")
            .where("role_code", .in, SQLBind.group(Array(codes))).all().map { try $0.decode(column: "unit_id", as: UUID.self) }
        return Set(ids).filter { units?.contains($0) ?? true }.sorted { $0.uuidString < $1.uuidString }
    }
}
