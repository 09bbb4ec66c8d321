import Foundation

/// The twelve interview templates (interview.md §6.3) filled from the case as far as it is known.
public enum InterviewDocuments {
    /// Template codes in the order of the procedure (the 《文书清单》 order when dates tie).
    public static let codes = ["IV-CLUE-REPORT", "IV-APPROVAL", "IV-LEGAL-REVIEW", "IV-NOTICE", "IV-OUTLINE", "IV-RECORD", "IV-RECTIFY",
                               "IV-RECT-REPORT", "IV-LEDGER", "IV-INSPECTION", "IV-PASS", "IV-PENALTY-NOTICE"]

    /// DOC-40 for an interview: the documents its file must hold, by how far the case went (a case
    /// rejected at approval has no notice to file). The service flags follow the shipped templates.
    public static func required(_ f: InterviewFacts, state: String) -> [RequiredDocument] {
        var out = [RequiredDocument(code: "IV-CLUE-REPORT", nameZH: "约谈线索核实报告", needsService: false)]
        if f.approval != nil {
            out += [RequiredDocument(code: "IV-APPROVAL", nameZH: "行政约谈审批表", needsService: false),
                    RequiredDocument(code: "IV-LEGAL-REVIEW", nameZH: "法制审核意见书", needsService: false)]
        }
        if f.notice != nil { out.append(RequiredDocument(code: "IV-NOTICE", nameZH: "行政约谈通知书", needsService: true)) }
        if f.record != nil {
            out += [RequiredDocument(code: "IV-RECORD", nameZH: "行政约谈记录", needsService: false),
                    RequiredDocument(code: "IV-RECTIFY", nameZH: "整改通知书", needsService: true)]
        }
        if f.inspection != nil { out.append(RequiredDocument(code: "IV-INSPECTION", nameZH: "整改验收意见书", needsService: true)) }
        if state == "passed" { out.append(RequiredDocument(code: "IV-PASS", nameZH: "整改验收合格书", needsService: true)) }
        return out
    }

    /// The facts as the clause of "经查，你单位{{case.factsBrief}}，涉嫌违反……": the officer writes a
    /// sentence ("经现场核查，该公司安全出口指示灯不亮。"); the notice needs its predicate, without the
    /// lead-in the template already says, the subject it already names, or the closing stop.
    public static func brief(_ facts: String) -> String {
        var s = facts.trimmingCharacters(in: .whitespacesAndNewlines)
        let leads = ["经现场核查", "经现场检查", "经核查", "经检查", "经查明", "经查", "现场检查发现", "日常检查发现"]
        let subjects = ["该公司", "该单位", "该店", "该企业", "当事人", "你单位"]
        var changed = true
        while changed {
            changed = false
            for lead in leads where s.hasPrefix(lead) {
                s = String(s.dropFirst(lead.count)).trimmingCharacters(in: CharacterSet(charactersIn: "，,：: "))
                changed = true
            }
            for subject in subjects where s.hasPrefix(subject) {
                s = String(s.dropFirst(subject.count)).trimmingCharacters(in: CharacterSet(charactersIn: "，, "))
                changed = true
            }
        }
        while let last = s.last, "。.；;，,、 ".contains(last) { s.removeLast() }
        return s.isEmpty ? facts : s
    }

