import Foundation

// Dispatch and return between units (complaints.md step 3 and 4, CP-09…CP-13), shared by every track
// the 分送员 sends to a competent unit: the complaint and the report. A procedure keeps its own step
// types (one per transition file) and its own error codes; what the steps do is said once, here.

/// One dispatch of an item to a receiving unit, with the report-back date it carries (CP-13).
public struct UnitDispatch: Codable, Sendable, Equatable {
    /// The receiving unit's code.
    public var unitCode: String
    public var on: LocalDate
    public var reportBackOn: LocalDate
    public var by: UUID

    public init(unitCode: String, on: LocalDate, reportBackOn: LocalDate, by: UUID) {
        self.unitCode = unitCode
        self.on = on
        self.reportBackOn = reportBackOn
        self.by = by
    }
}

/// One return of an item by a receiving unit without competence, with its reasons (CP-12).
public struct UnitReturn: Codable, Sendable, Equatable {
    public var on: LocalDate
    public var reason: String
    public var by: UUID

    public init(on: LocalDate, reason: String, by: UUID) {
        self.on = on
        self.reason = reason
        self.by = by
    }
}

/// The facts of a track that is dispatched between units.
public protocol DispatchedFacts: Sendable {
    /// Every dispatch, oldest first.
    var dispatchLog: [UnitDispatch] { get set }
    /// Every return, oldest first.
    var returnLog: [UnitReturn] { get set }
    /// The unit a return goes back to (CP-12: the dispatcher's); nil: the case's current unit.
    var returnUnitID: UUID? { get }
}

/// What dispatch, return and receipt do, for any `DispatchedFacts` (CP-09…CP-13).
public enum Dispatching {
    /// The clock a receiving unit runs to return an item it is not competent for (CP-12, 1 工作日).
    public static let returnClock = "returnNotCompetent"
    /// The state of a dispatched item, waiting for the receiver to take or return it.
    public static let dispatchedState = "dispatched"
    /// The state of an item at its registering unit, waiting to be dispatched or taken.
    public static let registeredState = "registered"

    public static let unit = TypedField<String>.text("unit", "接收单位编码", maxLength: 32)
    public static let reportBackOn = TypedField<LocalDate>.date("reportBackOn", "反馈日期")
    public static let reason = TypedField<String>.textarea("reason", "退回理由")

    /// CP-12: a receiving unit never forwards the item on — once dispatched, only a return is open.
    public static func forwardRefusal(state: String, code: String) -> [FieldError] {
        state == dispatchedState
            ? [FieldError(field: "state", rule: "CP-12", code: code, messageZH: "接收单位无管辖权的，应退回分送单位并说明理由，不得自行转送")]
            : []
    }

    /// CP-13: the report-back date lies ahead.
    public static func reportBackErrors(_ date: LocalDate, code: String, context: ProcedureContext) -> [FieldError] {
        date < context.today ? [FieldError(field: reportBackOn.name, rule: "CP-13", code: code, messageZH: "反馈日期不能早于今天")] : []
    }

    /// CP-09, CP-13: the item goes to the unit `code` with its report-back date; the receiver's return
    /// clock starts; the dispatching unit keeps sight of what it sent (its report-back), only the
    /// receiver acts.
    public static func dispatched<F: DispatchedFacts>(_ c: ProcedureCase<F>, to code: String, reportBackOn: LocalDate,
                                                      context: ProcedureContext) -> Outcome<F> {
        var f = c.facts
        f.dispatchLog.append(UnitDispatch(unitCode: code, on: context.today, reportBackOn: reportBackOn, by: context.actor.userID))
        var o = Outcome(state: dispatchedState, gravity: c.gravity, facts: f, handlerID: nil, clocks: [.start(step: returnClock, on: context.today)],
                        summaryZH: "分送至\(code)，反馈日期\(reportBackOn.chinese)")
        o.move = CaseMove(to: .code(code), keepReadAccess: true, rule: "CP-09")
        return o
    }

    /// CP-12: the receiving unit returns the item, with its reasons, to the unit that dispatched it,
    /// whose dispatcher handles it again; the return clock ends.
    public static func returned<F: DispatchedFacts>(_ c: ProcedureCase<F>, reason: String, context: ProcedureContext) -> Outcome<F> {
        var f = c.facts
        f.returnLog.append(UnitReturn(on: context.today, reason: reason, by: context.actor.userID))
        var o = Outcome(state: registeredState, gravity: c.gravity, facts: f, handlerID: f.dispatchLog.last?.by,
                        clocks: [.end(step: returnClock, on: context.today)], summaryZH: "无管辖权，退回分送单位：\(reason)")
        o.move = CaseMove(to: .id(f.returnUnitID ?? c.unitID), keepReadAccess: false, rule: "CP-12")
        return o
    }

    /// The earliest day a competent receipt may bear: the last dispatch, else the item's receipt.
    public static func earliestReceipt<F: DispatchedFacts>(_ f: F, received: LocalDate) -> LocalDate {
        f.dispatchLog.last?.on ?? received
    }

    /// CP-14, CP-26: the receipt day a competent unit records — not after today, not before the last
    /// dispatch (or the item's own receipt).
    public static func receiptErrors(_ on: LocalDate, earliest: LocalDate, field: String, prefix: String, rule: String,
                                     context: ProcedureContext) -> [FieldError] {
        if on > context.today {
            return [FieldError(field: field, rule: "X-02", code: "\(prefix).receipt.future", messageZH: "收到日期不能晚于今天")]
        }
        if on < earliest {
            return [FieldError(field: field, rule: rule, code: "\(prefix).receipt.early", messageZH: "收到日期不能早于\(earliest.chinese)")]
        }
        return []
    }

    /// The clock effects of a competent receipt: the return clock ends if the item was dispatched.
    public static func receiptClocks(state: String, context: ProcedureContext) -> [ClockEffect] {
        state == dispatchedState ? [.end(step: returnClock, on: context.today)] : []
    }
}
