import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// Issue 14's import figure: `count` items of a 12315 platform export (CP-43) — a person
/// complaining of a company, as the platform's rows carry them — kept row by row and registered by
/// the import job, received as the competent unit; then the same file again, which must create
/// nothing (a re-import updates, never duplicates).
enum ComplaintImportBench {
    static func run(_ context: CommandContext, store: Store, count: Int, batch: Int) async throws {
        let org = OrganisationRepository(store: store)
        let ctx = AuditContext.system("bench")
        let unit = try await org.createUnit(code: "BIMP", name: "基准投诉举报中心", kind: .office, parentID: nil, areaCode: nil, numberPrefix: "基准中心",
                                            context: ctx)
        let user = try await org.createUser(NewUser(login: "bi_import", name: "bi_import", unitID: unit.id, passwordHash: "-", mustChangePassword: false,
                                                    roles: [("officer", unit.id, .unit)]), context: ctx)
        let actor = try await org.actor(for: user)
        let today = store.clock.todayInBeijing
        // Persons complain of companies: the demo generator's people and enterprises, paired.
        let all = DemoData.parties(count: count * 2 + 100, seed: 41, serialBase: 3_000_000)
        let people = all.filter { $0.kind == PartyKind.person.rawValue }, companies = all.filter { $0.kind == PartyKind.enterprise.rawValue }
        guard !people.isEmpty, !companies.isEmpty else { throw Abort(.internalServerError, reason: "bench: no parties to import") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let rows = try (0..<count).map { i -> ComplaintImportRawRow in
            let p = people[i % people.count], c = companies[i % companies.count]
            let cells: [String: String] = [
                "平台编号": "2025\(String(format: "%08d", i))", "来源渠道": ComplaintChannel.platform.nameZH, "收到日期": today.adding(days: -(i % 5)).iso,
                "投诉人姓名": p.name, "投诉人电话": p.phone ?? "", "投诉人身份证号码": p.idNumber ?? "",
                "被投诉人名称": c.name, "被投诉人统一社会信用代码": c.uscc ?? "", "投诉请求": "退还货款\(i % 97)元",
                "事实与理由": "在被投诉人处购买的商品存在质量问题，协商退货未果。", "知道权益受损日期": today.adding(days: -10).iso, "件类型": "投诉",
            ]
            return ComplaintImportRawRow(number: i + 2, raw: String(decoding: try encoder.encode(cells), as: UTF8.self))
        }
        let imports = ComplaintImportRepository(store: store)
        for pass in ["platform import", "re-import of the same file"] {
            let t0 = Date()
            let id = try await imports.submit(rows, filename: "bench.csv", receive: true, actor: actor, context: ctx)
            let kept = Date().timeIntervalSince(t0)
            try await imports.run(id, batchSize: batch)
            let seconds = Date().timeIntervalSince(t0)
            guard let s = try await imports.status(id, actor: actor) else { throw Abort(.internalServerError, reason: "bench: import \(id) lost") }
            context.console.print(String(format: "\(pass), \(batch) per commit: %d items in %.1f s (rows kept in %.2f s) = %.0f items/s; created %d, updated %d, unchanged %d, refused %d",
                                         count, seconds, kept, Double(count) / seconds, s.created, s.updated, s.unchanged, s.refused))
        }
    }
}
