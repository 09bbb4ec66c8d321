@testable import FengqiaoCore
import Foundation
import Testing

/// complaints.md "Documents", steps 9 and 10, on the pure procedure: the three report templates and
/// their numbers (DOC-03, DOC-10), what each step issues or requires (DOC-30, CP-28), the prefill
/// from the facts (DOC-02), CP-29's result-notice basis and CP-08's rule that the 告知书 goes to the
/// reporter only and the reporter is in nobody else's prefill.
@Suite("Report documents (DOC-03, DOC-10, CP-08, CP-27…CP-29)")
struct ReportDocumentTests {
    typealias T = ReportProcedureTests

    static func prefill(_ facts: ReportFacts, _ template: String, address: String? = nil) -> [String: String] {
        let context = DocumentPrefillContext(caseNumber: "ZC-JB-2025-0007", gravity: .ordinary, partyUSCC: nil, partyRepresentative: nil,
                                             partyAddress: address, names: [T.li.id: "李执法", T.wang.id: "王执法", T.chief.userID: "孙局长"],
                                             documents: [], calendar: T.calendar)
        return ReportProcedure.documentValues(facts, template: template, context: context)
    }

    /// A named report proposed for 立案 on 10-17 (with `basis`, CP-29) and approved by the chief on 10-20.
    static func approved(_ input: [String: [String]] = T.proposal) throws -> ProcedureCase<ReportFacts> {
        var (c, _) = try T.opened("2025-10-09")
        (c, _) = try T.take("proposeDecision", c, by: T.officer, on: "2025-10-17", input)
        (c, _) = try T.take("approveDecision", c, by: T.chief, on: "2025-10-20", ["verdict": ["approve"]])
        return c
    }

    @Test("DOC-03 DOC-10 four report documents with the 文书代字 举分, 举核, 举审, 举告 (中村所举告〔2025〕3号), registered with the procedure; no type word shared with another document")
    func shipped() throws {
        let all = ReportTemplates.all
        #expect(all.map(\.code) == ["RP-DISPATCH", "RP-VERIFY", "RP-APPROVAL", "RP-NOTICE"])
        #expect(all.map(\.nameZH) == ["举报分送通知书", "举报核查报告", "立案（不予立案）审批表", "举报处理结果告知书"])
        #expect(all.map(\.typeWord) == ["举分", "举核", "举审", "举告"])
        #expect(all.allSatisfy { $0.version == 1 })
        // Internal forms are signed in the body; only the 告知书 is sealed and served (送达回证, DOC-30).
        #expect(all.filter(\.needsService).map(\.code) == ["RP-NOTICE"])
        // The 分送通知书 goes to the receiving unit under the seal (signed for, not served on a party).
        #expect(all.filter(\.sealed).map(\.code) == ["RP-DISPATCH", "RP-NOTICE"])
        #expect(ReportProcedure.module.templates == all)
        #expect(ReportProcedure.templateCodes == all.map(\.code))
        let words = ProcedureRegistry.shipped.templates.map(\.typeWord)
        #expect(Set(words).count == words.count)
        #expect(try DocumentSeries(unitPrefix: "中村所", typeWord: "举告", year: 2025).number(3).formatted == "中村所举告〔2025〕3号")
        #expect(ProcedureRegistry.shipped.sampleValues(template: "RP-NOTICE")["party.name"] == "陈建华")
    }

    @Test("The steps declare their documents: proposeDecision the 核查报告, approveDecision the 审批表, notifyReporter the 告知书 — required served (CP-28, DOC-30)")
    func declared() {
        func spec(_ key: String) -> TransitionSpec? { ReportProcedure.transition(key) }
        #expect(spec("proposeDecision")?.issues == ["RP-VERIFY"])
        #expect(spec("approveDecision")?.issues == ["RP-APPROVAL"])
        #expect(spec("notifyReporter")?.issues == ["RP-NOTICE"])
        #expect(spec("notifyReporter")?.requires == [.served("RP-NOTICE", rule: "CP-28")])
        #expect(spec("proposeDecision")?.fields.first { $0.name == "resultNoticeBasis" }?.required == false)
        // DOC-01: the case offers the documents of the steps around its state.
        // CP-13: the 分送通知书 around dispatch — a report still at its registering unit may be dispatched from 核查中.
        #expect(spec("dispatch")?.issues == ["RP-DISPATCH"])
        #expect(ReportProcedure.offeredTemplates(state: "registered") == ["RP-DISPATCH"])
        #expect(ReportProcedure.offeredTemplates(state: "verifying") == ["RP-DISPATCH", "RP-VERIFY"])
        #expect(ReportProcedure.offeredTemplates(state: "awaitingApproval") == ["RP-VERIFY", "RP-APPROVAL"])
        #expect(ReportProcedure.offeredTemplates(state: "notifying") == ["RP-APPROVAL", "RP-NOTICE"])
    }

