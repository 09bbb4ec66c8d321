import FengqiaoCore
import Foundation

/// The OpenAPI entries of the platform and hotline import (CP-43, `ComplaintImportAPI`) and of the
/// platform sync's state (`PlatformSyncPages`), present
/// when a registered procedure declares `.platformIntake`.
enum ComplaintImportOpenAPI {
    typealias Doc = OpenAPIDocument

    static func operations(_ registry: ProcedureRegistry) -> [OpenAPIDocument.Operation] {
        guard registry.declares(.platformIntake) else { return [] }
        return [
            .init(method: "post", path: "/api/v1/complaints/imports",
                  summary: "导入12315平台/热线导出的来件（JSON；或 multipart 的 CSV、XLSX、JSON 文件 file 与 receive）：后台逐件登记，按渠道和平台编号去重，重复导入更新内容而不重复登记（CP-43）；返回导入编号与进度",
                  tag: "complaints", requestSchema: "ComplaintImportRequest", responseSchema: "ComplaintImport", idempotent: false),
            .init(method: "get", path: "/api/v1/complaints/imports/{id}", summary: "导入进度与结果：新登记、已更新、无变化、未导入（含行号、字段与规则）（CP-43）",
                  tag: "complaints", requestSchema: nil, responseSchema: "ComplaintImport", idempotent: false),
            .init(method: "get", path: "/api/v1/platform-sync", summary: "12315平台同步状态：最近拉取、游标、拉取件数、待回传与回传失败条数、最近错误（CP-43；系统管理员）",
                  tag: "complaints", requestSchema: nil, responseSchema: "PlatformSync", idempotent: false),
        ]
    }

    static var schemas: [String: Any] {
        let fields = ComplaintImportItem.Field.allCases.map(\.rawValue)
        var item = Doc.obj(Dictionary(uniqueKeysWithValues: fields.map { ($0, Doc.str) }))
        item["description"] = "键为英文字段名或中文表头（如“平台编号”“来源渠道”“收到日期”）"
        item["additionalProperties"] = Doc.str
        return [
            "PlatformSync": Doc.obj([
                "configured": Doc.bool, "url": Doc.str, "unitCode": Doc.str, "intervalMinutes": Doc.int, "cursor": Doc.str, "lastPullAt": Doc.int,
                "lastPullOkAt": Doc.int, "lastPullItems": Doc.int, "itemsPulled": Doc.int, "lastPushOkAt": Doc.int, "failingSince": Doc.int,
                "lastError": Doc.str, "lastErrorAt": Doc.int, "outboxPending": Doc.int, "outboxFailed": Doc.int, "outboxSent": Doc.int,
            ]),
            "ComplaintImportRequest": Doc.obj(["filename": Doc.str, "receive": Doc.bool, "items": Doc.arr(item)], required: ["items"]),
            "ComplaintImport": Doc.obj([
                "id": Doc.uuid, "filename": Doc.str, "state": ["type": "string", "enum": ["queued", "running", "done", "failed"]], "stateName": Doc.str,
                "total": Doc.int, "processed": Doc.int, "percent": Doc.int, "created": Doc.int, "updated": Doc.int, "unchanged": Doc.int, "refused": Doc.int,
                "rows": Doc.arr(Doc.obj(["row": Doc.int, "externalNo": Doc.str, "outcome": ["type": "string", "enum": ImportRowOutcome.allCases.map(\.rawValue)],
                                         "outcomeName": Doc.str, "caseNumbers": Doc.arr(Doc.str),
                                         "errors": Doc.arr(Doc.obj(["field": Doc.str, "rule": Doc.str, "code": Doc.str, "messageZH": Doc.str]))])),
            ]),
        ]
    }
}
