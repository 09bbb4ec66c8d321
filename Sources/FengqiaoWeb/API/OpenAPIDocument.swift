import FengqiaoCore
import Foundation

/// The OpenAPI 3.1 description of `/api/v1` (PLT-50). A test compares its paths and methods with
/// the routes the application registers, so the two cannot drift. Each registered procedure's
/// operations are generated from the registry (issue 12).
enum OpenAPIDocument {
    struct Operation {
        let method: String
        let path: String
        let summary: String
        let tag: String
        let requestSchema: String?
        let responseSchema: String?
        let idempotent: Bool
        var query: [(String, String)] = []
        /// The media type of a non-JSON answer (a DOCX, a print view); nil for JSON.
        var responseMedia: String? = nil
    }

    static let docxMedia = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    static let operations: [Operation] = [
        .init(method: "get", path: "/api/v1/openapi.json", summary: "本文档", tag: "meta", requestSchema: nil, responseSchema: nil, idempotent: false),
        .init(method: "get", path: "/api/v1/parties", summary: "查询当事人（按名称两字以上或统一社会信用代码）", tag: "parties", requestSchema: nil,
              responseSchema: "PartyPage", idempotent: false, query: [("q", "string"), ("limit", "integer"), ("offset", "integer")]),
        .init(method: "post", path: "/api/v1/parties", summary: "登记当事人；已存在则返回原记录（PLT-12）", tag: "parties", requestSchema: "PartyWrite",
              responseSchema: "PartyCreated", idempotent: true),
        .init(method: "get", path: "/api/v1/parties/{id}", summary: "当事人详情", tag: "parties", requestSchema: nil, responseSchema: "Party", idempotent: false),
        .init(method: "put", path: "/api/v1/parties/{id}", summary: "修改当事人（须提供 version，过期返回409）", tag: "parties", requestSchema: "PartyUpdate",
              responseSchema: "Party", idempotent: false),
        .init(method: "get", path: "/api/v1/parties/{id}/history", summary: "当事人跨模块历史（PLT-13）", tag: "parties", requestSchema: nil,
              responseSchema: "History", idempotent: false),
        .init(method: "get", path: "/api/v1/tokens", summary: "本人的访问令牌（PLT-33）", tag: "tokens", requestSchema: nil, responseSchema: "Tokens",
              idempotent: false),
        .init(method: "post", path: "/api/v1/tokens/{id}/revoke", summary: "吊销本人的一个访问令牌，立即失效（PLT-33）", tag: "tokens", requestSchema: nil,
              responseSchema: "Token", idempotent: false),
        .init(method: "get", path: "/api/v1/units", summary: "单位列表", tag: "admin", requestSchema: nil, responseSchema: "Units", idempotent: false),
        .init(method: "post", path: "/api/v1/units", summary: "新建单位", tag: "admin", requestSchema: "UnitWrite", responseSchema: "OrgUnit", idempotent: true),
        .init(method: "get", path: "/api/v1/users", summary: "用户列表", tag: "admin", requestSchema: nil, responseSchema: "Users", idempotent: false),
        .init(method: "get", path: "/api/v1/roles", summary: "角色与权限（PLT-03）", tag: "admin", requestSchema: nil, responseSchema: "Roles", idempotent: false),
        .init(method: "post", path: "/api/v1/roles", summary: "新建角色（安全管理员，PLT-04）", tag: "admin", requestSchema: "RoleWrite", responseSchema: "Role",
              idempotent: true),
        .init(method: "put", path: "/api/v1/roles/{code}", summary: "修改角色权限（须提供 version，过期返回409）", tag: "admin", requestSchema: "RoleUpdate",
              responseSchema: "Role", idempotent: false),
        .init(method: "get", path: "/api/v1/audit/events", summary: "审计事件查询（PLT-22）", tag: "audit", requestSchema: nil, responseSchema: "AuditEvents",
              idempotent: false, query: [("user", "string"), ("object", "string"), ("action", "string"), ("limit", "integer"), ("before", "integer")]),
        .init(method: "post", path: "/api/v1/attachments", summary: "上传附件（请求体即文件；类型按内容识别，PLT-40）", tag: "files",
              requestSchema: "Binary", responseSchema: "Attachment", idempotent: false, query: [("kind", "string"), ("filename", "string")]),
        .init(method: "get", path: "/api/v1/calendar/due", summary: "到期日（CAL-10…12, CAL-16）", tag: "calendar", requestSchema: nil, responseSchema: "Due",
              idempotent: false, query: [("start", "date!"), ("count", "range:0:3650!"), ("unit", "enum:workdays|days|months")]),
        .init(method: "get", path: "/api/v1/calendar/is-workday", summary: "是否工作日（CAL-01）", tag: "calendar", requestSchema: nil, responseSchema: "Workday",
              idempotent: false, query: [("date", "date!")]),
        .init(method: "get", path: "/api/v1/calendar/between", summary: "START 之后至 END（含）的工作日数（CAL-16）", tag: "calendar", requestSchema: nil,
              responseSchema: "Between", idempotent: false, query: [("start", "date!"), ("end", "date!")]),
        .init(method: "get", path: "/api/v1/calendar/years", summary: "现行日历的年份（CAL-02）", tag: "calendar", requestSchema: nil, responseSchema: "CalendarYears",
              idempotent: false),
        .init(method: "post", path: "/api/v1/calendar/years", summary: "导入或更正年份，请求体为文本格式（CAL-03）", tag: "calendar", requestSchema: "CalendarText",
              responseSchema: "CalendarImport", idempotent: false),
        .init(method: "get", path: "/api/v1/attachments/{id}", summary: "附件信息", tag: "files", requestSchema: nil, responseSchema: "Attachment", idempotent: false),
        .init(method: "get", path: "/api/v1/cases/{id}", summary: "案件及其各环节期限（CAL-30）", tag: "cases", requestSchema: nil, responseSchema: "Case", idempotent: false),
        .init(method: "get", path: "/api/v1/cases/{id}/timeline", summary: "案件办理记录", tag: "cases", requestSchema: nil, responseSchema: "Timeline", idempotent: false),
        .init(method: "get", path: "/api/v1/cases/{id}/subtasks", summary: "协办事项：分送各部门的事项、期限与回复（PA-24, PA-25）", tag: "cases", requestSchema: nil,
              responseSchema: "Subtasks", idempotent: false),
        .init(method: "post", path: "/api/v1/cases/{id}/subtasks/{subtaskId}/reply", summary: "受分送部门回复本部门的协办事项，计时于回复日期办结（PA-25, X-05）",
              tag: "cases", requestSchema: "SubtaskReply", responseSchema: "Subtask", idempotent: false),
        .init(method: "post", path: "/api/v1/clocks/{id}/suspend", summary: "中止计时（CAL-31）", tag: "cases", requestSchema: "Suspend", responseSchema: "Clock", idempotent: false),
        .init(method: "post", path: "/api/v1/clocks/{id}/resume", summary: "恢复计时（CAL-31）", tag: "cases", requestSchema: "Resume", responseSchema: "Clock", idempotent: false),
        .init(method: "post", path: "/api/v1/clocks/{id}/extend", summary: "申请延期，待指定批准人确认（CAL-32）", tag: "cases", requestSchema: "Extend",
              responseSchema: "Clock", idempotent: false),
        .init(method: "post", path: "/api/v1/clocks/{id}/extensions/{requestId}/confirm", summary: "批准人本人确认延期，期限随之顺延（CAL-32, X-02）",
              tag: "cases", requestSchema: nil, responseSchema: "Clock", idempotent: false),
        .init(method: "post", path: "/api/v1/cases/{id}/documents", summary: "制发文书，分配文号（DOC-02, DOC-10, DOC-11）", tag: "documents", requestSchema: "DocumentIssue",
              responseSchema: "Document", idempotent: true),
        .init(method: "get", path: "/api/v1/cases/{id}/documents", summary: "案件文书", tag: "documents", requestSchema: nil, responseSchema: "Documents", idempotent: false),
        .init(method: "get", path: "/api/v1/documents/{id}", summary: "文书信息", tag: "documents", requestSchema: nil, responseSchema: "Document", idempotent: false),
        .init(method: "get", path: "/api/v1/documents/{id}/docx", summary: "下载 DOCX（GB/T 9704，DOC-20/21）", tag: "documents", requestSchema: nil,
              responseSchema: "Binary", idempotent: false, responseMedia: docxMedia),
        .init(method: "get", path: "/api/v1/documents/{id}/html", summary: "打印视图（DOC-20）", tag: "documents", requestSchema: nil, responseSchema: "Html", idempotent: false,
              responseMedia: "text/html"),
        .init(method: "post", path: "/api/v1/documents/{id}/void", summary: "作废文书，文号保留（DOC-11）", tag: "documents", requestSchema: "Void",
              responseSchema: "Document", idempotent: false),
        .init(method: "post", path: "/api/v1/documents/{id}/service", summary: "登记送达（DOC-30）", tag: "documents", requestSchema: "Service",
              responseSchema: "ServiceRecord", idempotent: false),
        .init(method: "get", path: "/api/v1/documents/{id}/service", summary: "送达记录", tag: "documents", requestSchema: nil, responseSchema: "ServiceRecords",
              idempotent: false),
        .init(method: "post", path: "/api/v1/number-blocks", summary: "预留纸质文书号段（DOC-12）", tag: "documents", requestSchema: "BlockRequest",
              responseSchema: "Block", idempotent: false),
        .init(method: "post", path: "/api/v1/number-blocks/{id}/forms", summary: "登记预印文书的使用或作废（DOC-12）", tag: "documents", requestSchema: "FormUse",
              responseSchema: "Block", idempotent: false),
        .init(method: "get", path: "/api/v1/worklist", summary: "待办：我的待办、本单位、重大案件，按紧急程度排序（CAL-40）", tag: "cases", requestSchema: nil,
              responseSchema: "Worklist", idempotent: false, query: [("view", "enum:mine|unit|major"), ("state", "string"), ("page", "integer")]),
        .init(method: "post", path: "/api/v1/cases/{id}/publication/preview", summary: "预览脱敏后的案例文本（DOC-60）", tag: "library",
              requestSchema: "PublicationPreviewRequest", responseSchema: "PublicationPreview", idempotent: false),
        .init(method: "post", path: "/api/v1/cases/{id}/publication", summary: "审核确认后发布典型案例（DOC-60）", tag: "library", requestSchema: "Publish",
              responseSchema: "Publication", idempotent: false),
        .init(method: "get", path: "/api/v1/violation-categories", summary: "现行违法行为类别树：行业领域、类别、法律依据、是否重点领域（PLT-16）", tag: "categories",
              requestSchema: nil, responseSchema: "ViolationCategories", idempotent: false, query: [("on", "date")]),
        .init(method: "post", path: "/api/v1/violation-categories/versions", summary: "发布违法行为类别新版本：新增、修改、停用，自生效日期起适用（PLT-16，法制部门）",
              tag: "categories", requestSchema: "ViolationCategoryPublish", responseSchema: "ViolationCategories", idempotent: false),
        .init(method: "get", path: "/api/v1/library", summary: "典型案例库", tag: "library", requestSchema: nil, responseSchema: "Library",
              idempotent: false, query: [("channel", "string")]),
        .init(method: "get", path: "/api/v1/training/courses", summary: "本人数据范围内的培训与考核及合格人数（PLT-07）", tag: "training", requestSchema: nil,
              responseSchema: "TrainingCourses", idempotent: false),
        .init(method: "post", path: "/api/v1/training/courses/{id}/results",
              summary: "登记一人的出勤与分项成绩；总分自动计算，合格的同时授予资格并记录有效期（PLT-07、PLT-02）", tag: "training",
              requestSchema: "TrainingResultWrite", responseSchema: "TrainingResult", idempotent: false),
        .init(method: "post", path: "/api/v1/rule-sets/{key}/activate",
              summary: "法制科确认待核实的时限规则集版本生效：逐项数值与依据必填；绑定该版本的案件改按确认版本计算，数值变化的未结期限重算并逐项记录（CP-03）",
              tag: "rules", requestSchema: "RuleSetActivate", responseSchema: "RuleSetActivation", idempotent: false),
        .init(method: "get", path: "/api/v1/statistics/complaints/monthly",
              summary: "投诉举报月度分析：数量、类型、结构、同比、环比与办结率，各所只见本单位；次月第5个工作日定稿后返回定稿数字（CP-38）",
              tag: "statistics", requestSchema: nil, responseSchema: "ComplaintMonthly", idempotent: false, query: [("month", "string")]),
    ] + ExpertRatingOpenAPI.operations + CampaignOpenAPI.operations  // PLT-08 experts, IV-24 ratings, complaints.md campaigns
        + ComplaintOpenAPI.operations  // CP-39 public statistics, CP-44 bulk operations