    @Test("DOC-02 CP-27: the 核查报告 and 审批表 are prefilled with the findings, the opinion, the officers and the approver; 不予立案 states its ground; the internal forms carry nothing of the reporter")
    func internalForms() throws {
        // setup
        let c = try Self.approved(["decision": ["not-file"], "ground": ["unfounded"], "findings": ["现场未发现过期食品"],
                                   "officers": [T.li.id.uuidString, T.wang.id.uuidString]])
        // act
        let report = Self.prefill(c.facts, "RP-VERIFY"), form = Self.prefill(c.facts, "RP-APPROVAL")
        // check
        #expect(report["verify.findings"] == "现场未发现过期食品。")
        #expect(report["proposal.opinion"] == "建议不予立案，理由为：违法事实不成立。")
        #expect(Set((report["verify.officers"] ?? "").components(separatedBy: "、")) == ["李执法", "王执法"])
        #expect(report["proposal.date"] == "2025年10月17日")
        #expect(report["reported.name"] == "江城市东湖农贸市场")
        #expect(form["approval.approver"] == "孙局长")
        #expect(form["approval.date"] == "2025年10月20日")
        #expect(form["approval.opinion"] == "同意不予立案。")
        for values in [report, form] { #expect(!values.values.contains { $0.contains("赵举报") }) }
        for template in [ReportTemplates.verification, ReportTemplates.approval] {
            #expect(!template.fields.contains { $0.name.hasPrefix("party.") || $0.name.hasPrefix("reporter") })
        }
    }

    @Test("CP-08 CP-28: the 告知书 is addressed to the reporter — never the reported party — with the decision and its date; a user who may not see the reporter gets no addressee at all")
    func noticeToReporter() throws {
        // setup
        let c = try Self.approved()
        // act
        let values = Self.prefill(c.facts, "RP-NOTICE", address: "江城市湖滨路3号")
        // check
        #expect(ReportProcedure.addressee(c.facts, template: "RP-NOTICE") == T.reporter)
        #expect(ReportProcedure.addressee(c.facts, template: "RP-VERIFY") == T.market)
        #expect(values["party.name"] == "赵举报")
        #expect(values["party.address"] == "江城市湖滨路3号")
        #expect(values["reported.name"] == "江城市东湖农贸市场")
        #expect(values["decision.date"] == "2025年10月20日")
        #expect(values["decision.text"] == "予以立案调查")
        #expect(values["notice.resultBasis"] == nil)
        // CP-08, X-09: through `visible`, another officer's prefill names nobody (not the reported party)
        // and the document is not theirs to read.
        let stranger = T.actor("officer")
        let shown = ReportProcedure.visible(c.facts, handlerID: c.handlerID, unitID: c.unitID, to: stranger)
        let hidden = Self.prefill(shown, "RP-NOTICE", address: "江城市东湖路1号")
        #expect(hidden["party.name"] == "")
        #expect(hidden["party.address"] == nil)
        #expect(!hidden.values.contains { $0.contains("赵举报") })
        #expect(!ReportProcedure.documentVisible(c.facts, template: "RP-NOTICE", handlerID: c.handlerID, unitID: c.unitID, to: stranger))
        #expect(ReportProcedure.documentVisible(c.facts, template: "RP-VERIFY", handlerID: c.handlerID, unitID: c.unitID, to: stranger))
        #expect(ReportProcedure.documentVisible(c.facts, template: "RP-NOTICE", handlerID: c.handlerID, unitID: c.unitID, to: T.officer))
        // The notice has no field for the reporter's phone or ID number.
        #expect(Set(ReportTemplates.resultNotice.fields.map(\.name)).isDisjoint(with: ["party.phone", "party.idNumber", "reporter.phone", "reporter.idNumber"]))
    }

    @Test("CP-29: a result notice beyond 立案/不予立案 only where a cited law requires it — the basis given on the proposal is printed on the 告知书")
    func resultNoticeBasis() throws {
        // setup: 立案 with a basis; 不予立案 with one; none
        var input = T.proposal
        input["resultNoticeBasis"] = ["《江城市市场监管领域举报奖励办法》第十二条"]
        let filed = try Self.approved(input)
        let notFiled = try Self.approved(["decision": ["not-file"], "ground": ["unfounded"], "findings": ["x"], "officers": [T.li.id.uuidString, T.wang.id.uuidString],
                                          "resultNoticeBasis": ["《江城市市场监管领域举报奖励办法》第十二条"]])
        var blank = T.proposal
        blank["resultNoticeBasis"] = ["  "]
        // check
        #expect(filed.facts.proposal?.resultNoticeBasis == "《江城市市场监管领域举报奖励办法》第十二条")
        #expect(Self.prefill(filed.facts, "RP-NOTICE")["notice.resultBasis"]
            == "依照《江城市市场监管领域举报奖励办法》第十二条的规定，本局将在案件处理完毕后将处理结果另行告知你。")
        #expect(Self.prefill(notFiled.facts, "RP-NOTICE")["notice.resultBasis"] == "依照《江城市市场监管领域举报奖励办法》第十二条的规定，本告知书同时作为举报处理结果的告知。")
        #expect(Self.prefill(notFiled.facts, "RP-NOTICE")["decision.text"] == "不予立案，理由为：违法事实不成立")
        #expect(try Self.approved(blank).facts.proposal?.resultNoticeBasis == nil)
    }
}
