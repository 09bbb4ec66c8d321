import Foundation

/// The complaint templates filled from the facts as far as they are known (DOC-02: the officer
/// completes and corrects the rest), the file a concluded complaint must hold (DOC-40) and the
/// templates' sample values.
public enum ComplaintDocuments {
    /// Template codes in procedure order.
    public static var codes: [String] { ComplaintTemplates.all.map(\.code) }

    /// The templates addressed to the complainant; every other party-facing one goes to the
    /// respondent by default (the officer readdresses the complainant's copy).
    public static let toComplainant: Set<String> = ["CP-MATERIALS", "CP-ACCEPT", "CP-REJECT"]

    /// "第（五）项规定的“自受理之日起四十五个工作日内未能达成调解协议”": a ground of 办法第十五条 or
    /// 第二十一条 as a decision cites it after the article.
    public static func citation(_ groundZH: String) -> String {
        guard let close = groundZH.firstIndex(of: "）") else { return "规定的“\(groundZH)”" }
        return "第\(groundZH[...close])项规定的“\(groundZH[groundZH.index(after: close)...])”"
    }

    /// Text as a sentence of the document: trimmed, ending with a full stop.
    static func sentence(_ text: String) -> String {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while let last = s.last, "，,；;、 ".contains(last) { s.removeLast() }
        guard let last = s.last else { return s }
        return "。！？”）".contains(last) ? s : s + "。"
    }

    /// CP-14: the acceptance decision's due date — 7 working days (the bound rule set's value) from the
    /// competent unit's receipt; the shipped rule sets answer for the receipt date (CP-02).
    public static func acceptanceDue(_ f: ComplaintFacts, calendar: WorkCalendar) -> LocalDate? {
        guard let receipt = f.competentReceiptOn,
              let rule = RuleBook(ComplaintProcedure.module.ruleSets).inForce(ComplaintProcedure.ruleSetKey, on: f.receivedOn)?.rule("acceptance")
        else { return nil }
        return rule.due(from: receipt, in: calendar).date
    }

    /// CP-17, CP-21: the mediation's due date as the delegate is told it — 45 working days from 受理
    /// moved by the working days of each closed pause (CP-19, CP-20); the delegation never restarts it.
    public static func mediationDue(_ f: ComplaintFacts, calendar: WorkCalendar) -> LocalDate? {
        guard let accepted = f.decision?.on, f.decision?.choice == .accept,
              let rule = RuleBook(ComplaintProcedure.module.ruleSets).inForce(ComplaintProcedure.ruleSetKey, on: f.receivedOn)?.rule("mediation")
        else { return nil }
        let paused = f.pauses.compactMap { p in p.to.map { calendar.between(p.from.adding(days: -1), $0) } }.reduce(0, +)
        let due = rule.due(from: accepted, in: calendar).date
        return paused == 0 ? due : calendar.due(from: due, count: paused, unit: .workday).date
    }

