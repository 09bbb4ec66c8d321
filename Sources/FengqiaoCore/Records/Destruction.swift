import Foundation

// The archive disposition procedure (档案销毁, DOC-50/51): the only destruction the system knows
// (X-03). The archivist lists cases whose retention has ended, each item is reviewed, the leading
// group approves, and destruction happens before at least three supervisors (监销人), leaving a
// 《档案销毁记录》 that is kept permanently together with the list and the approval (DOC-51).
//
// Everything here is a value: the store persists a `DestructionProposal` and, when `destroy`
// returns a `DestructionRecord`, removes the document bodies and attachments of
// `record.destroyedCaseIDs` and nothing else.

// MARK: - Holds

/// Something still pending on an archived case — a lawsuit, a reconsideration, a petition — that
/// forbids its destruction while it is not released (DOC-50).
public struct ArchiveHold: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case pendingLitigation
        case reconsideration
        case petition
        case other

        public var nameZH: String {
            switch self {
            case .pendingLitigation: "未决诉讼"
            case .reconsideration: "行政复议"
            case .petition: "信访事项"
            case .other: "其他保留事由"
            }
        }
    }

    public let kind: Kind
    /// What the hold is about, e.g. the court's case number.
    public let note: String
    public let isReleased: Bool

    public init(kind: Kind, note: String = "", isReleased: Bool = false) {
        self.kind = kind
        self.note = note
        self.isReleased = isReleased
    }

    public var isActive: Bool { !isReleased }

    /// `未决诉讼（（2025）京0105行初123号）`, or the kind alone when there is no note.
    public var descriptionZH: String {
        let n = DestructionText.squeezed(note)
        return n.isEmpty ? kind.nameZH : "\(kind.nameZH)（\(n)）"
    }
}

// MARK: - Items

/// An archived case offered for destruction: what the archive knows of it at listing time.
public struct DestructionCandidate: Sendable, Equatable, Codable {
    public let caseID: String
    /// 档号 (DOC-42), e.g. `F001-2020-D5-0012`.
    public let archiveNumber: String
    /// 案卷题名, kept on the record after the bodies are gone (DOC-51).
    public let title: String
    /// The last day of retention (DOC-43, counted as the retention rules count it, or the date a
    /// previous review kept the file until); nil for permanent retention (`Y`). The case may be
    /// listed from the day after.
    public let retentionEnd: LocalDate?
    public let holds: [ArchiveHold]

    public init(caseID: String, archiveNumber: String, title: String = "", retentionEnd: LocalDate?, holds: [ArchiveHold] = []) {
        self.caseID = caseID
        self.archiveNumber = archiveNumber
        self.title = title
        self.retentionEnd = retentionEnd
        self.holds = holds
    }

    public var activeHolds: [ArchiveHold] { holds.filter(\.isActive) }

    /// `案件 C-2020-0012（档号 F001-2020-D5-0012）`
    var labelZH: String { DestructionText.label(caseID: caseID, archiveNumber: archiveNumber) }
}

/// What the reviewer decides for one listed case (DOC-50).
public enum DestructionDecision: Sendable, Equatable, Codable {
    /// Destroy when the proposal is carried out.
    case destroy
    /// Keep the file until `newDate` (its new last day of retention), for `reason`.
    case keep(newDate: LocalDate, reason: String)
    /// Transfer the file (e.g. to the 档案馆) instead of destroying it.
    case transfer(to: String)

    public var nameZH: String {
        switch self {
        case .destroy: "销毁"
        case let .keep(newDate, reason): "继续保存至\(newDate.chinese)（\(DestructionText.squeezed(reason))）"
        case let .transfer(to): "移交\(DestructionText.squeezed(to))"
        }
    }

    public var isDestroy: Bool { self == .destroy }
}

public struct DestructionReview: Sendable, Equatable, Codable {
    public let decision: DestructionDecision
    public let reviewer: String
    public let reviewedOn: LocalDate
}

/// An item taken off the list after submission: it stays on the list with the reason (X-03) and
/// is never destroyed by this proposal.
public struct DestructionWithdrawal: Sendable, Equatable, Codable {
    public let by: String
    public let on: LocalDate
    public let reason: String
}

