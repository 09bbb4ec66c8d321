import Foundation

// Jurisdiction disputes between units (CP-42, 办法 30), shared by every track the 分送员 sends to a
// competent unit: the complaint and the report. A unit that received a dispatched item and holds
// another unit competent records a dispute naming it, instead of returning the item (CP-12); the
// two have 7 working days (`jurisdictionDispute`) to agree; after that the system puts it to their
// common superior, who decides (指定管辖). A procedure keeps its own step types (one per transition
// file), its own error codes and what a competent receipt starts; what the steps do is said once, here.

/// CP-42: one jurisdiction dispute between the unit holding an item and the unit it names. Nothing
/// of a complainant or reporter is kept in it (CP-08): units, days, the staff who acted, the reason.
public struct UnitDispute: Codable, Sendable, Equatable {
    /// The unit holding the item when the dispute was raised, and the other unit.
    public var holderUnitID: UUID
    public var otherUnitID: UUID
    public var otherUnitCode: String
    public var reason: String
    public var raisedOn: LocalDate
    public var raisedBy: UUID
    /// CP-42: the day the system put the dispute to the common superior, the 7 working days to agree run out.
    public var referredOn: LocalDate?
    public var settlement: Settlement?

    /// How a dispute ended: agreed by the units, or decided by their common superior (指定管辖).
    public struct Settlement: Codable, Sendable, Equatable {
        public var decided: Bool
        public var unitID: UUID
        public var unitCode: String
        public var on: LocalDate
        public var by: UUID
        public var reason: String?

        public init(decided: Bool, unitID: UUID, unitCode: String, on: LocalDate, by: UUID, reason: String?) {
            self.decided = decided
            self.unitID = unitID
            self.unitCode = unitCode
            self.on = on
            self.by = by
            self.reason = reason
        }
    }

    public init(holderUnitID: UUID, otherUnitID: UUID, otherUnitCode: String, reason: String, raisedOn: LocalDate, raisedBy: UUID,
                referredOn: LocalDate? = nil, settlement: Settlement? = nil) {
        self.holderUnitID = holderUnitID
        self.otherUnitID = otherUnitID
        self.otherUnitCode = otherUnitCode
        self.reason = reason
        self.raisedOn = raisedOn
        self.raisedBy = raisedBy
        self.referredOn = referredOn
        self.settlement = settlement
    }

    /// The two units in dispute.
    public var units: [UUID] { [holderUnitID, otherUnitID] }
}

/// The facts of a track whose receiving units may dispute jurisdiction (CP-42).
public protocol DisputedFacts: DispatchedFacts {
    /// Every dispute, oldest first; nil before the first.
    var disputes: [UnitDispute]? { get set }
}

extension DisputedFacts {
    /// The dispute still open, if any.
    public var openDispute: UnitDispute? { disputes?.last.flatMap { $0.settlement == nil ? $0 : nil } }
}

/// What raising, agreeing, referring and deciding a dispute do, for any `DisputedFacts` (CP-42).
public enum Disputing {
    /// The state of an item under dispute.
    public static let disputedState = "disputed"
    /// The clock of the units' 7 working days to agree (`jurisdictionDispute`, 办法 30).
    public static let clock = "jurisdictionDispute"

    public static let otherUnit = TypedField<String>.text("unit", "争议对方单位编码", help: "认为有管辖权（或同样不予接收）的单位", maxLength: 32)
    public static let reason = TypedField<String>.textarea("reason", "争议理由")
    public static let agreedUnit = TypedField<String>.text("unit", "协商确定的管辖单位编码", maxLength: 32)
    public static let decidedUnit = TypedField<String>.text("unit", "指定管辖单位编码", maxLength: 32)
    public static let decisionReason = TypedField<String>.textarea("reason", "指定理由", required: false)

    // MARK: The unit tree

    /// CP-42 (办法 30): the common superior of two units — the nearest unit above both (a unit is
    /// never its own superior, so a 分局 disputing with one of its 所 goes to the unit above the 分局).
    public static func commonSuperior(_ a: UUID, _ b: UUID, in tree: UnitTree) -> OrgUnit? {
        let above = Set(tree.path(from: b).dropFirst().map(\.id))
        return tree.path(from: a).dropFirst().first { above.contains($0.id) }
    }

    /// The unit a user acts for: their own, or — for a 科室 or 中心 — the unit it belongs to.
    public static func actingUnit(_ actor: Actor, in tree: UnitTree) -> OrgUnit? {
        tree.path(from: actor.unitID).first { $0.kind != .department && $0.kind != .centre }
    }

