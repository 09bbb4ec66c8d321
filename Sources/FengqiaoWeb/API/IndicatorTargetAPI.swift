import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A procedure's targets for a year over the API (statistics.md "targets configurable", ST-10):
/// `GET /api/v1/statistics/{word}/targets?year=2025` and `PUT …?year=2025` with
/// `{"targets": {"coverage": 0.85}, "annualWeight": 0.15}` — fractions for ratios and changes, a score
/// for a mean. PUT replaces the year's values: an indicator left out (or null) goes back to its default.
/// A bad value is 422 problem JSON with a stable code (`target.out-of-range`, `target.not-a-number`,
/// `target.unknown`) naming each field; nothing is saved.
enum IndicatorTargetAPI<P: Procedure> {
    static func get(_ req: Request) async throws -> IndicatorTargetsDTO {
        try req.actor().require(.statisticsTargets)
        return try await dto(req, year: try IndicatorTargetPages<P>.year(req))
    }

    static func put(_ req: Request) async throws -> IndicatorTargetsDTO {
        let actor = try req.actor()
        try actor.require(.statisticsTargets)
        let year = try IndicatorTargetPages<P>.year(req, required: true)
        let body = try req.content.decode(IndicatorTargetsWriteDTO.self)
        let declared = P.module.indicatorTargets
        var values: [String: Double?] = [:]
        var faults: [FieldError] = []
        // PUT replaces: every settable key is given a value or removed.
        for key in declared.keys { values[key] = .some(nil) }
        for (key, value) in body.targets {
            guard key != IndicatorTargets.annualWeightKey else {
                faults.append(FieldError(field: key, rule: IndicatorTargets.rule, code: "target.unknown", messageZH: "年度考核权重应作为 annualWeight 提交"))
                continue
            }
            switch value {
            case let .number(n): values[key] = n
            case .null: values[key] = .some(nil)
            case .other: faults.append(notANumber(key, declared))
            }
        }
        switch body.annualWeight {
        case let .number(n)?: values[IndicatorTargets.annualWeightKey] = n
        case .other?: faults.append(notANumber(IndicatorTargets.annualWeightKey, declared))
        case .null?, nil: break
        }
        // Unknown keys are named by the check, with the values out of range.
        faults += declared.check(values).filter { f in !faults.contains { $0.field == f.field } }
        guard faults.isEmpty else { throw IndicatorTargets.refusal(faults) }
        try await IndicatorTargetRepository(store: req.store).save(P.self, year: year, values: values, actor: actor, context: req.auditContext)
        return try await dto(req, year: year)
    }

    static func notANumber(_ key: String, _ declared: IndicatorTargets) -> FieldError {
        let name = declared.nameZH(key) ?? key
        return FieldError(field: key, rule: IndicatorTargets.rule, code: "target.not-a-number",
                          messageZH: key == IndicatorTargets.annualWeightKey ? "\(name)应为数字" : "\(name)的目标应为数字")
    }

    static func dto(_ req: Request, year: Int) async throws -> IndicatorTargetsDTO {
        let repository = IndicatorTargetRepository(store: req.store)
        let set = try await repository.settings(P.self, year: year)
        return IndicatorTargetsDTO(P.module.indicatorTargets, pathWord: P.module.pathWord, year: year, set: set.mapValues(\.value),
                                   inForce: try await repository.inForce(P.self, year: year))
    }
}

/// A year's targets: the values set (`targets`, `annualWeight`: what a PUT sends back), and per
/// indicator its default, allowed range and the target in force.
struct IndicatorTargetsDTO: Content {
    struct Item: Content {
        let key: String
        let name: String
        let measure: String
        let `default`: Double?
        let target: Double?
        let minimum: Double
        let maximum: Double
    }
    let procedure: String
    let year: Int
    let targets: [String: Double]
    let annualWeight: Double?
    let indicators: [Item]
    let annualWeightDefault: Double?
    let annualWeightInForce: Double?

    init(_ declared: IndicatorTargets, pathWord: String, year: Int, set: [String: Double], inForce: IndicatorTargets.InForce) {
        procedure = pathWord
        self.year = year
        targets = set.filter { $0.key != IndicatorTargets.annualWeightKey && declared.target($0.key) != nil }
        annualWeight = declared.annualWeight == nil ? nil : set[IndicatorTargets.annualWeightKey]
        indicators = declared.targets.map {
            Item(key: $0.key, name: $0.nameZH, measure: $0.measure.rawValue, default: $0.standard, target: inForce.target($0.key),
                 minimum: $0.range.lowerBound, maximum: $0.range.upperBound)
        }
        annualWeightDefault = declared.annualWeight
        annualWeightInForce = declared.annualWeight == nil ? nil : inForce.annualWeight
    }
}

/// The body of a PUT: indicator key → target (null: the default), and the annual weight.
struct IndicatorTargetsWriteDTO: Content {
    /// A member's value as sent: a number, null, or anything else (refused as not a number).
    enum Value: Codable {
        case number(Double), null, other

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let n = try? c.decode(Double.self) {
                self = .number(n)
            } else {
                self = .other
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case let .number(n): try c.encode(n)
            case .null, .other: try c.encodeNil()
            }
        }
    }
    let targets: [String: Value]
    let annualWeight: Value?
}
