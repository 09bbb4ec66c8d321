import Foundation

/// 案件登记 — the enforcement case registry of complaints.md (CP-30…CP-34): cases from inspections,
/// sampling, complaints and reports, assignments, transfers and the interview and guidance hand-offs;
/// 立案 under 一般程序 (decision within 90日, one ≤30日 extension, pauses) or 简易程序 (capped, CP-31);
/// the decision with its amounts, service, payments with vouchers (CP-32) and 结案 (CP-33). No quota,
/// budget or per-capita 罚没 field anywhere (CP-34).
public enum EnforcementProcedure: Procedure {
    public typealias Facts = EnforcementFacts

    /// The case type the interview's hand-offs have always written (IV-04): their records are this
    /// procedure's cases still to be filed.
    public static let caseType = "penalty"
    public static let nameZH = "行政处罚案件"
    public static let ruleSetKey = "penalty"

    public static let states: [(key: String, nameZH: String)] = [
        ("registered", "待立案"), ("filed", "已立案"), ("paused", "暂停计时"), ("decided", "已作出决定"), ("executing", "执行中"), ("closed", "已结案"),
        ("notFiled", "不予立案"),
    ]
    public static let terminalStates: Set<String> = ["closed", "notFiled"]

    public typealias Opening = Register
    public static let steps: [any Transition<EnforcementFacts>.Type] = [
        FileCase.self, DeclineCase.self, PauseDecision.self, ResumeDecision.self, ExtendDecision.self, RecordDecision.self, ServeDecision.self,
        RecordPayment.self, CloseCase.self,
    ]

    /// The tree code the origin named, for the repeat rules (IV-22 reads a party's earlier penalties).
    public static func category(_ f: EnforcementFacts) -> String? { f.violationCategory }
    /// A 行政处罚 decided counts as a prior penalty of the party (IV-22).
    public static func countsAsPrior(_ f: EnforcementFacts) -> Bool { f.decision?.type == .penalty }
    public static func partyName(_ f: EnforcementFacts) -> String { f.partyName }
    public static func people(_ f: EnforcementFacts) -> [UUID] { f.filing?.officers ?? [] }
    /// The officers' own worklists hold the case while it is open.
    public static func waitingOn(_ f: EnforcementFacts, state: String) -> [UUID] { terminalStates.contains(state) ? [] : people(f) }

    /// CP-34: a quota, budget or reward field is refused by name.
    public static func inputRefusals(_ input: ActionInput) -> [FieldError] { EnforcementRules.forbiddenFields(input) }

    /// IV-04: the documents a hand-off prefilled (the interview's 《行政处罚告知书》) travel with the case.
    public static func carriedTemplates(_ f: EnforcementFacts) -> [String] { f.prefill.keys.sorted() }

    public static func documentValues(_ f: EnforcementFacts, context: DocumentPrefillContext) -> [String: String] {
        f.prefill.values.first ?? ["party.name": f.partyName]
    }

    public static func documentValues(_ f: EnforcementFacts, template: String, context: DocumentPrefillContext) -> [String: String] {
        f.prefill[template] ?? ["party.name": f.partyName]
    }

    public static func indicators(_ cases: [StatisticsCase<EnforcementFacts>], _ request: IndicatorRequest) -> IndicatorReport? {
        EnforcementStatistics.report(cases, request)
    }

    public static func factsZH(_ f: EnforcementFacts, names: [UUID: String]) -> [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = [("案件来源", f.sourceZH)]
        if !f.partyName.isEmpty { rows.append(("当事人", f.partyName)) }
        if let k = f.category { rows.append(("案件类别", k.nameZH)) }
        if let s = f.summary { rows.append(("案情摘要", s)) }
        if let r = f.receivedOn { rows.append(("发现或收到线索日期", r.chinese)) }
        if !f.evidence.isEmpty { rows.append(("移交证据", f.evidence.joined(separator: "、"))) }
        if let filing = f.filing {
            rows.append(("立案", "\(filing.on.chinese)（\(filing.procedure.nameZH)）"))
            rows.append(("承办执法人员", filing.officers.map { names[$0] ?? "—" }.joined(separator: "、")))
        }
        if let e = f.decisionExtension { rows.append(("办案期限延长", e)) }
        for p in f.pauses { rows.append(("暂停计时", "\(p.reason.nameZH)：\(p.from.chinese)至\(p.to?.chinese ?? "今")")) }
        if let d = f.decision {
            var text = "\(d.on.chinese)\(d.type.nameZH)" + (d.documentNumber.map { "（\($0)）" } ?? "")
            if let s = d.simplePenalty { text += "，当场\(s.nameZH)" }
            rows.append(("处理决定", text))
            if d.totalFen > 0 {
                rows.append(("罚没合计", "\(Fen.text(d.totalFen))（罚款\(Fen.text(d.fineFen))，没收违法所得\(Fen.text(d.confiscatedGainsFen))，没收非法财物\(Fen.text(d.confiscatedGoodsFen))）"))
            }
            if d.goodsValueFen > 0 { rows.append(("涉案货值", Fen.text(d.goodsValueFen))) }
        }
        if let s = f.servedOn { rows.append(("决定书送达", s.chinese)) }
        for p in f.payments {
            rows.append(("缴款", "\(p.paidOn.chinese) \(Fen.text(p.amountFen))，凭证\(p.voucherNo)" + (p.surcharge ? "（含加处罚款）" : "")))
        }
        if let n = f.notFiledGround { rows.append(("不予立案", n)) }
        if let c = f.closedOn, let r = f.closureReason { rows.append(("结案", "\(c.chinese)（\(r.nameZH)）")) }
        return rows
    }
}

/// A step of the registry.
protocol EnforcementStep: Transition where Facts == EnforcementFacts {}