    static var schemas: [String: Any] { [
        "Problem": obj(["type": str, "title": str, "status": int, "code": str, "detail": str, "rule": str,
                        "fields": arr(obj(["field": str, "rule": str, "code": str, "messageZH": str])), "requestId": str]),
        "Party": obj(["id": uuid, "kind": str, "name": str, "uscc": str, "idNumberMasked": str, "representative": str, "phoneMasked": str,
                      "addressMasked": str, "industry": str, "licenceTermEnd": str, "unitId": uuid, "identityUnverified": bool, "version": int]),
        "PartyPage": obj(["items": arr(ref("Party")), "limit": int, "offset": int]),
        "PartyWrite": obj(["kind": partyKind, "name": str, "uscc": str, "idNumber": str, "representative": str, "phone": str, "address": str,
                           "industry": str, "licenceTermEnd": str, "unitCode": str, "version": int], required: ["kind", "name"]),
        "PartyUpdate": obj(["kind": partyKind, "name": str, "uscc": str, "idNumber": str, "representative": str, "phone": str, "address": str,
                            "industry": str, "licenceTermEnd": str, "unitCode": str, "version": int], required: ["kind", "name", "version"]),
        "PartyCreated": obj(["created": bool, "party": ref("Party")]),
        "TrainingCourse": obj(["id": uuid, "unitId": uuid, "kind": ["type": "string", "enum": CourseKind.allCases.map(\.rawValue)], "title": str,
                               "startsOn": str, "endsOn": str, "passMark": int, "grants": str, "validityMonths": int, "assessed": int, "passed": int,
                               "meetsTarget": bool]),
        "TrainingCourses": arr(ref("TrainingCourse")),
        "TrainingResultWrite": obj(["userId": uuid, "attended": bool, "written": int, "mock": int, "satisfaction": int], required: ["userId"]),
        "TrainingResult": obj(["id": uuid, "courseId": uuid, "userId": uuid, "attended": bool, "scores": ["type": "object", "additionalProperties": int],
                               "total": str, "passed": bool, "assessedOn": str, "qualification": str, "qualificationExpiresOn": str]),
        "Token": obj(["id": uuid, "name": str, "scopes": arr(str), "createdAt": str, "revokedAt": str]),
        "Tokens": arr(ref("Token")),
        "History": arr(obj(["caseId": uuid, "caseNumber": str, "module": str, "state": str, "openedOn": str])),
        "OrgUnit": obj(["id": uuid, "code": str, "name": str, "kind": str, "parentId": uuid, "areaCode": str, "numberPrefix": str]),
        "Units": arr(ref("OrgUnit")),
        "UnitWrite": obj(["code": str, "name": str, "kind": ["type": "string", "enum": UnitKind.allCases.map(\.rawValue)], "parentId": uuid, "areaCode": str, "numberPrefix": str], required: ["code", "name", "kind"]),
        "Users": arr(obj(["id": uuid, "login": str, "name": str, "unitId": uuid, "active": bool,
                          "roles": arr(obj(["role": str, "unitId": uuid, "scope": str]))])),
        "AuditEvents": arr(obj(["seq": int, "at": str, "action": str, "objectType": str, "objectId": str, "user": str, "clientAddress": str,
                                "requestId": str, "changes": ["type": "object"], "detail": str, "hash": str])),
        "Attachment": obj(["id": uuid, "sha256": str, "size": int, "mediaType": str, "kind": str, "filename": str]),
        "Due": obj(["start": str, "count": int, "unit": str, "due": str, "provisional": bool]),
        "Workday": obj(["date": str, "workday": bool, "provisional": bool]),
        "Between": obj(["start": str, "end": str, "workdays": int, "provisional": bool]),
        "CalendarYears": arr(obj(["year": int, "notice": str, "holidays": arr(str), "makeUpDays": arr(str)])),
        "CalendarText": ["type": "string", "description": "year 2027\nnotice …\nholiday 2027-01-01 元旦\nworkday …"],
        "CalendarImport": obj(["changes": arr(obj(["year": int, "revision": int, "changedDates": arr(str)]))]),
        "Binary": ["type": "string", "contentMediaType": "application/octet-stream"],
        "Html": ["type": "string", "contentMediaType": "text/html"],
        "Clock": obj(["id": uuid, "step": str, "ruleSet": str, "count": int, "unit": str, "start": str, "due": str, "provisional": bool,
                      "ruleUnconfirmed": bool, "state": str, "signal": str, "stoppedDays": int, "extended": int, "endedOn": str, "calendarRevision": int,
                      "startAt": dateTime, "dueAt": dateTime, "endedAt": dateTime,
                      "records": arr(obj(["kind": str, "from": str, "to": str, "count": int, "ground": str, "approver": str, "grantedOn": str])),
                      "pendingExtensions": arr(obj(["id": uuid, "count": int, "ground": str, "approverId": uuid, "approver": str, "requestedOn": str]))]),
        "Case": obj(["id": uuid, "unitId": uuid, "caseType": str, "number": str, "title": str, "gravity": str, "state": str, "openedOn": str,
                     "ruleVersions": ["type": "object"], "version": int, "clocks": arr(ref("Clock")), "subtasks": arr(ref("Subtask"))]),
        "Subtask": obj(["id": uuid, "unitId": uuid, "unit": str, "kind": str, "title": str, "step": str, "rule": str, "state": str, "stateName": str,
                        "openedOn": str, "clockId": uuid, "replyText": str, "repliedOn": str, "repliedBy": uuid, "repliedByName": str, "withdrawnOn": str]),
        "Subtasks": arr(ref("Subtask")),
        "SubtaskReply": obj(["text": str, "on": day], required: ["text", "on"]),
        "Timeline": arr(obj(["seq": int, "at": str, "action": str, "user": str, "detail": str, "changes": ["type": "object"]])),
        "Suspend": obj(["from": day, "to": day, "ground": str, "approverId": uuid], required: ["from", "ground", "approverId"]),
        "Resume": obj(["lastSuspendedDay": day], required: ["lastSuspendedDay"]),
        "Extend": obj(["count": int, "ground": str, "approverId": uuid], required: ["count", "ground", "approverId"]),
        "DocumentIssue": obj(["templateCode": str, "values": ["type": "object", "additionalProperties": str], "recipient": str], required: ["templateCode", "values"]),
        "Document": obj(["id": uuid, "caseId": uuid, "templateCode": str, "templateVersion": int, "number": str, "serial": int, "state": str,
                         "recipient": str, "issuedOn": str, "sha256": str, "verificationCode": str, "voidReason": str]),
        "Documents": arr(ref("Document")),
        "Void": obj(["reason": str], required: ["reason"]),
        "Service": obj(["recipient": str, "method": ["type": "string", "enum": ServiceMethod.allCases.map(\.rawValue)], "date": day, "time": str,
                        "receiptAttachmentId": str, "mailNumber": str, "deliveredOn": day, "deliveredTime": str, "consentAttachmentId": str,
                        "consentDate": day, "refusalNote": str, "witnesses": arr(str), "publishedOn": day, "medium": str],
                       required: ["recipient", "method", "date"]),
        "ServiceRecord": obj(["id": uuid, "method": str, "recipient": str, "servedOn": str, "effectiveOn": str, "proof": ["type": "object"]]),
        "ServiceRecords": arr(ref("ServiceRecord")),
        "BlockRequest": obj(["unitId": uuid, "typeWord": str, "year": int, "count": int, "note": str], required: ["unitId", "typeWord", "year", "count"]),
        "Block": obj(["id": uuid, "first": int, "last": int, "typeWord": str, "year": int,
                      "forms": arr(obj(["serial": int, "number": str, "state": str, "caseRef": str, "usedOn": str, "reason": str]))]),
        "PublicationPreviewRequest": obj(["text": str], required: ["text"]),
        "PublicationPreview": obj(["masked": str, "leaks": arr(obj(["kind": str, "text": str]))]),
        "Publish": obj(["title": str, "text": str, "channel": str, "confirmed": bool], required: ["title", "text", "confirmed"]),
        "Publication": obj(["id": uuid, "caseId": uuid, "title": str, "text": str, "channel": str, "reviewer": str, "publishedAt": str]),
        "Library": arr(ref("Publication")),
        "ViolationCategories": obj(["version": int, "effectiveOn": str, "note": str,
                                    "sectors": arr(obj(["code": str, "name": str, "legalBasis": str, "keySector": bool, "retired": bool,
                                                        "categories": arr(obj(["code": str, "name": str, "legalBasis": str, "sector": str, "keySector": bool,
                                                                               "retired": bool]))]))]),
        "ViolationCategoryPublish": obj(["effectiveOn": day, "note": str,
                                         "changes": arr(obj(["action": str, "code": str, "name": str, "legalBasis": str, "parent": str, "keySector": bool],
                                                            required: ["action", "code"]))], required: ["effectiveOn", "changes"]),
        "Role": obj(["code": str, "name": str, "permissions": arr(str), "defaultScope": str, "adminDuty": str, "shipped": bool, "version": int]),
        "Roles": arr(ref("Role")),
        "RoleWrite": obj(["code": str, "name": str, "permissions": arr(str), "defaultScope": str, "adminDuty": str, "version": int],
                         required: ["name", "permissions", "defaultScope"]),
        "RoleUpdate": obj(["code": str, "name": str, "permissions": arr(str), "defaultScope": str, "adminDuty": str, "version": int],
                          required: ["name", "permissions", "defaultScope", "version"]),
        "ActionInput": ["type": "object", "description": "字段名 → 字符串、字符串数组（多选、逐行列表）、布尔值或整数（null 视同未填）；可选 unitId",
                        "additionalProperties": ["oneOf": [str, arr(str), bool, int, ["type": "null"]]]],
        "ActionRequest": obj(["version": int, "input": ref("ActionInput")], required: ["input"]),
        "ProcedureCase": obj(["id": uuid, "unitId": uuid, "caseType": str, "number": str, "title": str, "gravity": str, "state": str, "stateName": str,
                              "openedOn": str, "closedOn": str, "version": int, "facts": ["type": "object"], "summary": str]),
        "Actions": arr(obj(["key": str, "name": str, "rule": str,
                            "fields": arr(obj(["name": str, "label": str, "kind": str, "required": bool, "options": arr(obj(["value": str, "label": str]))])),
                            "unmet": arr(obj(["field": str, "rule": str, "code": str, "message": str]))])),
        "Worklist": arr(obj(["caseId": uuid, "number": str, "title": str, "caseType": str, "state": str, "stateName": str, "gravity": str, "step": str,
                             "due": str, "provisional": bool, "signal": str, "ruleUnconfirmed": bool])),
        "ComplaintMonthly": obj(["month": str, "asOf": str, "freezesOn": str, "frozen": bool,
                                 "tables": arr(obj(["title": str, "rows": arr(arr(str))]))]),
        "RuleSetActivate": obj(["version": int, "citation": str,
                                "steps": ["type": "object", "additionalProperties": obj(["count": int, "unit": str, "roll": str, "maxExtension": int, "citation": str],
                                                                                        required: ["count", "citation"])]],
                               required: ["version", "citation", "steps"]),
        "RuleSetActivation": obj(["key": str, "version": int, "label": str, "status": str, "confirms": int, "effectiveFrom": str, "effectiveTo": str,
                                  "cases": int, "changes": arr(obj(["caseId": uuid, "clockId": uuid, "step": str, "oldRuleSet": str, "newRuleSet": str,
                                                                    "oldDue": str, "newDue": str, "recomputed": bool, "calendarRevision": int]))]),
        "Statistics": obj(["period": str, "periodName": str, "through": str, "assessmentTotal": ["type": "number"], "counts": ["type": "object"],
                                    "indicators": arr(obj(["kind": str, "name": str, "numerator": ["type": "number"], "denominator": int,
                                                           "rate": ["type": "number"], "target": ["type": "number"], "met": bool]))]),
        "RevisitRequest": ["type": "object", "properties": ["on": str, "method": str, "answer": str, "note": str] as [String: Any],
                           "additionalProperties": int, "required": ["on", "method", "answer"],
                           "description": revisitScoresZH],
        "Revisit": obj(["on": str, "method": str, "answer": str, "scores": arr(int), "index": ["type": "number"], "note": str]),
        "Revisits": arr(ref("Revisit")),
        "CaseLinks": arr(obj(["caseId": uuid, "reference": str, "caseType": str, "relation": str, "outgoing": bool])),
        "FormUse": obj(["serial": int, "caseRef": str, "usedOn": day, "voidReason": str], required: ["serial"]),
    ].merging(ExpertRatingOpenAPI.schemas) { ours, _ in ours }.merging(IndicatorTargetOpenAPI.schemas) { ours, _ in ours }.merging(UnitReportOpenAPI.schemas) { ours, _ in ours }.merging(WeeklyMeetingOpenAPI.schemas) { ours, _ in ours }.merging(PeriodicRecordOpenAPI.schemas) { ours, _ in ours }.merging(CampaignOpenAPI.schemas) { ours, _ in ours }
        .merging(ComplaintOpenAPI.schemas) { ours, _ in ours } }

