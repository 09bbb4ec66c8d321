import FengqiaoCore
import Foundation

/// The OpenAPI entries of 专项行动 and service points (`CampaignAPI`), added to `OpenAPIDocument`'s lists.
enum CampaignOpenAPI {
    typealias Doc = OpenAPIDocument

    static let operations: [OpenAPIDocument.Operation] = [
        .init(method: "get", path: "/api/v1/campaigns", summary: "专项行动及其计数（complaints.md Campaign）", tag: "campaigns", requestSchema: nil,
              responseSchema: "Campaigns", idempotent: false),
        .init(method: "post", path: "/api/v1/campaigns", summary: "新建专项行动；不合格批次不得多于抽检批次；不设罚没指标（CP-34）", tag: "campaigns",
              requestSchema: "CampaignWrite", responseSchema: "Campaign", idempotent: false),
        .init(method: "get", path: "/api/v1/campaigns/{id}", summary: "一项专项行动", tag: "campaigns", requestSchema: nil, responseSchema: "Campaign",
              idempotent: false),
        .init(method: "put", path: "/api/v1/campaigns/{id}", summary: "修改专项行动及计数", tag: "campaigns", requestSchema: "CampaignWrite",
              responseSchema: "Campaign", idempotent: false),
        .init(method: "get", path: "/api/v1/campaigns/{id}/cases", summary: "归入专项行动的案件及罚没", tag: "campaigns", requestSchema: nil,
              responseSchema: "CampaignCases", idempotent: false),
        .init(method: "post", path: "/api/v1/campaigns/{id}/cases", summary: "将行政处罚案件（编号或ID）归入专项行动", tag: "campaigns",
              requestSchema: "CampaignLink", responseSchema: "CampaignCases", idempotent: false),
        .init(method: "get", path: "/api/v1/service-points", summary: "服务站点（消协分会、投诉举报站、联络点）", tag: "campaigns", requestSchema: nil,
              responseSchema: "ServicePoints", idempotent: false),
        .init(method: "post", path: "/api/v1/service-points", summary: "登记服务站点", tag: "campaigns", requestSchema: "ServicePointWrite",
              responseSchema: "ServicePoint", idempotent: false),
        .init(method: "get", path: "/api/v1/service-points/rates", summary: "各单位挂牌率 = 已挂牌数 ÷ 目标数（CP-40）；on 为截至日期", tag: "campaigns",
              requestSchema: nil, responseSchema: "ListingRates", idempotent: false, query: [("on", "string")]),
        .init(method: "put", path: "/api/v1/service-points/targets", summary: "设定单位的服务站点目标数（CP-40）", tag: "campaigns",
              requestSchema: "ServicePointTarget", responseSchema: "ListingRates", idempotent: false),
    ]

    static var schemas: [String: Any] {
        let counters = Dictionary(uniqueKeysWithValues: Campaign.Counters.fields.map { ($0.name, ["type": "integer", "minimum": 0] as [String: Any]) })
        let categories: [String: Any] = ["type": "string", "enum": EnforcementCategory.allCases.map(\.rawValue)]
        return [
            "Campaign": Doc.obj(["id": Doc.uuid, "unitId": Doc.uuid, "name": Doc.str, "startsOn": Doc.str, "endsOn": Doc.str, "category": Doc.str,
                                 "counters": Doc.obj(counters), "cases": Doc.int]),
            "Campaigns": Doc.arr(Doc.ref("Campaign")),
            "CampaignWrite": Doc.obj(["name": Doc.str, "startsOn": Doc.day, "endsOn": Doc.day, "category": categories].merging(counters) { a, _ in a },
                                     required: ["name", "startsOn", "endsOn", "category"]),
            "CampaignCases": Doc.arr(Doc.obj(["caseId": Doc.uuid, "number": Doc.str, "state": Doc.str, "totalFen": Doc.int, "paidFen": Doc.int])),
            "CampaignLink": Doc.obj(["caseId": Doc.str], required: ["caseId"]),
            "ServicePoint": Doc.obj(["id": Doc.uuid, "unitId": Doc.uuid, "kind": Doc.str, "name": Doc.str, "liaisonName": Doc.str, "liaisonPhone": Doc.str,
                                     "listedOn": Doc.str]),
            "ServicePoints": Doc.arr(Doc.ref("ServicePoint")),
            "ServicePointWrite": Doc.obj(["unitID": Doc.uuid, "kind": ["type": "string", "enum": ServicePointKind.allCases.map(\.rawValue)], "name": Doc.str,
                                          "liaisonName": Doc.str, "liaisonPhone": Doc.str, "listedOn": Doc.day],
                                         required: ["kind", "name", "liaisonName", "liaisonPhone", "listedOn"]),
            "ListingRates": Doc.arr(Doc.obj(["unitId": Doc.uuid, "established": Doc.int, "target": Doc.int, "rate": ["type": "number"]])),
            "ServicePointTarget": Doc.obj(["unitId": Doc.uuid, "target": ["type": "integer", "minimum": 0, "maximum": 1000]], required: ["unitId", "target"]),
        ]
    }

    static let guarded: Set<String> = ["CampaignWrite", "CampaignLink", "ServicePointWrite"]
}
