import FengqiaoCore
import Foundation

/// The OpenAPI entries of a procedure's monthly reports (MD-41, `UnitReportPages`): the month's due
/// dates and statuses, the unit head's submission and the consolidating office's consolidation.
enum UnitReportOpenAPI {
    typealias Doc = OpenAPIDocument

    static func operations<P: Procedure>(of procedure: P.Type) -> [OpenAPIDocument.Operation] {
        guard let roll = P.module.reporting else { return [] }
        let path = "/api/v1/statistics/\(P.module.pathWord)/reports"
        return [
            .init(method: "get", path: path,
                  summary: "\(roll.titleZH)：报告期（默认上月）的单位报送期限与汇总上报期限（遇节假日顺延）、各单位报送情况、已报送数字及合计（\(roll.rule)）",
                  tag: "statistics", requestSchema: nil, responseSchema: "UnitReports", idempotent: false, query: [("month", "string")]),
            .init(method: "post", path: path + "/submit",
                  summary: "报送本单位某月的\(roll.titleZH)：数字按本单位案件统计并于报送日定稿；已报送返回409 report.unit.submitted，未结束的月份返回422 report.month.open（\(roll.rule)）",
                  tag: "statistics", requestSchema: "UnitReportMonth", responseSchema: "UnitReport", idempotent: false),
            .init(method: "post", path: path + "/consolidate",
                  summary: "\(roll.consolidatorZH)汇总本局各单位已报送的\(roll.titleZH)并上报：未报送单位予以注明；已汇总返回409 report.consolidated（\(roll.rule)）",
                  tag: "statistics", requestSchema: "UnitReportMonth", responseSchema: "ConsolidatedReport", idempotent: false),
        ]
    }

    static var schemas: [String: Any] {
        let figure = Doc.obj(["key": Doc.str, "label": Doc.str, "value": ["type": "number"], "denominator": Doc.int,
                              "measure": ["type": "string", "enum": ["ratio", "mean", "change"]]])
        return [
            "UnitReportMonth": Doc.obj(["month": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"]], required: ["month"]),
            "UnitReports": Doc.obj(["month": Doc.str, "unitDue": Doc.str, "consolidationDue": Doc.str,
                                    "statuses": Doc.arr(Doc.obj(["unit": Doc.str, "status": Doc.str, "submittedBy": Doc.str])),
                                    "table": Doc.arr(Doc.arr(Doc.str)), "consolidatedOn": Doc.str, "missing": Doc.arr(Doc.str)]),
            "UnitReport": Doc.obj(["unitID": Doc.uuid, "unitName": Doc.str, "period": Doc.str, "submittedOn": Doc.str, "submittedBy": Doc.str,
                                   "onTime": Doc.bool, "figures": Doc.arr(figure)]),
            "ConsolidatedReport": Doc.obj(["period": Doc.str, "consolidatedOn": Doc.str, "consolidatedBy": Doc.str, "onTime": Doc.bool,
                                           "units": Doc.arr(Doc.obj(["unitName": Doc.str, "submittedOn": Doc.str, "onTime": Doc.bool])),
                                           "missing": Doc.arr(Doc.str), "figures": Doc.arr(figure)]),
        ]
    }
}
