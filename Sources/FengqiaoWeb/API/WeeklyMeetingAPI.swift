import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A procedure's weekly meeting over the API (MD-45): `GET /api/v1/statistics/{word}/weekly-meetings?week=2026-10-05`
/// — the week's day (null: none that week), each person's steps of the week before and overdue
/// items, the record if made; `POST` the same path with the record (201, the week as recorded). A bad
/// record is 422 problem JSON naming each field with a stable code (`meeting.minutes.range`, …); a
/// second record of the week is 422 `meeting.recorded`.
enum WeeklyMeetingAPI<P: Procedure> {
    static func get(_ req: Request) async throws -> WeeklyMeetingDTO {
        let monday = try WeeklyMeetingPages<P>.week(req.query[String.self, at: "week"], today: req.store.clock.todayInBeijing)
        return WeeklyMeetingDTO(try await WeeklyMeetingPages<P>.week(req, monday: monday))
    }

    static func post(_ req: Request) async throws -> Response {
        let body = try req.content.decode(WeeklyMeetingWriteDTO.self)
        let monday = try WeeklyMeetingPages<P>.week(body.week, today: req.store.clock.todayInBeijing)
        let typed = ["heldOn": body.heldOn, "startTime": body.startTime, "minutes": body.minutes.map(String.init), "chair": body.chair,
                     "recorder": body.recorder, "attendees": body.attendees, "record": body.record].compactMapValues { $0 }
        try await WeeklyMeetingPages<P>.record(req, week: monday, typed: typed)
        return try await WeeklyMeetingDTO(try await WeeklyMeetingPages<P>.week(req, monday: monday)).encodeResponse(status: .created, for: req)
    }
}

/// The OpenAPI entries of a procedure's weekly meeting (MD-45).
enum WeeklyMeetingOpenAPI {
    static func operations<P: Procedure>(of procedure: P.Type) -> [OpenAPIDocument.Operation] {
        guard let rule = P.module.weeklyMeeting else { return [] }
        let path = "/api/v1/statistics/\(P.module.pathWord)/weekly-meetings"
        return [
            .init(method: "get", path: path,
                  summary: "\(rule.titleZH)：某周（默认本周）的例会日（周一为休息日的顺延至本周第一个工作日，本周无工作日的为空）、每人上周办理情况及逾期事项、例会记录（\(rule.rule)）",
                  tag: "statistics", requestSchema: nil, responseSchema: "WeeklyMeeting", idempotent: false, query: [("week", "string")]),
            .init(method: "post", path: path,
                  summary: "记录\(rule.titleZH)：本周工作日上午召开，\(rule.minutes.lowerBound)至\(rule.minutes.upperBound)分钟，主持人与记录人为本单位人员且不是同一人；每周记录一次（\(rule.rule)）",
                  tag: "statistics", requestSchema: "WeeklyMeetingRecord", responseSchema: "WeeklyMeeting", idempotent: false),
        ]
    }

    static var schemas: [String: Any] {
        typealias Doc = OpenAPIDocument
        return [
            "WeeklyMeeting": Doc.obj([
                "week": Doc.str, "day": Doc.str, "provisional": Doc.bool, "reviewedFrom": Doc.str, "reviewedTo": Doc.str,
                "people": Doc.arr(Doc.obj(["id": Doc.uuid, "name": Doc.str, "steps": Doc.int, "cases": Doc.arr(Doc.str),
                                           "overdue": Doc.arr(Doc.obj(["caseNumber": Doc.str, "step": Doc.str, "due": Doc.str]))])),
                "record": Doc.obj(["heldOn": Doc.str, "startTime": Doc.str, "minutes": Doc.int, "chairID": Doc.uuid, "recorderID": Doc.uuid,
                                   "attendees": Doc.str, "record": Doc.str]),
            ]),
            "WeeklyMeetingRecord": Doc.obj([
                "week": ["type": "string", "format": "date"], "heldOn": ["type": "string", "format": "date"],
                "startTime": ["type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"], "minutes": Doc.int, "chair": Doc.uuid, "recorder": Doc.uuid,
                "attendees": Doc.str, "record": Doc.str,
            ], required: ["week", "heldOn", "startTime", "minutes", "chair", "recorder", "attendees", "record"]),
        ]
    }
}

/// One week's meeting as the API shows it (MD-45).
struct WeeklyMeetingDTO: Content {
    struct Overdue: Content { let caseNumber: String; let step: String; let due: String }
    struct Person: Content { let id: UUID; let name: String; let steps: Int; let cases: [String]; let overdue: [Overdue] }
    struct Record: Content {
        let heldOn: String; let startTime: String; let minutes: Int; let chairID: UUID; let recorderID: UUID; let attendees: String; let record: String
    }
    let week: String
    let day: String?
    let provisional: Bool
    let reviewedFrom: String
    let reviewedTo: String
    let people: [Person]
    let record: Record?

    init<P: Procedure>(_ w: WeeklyMeetingPages<P>.Week) {
        let reviewed = WeeklyMeeting.reviewed(before: w.monday)
        week = w.monday.iso
        day = w.day?.iso
        provisional = w.provisional
        reviewedFrom = reviewed.lowerBound.iso
        reviewedTo = reviewed.upperBound.iso
        people = w.pack.map { e in
            Person(id: e.personID, name: e.name, steps: e.steps, cases: e.cases,
                   overdue: e.overdue.map { Overdue(caseNumber: $0.caseNumber, step: $0.stepZH, due: $0.due.iso) })
        }
        record = w.recorded.map {
            Record(heldOn: $0.heldOn.iso, startTime: $0.startTime, minutes: $0.minutes, chairID: $0.chairID, recorderID: $0.recorderID,
                   attendees: $0.attendees, record: $0.record)
        }
    }
}

/// The record a POST sends (MD-45); every field is checked by `WeeklyMeetingRecord.validate`.
struct WeeklyMeetingWriteDTO: Content {
    let week: String?
    let heldOn: String?
    let startTime: String?
    let minutes: Int?
    let chair: String?
    let recorder: String?
    let attendees: String?
    let record: String?
}