    /// The units a unit acts through: itself and the 科室 and 中心 that belong to it (`actingUnit`'s converse).
    public static func actingThrough(_ unit: OrgUnit, in tree: UnitTree) -> [UUID] {
        [unit.id] + tree.units.values.filter { $0.parentID == unit.id && ($0.kind == .department || $0.kind == .centre) }.map(\.id).sorted { $0.uuidString < $1.uuidString }
    }

    /// CP-42: the day the units' 7 working days to agree run out — `jurisdictionDispute` of the rule
    /// set `key` bound by the item's receipt (CP-02) — counted from the day the dispute was raised.
    public static func due(_ d: UnitDispute, ruleSets: [RuleSet], key: String, boundOn: LocalDate, calendar: WorkCalendar) -> LocalDate? {
        RuleBook(ruleSets).inForce(key, on: boundOn)?.rule(clock)?.due(from: d.raisedOn, in: calendar).date
    }

    // MARK: Raising

    /// CP-42: the other unit exists, is not the holder itself, and shares a superior with it
    /// (`{prefix}.dispute.unit-unknown`, `.same-unit`, `.no-superior`).
    public static func raiseErrors(_ code: String, holder: UUID, prefix: String, context: ProcedureContext) -> [FieldError] {
        guard let other = context.units.units.values.first(where: { $0.code == code && $0.active }) else {
            return [FieldError(field: otherUnit.name, rule: "CP-42", code: "\(prefix).dispute.unit-unknown", messageZH: "没有编码为\(code)的单位")]
        }
        if other.id == holder {
            return [FieldError(field: otherUnit.name, rule: "CP-42", code: "\(prefix).dispute.same-unit", messageZH: "争议对方不能是本单位")]
        }
        if commonSuperior(holder, other.id, in: context.units) == nil {
            return [FieldError(field: otherUnit.name, rule: "CP-42", code: "\(prefix).dispute.no-superior",
                               messageZH: "\(other.name)与本单位没有共同的上级单位，不能在本系统内指定管辖")]
        }
        return []
    }

    /// CP-42: the dispute recorded; the receiving unit answered within its working day (CP-12) by
    /// disputing, so the return clock ends and the 7 working days to agree run. The one who raised
    /// it handles the item meanwhile.
    public static func raised<F: DisputedFacts>(_ c: ProcedureCase<F>, unit code: String, reason: String, context: ProcedureContext) -> Outcome<F> {
        var f = c.facts
        let other = context.units.units.values.first { $0.code == code }
        f.disputes = (f.disputes ?? []) + [UnitDispute(holderUnitID: c.unitID, otherUnitID: other?.id ?? UUID(), otherUnitCode: code, reason: reason,
                                                       raisedOn: context.today, raisedBy: context.actor.userID)]
        return Outcome(state: disputedState, gravity: c.gravity, facts: f, handlerID: context.actor.userID,
                       clocks: [.end(step: Dispatching.returnClock, on: context.today), .start(step: clock, on: context.today)],
                       summaryZH: "与\(other?.name ?? code)发生管辖争议：\(reason)")
    }

    // MARK: Settling

    /// CP-42: the unit named must be one of the two in dispute (`{prefix}.dispute.unit`).
    public static func partyUnitErrors<F: DisputedFacts>(_ code: String, field: String, _ f: F, prefix: String, context: ProcedureContext) -> [FieldError] {
        guard let d = f.openDispute else { return [] }
        let id = context.units.units.values.first { $0.code == code }?.id
        return id.map { d.units.contains($0) } == true ? []
            : [FieldError(field: field, rule: "CP-42", code: "\(prefix).dispute.unit", messageZH: "管辖单位须为争议双方之一")]
    }

    /// CP-42: only the common superior decides (`{prefix}.dispute.none`, `.not-superior`), and only
    /// after the units' days to agree, ending on `due`, have run out (`{prefix}.dispute.pending`).
    public static func decideErrors<F: DisputedFacts>(_ c: ProcedureCase<F>, prefix: String, context: ProcedureContext,
                                                      due: (UnitDispute) -> LocalDate?) -> [FieldError] {
        guard let d = c.facts.openDispute else {
            return [FieldError(field: "state", rule: "CP-42", code: "\(prefix).dispute.none", messageZH: "没有待决的管辖争议")]
        }
        var v: [FieldError] = []
        let superior = commonSuperior(d.holderUnitID, d.otherUnitID, in: context.units)
        if superior == nil || actingUnit(context.actor, in: context.units)?.id != superior?.id {
            v.append(FieldError(field: "actor", rule: "CP-42", code: "\(prefix).dispute.not-superior",
                                messageZH: "管辖争议由争议双方共同的上一级单位\(superior.map { "（\($0.name)）" } ?? "")指定管辖"))
        }
        if let end = due(d), context.today <= end {
            v.append(FieldError(field: "state", rule: "CP-42", code: "\(prefix).dispute.pending",
                                messageZH: "争议双方协商期限至\(end.chinese)止，届满仍未协商一致的，方由共同上级指定管辖"))
        }
        return v
    }

