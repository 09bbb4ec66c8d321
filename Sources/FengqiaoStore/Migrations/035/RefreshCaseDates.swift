import FengqiaoCore
import FluentKit
import SQLKit

/// 035: the `case_dates` rows of the named case types rewritten from their facts, after their
/// procedures began declaring statistic dates (MD-41: mediation's 台帐 counted in the database).
public struct RefreshCaseDates: AsyncMigration {
    let procedures: ProcedureRegistry
    let caseTypes: [String]
    public init(procedures: ProcedureRegistry = .shipped, caseTypes: [String]) {
        self.procedures = procedures
        self.caseTypes = caseTypes
    }

    public var name: String { "RefreshCaseDates(\(caseTypes.joined(separator: ",")))" }

    public func prepare(on db: any Database) async throws {
        let sql = try SQLSupport.sql(db)
        for p in procedures.procedures where caseTypes.contains(p.caseType) {
            try await sql.delete(from: "case_dates").where("case_type", .equal, SQLBind(p.caseType)).run()
            try await sql.delete(from: "case_tags").where("case_type", .equal, SQLBind(p.caseType)).run()
            try await CaseStatistics.backfill(p, on: sql)
        }
    }

    public func revert(on db: any Database) async throws {}
}
