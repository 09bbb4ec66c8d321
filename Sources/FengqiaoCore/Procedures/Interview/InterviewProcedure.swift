import Foundation

/// 行政约谈 — interview.md (IV-01…IV-25), seed 003. Reads like its spec page: the states here, then
/// each transition as one type in `Transitions/` with its permission, typed input, guards and clocks
/// (rule-set `interview` step keys).
public enum InterviewProcedure: Procedure {
    public typealias Facts = InterviewFacts

    public static let caseType = "interview"
    public static let nameZH = "行政约谈"
    public static let ruleSetKey = "interview"

    public static let states: [(key: String, nameZH: String)] = [
        ("clue", "线索核查"), ("legalReview", "法制审核"), ("approval", "审批"), ("notice", "通知送达"), ("interview", "实施约谈"),
        ("rectification", "整改"), ("inspection", "整改验收"), ("passed", "验收合格结案"), ("handedOver", "移交行政处罚"),
        ("rejected", "不予约谈"), ("transferred", "移送司法机关"),
    ]
    public static let terminalStates: Set<String> = ["passed", "handedOver", "rejected", "transferred"]

    /// Qualification kinds (PLT-02) the interview rules name.
    public static let interviewerQualification = "interviewer"
    public static let legalQualification = "legal-review"

    // MARK: Transitions

    public typealias Opening = RecordClue

    /// Steps 2–12 and the side steps, in procedure order.
    public static let steps: [any Transition<InterviewFacts>.Type] = [
        Verify.self, Review.self, Approve.self, Assign.self, ServeNotice.self, HoldInterview.self, RecordAbsence.self, LogContact.self,
        ReceiveReport.self, Inspect.self, HandToPenalty.self, TransferCrime.self, RecordMediaReport.self, RespondMedia.self, RecordObservation.self,
    ]

    /// The assigned interviewers: their qualifications and conflicts are checked at service and at the interview (IV-12).
    public static func people(_ f: InterviewFacts) -> [UUID] { f.interviewers }

    /// DOC-40: the documents of the steps taken before the case closes — what service of the notice
    /// declared it requires, once the interview was notified; the record and the rectification notice
    /// once it was held (the notices served, DOC-30). The facts tell which steps were taken, so this
    /// stays here rather than in the engine. The result documents (验收意见书, 合格书) are made by the
    /// closing act itself, so they are not a condition of it.
    public static func requiredDocuments(_ f: InterviewFacts, state: String) -> [String] {
        var codes: [String] = []
        if f.notice != nil { codes += ServeNotice.spec.requires.map(\.code) }
        if let record = f.record {
            codes.append("IV-RECORD")
            if !record.items.isEmpty { codes.append("IV-RECTIFY") }
        }
        return codes
    }

    // MARK: Rules shared by several steps

    /// IV-12: exactly two interviewers, both holding a valid interviewer qualification on `date`, at
    /// least one holding legal-review, none in conflict with the party (PLT-06).
    static func interviewerRules(_ ids: [UUID], on date: LocalDate, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext,
                                 field: String) -> [FieldError] {
        var v: [FieldError] = []
        let unique = Array(Set(ids))
        if unique.count != 2 {
            v.append(FieldError(field: field, rule: "IV-12", code: "interview.interviewers.two", messageZH: "约谈须由两名约谈人员进行（已指派\(unique.count)名）"))
            return v
        }
        let people = unique.compactMap { context.people[$0] }
        if people.count != 2 {
            v.append(FieldError(field: field, rule: "IV-12", code: "interview.interviewers.unknown", messageZH: "约谈人员不存在"))
            return v
        }
        for p in people.sorted(by: { $0.name < $1.name }) {
            if !p.holds(interviewerQualification, on: date) {
                v.append(FieldError(field: field, rule: "IV-12", code: "interview.interviewer.unqualified",
                                    messageZH: "\(p.name)在\(date.chinese)不具有有效的约谈人员资格"))
            }
            if !p.conflictParties.isDisjoint(with: c.partyIDs) {
                v.append(FieldError(field: field, rule: "PLT-06", code: "conflict.of-interest", messageZH: "\(p.name)与当事人存在利害关系，应当回避"))
            }
        }
        if !people.contains(where: { $0.holds(legalQualification, on: date) }) {
            v.append(FieldError(field: field, rule: "IV-12", code: "interview.interviewers.legal", messageZH: "两名约谈人员中至少一名须具有法制审核资格"))
        }
        return v
    }

    /// IV-03 (2), IV-22: earlier concluded interviews or penalty cases of the party in the same category.
    ///
    /// 同类违法行为 is decided by the category *code* of the shared tree (PLT-16), not by its sector:
    /// two categories of one sector (消防器材缺失 and 安全制度不健全, both 安全生产) are different
    /// duties under different provisions, and IV-03 (2) takes the soft option away from the party, so
    /// it is read narrowly. A renamed category keeps its code and stays the same kind; “其他” is the
    /// same kind only with the same note.
    public static func repeatOffences(_ f: InterviewFacts, context: ProcedureContext) -> [PriorCase] {
        guard let key = category(f) else { return [] }
        return context.partyHistory.filter { $0.concluded && $0.category == key && ["interview", "penalty"].contains($0.caseType) }
    }

    /// The stored category key of a case (for the party history).
    public static func category(_ f: InterviewFacts) -> String? {
        guard let v = f.verification else { return nil }
        return v.category == ViolationCategoryVersion.otherCode ? "other:\(v.categoryNote ?? "")" : v.category
    }

    /// Whether the interview reached a result that counts for IV-03 (2), IV-22: it was held.
    public static func countsAsPrior(_ f: InterviewFacts) -> Bool { f.record != nil }

