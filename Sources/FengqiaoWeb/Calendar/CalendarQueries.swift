import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The calendar queries of CAL-16, shared by the CLI and the API. They need no database: the
/// shipped calendar is compiled in.
public enum CalendarQueries {
    enum Failure: Error {
        case usage(String)
        case invalid(field: String, message: String)
    }

    static func unit(_ text: String) -> PeriodUnit? {
        switch text.lowercased() {
        case "workday", "workdays", "工作日": .workday
        case "day", "days", "日", "天": .day
        case "month", "months", "月", "个月": .month
        default: nil
        }
    }

    static func date(_ text: String, field: String) throws(Failure) -> LocalDate {
        guard let d = LocalDate(iso: text) else { throw .invalid(field: field, message: "\(field) 应为日期 YYYY-MM-DD，收到“\(text)”") }
        return d
    }

    static func count(_ text: String) throws(Failure) -> Int {
        guard let n = Int(text), (0...3650).contains(n) else { throw .invalid(field: "count", message: "count 应为 0 至 3650 的整数，收到“\(text)”") }
        return n
    }

    static let usage = """
    用法 / usage:
      fengqiao calendar due START N workdays|days|months   到期日（CAL-10…12）
      fengqiao calendar is-workday DATE                    是否工作日：yes / no（CAL-01）
      fengqiao calendar between START END                  START 之后至 END（含）的工作日数（CAL-16）
    日期格式 YYYY-MM-DD（北京时间的日历日）。覆盖 2004–2026 年；其他年份按周一至周五计算并标注 provisional（CAL-03）。
    """

    /// Runs `fengqiao calendar …` and returns the exit code. Output is exactly the spec's: the ISO
    /// date, `yes`/`no`, or the count; a provisional result says so on stderr.
    public static func cli(_ args: [String], calendar: WorkCalendar = .shipped) -> Int32 {
        func fail(_ message: String) -> Int32 {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            return 2
        }
        if args.isEmpty || args.contains("--help") || args.contains("-h") {
            print(usage)
            return args.isEmpty ? 2 : 0
        }
        do {
            switch args[0] {
            case "due" where args.count == 4:
                guard let unit = unit(args[3]) else { return fail("单位应为 workdays、days 或 months，收到“\(args[3])”") }
                let due = calendar.due(from: try date(args[1], field: "start"), count: try count(args[2]), unit: unit)
                print(due.date.iso)
                if due.provisional { FileHandle.standardError.write(Data("provisional: 计算涉及日历未覆盖的年份（CAL-03）\n".utf8)) }
            case "is-workday" where args.count == 2:
                let d = try date(args[1], field: "date")
                print(calendar.isWorkday(d) ? "yes" : "no")
                if !calendar.covers(d) { FileHandle.standardError.write(Data("provisional: \(d.year) 年不在日历内，按周一至周五判断（CAL-03）\n".utf8)) }
            case "between" where args.count == 3:
                print(calendar.between(try date(args[1], field: "start"), try date(args[2], field: "end")))
            default:
                return fail(usage)
            }
            return 0
        } catch {
            switch error {
            case .usage(let m): return fail(m)
            case .invalid(_, let m): return fail(m)
            }
        }
    }
}

struct DueDTO: Content {
    let start: String
    let count: Int
    let unit: String
    let due: String
    let provisional: Bool
}

struct WorkdayDTO: Content {
    let date: String
    let workday: Bool
    let provisional: Bool
}

struct BetweenDTO: Content {
    let start: String
    let end: String
    let workdays: Int
    let provisional: Bool
}

/// `/api/v1/calendar/…` (CAL-16). Public holidays are public information: no token needed.
struct CalendarAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cal = routes.grouped("calendar")
        cal.get("due", use: due).access(.open)
        cal.get("is-workday", use: isWorkday).access(.open)
        cal.get("between", use: between).access(.open)
    }

    static func wrap<T>(_ body: () throws(CalendarQueries.Failure) -> T) throws -> T {
        do { return try body() } catch {
            switch error {
            case .usage(let m): throw DomainError(.invalid, code: "calendar.usage", messageZH: m)
            case .invalid(let field, let m):
                throw DomainError.invalid([FieldError(field: field, rule: "CAL-16", code: "calendar.\(field).invalid", messageZH: m)])
            }
        }
    }

    func due(_ req: Request) async throws -> DueDTO {
        let calendar = try await CalendarRepository(store: req.store).current()
        return try Self.wrap { () throws(CalendarQueries.Failure) -> DueDTO in
            let start = try CalendarQueries.date(req.query[String.self, at: "start"] ?? "", field: "start")
            let n = try CalendarQueries.count(req.query[String.self, at: "count"] ?? "")
            let unitText = req.query[String.self, at: "unit"] ?? "workdays"
            guard let unit = CalendarQueries.unit(unitText) else { throw .invalid(field: "unit", message: "unit 应为 workdays、days 或 months") }
            let d = calendar.due(from: start, count: n, unit: unit)
            return DueDTO(start: start.iso, count: n, unit: unit.rawValue, due: d.date.iso, provisional: d.provisional)
        }
    }

    func isWorkday(_ req: Request) async throws -> WorkdayDTO {
        let calendar = try await CalendarRepository(store: req.store).current()
        return try Self.wrap { () throws(CalendarQueries.Failure) -> WorkdayDTO in
            let d = try CalendarQueries.date(req.query[String.self, at: "date"] ?? "", field: "date")
            return WorkdayDTO(date: d.iso, workday: calendar.isWorkday(d), provisional: !calendar.covers(d))
        }
    }

    func between(_ req: Request) async throws -> BetweenDTO {
        let calendar = try await CalendarRepository(store: req.store).current()
        return try Self.wrap { () throws(CalendarQueries.Failure) -> BetweenDTO in
            let s = try CalendarQueries.date(req.query[String.self, at: "start"] ?? "", field: "start")
            let e = try CalendarQueries.date(req.query[String.self, at: "end"] ?? "", field: "end")
            return BetweenDTO(start: s.iso, end: e.iso, workdays: calendar.between(s, e), provisional: calendar.isProvisional(from: min(s, e), through: max(s, e)))
        }
    }
}

struct CalendarYearDTO: Content {
    let year: Int
    let notice: String
    let holidays: [String]
    let makeUpDays: [String]
}

struct CalendarImportDTO: Content {
    struct Change: Content { let year: Int; let revision: Int; let changedDates: [String] }
    let changes: [Change]
}

/// Reading and importing years over the API (CAL-03): the body of the POST is the text format.
struct CalendarYearsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("calendar", "years", use: list).access(.signedIn)
        routes.on(.POST, "calendar", "years", body: .collect(maxSize: "1mb"), use: importYears).access(.permission(.adminCalendar))
    }

    func list(_ req: Request) async throws -> [CalendarYearDTO] {
        _ = try req.actor()
        return try await CalendarRepository(store: req.store).current().years.map {
            CalendarYearDTO(year: $0.year, notice: $0.notice, holidays: $0.holidayDates.map(\.iso), makeUpDays: $0.makeUpDays.map(\.date.iso))
        }
    }

    func importYears(_ req: Request) async throws -> CalendarImportDTO {
        let actor = try req.actor()
        let text = req.body.string ?? ""
        let changes = try await CalendarRepository(store: req.store).importText(text, actor: actor, context: req.auditContext)
        return CalendarImportDTO(changes: changes.map { .init(year: $0.year, revision: $0.revision, changedDates: $0.changedDates.map(\.iso)) })
    }
}
