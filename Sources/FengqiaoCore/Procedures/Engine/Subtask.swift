import Foundation

// Parallel sub-tasks on one case (issue 12 item 4): a transition sends the case to several other
// units at once — 抄告 to the departments of a parallel approval (PA-24), the subtasks of a 联办件
// (PA-14), a complaint's copies to other departments — and each unit replies on its own clock. A
// later transition that declares `waitsOnSubtasks` is refused while any of them is open. Pure
// values: the store opens them in the transition's write, keeps one row and one clock each, and
// gives them back in the context.

/// Where a sub-task stands.
public enum SubtaskState: String, Sendable, Codable, CaseIterable {
    /// Waiting for the unit's reply; its clock runs.
    case open
    /// The unit replied (text, date, who); its clock ended on the reply date.
    case replied
    /// No longer asked for (PA-41: the application was withdrawn); its clock was cancelled.
    case withdrawn

    public var nameZH: String {
        switch self {
        case .open: "待回复"
        case .replied: "已回复"
        case .withdrawn: "已撤回"
        }
    }
}

/// A unit's reply to its sub-task.
public struct SubtaskReply: Sendable, Equatable {
    public let text: String
    /// The date the reply counts from (its clock ends on it, CAL-33); never after today.
    public let on: LocalDate
    public let byID: UUID
    public let byName: String

    public init(text: String, on: LocalDate, byID: UUID, byName: String) {
        self.text = text
        self.on = on
        self.byID = byID
        self.byName = byName
    }
}

/// One sub-task of a case: the unit asked, what for, its clock and its reply.
public struct Subtask: Sendable, Equatable {
    public let id: UUID
    public let caseID: UUID
    public let unitID: UUID
    public let unitName: String
    /// What kind of sub-task (`copy-notice` 抄告单, `joint` 联办 …), as the procedure names it.
    public let kind: String
    public let titleZH: String
    /// The rule-set step of its clock.
    public let step: String
    /// The rule the sub-task implements (PA-25), cited on refusals.
    public let rule: String
    public let state: SubtaskState
    public let openedOn: LocalDate
    public let clockID: UUID?
    public let reply: SubtaskReply?
    public let withdrawnOn: LocalDate?

    public init(id: UUID, caseID: UUID, unitID: UUID, unitName: String, kind: String, titleZH: String, step: String, rule: String, state: SubtaskState,
                openedOn: LocalDate, clockID: UUID?, reply: SubtaskReply? = nil, withdrawnOn: LocalDate? = nil) {
        self.id = id
        self.caseID = caseID
        self.unitID = unitID
        self.unitName = unitName
        self.kind = kind
        self.titleZH = titleZH
        self.step = step
        self.rule = rule
        self.state = state
        self.openedOn = openedOn
        self.clockID = clockID
        self.reply = reply
        self.withdrawnOn = withdrawnOn
    }

    public var isOpen: Bool { state == .open }
}

/// Sub-tasks a transition opens: one per unit, each with the clock of `step` started on `on`
/// (X-02: the due date comes from the case's rule set and the calendar, never typed).
public struct SubtaskOpening: Sendable, Equatable {
    public let units: [UnitReference]
    public let kind: String
    public let titleZH: String
    public let step: String
    public let on: LocalDate
    public let rule: String

    public init(units: [UnitReference], kind: String, titleZH: String, step: String, on: LocalDate, rule: String) {
        self.units = units
        self.kind = kind
        self.titleZH = titleZH
        self.step = step
        self.on = on
        self.rule = rule
    }
}

/// Open sub-tasks a transition withdraws (of `kind`, or all), their clocks cancelled.
public struct SubtaskWithdrawal: Sendable, Equatable {
    public let kind: String?
    public let on: LocalDate
    public let reasonZH: String
    public let rule: String

    public init(kind: String? = nil, on: LocalDate, reasonZH: String, rule: String) {
        self.kind = kind
        self.on = on
        self.reasonZH = reasonZH
        self.rule = rule
    }
}

