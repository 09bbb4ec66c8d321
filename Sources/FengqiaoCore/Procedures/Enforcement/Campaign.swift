import Foundation

/// A 专项行动 (complaints.md, Campaign): its name, period and category, and the counters the bureau
/// reports — 出动人次, 检查户数, 抽检批次, 不合格批次 (≤ 抽检批次), 取缔无照 — all integers ≥ 0. Cases are
/// linked to it in the registry; its case count and 罚没 come from them, never typed.
public struct Campaign: Sendable, Equatable, Codable {
    public struct Counters: Sendable, Equatable, Codable {
        public var turnouts: Int
        public var premisesInspected: Int
        public var batchesSampled: Int
        public var batchesFailed: Int
        public var unlicensedClosed: Int

        public init(turnouts: Int = 0, premisesInspected: Int = 0, batchesSampled: Int = 0, batchesFailed: Int = 0, unlicensedClosed: Int = 0) {
            self.turnouts = turnouts
            self.premisesInspected = premisesInspected
            self.batchesSampled = batchesSampled
            self.batchesFailed = batchesFailed
            self.unlicensedClosed = unlicensedClosed
        }

        /// The counters with their labels and form names, in the order the page shows them.
        public static var fields: [(name: String, labelZH: String, path: WritableKeyPath<Counters, Int>)] {
            [("turnouts", "出动人次", \.turnouts), ("premisesInspected", "检查户数", \.premisesInspected), ("batchesSampled", "抽检批次", \.batchesSampled),
             ("batchesFailed", "不合格批次", \.batchesFailed), ("unlicensedClosed", "取缔无照", \.unlicensedClosed)]
        }
    }

    public var name: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var category: EnforcementCategory
    public var counters: Counters

    public init(name: String, startsOn: LocalDate, endsOn: LocalDate, category: EnforcementCategory, counters: Counters = Counters()) {
        self.name = name
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.category = category
        self.counters = counters
    }

    /// A campaign from a form or the API: every field named, counters whole numbers ≥ 0 and 不合格批次 ≤
    /// 抽检批次, the period in order. Every problem at once; nil values never half-apply.
    public static func parse(_ v: [String: String]) -> Result<Campaign, DomainError> {
        var errors: [FieldError] = []
        let name = v["name"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty { errors.append(FieldError(field: "name", rule: "X-06", code: "input.required", messageZH: "请填写“专项行动名称”")) }
        if name.count > 100 { errors.append(FieldError(field: "name", rule: "X-06", code: "input.too-long", messageZH: "“专项行动名称”不得超过100字")) }
        let starts = v["startsOn"].flatMap(LocalDate.init(iso:)), ends = v["endsOn"].flatMap(LocalDate.init(iso:))
        if starts == nil { errors.append(FieldError(field: "startsOn", rule: "X-06", code: "input.date.invalid", messageZH: "“开始日期”不是有效日期（格式 2025-10-09）")) }
        if ends == nil { errors.append(FieldError(field: "endsOn", rule: "X-06", code: "input.date.invalid", messageZH: "“结束日期”不是有效日期（格式 2025-10-09）")) }
        if let s = starts, let e = ends, e < s {
            errors.append(FieldError(field: "endsOn", rule: "X-06", code: "campaign.period.order", messageZH: "结束日期不能早于开始日期"))
        }
        let category = v["category"].flatMap(EnforcementCategory.init(rawValue:))
        if category == nil { errors.append(FieldError(field: "category", rule: "X-06", code: "input.choice.invalid", messageZH: "请选择专项行动的案件类别")) }
        var counters = Counters()
        for f in Counters.fields {
            let text = v[f.name]?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !text.isEmpty else { continue }
            guard let n = Int(text), n >= 0 else {
                errors.append(FieldError(field: f.name, rule: "X-06", code: "campaign.counter.invalid", messageZH: "“\(f.labelZH)”须为不小于0的整数"))
                continue
            }
            counters[keyPath: f.path] = n
        }
        if counters.batchesFailed > counters.batchesSampled {
            errors.append(FieldError(field: "batchesFailed", rule: "X-06", code: "campaign.failed.exceeds",
                                     messageZH: "不合格批次（\(counters.batchesFailed)）不能多于抽检批次（\(counters.batchesSampled)）"))
        }
        errors += EnforcementRules.forbiddenFields(ActionInput(single: v))
        guard errors.isEmpty, let s = starts, let e = ends, let k = category else { return .failure(.invalid(errors)) }
        return .success(Campaign(name: name, startsOn: s, endsOn: e, category: k, counters: counters))
    }
}

/// A 消协分会, 投诉举报站 or 联络点 (complaints.md, ServicePoint) with its 挂牌 date.
public enum ServicePointKind: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case consumerAssociation = "consumer-association", complaintStation = "complaint-station", liaison
    /// 依法成立的其他调解组织 (CP-17, 办法 17): registered beside the 消协分会 so a complaint's mediation
    /// may be delegated to it; not a 挂牌 point, so it never counts towards 挂牌率 (CP-40).
    case mediationBody = "mediation-body"
    public var nameZH: String {
        switch self {
        case .consumerAssociation: "消协分会"
        case .complaintStation: "投诉举报站"
        case .liaison: "联络点"
        case .mediationBody: "依法成立的调解组织"
        }
    }

    /// CP-40: the points whose 挂牌 counts towards 挂牌率 (a mediation body is not a listed point).
    public var countsForListing: Bool { self != .mediationBody }

    /// CP-17: the kinds a complaint's mediation may be delegated to (办法 17: 消费者协会 or another
    /// lawfully established mediation organisation).
    public var mayMediate: Bool { self == .consumerAssociation || self == .mediationBody }
}

/// CP-40: 挂牌率 = service points established (挂牌 on or before the day) ÷ the unit's target.
public struct ListingRate: Sendable, Equatable {
    public let established: Int
    public let target: Int
    public init(established: Int, target: Int) {
        self.established = established
        self.target = target
    }
    /// The rate as a fraction; nil without a target.
    public var rate: Double? { target == 0 ? nil : Double(established) / Double(target) }
    /// `80.0%`, or `—` without a target.
    public var text: String { rate.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
}