    /// Placeholder → value for `template`, for every placeholder the facts can answer. `party.*` is
    /// the addressee, whose details `c` carries (`ComplaintProcedure.addressee`). CP-08: nothing of
    /// the complainant but the name is ever put in — the facts hold no phone or ID number, and the
    /// address is only the addressee's own.
    public static func values(_ f: ComplaintFacts, template: String, _ c: DocumentPrefillContext) -> [String: String] {
        let complainantSide = toComplainant.contains(template)
        var v: [String: String] = [
            "party.name": complainantSide ? f.complainantName : f.respondentName,
            "complainant.name": f.complainantName, "respondent.name": f.respondentName, "complaint.number": c.caseNumber,
            "complaint.channel": f.channel.nameZH + (f.externalNo.map { "（\($0)）" } ?? ""),
            // The dispatch reports when the item came in; the competent unit's documents, when it received it (CP-14).
            "complaint.receivedDate": (template == "CP-DISPATCH" ? f.receivedOn : f.competentReceiptOn ?? f.receivedOn).chinese,
            "complaint.request": sentence(f.request), "complaint.facts": sentence(f.statement),
            "mediation.materials": "1.身份证明（单位提交营业执照复印件及法定代表人身份证明，委托他人参加的提交授权委托书及受托人身份证明）；\n2.与投诉事项有关的合同、票据、凭证等证据材料。",
        ]
        if let a = c.partyAddress { v["party.address"] = a }
        if !complainantSide {
            if let a = c.partyAddress { v["respondent.address"] = a }
            if let r = c.partyRepresentative { v["respondent.representative"] = r }
        }
        if let d = f.dispatches.last {
            v["dispatch.date"] = d.on.chinese
            v["dispatch.reportBackDate"] = d.reportBackOn.chinese
        }
        if let by = f.proposal?.by, let name = c.names[by] {
            v["contact.name"] = name
            v["mediation.mediator"] = name
        }
        // CP-17: a delegated mediation's documents name the delegate as mediator; the letter goes to the delegate.
        if let d = f.delegation {
            v["mediation.mediator"] = "\(d.mediatorName)（\(d.servicePointName)受托调解员）"
            v["delegate.name"] = d.servicePointName
            v["delegate.mediator"] = d.mediatorName
            v["mediation.time"] = d.time
            v["mediation.place"] = d.place
            v["delegation.scope"] = d.scope
            if template == "CP-DELEGATION" { v["party.name"] = d.servicePointName }
        }
        if template == "CP-DELEGATION" {
            // Addressed to the delegate, never to a party: no party's address is prefilled (CP-08).
            v["party.address"] = nil
            if f.delegation == nil { v["party.name"] = nil }
            if let due = mediationDue(f, calendar: c.calendar) { v["mediation.deadline"] = due.chinese }
        }
        if let due = acceptanceDue(f, calendar: c.calendar), let receipt = f.competentReceiptOn {
            // CP-14: materials are asked for in time to decide — two working days before accept_due, never after it.
            v["materials.deadline"] = max(c.calendar.due(before: due, count: 2).date, receipt).chinese
        }
        let ground = f.decision?.ground ?? f.proposal?.ground
        if let g = ground { v["reject.ground"] = citation(g.nameZH) }
        if let reason = f.proposal?.reason, f.proposal?.choice == .reject { v["reject.reason"] = sentence(reason) }
        if let d = f.decision { v["decision.date"] = d.on.chinese }
        // CP-21, CP-22: the decided ground, or the one the scheduler proposed when the limit ran out.
        if let t = f.termination {
            v["termination.ground"] = citation(t.ground.nameZH)
            v["termination.date"] = t.decidedOn.chinese
        } else if f.terminationProposedOn != nil {
            v["termination.ground"] = citation(TerminationGround.g5.nameZH)
        }
        if f.termination?.ground == .g5 || (f.termination == nil && f.terminationProposedOn != nil) {
            let paused = f.pauses.isEmpty ? "" : "（" + f.pauses.map { "\($0.from.chinese)至\($0.to?.chinese ?? "今")\($0.reason.nameZH)" }.joined(separator: "、") + "期间不计算在内）"
            v["termination.facts"] = "自受理之日起四十五个工作日内\(paused)，双方未能达成调解协议。"
        }
        return v
    }

    /// DOC-40 on closing: a concluded complaint's file holds the served acceptance decision, the 调解书
    /// of an agreement and the served termination decision. A rejection's decision is made by the
    /// closing act itself, so it is not a condition of it (as the interview's result documents).
    public static func required(_ f: ComplaintFacts, state: String) -> [String] {
        guard state == "concluded" else { return [] }
        var codes = ["CP-ACCEPT"]
        if f.ending?.outcome == .agreement { codes.append("CP-AGREEMENT") }
        if f.termination != nil { codes.append("CP-TERMINATION") }
        return codes
    }

    /// DOC-40 for the completeness figures: the closed file's documents, results included.
    public static func file(_ f: ComplaintFacts, state: String) -> [RequiredDocument] {
        var codes: [String] = []
        if !f.dispatches.isEmpty { codes.append("CP-DISPATCH") }
        if state == "rejected" { codes.append("CP-REJECT") }
        codes += required(f, state: state)
        return codes.compactMap { code in
            ComplaintTemplates.template(code: code).map { RequiredDocument(code: code, nameZH: $0.nameZH, needsService: $0.needsService) }
        }
    }

    // MARK: - Sample data

