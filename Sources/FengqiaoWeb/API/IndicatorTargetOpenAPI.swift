import FengqiaoCore
import Foundation

/// The OpenAPI entries of a procedure's targets (statistics.md "targets configurable", ST-10;
/// `IndicatorTargetAPI`), generated from its declaration: each settable indicator a number within its
/// range, so the document says what the server refuses (`target.out-of-range`, `target.unknown`).
enum IndicatorTargetOpenAPI {
    typealias Doc = OpenAPIDocument

    /// The year the targets are for; the server refuses years more than five ahead.
    static let year = "range:2000:2100"

    /// GET and PUT `/api/v1/statistics/{word}/targets`, for a procedure with indicators and targets to set.
    static func operations<P: Procedure>(of procedure: P.Type) -> [OpenAPIDocument.Operation] {
        guard P.module.capabilities.contains(.indicators), !P.module.indicatorTargets.isEmpty else { return [] }
        let path = "/api/v1/statistics/\(P.module.pathWord)/targets"
        return [
            .init(method: "get", path: path, summary: "\(P.nameZH)某年度的考核目标：各指标的默认目标、允许范围与现行目标，及该年度设定的值（statistics.md，ST-10）",
                  tag: "statistics", requestSchema: nil, responseSchema: "IndicatorTargets", idempotent: false, query: [("year", year)]),
            .init(method: "put", path: path,
                  summary: "设定\(P.nameZH)某年度的考核目标与计入年度考核的权重（比率、同比以小数表示，如0.85）；未列出或为null的恢复默认；超出范围返回422 target.out-of-range（ST-10）",
                  tag: "statistics", requestSchema: schemaName(P.self), responseSchema: "IndicatorTargets", idempotent: false, query: [("year", year + "!")]),
        ]
    }

    /// The name of a procedure's PUT body, e.g. `Targets_interviews`.
    static func schemaName<P: Procedure>(_ procedure: P.Type) -> String { "Targets_\(P.module.pathWord)" }

    /// A procedure's PUT body: its settable indicators, each a number within its range (no others),
    /// and the annual weight 0…1 when it has an assessment.
    static func writeSchema<P: Procedure>(_ procedure: P.Type) -> [String: Any]? {
        let declared = P.module.indicatorTargets
        guard P.module.capabilities.contains(.indicators), !declared.isEmpty else { return nil }
        var props: [String: Any] = [:]
        for t in declared.targets { props[t.key] = number(t.range) }
        var targets = Doc.obj(props)
        targets["additionalProperties"] = false
        var members: [String: Any] = ["targets": targets]
        if declared.annualWeight != nil { members[IndicatorTargets.annualWeightKey] = number(IndicatorTargets.annualWeightRange) }
        return Doc.obj(members, required: ["targets"])
    }

    static func number(_ range: ClosedRange<Double>) -> [String: Any] { ["type": "number", "minimum": range.lowerBound, "maximum": range.upperBound] }

    static var schemas: [String: Any] { [
        "IndicatorTargets": Doc.obj([
            "procedure": Doc.str, "year": Doc.int,
            "targets": ["type": "object", "additionalProperties": ["type": "number"]] as [String: Any], "annualWeight": ["type": "number"],
            "indicators": Doc.arr(Doc.obj(["key": Doc.str, "name": Doc.str, "measure": ["type": "string", "enum": ["ratio", "mean", "change"]],
                                           "default": ["type": "number"], "target": ["type": "number"], "minimum": ["type": "number"],
                                           "maximum": ["type": "number"]])),
            "annualWeightDefault": ["type": "number"], "annualWeightInForce": ["type": "number"],
        ]),
    ] }
}