    /// CP-42: the dispute settled for the unit `code` (agreed, or decided by the superior): the item
    /// moves to that unit — which receives it today — in `state`, the dispute clock ends. The track
    /// adds what its competent receipt records and the clock it starts (`startsZH` names it).
    public static func settled<F: DisputedFacts>(_ c: ProcedureCase<F>, to code: String, decided: Bool, reason: String?, state: String,
                                                 startsZH: String, context: ProcedureContext) -> Outcome<F> {
        var f = c.facts
        let today = context.today
        let target = context.units.units.values.first { $0.code == code }
        let unitID = target?.id ?? c.unitID
        if var disputes = f.disputes, !disputes.isEmpty {
            disputes[disputes.count - 1].settlement = .init(decided: decided, unitID: unitID, unitCode: code, on: today, by: context.actor.userID,
                                                             reason: reason)
            f.disputes = disputes
        }
        let moves = unitID != c.unitID
        var o = Outcome(state: state, gravity: c.gravity, facts: f, handlerID: moves ? nil : c.handlerID, clocks: [.end(step: clock, on: today)],
                        summaryZH: (decided ? "共同上级指定由" : "协商确定由") + "\(target?.name ?? code)管辖，\(today.chinese)收到，\(startsZH)")
        if moves { o.move = CaseMove(to: .id(unitID), keepReadAccess: false, rule: "CP-42") }
        return o
    }

    // MARK: Referral (timed, CAL-43)

    /// CP-42: a dispute is put to the superior once (`{prefix}.dispute.referred`).
    public static func referRefusal<F: DisputedFacts>(_ f: F, prefix: String) -> [FieldError] {
        f.openDispute?.referredOn == nil ? []
            : [FieldError(field: "state", rule: "CP-42", code: "\(prefix).dispute.referred", messageZH: "管辖争议已提请共同上级指定管辖")]
    }

    /// CP-42: the 7 working days to agree ran out — the dispute is put to the common superior, whose
    /// holders of `permissions` (in the unit and the 科室 and 中心 it acts through) are told to decide.
    /// `titleZH` and `subjectZH` name the track and the item by the party complained of or reported,
    /// never by the one who complained or reported (CP-08).
    public static func referred<F: DisputedFacts>(_ c: ProcedureCase<F>, titleZH: String, subjectZH: String, permissions: Set<Permission>,
                                                  context: ProcedureContext) -> Outcome<F> {
        var f = c.facts
        guard var disputes = f.disputes, let d = f.openDispute,
              let superior = commonSuperior(d.holderUnitID, d.otherUnitID, in: context.units) else {
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "管辖争议协商期限届满")
        }
        disputes[disputes.count - 1].referredOn = context.today
        f.disputes = disputes
        let names = d.units.compactMap { context.units.units[$0]?.name }.joined(separator: "与")
        var o = Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                        summaryZH: "\(names)协商期限届满未协商一致，提请\(superior.name)指定管辖")
        o.unitNotices = [UnitNotice(unitIDs: actingThrough(superior, in: context.units), permissions: permissions, titleZH: titleZH,
                                    bodyZH: "\(subjectZH)：\(names)自\(d.raisedOn.chinese)起协商7个工作日期满仍未协商一致，请作为共同上级指定管辖（CP-42）。")]
        return o
    }

    // MARK: Display

    /// The case page's lines, one per dispute.
    public static func rowsZH(_ disputes: [UnitDispute]?) -> [(label: String, value: String)] {
        (disputes ?? []).map { d in
            var text = "\(d.raisedOn.chinese)与\(d.otherUnitCode)发生管辖争议：\(d.reason)"
            if let on = d.referredOn { text += "；\(on.chinese)协商期满，提请共同上级指定管辖" }
            if let s = d.settlement { text += "；\(s.on.chinese)" + (s.decided ? "共同上级指定" : "协商确定") + "由\(s.unitCode)管辖" }
            return (label: "管辖争议（CP-42）", value: text)
        }
    }
}
