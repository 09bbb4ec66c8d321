import Foundation

/// Mediation documents prefilled from the facts (DOC-02), what a concluded file must hold (DOC-40)
/// and realistic sample values for previews and the demo.
public enum MediationDocuments {
    /// A template's form from the facts; the officer completes the rest. The addressee is the
    /// respondent by default (the party the notices must reach); the applicant's copy is one more
    /// document of the same template.
    public static func values(_ f: MediationFacts, template: String, _ c: DocumentPrefillContext) -> [String: String] {
        var v: [String: String] = [
            "party.name": f.respondentName, "applicant.name": f.applicantName, "respondent.name": f.respondentName,
            "dispute.number": c.caseNumber, "dispute.registeredDate": f.registeredOn.chinese, "dispute.source": f.source.nameZH,
            "dispute.provider": "\(f.provider.name)（\(f.provider.relation)）",
            "dispute.object": "\(f.object.kind.nameZH)：\(f.object.description)" + (f.object.amountFen.map { "，涉及金额\(Fen.text($0))" } ?? ""),
            "dispute.nature": f.nature.nameZH, "dispute.scope": f.scope.nameZH, "dispute.claim": f.claim,
            "agreement.facts": f.object.description,
        ]
        if let a = c.partyAddress { v["party.address"] = a }
        if let d = f.dispatch {
            v["dispatch.unit"] = d.unitCode
            v["dispatch.basis"] = d.basis
            if let by = d.approvedBy { v["dispatch.approver"] = c.names[by] }
            v["dispatch.date"] = (d.approvedOn ?? d.proposedOn).chinese
        }
        if let a = f.acceptedOn {
            v["accept.date"] = a.chinese
            v["mediation.deadline"] = c.calendar.due(from: a, count: 20, unit: .workday).date.chinese
        }
        if let r = f.rejection {
            v["reject.reason"] = r.reason
            v["reject.channel"] = r.channel
            v["party.name"] = f.applicantName
        }
        if let j = f.joint {
            v["joint.units"] = j.units.joined(separator: "、")
            if let on = j.meetingOn { v["joint.date"] = on.chinese }
            if let m = j.minutes { v["joint.division"] = m }
        }
        if !f.mediatorNames.isEmpty {
            v["session.mediators"] = f.mediatorNames.joined(separator: "、")
            v["contact.name"] = f.mediatorNames[0]
        }
        if let s = f.sessions.last {
            v["session.time"] = s.on.chinese
            v["session.place"] = s.place
            v["session.attendees"] = s.attendees.joined(separator: "、")
            v["session.record"] = s.record
        }
        if let t = f.agreementTerms { v["agreement.terms"] = t }
        if !f.obligations.isEmpty {
            v["agreement.obligations"] = f.obligations.map { "\($0.obligor)：\($0.content)，于\($0.dueOn.chinese)前履行" }.joined(separator: "\n")
        }
        if let r = f.returns.last {
            v["return.unit"] = r.unitCode
            v["return.reason"] = r.reason
            v["return.attempts"] = r.attempts
            v["return.date"] = r.on.chinese
        }
        if let t = f.termination {
            v["termination.reason"] = t.reason
            v["termination.date"] = t.decidedOn.chinese
            v["termination.remedies"] = t.remedies.enumerated().map { "\($0.offset + 1).\($0.element.nameZH)" }.joined(separator: "\n")
        }
        if let m = f.major { v["major.facts"] = "\(f.applicantName)与\(f.respondentName)\(f.nature.nameZH)：\(f.claim)。\(m.reason)" }
        return v
    }

    /// DOC-40: what the file of a concluded dispute must hold when it closes — the agreement when
    /// one was signed, the served termination notice when terminated.
    public static func required(_ f: MediationFacts, state: String) -> [String] {
        guard state == "concluded" else { return [] }
        var codes: [String] = []
        if f.ending?.outcome == .agreement { codes.append("MD-AGREEMENT") }
        if f.termination != nil { codes.append("MD-TERMINATION") }
        return codes
    }

