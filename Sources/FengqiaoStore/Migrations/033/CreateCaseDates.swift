import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

// Migration 033: the days and values a procedure's statistics count its cases by
// (`Procedure.statisticDates`, `Procedure.statisticKeys`: CP-38's receipt and conclusion, channel and
// category), one row each, written with every write of the case so the monthly analysis is a
// grouped count over an index rather than every case's facts decoded (issue 14's benchmark). The
// rules are Swift, so the rows of the cases that already exist are filled here by decoding their
// facts through the registry, a page of cases at a time.
//
// Each date also has a row per other date and per value of the same case (`pair_key` `date:K` or
// `tag:K`, `pair_value` that date or value; the date's own row has an empty `pair_key`), so "received
// in the month and concluded by the freeze day" or "received in the month, by channel" is one range
// of the index with no join: joining the rows of one case to another cost 2× the hand-written SQL at
// 1,000,000 complaints (a probe per case), the pairs cost a scan of the range.

public struct CreateCaseDates: AsyncMigration {
    let procedures: ProcedureRegistry
    public init(procedures: ProcedureRegistry = .shipped) { self.procedures = procedures }

    public func prepare(on db: any Database) async throws {
        try await db.schema("case_dates")
            .field("case_id", .uuid, .required)
            .field("case_type", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("key", .string, .required)
            .field("day", .string, .required)
            .field("pair_key", .string, .required)
            .field("pair_value", .string, .required)
            .unique(on: "case_id", "key", "pair_key")
            .create()
        try await db.schema("case_tags")
            .field("case_id", .uuid, .required)
            .field("case_type", .string, .required)
            .field("key", .string, .required)
            .field("value", .string, .required)
            .unique(on: "case_id", "key")
            .create()
        let sql = try SQLSupport.sql(db)
        // The counts read a range of days of one type, key and pair, with the pair's value and the unit: all in the index.
        try await sql.create(index: "idx_case_dates_count").on("case_dates").column("case_type").column("key").column("pair_key").column("day")
            .column("pair_value").column("unit_id").run()
        for p in procedures.procedures { try await CaseStatistics.backfill(p, on: sql) }
    }

    public func revert(on db: any Database) async throws {
        try await db.schema("case_tags").delete()
        try await db.schema("case_dates").delete()
    }
}
