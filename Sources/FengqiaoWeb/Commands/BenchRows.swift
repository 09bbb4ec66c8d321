import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The rows of the cases the bench writes in bulk, for any procedure: the case with its facts, its
/// party link, its running clock and what its statistics count it by (`case_dates`, `case_tags`,
/// migration 033) — as the store's own writes would leave them.
struct BenchRows {
    var cases: [[BulkValue]] = [], links: [[BulkValue]] = [], clocks: [[BulkValue]] = [], dates: [[BulkValue]] = [], tags: [[BulkValue]] = []
    var ids: [UUID] = []

    static let caseColumns = ["id", "unit_id", "case_type", "number", "title", "gravity", "state", "handler_id", "opened_on", "rule_versions", "closed_on",
                              "version", "created_at", "updated_at", "facts", "category", "counts_as_prior"]
    static let linkColumns = ["id", "party_id", "case_id", "case_number", "module", "state", "opened_on", "unit_id"]

    /// One open case of `q` in `state`, opened on `start`, whose clock runs for `step` of `rules`.
    mutating func add<Q: Procedure>(_ q: Q.Type, id: UUID, number: String, title: String, unit: UUID, handler: UUID?, state: String, party: UUID,
                                    start: LocalDate, clockStart: LocalDate, facts: Q.Facts, major: Bool, serial: Int, step: String, rules: RuleSet,
                                    calendar: WorkCalendar, encoder: JSONEncoder) throws {
        guard let rule = rules.rule(step) else { throw Abort(.internalServerError, reason: "bench: no rule \(step) in \(rules.key)") }
        ids.append(id)
        cases.append([
            .uuid(id), .uuid(unit), .text(Q.caseType), .text(number), .text(title), .text(major ? "major" : "ordinary"), .text(state),
            handler.map(BulkValue.uuid) ?? .null, .text(start.iso), .text("{\"\(rules.key)\":\(rules.version)}"), .null, .int(1), .int(0), .int(Int64(serial)),
            .text(String(decoding: try encoder.encode(facts), as: UTF8.self)), .optionalText(Q.category(facts)), .bool(Q.countsAsPrior(facts)),
        ])
        links.append([.uuid(UUID()), .uuid(party), .uuid(id), .text(title), .text(Q.caseType), .text(state), .text(start.iso), .uuid(unit)])
        let due = rule.due(from: clockStart, in: calendar)
        clocks.append([.uuid(UUID()), .uuid(id), .uuid(unit), handler.map(BulkValue.uuid) ?? .null, .text(step), .text("\(rules.key)@\(rules.version)"),
                       .text(ClockRepository.encode(rule)), .text(clockStart.iso), .text(due.date.iso), .bool(due.provisional), .bool(false),
                       .int(Int64(calendar.revision)), .null, .null, .bool(false), .int(1), .int(0), .int(0)])
        let stats = CaseStatistics.bulkRows(Q.self, caseID: id, unitID: unit, facts: facts)
        dates += stats.dates
        tags += stats.tags
    }

    /// A companion case (`BenchPlan.companions`): its facts played by its own seeding in the seed's state.
    mutating func addCompanion<C: BenchSeeded>(_ c: C.Type, seed: BenchSeed, cast: BenchCast, unit: UUID, unitCode: String, year: Int, serial: Int,
                                               rules: [RuleSet], calendar: WorkCalendar, encoder: JSONEncoder, random: UInt64) throws {
        let plan = C.seeding
        let state = plan.openStates[Int(random % UInt64(plan.openStates.count))]
        let seed = BenchSeed(state: state, party: seed.party, partyName: seed.partyName, openedOn: seed.openedOn, serial: seed.serial, counterpart: seed.counterpart)
        guard let step = plan.clockStep[state], let set = rules.first(where: { $0.key == C.ruleSetKey }) else {
            throw Abort(.internalServerError, reason: "bench: no clock or rule set for \(C.caseType) state \(state)")
        }
        try add(C.self, id: UUID(), number: CaseNumber(unitCode: unitCode, moduleCode: C.module.moduleCode, year: year, serial: serial).formatted,
                title: "基准\(C.nameZH)\(seed.serial)", unit: unit, handler: nil, state: state, party: seed.party, start: seed.openedOn,
                clockStart: seed.openedOn, facts: try plan.facts(seed, cast), major: false, serial: seed.serial, step: step, rules: set, calendar: calendar,
                encoder: encoder)
    }

    /// Writes the rows in the transaction.
    func insert(_ tx: WriteTx) async throws {
        try await SQLSupport.bulkInsert(tx.sql, into: "cases", columns: Self.caseColumns, rows: cases)
        try await SQLSupport.bulkInsert(tx.sql, into: "party_case_links", columns: Self.linkColumns, rows: links)
        try await SQLSupport.bulkInsert(tx.sql, into: "clocks", columns: ClockRepository.columns + ["created_at", "updated_at"], rows: clocks)
        try await SQLSupport.bulkInsert(tx.sql, into: "case_dates", columns: CaseStatistics.dateColumns, rows: dates)
        try await SQLSupport.bulkInsert(tx.sql, into: "case_tags", columns: CaseStatistics.tagColumns, rows: tags)
        try await ClockRepository.refreshNextDue(tx.sql, caseIDs: ids)
    }
}