    /// The revisit's scores, named generically: each procedure declares its own dimensions.
    static let revisitScoresZH = "另加该案件所属程序声明的各评分项（键为评分项代码，1至5分）"

    static var str: [String: Any] { ["type": "string"] }
    static var partyKind: [String: Any] { ["type": "string", "enum": PartyKind.allCases.map(\.rawValue)] }
    static var int: [String: Any] { ["type": "integer"] }
    static var bool: [String: Any] { ["type": "boolean"] }
    static var uuid: [String: Any] { ["type": "string", "format": "uuid"] }
    /// A calendar day, `YYYY-MM-DD` (the server refuses anything else with 422).
    static var day: [String: Any] { ["type": "string", "format": "date"] }

    /// text the server takes holds no control character but tab, line feed and carriage
    /// return (InputGuardMiddleware answers 422 `input.control-character` to a query or JSON body
    /// with one, member names included).
    static let textPattern = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$"

    /// The request bodies (JSON) whose text the input guard inspects: their strings and member
    /// names carry `textPattern`.
    static let guardedSchemas: Set<String> = Set([
        "PartyWrite", "PartyUpdate", "RoleUpdate", "TrainingResultWrite", "UnitWrite", "SubtaskReply", "Suspend", "Resume", "Extend", "DocumentIssue", "Void", "Service",
        "BlockRequest", "PublicationPreviewRequest", "Publish", "ViolationCategoryPublish", "RoleWrite", "ActionInput", "ActionRequest",
        "RevisitRequest", "FormUse", "RuleSetActivate", "ComplaintImportRequest",
    ]).union(ExpertRatingOpenAPI.guarded).union(CampaignOpenAPI.guarded).union(ComplaintOpenAPI.guarded)  // PLT-08 experts, IV-24 ratings, campaigns, CP-44