    /// IV-12: only an assigned interviewer records the interview, so both see the case in their own
    /// worklist while it waits for the interview, whoever handles it.
    public static func waitingOn(_ f: InterviewFacts, state: String) -> [UUID] {
        state == "interview" ? f.interviewers : []
    }

    // MARK: Display

    public static var templateCodes: [String] { InterviewDocuments.codes }

    public static func documentValues(_ f: InterviewFacts, context: DocumentPrefillContext) -> [String: String] {
        InterviewDocuments.values(f, context)
    }

    public static func factsZH(_ f: InterviewFacts, names: [UUID: String]) -> [(label: String, value: String)] {
        func name(_ id: UUID?) -> String { id.flatMap { names[$0] } ?? "" }
        var out: [(String, String)] = [
            ("当事人", f.partyName), ("线索来源", f.clue.source.nameZH), ("线索内容", f.clue.description), ("线索登记日期", f.clue.discoveredOn.chinese),
        ]
        if let v = f.verification {
            out += [("违法行为类别", v.categoryNameZH + (v.categoryNote.map { "（\($0)）" } ?? "")), ("约谈事由", v.ground.nameZH), ("核查事实", v.facts),
                    ("证据", v.evidence.joined(separator: "；")), ("违反条款", v.provisions)]
            if !v.majorReasons.isEmpty { out.append(("重大案件情形", v.majorReasons.joined(separator: "、"))) }
            if v.urgent { out.append(("紧急程度", "紧急（24小时内约谈）")) }
        }
        for r in f.reviews { out.append(("法制审核", "\(r.on.chinese) \(name(r.by)) \(r.passed ? "通过" : "退回")：\(r.opinion)")) }
        if let a = f.approval {
            out.append(("审批", "\(a.on.chinese) \(name(a.by)) \(a.approved ? "同意" : "不同意")：\(a.opinion)"
                + (a.collective.map { "（领导小组\($0.meetingOn.chinese)集体决策，出席：\($0.members.joined(separator: "、"))）" } ?? "")))
        }
        if !f.interviewers.isEmpty { out.append(("约谈人员", f.interviewers.map(name).joined(separator: "、"))) }
        if let t = f.tracker { out.append(("整改跟踪人", name(t))) }
        if let n = f.notice {
            out.append(("约谈通知", "\(n.documentNumber)，\(n.servedOn.chinese)送达；\(n.scheduledOn.chinese) \(n.place)（\(n.mode.nameZH)）"))
        }
        if let r = f.record {
            out += [("约谈实施", "\(r.heldOn.chinese)（\(r.mode.nameZH)），记录人 \(r.recorder)" + (r.partySigned ? "，当事人已签名" : "，当事人拒签，见证人：\(r.witnesses.joined(separator: "、"))")),
                    ("整改事项", r.items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "；")), ("整改期限", r.deadline.chinese)]
            if !r.experts.isEmpty { out.append(("邀请专家", r.experts.joined(separator: "、"))) }
            if let late = r.lateReason { out.append(("逾期约谈原因", late)) }
        }
        for c in f.ledger {
            out.append(("整改跟踪", "\(c.on.chinese) \(name(c.by))：\(c.progress)" + (c.problems.map { "；问题：\($0)" } ?? "") + (c.difficult ? "（加密跟踪）" : "")))
        }
        if let r = f.report { out.append(("整改报告", "\(r.receivedOn.chinese)收到：\(r.summary)")) }
        if let i = f.inspection {
            out.append(("整改验收", "\(i.on.chinese)，验收人 \(i.inspectors.map(name).joined(separator: "、"))：\(i.remarks.joined(separator: "；"))"))
        }
        if let h = f.handoff { out.append(("移交行政处罚", "\(h.on.chinese)：\(h.reason)（\(h.rule)）")) }
        if let t = f.crimeTransfer { out.append(("涉嫌犯罪移送", "\(t.on.chinese) 移送\(t.authority)：\(t.summary)")) }
        for m in f.mediaReports {
            out.append(("媒体反映", "\(m.reportedOn.chinese) \(m.outlet)：\(m.summary)" + (m.respondedOn.map { "；\($0.chinese)回应：\(m.response ?? "")" } ?? "（待回应）")))
        }
        for o in f.observations { out.append(("监督团观摩", "\(o.on.chinese) \(o.observers.joined(separator: "、"))：\(o.opinions)")) }
        return out
    }

    /// IV-04, step 11b: the penalty case, with 《行政处罚告知书》 prefilled and the interview record
    /// attached as evidence.
    static func penaltyCase(_ f: InterviewFacts, failure: String, context: ProcedureContext) -> LinkedCaseEffect {
        var values: [String: String] = [
            "party.name": f.partyName,
            "penalty.failure": failure,
            "case.facts": f.verification?.facts ?? f.clue.description,
            "case.evidence": (f.verification?.evidence ?? []).enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"),
            "case.provisions": f.verification?.provisions ?? "",
        ]
        if let r = f.record {
            values["interview.date"] = r.heldOn.chinese
            values["rectify.deadline"] = r.deadline.chinese
        }
        if let i = f.inspection { values["inspection.date"] = i.on.chinese }
        if let n = context.document("IV-RECTIFY")?.number { values["rectify.noticeNumber"] = n }
        if let n = context.document("IV-RECORD")?.number { values["record.number"] = n }
        let cat = Self.category(f)
        return LinkedCaseEffect(caseType: "penalty", moduleCode: "PN", title: "\(f.partyName)涉嫌违法行政处罚案（由行政约谈移交）", relation: "handed-over-to",
                                prefill: ["IV-PENALTY-NOTICE": values], evidence: ["IV-RECORD"], category: cat)
    }
}
