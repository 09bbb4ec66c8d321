import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A procedure's yearly records over the API (MD-44): `GET /api/v1/statistics/{word}/yearly-records?year=2026`
/// — each record the actor's unit owes that year with its window and status; `POST` the same path with
/// `{"year": 2026, "key": "inspection", "heldOn": "2026-12-03", "attendees": "…", "note": "…"}` (201, the
/// year as recorded). A bad record is 422 problem JSON naming each field with a stable code
/// (`periodic.day.window`, …); a second record of the year is 422 `periodic.recorded`.
enum PeriodicRecordAPI<P: Procedure> {
    static func get(_ req: Request) async throws -> PeriodicRecordsDTO {
        let actor = try req.actor()
        let pages = PeriodicRecordPages<P>.self
        guard pages.permissions.contains(where: actor.can) else { throw DomainError.forbidden(pages.permissions.map(\.rawValue).joined(separator: "|")) }
        return try await dto(req, year: try pages.year(req.query[String.self, at: "year"], today: req.store.clock.todayInBeijing))
    }

    static func post(_ req: Request) async throws -> Response {
        let body = try req.content.decode(PeriodicRecordWriteDTO.self)
        let year = try PeriodicRecordPages<P>.year(body.year.map(String.init), today: req.store.clock.todayInBeijing)
        try await PeriodicRecordPages<P>.record(req, year: year, typed: ["key": body.key ?? "", "heldOn": body.heldOn ?? "", "attendees": body.attendees ?? "",
                                                                         "note": body.note ?? ""])
        return try await dto(req, year: year).encodeResponse(status: .created, for: req)
    }

    static func dto(_ req: Request, year: Int) async throws -> PeriodicRecordsDTO {
        let actor = try req.actor()
        let today = req.store.clock.todayInBeijing
        let records = try await PeriodicRecordRepository(store: req.store, caseType: P.caseType).records(unit: actor.unitID, year: year)
        return PeriodicRecordsDTO(year: year, records: P.module.periodicRecords.map { r in
            let state = PeriodicRecordStatus.of(records[r.key], rule: r, year: year, today: today)
            let status = switch state { case .recorded: "recorded"; case .pending: "pending"; case .missed: "missed" }
            return .init(key: r.key, title: r.titleZH, rule: r.rule, from: r.window(year)?.lowerBound.iso ?? "", to: r.window(year)?.upperBound.iso ?? "",
                         status: status, heldOn: records[r.key]?.heldOn.iso, attendees: records[r.key]?.attendees, note: records[r.key]?.note)
        })
    }
}

/// The OpenAPI entries of a procedure's yearly records (MD-44).
enum PeriodicRecordOpenAPI {
    static func operations<P: Procedure>(of procedure: P.Type) -> [OpenAPIDocument.Operation] {
        guard let first = P.module.periodicRecords.first else { return [] }
        let path = "/api/v1/statistics/\(P.module.pathWord)/yearly-records"
        let titles = P.module.periodicRecords.map(\.titleZH).joined(separator: "、")
        return [
            .init(method: "get", path: path, summary: "\(P.nameZH)年度工作记录：某年（默认今年）应记录的\(titles)，各自的期间与状态（\(first.rule)）",
                  tag: "statistics", requestSchema: nil, responseSchema: "PeriodicRecords", idempotent: false, query: [("year", "integer")]),
            .init(method: "post", path: path, summary: "记录一项年度工作：日期在该事项的期间内且不晚于今天，写明参加人员和情况；每年一次（\(first.rule)）",
                  tag: "statistics", requestSchema: "PeriodicRecordWrite", responseSchema: "PeriodicRecords", idempotent: false),
        ]
    }

    static var schemas: [String: Any] {
        typealias Doc = OpenAPIDocument
        return [
            "PeriodicRecords": Doc.obj(["year": Doc.int, "records": Doc.arr(Doc.obj([
                "key": Doc.str, "title": Doc.str, "rule": Doc.str, "from": Doc.str, "to": Doc.str,
                "status": ["type": "string", "enum": ["recorded", "pending", "missed"]], "heldOn": Doc.str, "attendees": Doc.str, "note": Doc.str,
            ]))]),
            "PeriodicRecordWrite": Doc.obj(["year": Doc.int, "key": Doc.str, "heldOn": ["type": "string", "format": "date"], "attendees": Doc.str, "note": Doc.str],
                                           required: ["year", "key", "heldOn", "attendees", "note"]),
        ]
    }
}

struct PeriodicRecordsDTO: Content {
    struct Item: Content {
        let key: String; let title: String; let rule: String; let from: String; let to: String; let status: String
        let heldOn: String?; let attendees: String?; let note: String?
    }
    let year: Int
    let records: [Item]
}

struct PeriodicRecordWriteDTO: Content {
    let year: Int?
    let key: String?
    let heldOn: String?
    let attendees: String?
    let note: String?
}