    /// Realistic values for a template's fields — one prepaid-card complaint handled by 中村市场监督管理所
    /// from its receipt (2025-10-09) — for previews, demos and tests. Only the template's own fields
    /// are returned, the addressee as the template has it; an unknown code gives an empty dictionary.
    public static func sampleValues(for code: String) -> [String: String] {
        guard let template = ComplaintTemplates.template(code: code) else { return [:] }
        var all = sample
        if code == "CP-DELEGATION" {
            all["party.name"] = sample["delegate.name"]
            all["party.address"] = "福州市鼓楼区温泉路22号"
            all["mediation.time"] = "2025年10月21日上午9时30分"
            all["mediation.place"] = "温泉消协分会调解室（福州市鼓楼区温泉路22号）"
        } else if !toComplainant.contains(code) {
            all["party.name"] = sample["respondent.name"]
            all["party.address"] = sample["respondent.address"]
        }
        var values: [String: String] = [:]
        for field in template.fields {
            if let value = all[field.name] { values[field.name] = value }
        }
        return values
    }

    static let sample: [String: String] = [
        "party.name": "林秀英",
        "party.address": "福州市鼓楼区五四路128号3座1502室",
        "complainant.name": "林秀英",
        "respondent.name": "福州市鼓楼区悦享美容有限公司",
        "respondent.representative": "郑美玲",
        "respondent.address": "福州市鼓楼区中村路102号二层",
        "complaint.number": "ZC-TS-2025-0031",
        "complaint.channel": "全国12315平台（2025100900153）",
        "complaint.receivedDate": "2025年10月9日",
        "complaint.request": "退还预付卡余额人民币2,680元。",
        "complaint.facts": "投诉人于2025年3月在被投诉人处办理美容预付卡，充值5,000元，已消费2,320元。2025年9月被投诉人停业装修并变更经营项目，无法继续提供原约定的服务，投诉人要求退还卡内余额，被投诉人以卡面注明“不退不换”为由拒绝。",
        "dispatch.receiver": "福州市鼓楼区市场监督管理局温泉市场监督管理所",
        "dispatch.date": "2025年10月9日",
        "dispatch.reportBackDate": "2025年10月24日",
        "materials.items": "1.投诉人身份证明复印件；\n2.预付卡及充值、消费凭证（收据、转账记录或者消费记录截图）；\n3.被投诉人停业或者拒绝退款的相关证明材料（现场照片、聊天记录等）。",
        "materials.deadline": "2025年10月15日",
        "decision.date": "2025年10月14日",
        "reject.ground": "第（二）项规定的“已有其他机关或者调解组织受理或者处理过同一消费者权益争议”",
        "reject.reason": "经核实，你已于2025年9月20日就同一争议向福州市鼓楼区消费者权益保护委员会投诉，该会已于2025年9月22日受理并正在调解。",
        "appeal.government": "福州市鼓楼区人民政府",
        "mediation.time": "2025年10月21日上午9时30分",
        "mediation.place": "中村市场监督管理所一楼调解室（福州市鼓楼区中村路16号）",
        "mediation.mediator": "林晓峰（执法证号：35010023001）、王敏（执法证号：35010023017）",
        "mediation.materials": "1.身份证明（单位提交营业执照复印件及法定代表人身份证明，委托他人参加的提交授权委托书及受托人身份证明）；\n2.预付卡、充值及消费凭证；\n3.与投诉事项有关的其他证据材料。",
        "delegate.name": "福州市鼓楼区消费者权益保护委员会温泉分会",
        "delegate.mediator": "陈立新",
        "delegation.scope": "组织投诉人与被投诉人就退还预付卡余额进行调解，制作调解书或者调解记录；不得代为作出终止调解、不予受理等决定，不得再行委托。",
        "mediation.deadline": "2025年12月22日",
        "termination.facts": "本局分别于2025年10月21日、11月18日组织双方调解，被投诉人同意退还部分余额，投诉人不予接受，双方在自受理之日起四十五个工作日内未能达成调解协议。",
        "termination.ground": "第（五）项规定的“自受理之日起四十五个工作日内未能达成调解协议”",
        "termination.date": "2025年12月22日",
        "agreement.terms": "1.被投诉人于2025年10月24日前一次性退还投诉人预付卡余额人民币贰仟陆佰捌拾元整（¥2,680.00）；\n2.投诉人收到退款后将预付卡交还被投诉人；\n3.双方就本次消费争议再无其他争议。",
        "agreement.performance": "被投诉人通过银行转账方式将上述款项支付至投诉人指定的账户，转账凭证复印件交本局存档。",
        "contact.name": "林晓峰",
        "contact.phone": "0591-83210000",
    ]
}