/// A transition's wait on the case's sub-tasks: every one (of `kind`, or all) replied or withdrawn.
public struct SubtaskWait: Sendable, Equatable {
    public let kind: String?
    public let rule: String

    public init(kind: String? = nil, rule: String) {
        self.kind = kind
        self.rule = rule
    }
}

extension Transition {
    /// Default: the transition does not wait on sub-tasks.
    public static var waitsOnSubtasks: SubtaskWait? { nil }
}

public enum Subtasks {
    /// The sub-tasks still open, of `kind` or all.
    public static func pending(_ subtasks: [Subtask], kind: String?) -> [Subtask] {
        subtasks.filter { $0.isOpen && (kind == nil || $0.kind == kind) }
    }

    /// The refusal of a transition that waits on sub-tasks while any is open, naming the units
    /// still to reply; nothing when all replied (or were withdrawn).
    public static func unmet(_ wait: SubtaskWait, _ subtasks: [Subtask]) -> [FieldError] {
        let open = pending(subtasks, kind: wait.kind)
        guard !open.isEmpty else { return [] }
        var names: [String] = []
        for s in open where !names.contains(s.unitName) { names.append(s.unitName) }
        return [FieldError(field: "subtasks", rule: wait.rule, code: "subtask.pending",
                           messageZH: "尚有\(names.count)个部门未回复：\(names.joined(separator: "、"))；须全部回复后才能办理")]
    }

    /// Every problem with a reply at once (X-06): the sub-task is still open, the text is given, the
    /// date is valid, not before the sub-task was opened and not after today. Who may reply (a user
    /// of the sub-task's unit) is the store's scope check (X-05: another unit gets "not found").
    public static func checkReply(_ s: Subtask, text: String?, on raw: String?, today: LocalDate) -> [FieldError] {
        var errors: [FieldError] = []
        if !s.isOpen {
            errors.append(FieldError(field: "subtask", rule: s.rule, code: "subtask.closed",
                                     messageZH: "“\(s.titleZH)”（\(s.unitName)）\(s.state.nameZH)，不能再回复"))
        }
        if (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(FieldError(field: "text", rule: "X-06", code: "input.required", messageZH: "请填写“回复意见”"))
        }
        let trimmed = raw?.trimmingCharacters(in: .whitespaces) ?? ""
        if trimmed.isEmpty {
            errors.append(FieldError(field: "on", rule: "X-06", code: "input.required", messageZH: "请填写“回复日期”"))
        } else if let on = LocalDate(iso: trimmed) {
            if on < s.openedOn {
                errors.append(FieldError(field: "on", rule: "CAL-33", code: "subtask.reply.before-open",
                                         messageZH: "回复日期（\(on.iso)）早于分送日期 \(s.openedOn.iso)"))
            }
            if on > today {
                errors.append(FieldError(field: "on", rule: "X-02", code: "subtask.reply.future", messageZH: "回复日期（\(on.iso)）不能晚于今天 \(today.iso)"))
            }
        } else {
            errors.append(FieldError(field: "on", rule: "X-06", code: "input.date.invalid", messageZH: "“回复日期”不是有效日期（格式 2025-10-09）"))
        }
        return errors
    }
}

extension Worklist {
    /// The receiving unit's worklist line for an open sub-task: the case, 「待回复：…」 and the
    /// sub-task's own clock (its due date and CAL-40 colour).
    public static func subtaskItem(_ c: WorkCase, _ s: Subtask, clock: Clock?, today: LocalDate, warningWindow: Int, now: Int64? = nil) -> WorkItem {
        item(c, stateNameZH: "待回复：\(s.titleZH)（\(s.unitName)）", clocks: clock.map { [(step: s.step, clock: $0)] } ?? [], today: today,
             warningWindow: warningWindow, now: now)
    }
}