    /// MD-37: the volume's documents — the dispatch slip and the sessions' records where they
    /// happened, the rejection, the agreement or termination.
    public static func file(_ f: MediationFacts, state: String) -> [RequiredDocument] {
        var codes: [String] = []
        if state == "notAccepted" { codes.append("MD-REJECT") }
        if f.dispatched { codes.append("MD-DISPATCH") }
        if f.acceptedOn != nil { codes.append("MD-ACCEPT") }
        if !f.sessions.isEmpty { codes.append("MD-SESSION") }
        if !f.returns.isEmpty { codes.append("MD-RETURN") }
        codes += required(f, state: state)
        return codes.compactMap { code in
            MediationTemplates.template(code: code).map { RequiredDocument(code: code, nameZH: $0.nameZH, needsService: $0.needsService) }
        }
    }

    /// Realistic values — one contract dispute between a resident and a decoration company, triaged by
    /// the 行政调解中心 and dispatched to 中村市场监管所.
    public static func sampleValues(for code: String) -> [String: String] {
        let common: [String: String] = [
            "party.name": "江城市美居装饰工程有限公司", "party.address": "江城市中村街道建设路18号", "applicant.name": "王建华", "respondent.name": "江城市美居装饰工程有限公司",
            "dispute.number": "ZC-TJ-2025-0012", "dispute.registeredDate": "2025年9月30日", "dispute.source": "来访", "dispute.provider": "王建华（申请人本人）",
            "dispute.object": "合同：住房装修工程质量及尾款，涉及金额38,000.00元", "dispute.nature": "合同纠纷", "dispute.scope": "职能相关民事纠纷",
            "dispute.claim": "返还多收的装修款8,000元并修复墙面开裂", "contact.name": "李明", "contact.phone": "0791-86001234",
        ]
        let own: [String: String]
        switch code {
        case "MD-DISPATCH":
            own = ["dispatch.unit": "中村市场监管所", "dispatch.basis": "装修合同格式条款监管属中村所职责（谁主管谁负责）", "dispatch.approver": "孙局长",
                   "dispatch.date": "2025年10月10日"]
        case "MD-ACCEPT": own = ["accept.date": "2025年10月13日", "mediation.deadline": "2025年11月10日"]
        case "MD-REJECT":
            own = ["party.name": "王建华", "reject.reason": "所涉房屋买卖合同纠纷与本局职能无关", "reject.channel": "向人民法院提起诉讼，或向所在地人民调解委员会申请调解"]
        case "MD-JOINT-MINUTES":
            own = ["joint.date": "2025年12月24日", "joint.units": "行政调解中心、中村市场监管所、消费者权益保护科", "joint.attendees": "孙局长、吴调解、张建国、李明",
                   "joint.division": "局长室牵头；中村所负责现场核查；消保科负责格式条款审查；中心负责组织调解。"]
        case "MD-SESSION":
            own = ["session.time": "2025年10月20日上午9时", "session.place": "中村市场监管所调解室", "session.mediators": "李明、王芳",
                   "session.attendees": "王建华（申请人）、赵志强（被申请人委托代理人）", "session.record": "双方陈述装修经过，经核对合同及付款凭证，被申请人同意返还多收款项并修复墙面。"]
        case "MD-AGREEMENT":
            own = ["agreement.facts": "2025年5月双方签订住房装修合同，竣工后墙面开裂，被申请人多收增项费用8,000元。",
                   "agreement.terms": "一、被申请人返还申请人装修款8,000元；二、被申请人免费修复客厅墙面开裂。",
                   "agreement.obligations": "江城市美居装饰工程有限公司：返还8,000元，于2025年10月31日前履行\n江城市美居装饰工程有限公司：修复客厅墙面，于2025年11月15日前履行",
                   "session.mediators": "李明、王芳"]
        case "MD-RETURN":
            own = ["return.unit": "中村市场监管所", "return.reason": "调解期限届满，被申请人坚持不退款，未能达成协议", "return.attempts": "组织调解两次，现场核查一次",
                   "return.date": "2025年11月3日"]
        case "MD-TERMINATION":
            own = ["termination.reason": "经两次调解，双方分歧较大，未能达成调解协议", "termination.date": "2025年11月5日",
                   "termination.remedies": "1.向人民法院提起民事诉讼\n2.申请其他调解组织调解"]
        case "MD-MAJOR":
            own = ["major.facts": "某楼盘32户业主与开发商因交房延期发生纠纷，多次集体上访。", "major.risk": "存在群体性事件风险。",
                   "major.measures": "已登记并安排中心负责人接待业主代表。", "major.plan": "节后组织会办，分组调解，每日报告进展。"]
        default: own = [:]
        }
        return common.merging(own) { _, o in o }
    }
}
