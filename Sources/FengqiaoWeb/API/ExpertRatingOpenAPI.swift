import FengqiaoCore
import Foundation

/// The OpenAPI entries of the expert pool (PLT-08, `ExpertAPI`) and of a case's ratings (IV-24,
/// `RatingAPI`), added to `OpenAPIDocument`'s lists.
enum ExpertRatingOpenAPI {
    typealias Doc = OpenAPIDocument

    static let operations: [OpenAPIDocument.Operation] = [
        .init(method: "get", path: "/api/v1/experts", summary: "专家库；field 按专业领域筛选（PLT-08）", tag: "experts", requestSchema: nil,
              responseSchema: "Experts", idempotent: false, query: [("field", "string")]),
        .init(method: "post", path: "/api/v1/experts", summary: "登记专家（法制部门，PLT-08）；联系电话加密保存，不返回", tag: "experts",
              requestSchema: "ExpertWrite", responseSchema: "Expert", idempotent: false),
        .init(method: "post", path: "/api/v1/experts/{id}/conflicts", summary: "登记专家与当事人（统一社会信用代码）的利害关系（PLT-06）", tag: "experts",
              requestSchema: "ExpertConflict", responseSchema: "Expert", idempotent: false),
        .init(method: "get", path: "/api/v1/cases/{id}/experts", summary: "参与本案的专家（PLT-08）", tag: "experts", requestSchema: nil,
              responseSchema: "ExpertParticipations", idempotent: false),
        .init(method: "post", path: "/api/v1/cases/{id}/experts", summary: "邀请专家参与约谈、调解或听证；有利害关系的应当回避（PLT-06, PLT-08）", tag: "experts",
              requestSchema: "ExpertInvitation", responseSchema: "ExpertParticipations", idempotent: false),
        .init(method: "get", path: "/api/v1/cases/{id}/ratings", summary: "当事人评价：评分项、已收份数，满3份后的平均分（IV-24）", tag: "ratings",
              requestSchema: nil, responseSchema: "CaseRatings", idempotent: false),
        .init(method: "post", path: "/api/v1/cases/{id}/ratings", summary: "录入纸质评价：各评分项1至5分（IV-24）", tag: "ratings",
              requestSchema: "RatingEntry", responseSchema: "CaseRatings", idempotent: false),
    ]

    static var schemas: [String: Any] { [
        "Expert": Doc.obj(["id": Doc.uuid, "name": Doc.str, "field": Doc.str, "organisation": Doc.str, "active": Doc.bool, "conflicts": Doc.int]),
        "Experts": Doc.arr(Doc.ref("Expert")),
        "ExpertWrite": Doc.obj(["name": Doc.str, "field": Doc.str, "organisation": Doc.str, "phone": Doc.str], required: ["name", "field", "organisation"]),
        "ExpertConflict": Doc.obj(["uscc": Doc.str, "relation": Doc.str], required: ["uscc", "relation"]),
        "ExpertInvitation": Doc.obj(["expertId": Doc.uuid, "occasion": ["type": "string", "enum": ExpertOccasion.allCases.map(\.rawValue)], "on": Doc.day,
                                     "note": Doc.str], required: ["expertId", "occasion", "on"]),
        "ExpertParticipations": Doc.arr(Doc.obj(["expert": Doc.str, "field": Doc.str, "occasion": Doc.str, "on": Doc.str, "note": Doc.str])),
        "CaseRatings": Doc.obj(["caseId": Doc.uuid, "procedure": Doc.str, "rule": Doc.str, "open": Doc.bool,
                                "dimensions": Doc.arr(Doc.obj(["key": Doc.str, "name": Doc.str])), "count": Doc.int, "minimumSample": Doc.int,
                                "summary": Doc.obj(["count": Doc.int, "means": ["type": "object", "additionalProperties": ["type": "number"]],
                                                    "mean": ["type": "number"]])]),
        "RatingEntry": ["type": "object", "additionalProperties": ["type": "integer", "minimum": 1, "maximum": 5],
                        "description": "该程序声明的各评分项（1至5分），如约谈的 effect、conduct、service"],
    ] }

    /// The request bodies whose text the input guard inspects (`OpenAPIDocument.guardedSchemas`).
    static let guarded: Set<String> = ["ExpertWrite", "ExpertConflict", "ExpertInvitation", "RatingEntry"]
}