public struct DestructionItem: Sendable, Equatable, Codable {
    public let candidate: DestructionCandidate
    public let listedOn: LocalDate
    public internal(set) var review: DestructionReview?
    public internal(set) var withdrawal: DestructionWithdrawal?

    public var caseID: String { candidate.caseID }
    public var isWithdrawn: Bool { withdrawal != nil }
}

// MARK: - Approval and record

/// The leading group's approval (领导小组审批) of a reviewed list.
public struct DestructionApproval: Sendable, Equatable, Codable {
    public let approver: String
    public let decidedOn: LocalDate
    /// Where the decision is recorded, e.g. the meeting minutes' number; may be empty.
    public let resolution: String
}

public struct DestructionRejection: Sendable, Equatable, Codable {
    public let by: String
    public let on: LocalDate
    public let reason: String
}

/// 《档案销毁记录》 (DOC-50/51): the permanent record of one destruction. It names every case the
/// list held and what became of it, the approval, the supervisors, the date, the place and the
/// method, so it stands on its own once the bodies are gone.
public struct DestructionRecord: Sendable, Equatable, Codable {
    public static let titleZH = "档案销毁记录"

    public struct Entry: Sendable, Equatable, Codable {
        public let caseID: String
        public let archiveNumber: String
        public let title: String
        public let retentionEnd: LocalDate
        public let decision: DestructionDecision
        public let reviewer: String
        public let reviewedOn: LocalDate
    }

    public let proposalID: UUID
    public let unitID: UUID
    public let proposer: String
    public let proposedOn: LocalDate
    /// The cases destroyed, in list order.
    public let destroyed: [Entry]
    /// The listed cases kept or transferred instead, in list order.
    public let retained: [Entry]
    /// The listed cases withdrawn after submission, with the reason.
    public let withdrawn: [DestructionItem]
    public let approval: DestructionApproval
    /// 监销人, at least three distinct names.
    public let supervisors: [String]
    public let destroyedOn: LocalDate
    public let place: String
    public let method: String

    /// The cases whose document bodies and attachments are to be removed (DOC-51); their metadata
    /// stays.
    public var destroyedCaseIDs: [String] { destroyed.map(\.caseID) }

    /// The record's text lines, in the order of the paper form.
    public var linesZH: [String] {
        var lines = [Self.titleZH]
        lines.append("销毁日期：\(destroyedOn.chinese)")
        lines.append("销毁地点：\(place)")
        lines.append("销毁方式：\(method)")
        lines.append("提出人：\(proposer)（\(proposedOn.chinese)）")
        let resolution = approval.resolution.isEmpty ? "" : "，\(approval.resolution)"
        lines.append("批准：\(approval.approver)（\(approval.decidedOn.chinese)\(resolution)）")
        lines.append("监销人：\(supervisors.joined(separator: "、"))")
        lines.append("销毁档案\(destroyed.count)件：")
        for (n, e) in destroyed.enumerated() {
            let title = e.title.isEmpty ? "" : " \(e.title)"
            lines.append("\(n + 1). \(e.archiveNumber) 案件\(e.caseID)\(title)，保管期限至\(e.retentionEnd.chinese)，审核人\(e.reviewer)")
        }
        if !retained.isEmpty {
            lines.append("不予销毁\(retained.count)件：")
            for (n, e) in retained.enumerated() {
                lines.append("\(n + 1). \(e.archiveNumber) 案件\(e.caseID)：\(e.decision.nameZH)，审核人\(e.reviewer)")
            }
        }
        if !withdrawn.isEmpty {
            lines.append("撤出清单\(withdrawn.count)件：")
            for (n, item) in withdrawn.enumerated() {
                let reason = item.withdrawal.map { "\($0.reason)（\($0.by)，\($0.on.chinese)）" } ?? ""
                lines.append("\(n + 1). \(item.candidate.archiveNumber) 案件\(item.caseID)：\(reason)")
            }
        }
        return lines
    }
}

// MARK: - Proposal