    /// Placeholder → value for every placeholder the facts can answer.
    public static func values(_ f: InterviewFacts, _ c: DocumentPrefillContext) -> [String: String] {
        func name(_ id: UUID?) -> String { id.flatMap { c.names[$0] } ?? "" }
        func numbered(_ items: [String]) -> String { items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n") }
        var v: [String: String] = [
            "case.number": c.caseNumber, "case.level": c.gravity.nameZH, "party.name": f.partyName, "clue.date": f.clue.discoveredOn.chinese,
            "clue.source": f.clue.source.nameZH, "case.cause": f.clue.description,
        ]
        if let u = c.partyUSCC { v["party.uscc"] = u }
        if let r = c.partyRepresentative { v["party.legalRep"] = r }
        if let a = c.partyAddress { v["party.address"] = a }
        if let ver = f.verification {
            v["case.facts"] = ver.facts
            v["case.factsBrief"] = brief(ver.facts)
            v["case.evidence"] = numbered(ver.evidence)
            v["case.provisions"] = ver.provisions
            v["case.ground"] = ver.ground.nameZH
            v["verify.necessity"] = ver.necessity
            v["verify.officers"] = name(ver.by)
            v["proposal.officer"] = name(ver.by)
            v["proposal.date"] = ver.submittedOn.chinese
            v["interview.matters"] = "\(ver.categoryNameZH)：\(ver.facts)"
        }
        if let r = f.reviews.last {
            v["review.opinion"] = r.opinion
            v["review.reviewer"] = name(r.by)
            v["review.date"] = r.on.chinese
            v["review.conclusion"] = r.passed ? "同意约谈" : "退回补正：\(r.opinion)"
        }
        if let a = f.approval {
            v["approval.opinion"] = a.opinion
            v["approval.approver"] = name(a.by)
            v["approval.date"] = a.on.chinese
        }
        if !f.interviewers.isEmpty { v["interview.interviewers"] = f.interviewers.map(name).joined(separator: "、") }
        if let n = f.notice {
            v["interview.time"] = n.scheduledOn.chinese
            v["interview.date"] = n.scheduledOn.chinese
            v["interview.place"] = n.place
            v["interview.mode"] = n.mode.nameZH
        }
        v["interview.materials"] = "营业执照副本、整改方案、相关资质证明"
        if let r = f.record {
            v["interview.time"] = r.heldOn.chinese
            v["interview.date"] = r.heldOn.chinese
            v["interview.mode"] = r.mode.nameZH
            v["interview.recorder"] = r.recorder
            v["interview.others"] = r.experts.joined(separator: "、")
            v["record.notices"] = "已出示执法证件，说明约谈目的和依据，告知陈述、申辩的权利及拒不整改的后果"
            v["record.discussion"] = r.findings
            v["record.statement"] = r.statement
            if !r.partySigned { v["record.signatureNote"] = "被约谈方拒绝签名；见证人：\(r.witnesses.joined(separator: "、"))" }
            v["rectify.items"] = numbered(r.items)
            v["rectify.deadline"] = r.deadline.chinese
            // CAL-14: the report is due the 3rd working day before the deadline.
            v["rectify.reportDue"] = c.calendar.due(before: r.deadline, count: 3).date.chinese
            v["rectify.standard"] = "逐项核查整改事项完成情况，全部合格方予通过"
        }
        if let d = c.documents.filter({ $0.templateCode == "IV-RECTIFY" && !$0.void }).last {
            v["rectify.noticeNumber"] = d.number
            v["rectify.noticeDate"] = (d.servedOn ?? d.issuedOn).chinese
        }
        if let d = c.documents.filter({ $0.templateCode == "IV-RECORD" && !$0.void }).last { v["record.number"] = d.number }
        if let t = f.tracker {
            v["ledger.tracker"] = name(t)
            v["ledger.frequency"] = f.ledger.contains(where: \.difficult) ? "每周一次（加密跟踪）" : "每两周一次"
            v["ledger.difficulty"] = f.ledger.contains(where: \.difficult) ? "难度大或周期长" : "一般"
        }
        if !f.ledger.isEmpty {
            v["ledger.entries"] = f.ledger.map { "\($0.on.chinese) \(name($0.by))：\($0.progress)" }.joined(separator: "\n")
            let problems = f.ledger.compactMap(\.problems)
            if !problems.isEmpty { v["ledger.problems"] = problems.joined(separator: "；") }
        }
        if let r = f.report {
            v["report.receivedDate"] = r.receivedOn.chinese
            v["ledger.reportStatus"] = "已于\(r.receivedOn.chinese)提交"
            v["report.measures"] = r.summary
        }
        if let i = f.inspection, let items = f.record?.items {
            v["inspection.date"] = i.on.chinese
            v["inspection.inspectors"] = i.inspectors.map(name).joined(separator: "、")
            v["inspection.items"] = zip(items, i.remarks).enumerated().map { "\($0.offset + 1). \($0.element.0)：\($0.element.1)" }.joined(separator: "\n")
            v["inspection.conclusion"] = i.passed ? "整改合格" : "整改不合格"
        }
        return v
    }
}
