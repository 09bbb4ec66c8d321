import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// `fengqiao calendar import FILE`: adds or corrects years (CAL-03).
struct CalendarImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "文本格式的节假日安排（见 fengqiao calendar export）") var file: String
    }
    var help: String { "导入或更正年度节假日安排，生成新的日历修订 / import holiday years (CAL-03)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            context.console.error("无法读取文件 \(signature.file)")
            throw ExitCode(2)
        }
        let actor = Actor(userID: UUID(), login: "cli", name: "命令行", unitID: UUID(), permissions: [.adminCalendar], roleCodes: [], visibleUnits: nil)
        do {
            let changes = try await CalendarRepository(store: app.fengqiao.store(app.db))
                .importText(String(decoding: data, as: UTF8.self), actor: actor, context: cliContext("calendar import"))
            if changes.isEmpty { context.console.print("没有变化：文件中的年份与现行日历一致") }
            for c in changes {
                context.console.print("\(c.year) 年 → 修订 \(c.revision)，工作日状态变化 \(c.changedDates.count) 天：\(c.changedDates.map(\.iso).joined(separator: " "))")
            }
        } catch let e as DomainError {
            e.fields.forEach { context.console.error("\($0.field): \($0.messageZH)") }
            throw ExitCode(2)
        }
    }
}

/// `fengqiao calendar export [YEAR]`: prints years in the import format.
struct CalendarExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "year", help: "年份，或 all") var year: String
    }
    var help: String { "以导入格式打印年度节假日安排 / print years in the import format" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let calendar = try await CalendarRepository(store: app.fengqiao.store(app.db)).current()
        let years = signature.year == "all" ? calendar.years : calendar.years.filter { String($0.year) == signature.year }
        if years.isEmpty {
            context.console.error("日历中没有 \(signature.year) 年")
            throw ExitCode(2)
        }
        context.console.print(CalendarText.format(years), newLine: false)
    }
}

/// Placeholders for `--help` only: `fengqiao calendar due|is-workday|between` are answered before
/// the application starts (no database), see `CalendarQueries.cli`.
struct CalendarQueryHelp: AsyncCommand {
    struct Signature: CommandSignature {}
    let help: String
    func run(using context: CommandContext, signature: Signature) async throws { context.console.print(CalendarQueries.usage) }
}

/// The calendar administration page (CAL-03): years in force, revisions, import.
struct CalendarPages: RouteCollection {
    struct Model {
        struct Year { let year: Int; let notice: String; let holidays: Int; let makeUp: Int; let source: String }
        struct Revision { let revision: Int; let year: Int; let notice: String; let summary: String; let at: String; let by: String }
        struct Change { let year: Int; let revision: Int; let dates: String }
        let page: PageChrome
        let years: [Year]
        let revisions: [Revision]
        let text: String
        let errors: [String]
        let changes: [Change]
        let saved: Bool
        let sample: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.adminCalendar.pattern, use: show).access(.permission(.adminCalendar))
        routes.post(SiteURL.adminCalendar.pattern, use: importYears).access(.permission(.adminCalendar))
    }

    func model(_ req: Request, text: String = "", errors: [String] = [], changes: [CalendarChange]? = nil) async throws -> Model {
        let repo = CalendarRepository(store: req.store)
        let calendar = try await repo.current()
        let revisions = try await repo.revisions()
        let revisedYears = Set(revisions.map(\.year))
        return Model(
            page: PageChrome(request: req, title: "工作日历"),
            years: calendar.years.reversed().map { .init(year: $0.year, notice: $0.notice, holidays: $0.holidayDates.count, makeUp: $0.makeUpDays.count,
                                                         source: revisedYears.contains($0.year) ? "已修订" : "随系统提供") },
            revisions: revisions.map { .init(revision: $0.revision, year: $0.year, notice: $0.notice, summary: $0.summary,
                                             at: WallClock.beijingText(millis: $0.createdAt), by: $0.createdBy) },
            text: text, errors: errors,
            changes: (changes ?? []).map { .init(year: $0.year, revision: $0.revision, dates: $0.changedDates.map(\.iso).joined(separator: "、")) },
            saved: changes != nil,
            sample: calendar.notice(forYear: 2026).map(CalendarText.format) ?? "")
    }

    func show(_ req: Request) async throws -> Response {
        try req.actor().require(.adminCalendar)
        return try render(req, "admin_calendar", try await model(req))
    }

    func importYears(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.adminCalendar)
        let text = (try? req.content.get(String.self, at: "text")) ?? ""
        do {
            let changes = try await CalendarRepository(store: req.store).importText(text, actor: actor, context: req.auditContext)
            return try render(req, "admin_calendar", try await model(req, changes: changes))
        } catch let e as DomainError where e.kind == .invalid {
            let response = try render(req, "admin_calendar", try await model(req, text: text, errors: e.fields.map(\.messageZH)))
            response.status = .unprocessableEntity
            return response
        }
    }
}
