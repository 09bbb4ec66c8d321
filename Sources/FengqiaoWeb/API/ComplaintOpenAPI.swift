import FengqiaoCore
import Foundation

/// The OpenAPI entries of the quarterly public statistics (CP-39, `ComplaintPublicPages`) and the bulk
/// operations of every procedure that declares them (CP-44, `BulkPages`), added to `OpenAPIDocument`'s lists.
enum ComplaintOpenAPI {
    typealias Doc = OpenAPIDocument

    static let operations: [OpenAPIDocument.Operation] = [
        .init(method: "get", path: "/api/v1/statistics/complaints/public",
              summary: "投诉举报季度公开统计：件数与挽回经济损失，不含任何个人信息，不足3件的渠道或类别合并；已发布的返回定稿数字与发布日期（CP-39）",
              tag: "statistics", requestSchema: nil, responseSchema: "ComplaintPublic", idempotent: false,
              query: [("year", "integer"), ("quarter", "integer"), ("period", "string")]),
        .init(method: "post", path: "/api/v1/statistics/complaints/public/publish",
              summary: "发布季度公开统计：季度结束后方可发布，数字定稿并记入审计；已发布的季度不得重复发布（statistics.public.published，CP-39）",
              tag: "statistics", requestSchema: nil, responseSchema: "ComplaintPublic", idempotent: false,
              query: [("year", "integer"), ("quarter", "integer"), ("period", "string")]),
    ]

    static var schemas: [String: Any] {
        let tables = Doc.arr(Doc.obj(["title": Doc.str, "rows": Doc.arr(Doc.arr(Doc.str))]))
        return [
            "ComplaintPublic": Doc.obj(["quarter": Doc.str, "asOf": Doc.str, "published": Doc.bool, "publishedOn": Doc.str, "tables": tables]),
            "BulkRequest": Doc.obj(["operation": ["type": "string", "enum": BulkOperation.allCases.map(\.rawValue)],
                                             "ids": ["type": "array", "items": Doc.uuid, "maxItems": BulkPlan.limit],
                                             "input": Doc.obj(["unit": Doc.str, "reportBackOn": Doc.day, "handler": Doc.uuid]), "preview": Doc.bool],
                                            required: ["operation", "ids"]),
            "Bulk": Doc.obj(["operation": Doc.str, "preview": Doc.bool,
                                      "items": Doc.arr(Doc.obj(["caseId": Doc.uuid, "number": Doc.str, "status": ["type": "string", "enum": ["ready", "done", "refused"]],
                                                                "code": Doc.str, "rule": Doc.str, "messageZH": Doc.str])),
                                      "export": Doc.arr(Doc.arr(Doc.str))]),
        ]
    }

    /// CP-44: the bulk operations of a procedure that declares them, under its path word.
    static func bulkOperations<P: Procedure>(of procedure: P.Type) -> [OpenAPIDocument.Operation] {
        guard let plan = P.bulk else { return [] }
        let names = plan.operations.map { $0.nameZH.replacingOccurrences(of: "批量", with: "") }.joined(separator: "、")
        return [.init(method: "post", path: "/api/v1/\(P.module.pathWord)/bulk",
                      summary: "批量\(names)\(P.nameZH)（最多\(BulkPlan.limit)件，每件一条审计记录，逐件按各自的办理步骤校验）；preview 只校验不写入；\(plan.refusedZH)（\(plan.codePrefix).bulk.refused，CP-44）",
                      tag: P.module.pathWord, requestSchema: "BulkRequest", responseSchema: "Bulk", idempotent: false)]
    }

    static let guarded: Set<String> = ["BulkRequest"]
}
