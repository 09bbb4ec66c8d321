import FengqiaoCore
import FluentKit
import Foundation
import SQLKit
import Synchronization

/// One stored revision of a year (CAL-03).
public struct CalendarRevision: Sendable, Equatable {
    public let revision: Int
    public let year: Int
    public let notice: String
    public let summary: String
    public let createdAt: Int64
    public let createdBy: String
}

/// What an import changed in one year: the dates whose kind differs (CAL-04 names them).
public struct CalendarChange: Sendable, Equatable {
    public let year: Int
    public let revision: Int
    public let changedDates: [LocalDate]
}

/// The calendar in force: the shipped notices overlaid with the administrators' revisions (CAL-03).
/// Built once per revision and cached in process; other servers see a new revision at their next
/// lookup because the revision number is read from the database each time (one indexed MAX query).
public struct CalendarRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// One cached calendar per application (keyed by its write gate), so several applications in
    /// one process — the test suite — never see each other's revisions.
    private static let cache = Mutex<[ObjectIdentifier: WorkCalendar]>([:])

    public func latestRevision() async throws -> Int {
        let row = try await store.sql.select().column(SQLFunction("MAX", args: SQLColumn("revision")), as: "r").from("calendar_revisions").first()
        return try row?.decode(column: "r", as: Int?.self) ?? 0
    }

    public func current() async throws -> WorkCalendar {
        let latest = try await latestRevision()
        let key = ObjectIdentifier(store.gate)
        if let cached = Self.cache.withLock({ $0[key] }), cached.revision == latest {
            return cached
        }
        var years = WorkCalendar.shipped.years
        if latest > 0 {
            let rows = try await store.sql.select().columns("year", "text", "revision").from("calendar_revisions").orderBy("revision").all()
            for row in rows {
                let parsed = try CalendarText.parse(try row.decode(column: "text", as: String.self))
                for y in parsed {
                    years.removeAll { $0.year == y.year }
                    years.append(y)
                }
            }
        }
        let calendar = WorkCalendar(years: years, revision: latest)
        Self.cache.withLock { $0[key] = calendar }
        return calendar
    }

    public func revisions() async throws -> [CalendarRevision] {
        try await store.sql.select().columns("revision", "year", "notice", "summary", "created_at", "created_by").from("calendar_revisions")
            .orderBy("revision", .descending).all().map {
                CalendarRevision(revision: try $0.decode(column: "revision", as: Int.self), year: try $0.decode(column: "year", as: Int.self),
                                 notice: try $0.decode(column: "notice", as: String.self), summary: try $0.decode(column: "summary", as: String.self),
                                 createdAt: try $0.decode(column: "created_at", as: Int64.self), createdBy: try $0.decode(column: "created_by", as: String.self))
            }
    }

    /// Imports years in the text format (CAL-03). Every problem is reported at once with its line;
    /// nothing is saved unless the whole file is valid. A year identical to the one in force makes
    /// no revision. Each saved year is one revision and one audit event naming the changed dates.
    public func importText(_ text: String, actor: Actor, context: AuditContext) async throws -> [CalendarChange] {
        try actor.require(.adminCalendar)
        let problems = CalendarText.diagnose(text)
        if !problems.isEmpty {
            throw DomainError.invalid(problems.map {
                FieldError(field: $0.line.map { "line \($0)" } ?? "text", rule: $0.ruleID, code: $0.code.rawValue,
                           messageZH: ($0.line.map { "第\($0)行：" } ?? "") + $0.messageZH)
            })
        }
        let years = try CalendarText.parse(text)
        for y in years {
            do { try y.validate() } catch {
                throw DomainError.invalid([FieldError(field: "year \(y.year)", rule: error.ruleID, code: error.code.rawValue, messageZH: error.messageZH)])
            }
        }
        let before = try await current()
        let login = context.login ?? "system"
        let changes = try await store.write(context) { tx in
            var revision = try await Self.maxRevision(tx.sql)
            var out: [CalendarChange] = []
            for y in years {
                let old = before.notice(forYear: y.year)
                if old == y { continue }
                let changed = Self.changedDates(old: before, new: before.replacing(y), year: y.year)
                revision += 1
                let summary = "放假\(y.holidayDates.count)天，调休上班\(y.makeUpDays.count)天；变化\(changed.count)天"
                try await tx.sql.insert(into: "calendar_revisions")
                    .columns("id", "revision", "year", "notice", "text", "summary", "created_at", "created_by")
                    .values(SQLBind(UUID()), SQLBind(revision), SQLBind(y.year), SQLBind(y.notice), SQLBind(CalendarText.format(y)),
                            SQLBind(summary), SQLBind(tx.now), SQLBind(login))
                    .run()
                tx.record("calendar.revise", "calendar-year", String(y.year), changes: [
                    "revision": .init(before: String(revision - 1), after: String(revision)),
                    "notice": .init(before: old?.notice, after: y.notice),
                    "changedDates": .init(before: nil, after: changed.map(\.iso).joined(separator: ",")),
                ])
                out.append(CalendarChange(year: y.year, revision: revision, changedDates: changed))
            }
            // CAL-04: open deadlines over a changed date are recounted on the new calendar, in the
            // same transaction, each moved due date audited with the revision.
            if !out.isEmpty {
                var kept = before.years
                for y in years where out.contains(where: { $0.year == y.year }) {
                    kept.removeAll { $0.year == y.year }
                    kept.append(y)
                }
                let calendar = WorkCalendar(years: kept, revision: revision)
                try await ClockRepository.recompute(tx, calendar: calendar, changed: out.flatMap(\.changedDates), today: self.store.clock.todayInBeijing)
            }
            return out
        }
        return changes
    }

    static func maxRevision(_ sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("revision")), as: "r").from("calendar_revisions").first()
        return try row?.decode(column: "r", as: Int?.self) ?? 0
    }

    /// The dates of a year (with its cross-year margin) whose working-day status differs (CAL-04).
    public static func changedDates(old: WorkCalendar, new: WorkCalendar, year: Int) -> [LocalDate] {
        guard let from = LocalDate(year: year - 1, month: 12, day: 1), let to = LocalDate(year: year + 1, month: 1, day: 31) else { return [] }
        return (from.ordinal...to.ordinal).map(LocalDate.init(ordinal:)).filter { old.isWorkday($0) != new.isWorkday($0) }
    }
}