    /// `schema` with `textPattern` on every plain string and as `propertyNames` of every object.
    static func guarded(_ schema: [String: Any]) -> [String: Any] {
        var s = schema
        if s["type"] as? String == "string", s["format"] == nil, s["enum"] == nil, s["contentMediaType"] == nil, s["pattern"] == nil {
            s["pattern"] = textPattern
        }
        if s["type"] as? String == "object" { s["propertyNames"] = ["pattern": textPattern] }
        if let props = s["properties"] as? [String: [String: Any]] {
            // An optional member may also be null: the server decodes it as absent (FZ-07).
            let required = Set(s["required"] as? [String] ?? [])
            s["properties"] = Dictionary(uniqueKeysWithValues: props.map { ($0.key, required.contains($0.key) ? guarded($0.value) : nullable(guarded($0.value))) })
        }
        if let extra = s["additionalProperties"] as? [String: Any] { s["additionalProperties"] = guarded(extra) }
        if let items = s["items"] as? [String: Any] { s["items"] = guarded(items) }
        if let one = s["oneOf"] as? [[String: Any]] { s["oneOf"] = one.map(guarded) }
        return s
    }

    /// `schema` that also admits null.
    static func nullable(_ schema: [String: Any]) -> [String: Any] {
        var s = schema
        if let t = s["type"] as? String { s["type"] = [t, "null"] }
        if let e = s["enum"] as? [Any] { s["enum"] = e + [NSNull()] }
        if s["$ref"] != nil { return ["anyOf": [schema, ["type": "null"]]] }
        return s
    }