/// 销毁清单: a destruction proposal moving `draft → underReview → reviewed → approved →
/// destroyed`, or to `rejected` (DOC-50). Every refused transition throws a `DomainError` with
/// rule DOC-50 listing all the conditions that failed, and leaves the value unchanged.
public struct DestructionProposal: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case draft, underReview, reviewed, approved, destroyed, rejected

        public var nameZH: String {
            switch self {
            case .draft: "草拟"
            case .underReview: "审核中"
            case .reviewed: "已审核"
            case .approved: "已批准"
            case .destroyed: "已销毁"
            case .rejected: "已驳回"
            }
        }
    }

    public let id: UUID
    public let unitID: UUID
    /// The archivist who proposes the list.
    public let proposer: String
    public let proposedOn: LocalDate
    public private(set) var status: Status = .draft
    public private(set) var items: [DestructionItem] = []
    public private(set) var submittedOn: LocalDate?
    public private(set) var reviewCompletedOn: LocalDate?
    public private(set) var approval: DestructionApproval?
    public private(set) var rejection: DestructionRejection?
    public private(set) var record: DestructionRecord?

    /// A new, empty list in `draft`.
    public init(id: UUID, unitID: UUID, proposer: String, proposedOn: LocalDate) throws(DomainError) {
        guard !DestructionText.squeezed(proposer).isEmpty else {
            throw DestructionText.refusal(
                "draft", "不能创建销毁清单",
                [
                    DestructionText.field("proposer", "destruction.proposer.missing", "请填写提出人（档案管理员）")
                ])
        }
        self.id = id
        self.unitID = unitID
        self.proposer = DestructionText.squeezed(proposer)
        self.proposedOn = proposedOn
    }

    /// The items still on the list (not withdrawn).
    public var activeItems: [DestructionItem] { items.filter { !$0.isWithdrawn } }

    // MARK: Draft

    /// Lists an archived case (DOC-50): only when its retention has ended by `today` (today is
    /// after its last day) and no hold is active on it, once per case and per archive number.
    public mutating func list(_ candidate: DestructionCandidate, on today: LocalDate) throws(DomainError) {
        try require([.draft], to: "列入档案")
        let label = candidate.labelZH
        var f: [FieldError] = []
        if DestructionText.squeezed(candidate.caseID).isEmpty {
            f.append(DestructionText.field("caseID", "destruction.item.case-missing", "请指明要列入的案件"))
        }
        if DestructionText.squeezed(candidate.archiveNumber).isEmpty {
            f.append(
                DestructionText.field(
                    "archiveNumber", "destruction.item.archive-number-missing",
                    "\(label)尚未归档编号，不能列入销毁清单"))
        }
        if items.contains(where: { $0.caseID == candidate.caseID }) {
            f.append(DestructionText.field("caseID", "destruction.item.duplicate", "\(label)已在本清单中"))
        } else if items.contains(where: { $0.candidate.archiveNumber == candidate.archiveNumber }) {
            f.append(DestructionText.field("archiveNumber", "destruction.item.duplicate", "档号\(candidate.archiveNumber)已在本清单中"))
        }
        // DOC-50: retention must have ended; a permanent file never does.
        if let end = candidate.retentionEnd {
            if end >= today {
                f.append(
                    DestructionText.field(
                        "retentionEnd", "destruction.item.retention-not-ended",
                        "\(label)的保管期限至\(end.chinese)止，\(today.chinese)尚未期满，不能列入销毁清单"))
            }
        } else {
            f.append(
                DestructionText.field(
                    "retentionEnd", "destruction.item.permanent",
                    "\(label)为永久保管档案，不能列入销毁清单"))
        }
        // DOC-50: a case under hold cannot be listed.
        for hold in candidate.activeHolds {
            f.append(
                DestructionText.field(
                    "holds", "destruction.item.on-hold",
                    "\(label)存在未解除的\(hold.descriptionZH)，不能列入销毁清单"))
        }
        if today < proposedOn {
            f.append(
                DestructionText.field(
                    "date", "destruction.date.before-proposal",
                    "列入日期\(today.chinese)早于清单提出日期\(proposedOn.chinese)"))
        }
        guard f.isEmpty else { throw DestructionText.refusal("list", "不能列入销毁清单", f) }
        items.append(DestructionItem(candidate: candidate, listedOn: today, review: nil, withdrawal: nil))
    }

    /// Sends the list to review (DOC-50). It must hold at least one case.
    public mutating func submitForReview(on date: LocalDate) throws(DomainError) {
        try require([.draft], to: "提交审核")
        var f: [FieldError] = []
        if items.isEmpty {
            f.append(DestructionText.field("items", "destruction.items.empty", "销毁清单中没有档案"))
        }
        if let last = items.map(\.listedOn).max(), date < last {
            f.append(DestructionText.field("date", "destruction.date.out-of-order", "提交日期\(date.chinese)早于最后列入日期\(last.chinese)"))
        } else if date < proposedOn {
            f.append(DestructionText.field("date", "destruction.date.out-of-order", "提交日期\(date.chinese)早于清单提出日期\(proposedOn.chinese)"))
        }
        guard f.isEmpty else { throw DestructionText.refusal("submit", "不能提交审核", f) }
        submittedOn = date
        status = .underReview
    }

    // MARK: Review

    /// Records the reviewer's decision on one case (DOC-50). A decision may be changed until the
    /// review is completed.
    public mutating func review(caseID: String, decision: DestructionDecision, reviewer: String, on date: LocalDate) throws(DomainError) {
        try require([.underReview], to: "审核")
        var f: [FieldError] = []
        let index = items.firstIndex { $0.caseID == caseID }
        if let index {
            if items[index].isWithdrawn {
                f.append(DestructionText.field("caseID", "destruction.item.withdrawn", "\(items[index].candidate.labelZH)已撤出清单"))
            }
        } else {
            f.append(DestructionText.field("caseID", "destruction.item.unknown", "案件\(caseID)不在本清单中"))
        }
        let name = DestructionText.squeezed(reviewer)
        if name.isEmpty {
            f.append(DestructionText.field("reviewer", "destruction.reviewer.missing", "请填写审核人"))
        }
        if let submittedOn, date < submittedOn {
            f.append(DestructionText.field("date", "destruction.date.out-of-order", "审核日期\(date.chinese)早于提交日期\(submittedOn.chinese)"))
        }
        switch decision {
        case .destroy:
            break
        case let .keep(newDate, reason):
            if newDate <= date {
                f.append(
                    DestructionText.field(
                        "decision.newDate", "destruction.decision.keep-date",
                        "继续保存的期限\(newDate.chinese)须晚于审核日期\(date.chinese)"))
            }
            if DestructionText.squeezed(reason).isEmpty {
                f.append(DestructionText.field("decision.reason", "destruction.decision.keep-reason", "继续保存须说明理由"))
            }
        case let .transfer(to):
            if DestructionText.squeezed(to).isEmpty {
                f.append(DestructionText.field("decision.to", "destruction.decision.transfer-to", "移交须写明接收单位"))
            }
        }
        guard f.isEmpty, let index else { throw DestructionText.refusal("review", "不能记录审核意见", f) }
        items[index].review = DestructionReview(decision: decision, reviewer: name, reviewedOn: date)
    }

    /// Closes the review (DOC-50): only when every case still on the list has a decision.
    public mutating func completeReview(on date: LocalDate) throws(DomainError) {
        try require([.underReview], to: "完成审核")
        var f: [FieldError] = []
        let active = activeItems
        if active.isEmpty {
            f.append(DestructionText.field("items", "destruction.items.empty", "销毁清单中没有待处理的档案"))
        }
        for item in active where item.review == nil {
            f.append(DestructionText.field("items", "destruction.review.missing", "\(item.candidate.labelZH)尚未审核"))
        }
        if let last = active.compactMap(\.review?.reviewedOn).max(), date < last {
            f.append(DestructionText.field("date", "destruction.date.out-of-order", "完成审核日期\(date.chinese)早于最后审核日期\(last.chinese)"))
        }
        guard f.isEmpty else { throw DestructionText.refusal("complete-review", "不能提交领导小组审批", f) }
        reviewCompletedOn = date
        status = .reviewed
    }

    // MARK: Approval

    /// The leading group approves the reviewed list (DOC-50): approver and decision date needed.
    public mutating func approve(approver: String, on date: LocalDate, resolution: String = "") throws(DomainError) {
        try require([.reviewed], to: "批准")
        var f: [FieldError] = []
        let name = DestructionText.squeezed(approver)
        if name.isEmpty {
            f.append(DestructionText.field("approver", "destruction.approver.missing", "请填写批准人（领导小组）"))
        }
        if let reviewCompletedOn, date < reviewCompletedOn {
            f.append(
                DestructionText.field(
                    "decidedOn", "destruction.date.out-of-order",
                    "批准日期\(date.chinese)早于审核完成日期\(reviewCompletedOn.chinese)"))
        }
        guard f.isEmpty else { throw DestructionText.refusal("approve", "不能批准销毁清单", f) }
        approval = DestructionApproval(approver: name, decidedOn: date, resolution: DestructionText.squeezed(resolution))
        status = .approved
    }

    /// The leading group (or the reviewer) turns the list down; it ends there.
    public mutating func reject(by person: String, on date: LocalDate, reason: String) throws(DomainError) {
        try require([.underReview, .reviewed], to: "驳回")
        var f: [FieldError] = []
        let name = DestructionText.squeezed(person)
        if name.isEmpty {
            f.append(DestructionText.field("by", "destruction.rejecter.missing", "请填写驳回人"))
        }
        if DestructionText.squeezed(reason).isEmpty {
            f.append(DestructionText.field("reason", "destruction.reject.reason-missing", "驳回须说明理由"))
        }
        if let submittedOn, date < submittedOn {
            f.append(DestructionText.field("date", "destruction.date.out-of-order", "驳回日期\(date.chinese)早于提交日期\(submittedOn.chinese)"))
        }
        guard f.isEmpty else { throw DestructionText.refusal("reject", "不能驳回销毁清单", f) }
        rejection = DestructionRejection(by: name, on: date, reason: DestructionText.squeezed(reason))
        status = .rejected
    }

    /// Takes a case off the list, e.g. when a hold arrives after listing. In a draft the item is
    /// simply removed; after submission it stays on the list, marked withdrawn with the reason
    /// (X-03), and is never destroyed.
    public mutating func withdraw(caseID: String, by person: String, on date: LocalDate, reason: String) throws(DomainError) {
        try require([.draft, .underReview, .reviewed, .approved], to: "撤出档案")
        var f: [FieldError] = []
        let index = items.firstIndex { $0.caseID == caseID }
        if let index, items[index].isWithdrawn {
            f.append(DestructionText.field("caseID", "destruction.item.withdrawn", "\(items[index].candidate.labelZH)已撤出清单"))
        } else if index == nil {
            f.append(DestructionText.field("caseID", "destruction.item.unknown", "案件\(caseID)不在本清单中"))
        }
        let name = DestructionText.squeezed(person)
        if status != .draft {
            if name.isEmpty { f.append(DestructionText.field("by", "destruction.withdrawer.missing", "请填写撤出人")) }
            if DestructionText.squeezed(reason).isEmpty {
                f.append(DestructionText.field("reason", "destruction.withdraw.reason-missing", "撤出须说明理由"))
            }
        }
        guard f.isEmpty, let index else { throw DestructionText.refusal("withdraw", "不能撤出档案", f) }
        if status == .draft {
            items.remove(at: index)
        } else {
            items[index].withdrawal = DestructionWithdrawal(by: name, on: date, reason: DestructionText.squeezed(reason))
        }
    }

    // MARK: Destruction

    /// Carries out the approved list (DOC-50/51) and returns the 《档案销毁记录》.
    ///
    /// Needs at least three distinct supervisors (监销人), a date not before the approval, a place
    /// and a method. `currentHolds` gives the holds on each case *now*, keyed by case id: a case
    /// decided `destroy` that has since come under an active hold — or whose holds are not given
    /// at all — refuses the whole destruction (withdraw it first). Only cases decided `destroy`
    /// are destroyed.
    @discardableResult
    public mutating func destroy(
        supervisors: [String], on date: LocalDate, place: String, method: String,
        currentHolds: [String: [ArchiveHold]]
    ) throws(DomainError) -> DestructionRecord {
        try require([.approved], to: "执行销毁")
        var f: [FieldError] = []

        // DOC-50: at least three supervisors, counted by distinct non-empty name.
        var names: [String] = []
        for raw in supervisors {
            let name = DestructionText.squeezed(raw)
            if !name.isEmpty, !names.contains(where: { DestructionText.sameName($0, name) }) { names.append(name) }
        }
        if names.count < 3 {
            f.append(
                DestructionText.field(
                    "supervisors", "destruction.supervisors.too-few",
                    "销毁须有至少三名监销人，现有\(names.count)名不同的监销人"))
        }
        if let approval, date < approval.decidedOn {
            f.append(
                DestructionText.field(
                    "destroyedOn", "destruction.date.out-of-order",
                    "销毁日期\(date.chinese)早于批准日期\(approval.decidedOn.chinese)"))
        }
        if DestructionText.squeezed(place).isEmpty {
            f.append(DestructionText.field("place", "destruction.place.missing", "请填写销毁地点"))
        }
        if DestructionText.squeezed(method).isEmpty {
            f.append(DestructionText.field("method", "destruction.method.missing", "请填写销毁方式"))
        }

        let toDestroy = activeItems.filter { $0.review?.decision.isDestroy == true }
        if toDestroy.isEmpty {
            f.append(DestructionText.field("items", "destruction.items.none-to-destroy", "清单中没有决定销毁的档案"))
        }
        // DOC-50: a hold that arrived after listing still stops destruction.
        for item in toDestroy {
            guard let holds = currentHolds[item.caseID] else {
                f.append(
                    DestructionText.field(
                        "holds", "destruction.item.holds-unknown",
                        "未提供\(item.candidate.labelZH)当前的保留事由，不能销毁"))
                continue
            }
            for hold in holds where hold.isActive {
                f.append(
                    DestructionText.field(
                        "holds", "destruction.item.on-hold",
                        "\(item.candidate.labelZH)存在未解除的\(hold.descriptionZH)，不能销毁"))
            }
        }
        guard f.isEmpty, let approval else { throw DestructionText.refusal("destroy", "不能执行销毁", f) }

        func entry(_ item: DestructionItem) -> DestructionRecord.Entry? {
            // Listing guarantees a retention end.
            guard let review = item.review, let end = item.candidate.retentionEnd else { return nil }
            let c = item.candidate
            return DestructionRecord.Entry(
                caseID: c.caseID, archiveNumber: c.archiveNumber, title: c.title,
                retentionEnd: end, decision: review.decision,
                reviewer: review.reviewer, reviewedOn: review.reviewedOn)
        }
        let made = DestructionRecord(
            proposalID: id, unitID: unitID, proposer: proposer, proposedOn: proposedOn,
            destroyed: toDestroy.compactMap(entry),
            retained: activeItems.filter { $0.review?.decision.isDestroy == false }.compactMap(entry),
            withdrawn: items.filter(\.isWithdrawn),
            approval: approval, supervisors: names, destroyedOn: date,
            place: DestructionText.squeezed(place), method: DestructionText.squeezed(method))
        record = made
        status = .destroyed
        return made
    }

    // MARK: Helpers

    private func require(_ allowed: Set<Status>, to action: String) throws(DomainError) {
        guard allowed.contains(status) else {
            throw DomainError(
                .conflict, code: "destruction.state",
                messageZH: "销毁清单当前为「\(status.nameZH)」，不能\(action)", ruleID: "DOC-50")
        }
    }
}

// MARK: - Text helpers

enum DestructionText {
    static let rule = "DOC-50"

    static func field(_ field: String, _ code: String, _ messageZH: String) -> FieldError {
        FieldError(field: field, rule: rule, code: code, messageZH: messageZH)
    }

    /// One refusal naming every failed condition (X-06).
    static func refusal(_ step: String, _ headZH: String, _ fields: [FieldError]) -> DomainError {
        DomainError(
            .invalid, code: "destruction.\(step).refused",
            messageZH: headZH + "：" + fields.map(\.messageZH).joined(separator: "；"),
            ruleID: rule, fields: fields)
    }

    /// Trimmed, with inner runs of whitespace collapsed to one space.
    static func squeezed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Names compared without whitespace: `王  五` and `王五` are one person.
    static func sameName(_ a: String, _ b: String) -> Bool {
        a.filter { !$0.isWhitespace } == b.filter { !$0.isWhitespace }
    }

    static func label(caseID: String, archiveNumber: String) -> String {
        let number = squeezed(archiveNumber)
        return number.isEmpty ? "案件\(caseID)" : "案件\(caseID)（档号\(number)）"
    }
}