    /// OpenAPI links (stateful testing, issue 13 item 1): what a client can do next with the id
    /// an answer carries. Keyed by operation id (`method` + path); each link names the operation it
    /// leads to and where its parameters come from.
    static func links(_ registry: ProcedureRegistry) -> [String: [String: Any]] {
        func link(_ target: String, _ parameters: [String: String]) -> [String: Any] {
            ["operationId": target, "parameters": parameters]
        }
        let caseID = ["id": "$response.body#/id"]
        var out: [String: [String: Any]] = [
            "post/api/v1/parties": [
                "GetParty": link("get/api/v1/parties/{id}", ["id": "$response.body#/party/id"]),
                "UpdateParty": link("put/api/v1/parties/{id}", ["id": "$response.body#/party/id"]),
                "PartyHistory": link("get/api/v1/parties/{id}/history", ["id": "$response.body#/party/id"]),
            ],
            "get/api/v1/parties": ["GetFirstParty": link("get/api/v1/parties/{id}", ["id": "$response.body#/items/0/id"])],
            "post/api/v1/cases/{id}/documents": [
                "GetDocument": link("get/api/v1/documents/{id}", caseID),
                "GetDocx": link("get/api/v1/documents/{id}/docx", caseID),
                "GetHtml": link("get/api/v1/documents/{id}/html", caseID),
                "VoidDocument": link("post/api/v1/documents/{id}/void", caseID),
                "RecordService": link("post/api/v1/documents/{id}/service", caseID),
                "ListService": link("get/api/v1/documents/{id}/service", caseID),
            ],
            "post/api/v1/number-blocks": ["RecordForm": link("post/api/v1/number-blocks/{id}/forms", caseID)],
            "post/api/v1/attachments": ["GetAttachment": link("get/api/v1/attachments/{id}", caseID)],
            "post/api/v1/roles": ["UpdateRole": link("put/api/v1/roles/{code}", ["code": "$response.body#/code"])],
            "get/api/v1/cases/{id}": [
                "SuspendClock": link("post/api/v1/clocks/{id}/suspend", ["id": "$response.body#/clocks/0/id"]),
                "ResumeClock": link("post/api/v1/clocks/{id}/resume", ["id": "$response.body#/clocks/0/id"]),
                "ExtendClock": link("post/api/v1/clocks/{id}/extend", ["id": "$response.body#/clocks/0/id"]),
            ],
            "post/api/v1/clocks/{id}/extend": [
                "ConfirmExtension": link("post/api/v1/clocks/{id}/extensions/{requestId}/confirm",
                                         ["id": "$request.path.id", "requestId": "$response.body#/pendingExtensions/0/id"]),
            ],
        ]
        for p in registry.procedures {
            let word = p.module.pathWord
            var next: [String: Any] = [
                "GetCase": link("get/api/v1/\(word)/{id}", caseID),
                "ListActions": link("get/api/v1/\(word)/{id}/actions", caseID),
                "TakeAction": link("post/api/v1/\(word)/{id}/actions/{action}", caseID),
                "CaseLinks": link("get/api/v1/\(word)/{id}/links", caseID),
                "CaseClocks": link("get/api/v1/cases/{id}", caseID),
                "CaseTimeline": link("get/api/v1/cases/{id}/timeline", caseID),
                "CaseSubtasks": link("get/api/v1/cases/{id}/subtasks", caseID),
                "IssueDocument": link("post/api/v1/cases/{id}/documents", caseID),
                "ListDocuments": link("get/api/v1/cases/{id}/documents", caseID),
                "PreviewPublication": link("post/api/v1/cases/{id}/publication/preview", caseID),
            ]
            if p.module.capabilities.contains(.revisits) {
                next["ListRevisits"] = link("get/api/v1/\(word)/{id}/revisits", caseID)
                next["RecordRevisit"] = link("post/api/v1/\(word)/{id}/revisits", caseID)
            }
            out["post/api/v1/\(word)"] = next
            out["post/api/v1/\(word)/{id}/actions/{action}"] = next
        }
        return out
    }
    /// CAL-13 instants: ISO 8601 in Beijing time, e.g. `2025-10-01T16:00:00+08:00`.
    static var dateTime: [String: Any] { ["type": "string", "format": "date-time"] }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func arr(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    static func obj(_ props: [String: Any], required: [String] = []) -> [String: Any] {
        var o: [String: Any] = ["type": "object", "properties": props]
        if !required.isEmpty { o["required"] = required }
        return o
    }

    static func problem(_ description: String) -> [String: Any] {
        ["description": description, "content": ["application/problem+json": ["schema": ref("Problem")]]]
    }

    /// The five operations every procedure has, under its path word and tag.
    static func operations<P: Procedure>(of procedure: P.Type) -> [Operation] {
        let base = "/api/v1/\(P.module.pathWord)"
        let tag = P.module.pathWord
        return [
            .init(method: "post", path: base, summary: "\(P.creation.nameZH)：立\(P.nameZH)案并开始计时（\(P.creation.rule)）", tag: tag,
                  requestSchema: creationSchemaName(P.self), responseSchema: "ProcedureCase", idempotent: true),
            .init(method: "get", path: base + "/{id}", summary: "\(P.nameZH)案件及其办理信息", tag: tag, requestSchema: nil, responseSchema: "ProcedureCase",
                  idempotent: false),
            .init(method: "get", path: base + "/{id}/actions", summary: "当前可办理的环节、所需填写项及尚未满足的条件（含规则编号）", tag: tag,
                  requestSchema: nil, responseSchema: "Actions", idempotent: false),
            .init(method: "post", path: base + "/{id}/actions/{action}", summary: "办理一个环节；不符合条件时返回422并列出全部未满足的条件及规则编号",
                  tag: tag, requestSchema: "ActionRequest", responseSchema: "ProcedureCase", idempotent: false),
            .init(method: "get", path: base + "/{id}/links", summary: "关联案件（如移交的行政处罚案件）", tag: tag, requestSchema: nil,
                  responseSchema: "CaseLinks", idempotent: false),
        ] + followUpOperations(of: procedure) + ComplaintOpenAPI.bulkOperations(of: procedure)
    }

    /// The name of the schema of a procedure's opening request, e.g. `Create_interviews`.
    static func creationSchemaName<P: Procedure>(_ procedure: P.Type) -> String { "Create_\(P.module.pathWord)" }

    /// A procedure's opening request as the server reads it: the creating transition's fields (each
    /// by its kind, length limit and options; the required ones required) and an optional unitId.
    static func creationSchema<P: Procedure>(_ procedure: P.Type) -> [String: Any] {
        var props: [String: Any] = ["unitId": uuid]
        for f in P.creation.fields { props[f.name] = fieldSchema(f) }
        var o = obj(props, required: P.creation.fields.filter(\.required).map(\.name))
        o["additionalProperties"] = (schemas["ActionInput"] as? [String: Any])?["additionalProperties"]
        return o
    }

    /// One input field's value (X-06 limits: `InputField.validate`).
    static func fieldSchema(_ f: InputField) -> [String: Any] {
        func text(_ limit: Int) -> [String: Any] {
            var t: [String: Any] = ["type": "string", "maxLength": f.maxLength ?? limit]
            if f.required { t["minLength"] = 1 }
            return t
        }
        switch f.kind {
        case .text, .category: return text(InputLimits.textCharacters)
        case .textarea: return text(InputLimits.textareaCharacters)
        case .lines: return arr(text(InputLimits.textareaCharacters))
        case .date: return day
        case .number: return int
        case .checkbox: return bool
        case .choice: return f.options.isEmpty ? text(InputLimits.textCharacters) : ["type": "string", "enum": f.options.map(\.value)]
        case .user, .party: return uuid
        case .users: return arr(uuid)
        }
    }

    /// The operations of the follow-up features a procedure takes part in (its capabilities).
    static func followUpOperations<P: Procedure>(of procedure: P.Type) -> [Operation] {
        let word = P.module.pathWord
        var ops: [Operation] = []
        if P.module.capabilities.contains(.indicators) {
            ops.append(.init(method: "get", path: "/api/v1/statistics/\(word)", summary: "\(P.nameZH)指标及考核得分（statistics.md）", tag: "statistics",
                             requestSchema: nil, responseSchema: "Statistics", idempotent: false, query: [("period", "string"), ("unit", "string")]))
            ops += IndicatorTargetOpenAPI.operations(of: procedure)
        }
        ops += UnitReportOpenAPI.operations(of: procedure)
        ops += WeeklyMeetingOpenAPI.operations(of: procedure)
        ops += PeriodicRecordOpenAPI.operations(of: procedure)
        if P.module.capabilities.contains(.revisits) {
            let dimensions = P.module.revisitDimensions.map(\.nameZH).joined(separator: "、")
            ops += [
                .init(method: "get", path: "/api/v1/\(word)/{id}/revisits", summary: "已办结\(P.nameZH)案件的回访记录（ST-21）", tag: word, requestSchema: nil,
                      responseSchema: "Revisits", idempotent: false),
                .init(method: "post", path: "/api/v1/\(word)/{id}/revisits", summary: "记录回访：满意度与评分（\(dimensions)，1至5分），计入回访满意度（ST-06、ST-21）",
                      tag: word, requestSchema: "RevisitRequest", responseSchema: "Revisit", idempotent: false),
            ]
        }
        return ops
    }

    static func document(_ registry: ProcedureRegistry) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        let links = links(registry)
        var components = schemas
        for p in registry.procedures {
            components[creationSchemaName(p)] = creationSchema(p)
            // statistics.md "targets configurable": each procedure's settable targets with their ranges.
            if let targets = IndicatorTargetOpenAPI.writeSchema(p) { components[IndicatorTargetOpenAPI.schemaName(p)] = targets }
        }
        // ST-21: the score keys a revisit adds are the registered procedures' own dimensions.
        if var revisit = components["RevisitRequest"] as? [String: Any] {
            let each = registry.with(.revisits).map { p in "\(p.nameZH)：" + p.module.revisitDimensions.map(\.key).joined(separator: "、") }
            revisit["description"] = revisitScoresZH + (each.isEmpty ? "" : "（" + each.joined(separator: "；") + "）")
            components["RevisitRequest"] = revisit
        }
        // CP-43: the platform and hotline import, with the complaint procedure.
        if !ComplaintImportOpenAPI.operations(registry).isEmpty { components.merge(ComplaintImportOpenAPI.schemas) { ours, _ in ours } }
        for op in operations + registry.procedures.flatMap({ operations(of: $0) }) + ComplaintImportOpenAPI.operations(registry) {
            var o: [String: Any] = ["summary": op.summary, "tags": [op.tag], "operationId": "\(op.method)\(op.path)"]
            var params: [[String: Any]] = op.query.map { name, spec in queryParameter(name, spec) }
            // Every `{name}` of the path is declared: ids are UUIDs, `action` and `code` are words.
            params += pathParameters(op.path).map { ["name": $0, "in": "path", "required": true, "schema": $0.hasSuffix("Id") || $0 == "id" ? uuid : str] }
            if op.idempotent {
                params.append(["name": "Idempotency-Key", "in": "header", "required": false,
                               "schema": ["type": "string", "minLength": 1, "maxLength": 200] as [String: Any]])
            }
            if !params.isEmpty { o["parameters"] = params }
            if let req = op.requestSchema {
                let media = req == "Binary" ? "application/octet-stream" : (req == "CalendarText" ? "text/plain" : "application/json")
                o["requestBody"] = ["required": true, "content": [media: ["schema": ref(req)]]]
            }
            let success: [String: Any] = [op.responseMedia ?? "application/json": ["schema": op.responseSchema.map(ref) ?? ["type": "object"]]]
            var responses: [String: Any] = [
                "200": ["description": "成功", "content": success],
                "400": problem("请求格式不正确（如无法解析的 JSON、含控制字符的输入，X-06）"),
                "401": problem("未登录或令牌无效"), "403": problem("无权限"), "404": problem("不存在或不在数据范围内"), "422": problem("输入不符合规则"),
            ]
            if op.method == "post" { responses["201"] = ["description": "已创建", "content": success] }
            if op.method == "post" || op.method == "put" {
                responses["409"] = problem(op.method == "put" ? "版本已过期（PLT-53）" : "与现有记录冲突，或同一 Idempotency-Key 的请求正在处理（PLT-52）")
            }
            if op.requestSchema != nil { responses["415"] = problem("请求体的媒体类型不受支持") }
            if let next = links[o["operationId"] as! String] {
                for code in ["200", "201"] where responses[code] != nil {
                    var r = responses[code] as! [String: Any]
                    r["links"] = next
                    responses[code] = r
                }
            }
            o["responses"] = responses
            if op.path != "/api/v1/openapi.json" && !["/api/v1/calendar/due", "/api/v1/calendar/is-workday", "/api/v1/calendar/between"].contains(op.path) { o["security"] = [["bearer": [String]()]] }
            paths[op.path, default: [:]][op.method] = o
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "枫桥 Fengqiao API", "version": "1.0.0", "description": "基层市场监管所办案系统接口。错误以 application/problem+json 返回，含稳定的 code、中文 detail 与出错字段。"],
            "servers": [["url": "/"]],
            "paths": paths,
            "components": ["schemas": Dictionary(uniqueKeysWithValues: components.map {
                               ($0.key, guardedSchemas.contains($0.key) || $0.key.hasPrefix("Create_") || $0.key.hasPrefix("Targets_") ? guarded($0.value as! [String: Any]) : $0.value)
                           }),
                           "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
        ]
    }

    /// A query parameter from its spec: `string`, `integer`, `range:MIN:MAX`, `date` or `enum:a|b|c`; a trailing `!`
    /// makes it required.
    static func queryParameter(_ name: String, _ spec: String) -> [String: Any] {
        let required = spec.hasSuffix("!")
        let type = required ? String(spec.dropLast()) : spec
        let schema: [String: Any] = switch type {
        case "date": day
        case "string": ["type": "string", "pattern": textPattern]
        case let t where t.hasPrefix("enum:"): ["type": "string", "enum": t.dropFirst(5).split(separator: "|").map(String.init)]
        case let t where t.hasPrefix("range:"):
            ["type": "integer", "minimum": Int(t.split(separator: ":")[1])!, "maximum": Int(t.split(separator: ":")[2])!]
        default: ["type": type]
        }
        return ["name": name, "in": "query", "required": required, "schema": schema]
    }

    /// The `{name}` parameters of a path, in order.
    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    /// The document as served; built once at start from the app's registry.
    static func json(_ registry: ProcedureRegistry) -> String {
        let data = try! JSONSerialization.data(withJSONObject: document(registry), options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
