import Foundation
import Testing
@testable import FengqiaoCore

/// Issue 12 item 6: the interview date is checked against the served notice and the limit from
/// service (方案 §6.2: 5 working days, urgent 24 hours); an ordinary approval records no collective
/// decision (IV-10).
@Suite("Interview timing and approval records (issue 12 defects)")
struct InterviewTimingTests {
    typealias T = InterviewProcedureTests

    /// An interview case whose notice was served on Tue 2025-09-30, the eve of the National Day.
    static func served(urgent: Bool = false) -> ProcedureCase<InterviewFacts> {
        var f = T.facts(verifiedBy: UUID())
        f.interviewers = [T.wang.id, T.li.id]
        if urgent { f.verification?.urgent = true }
        f.notice = .init(documentNumber: "中村所约通〔2025〕1号", issuedOn: T.date("2025-09-29"), servedOn: T.date("2025-09-30"),
                         scheduledOn: T.date("2025-10-09"), place: "中村所三楼会议室", mode: .onSite)
        return T.kase("interview", f)
    }

    func hold(_ c: ProcedureCase<InterviewFacts>, on day: String, lateReason: String? = nil) -> Result<Outcome<InterviewFacts>, Refusal> {
        var input = T.holdInput(heldOn: day, deadline: LocalDate(iso: day)!.adding(days: 20).iso)
        if let lateReason { input.values["lateReason"] = [lateReason] }
        return ProcedureEngine.perform(InterviewProcedure.self, "holdInterview", on: c, input: input,
                                       context: T.context(T.actor(ShippedRoles.officer, id: T.wang.id), today: "2025-10-20"))
    }

    func codes(_ r: Result<Outcome<InterviewFacts>, Refusal>) -> [String] {
        if case let .failure(refusal) = r { return refusal.violations.map(\.code) }
        return []
    }

    @Test("Served Tue 2025-09-30: five working days skip the holiday to Tue 10-14 (10-09, 10-10, the make-up Saturday 10-11, 10-13, 10-14); 10-15 needs a reason; before service is refused")
    func limitFromService() throws {
        let c = Self.served()
        #expect(codes(hold(c, on: "2025-09-29")) == ["interview.held.before-service"])
        #expect(codes(hold(c, on: "2025-10-14")).isEmpty)
        #expect(codes(hold(c, on: "2025-10-15")) == ["interview.held.late"])
        let late = try hold(c, on: "2025-10-15", lateReason: "当事人法定代表人出差，经申请改期").get()
        #expect(late.facts.record?.lateReason == "当事人法定代表人出差，经申请改期")
        #expect(try hold(c, on: "2025-10-14").get().facts.record?.lateReason == nil)
    }

    @Test("Urgent: served 2025-09-30, held by 10-01 (24 hours, a holiday, not rolled); 10-02 needs a reason")
    func urgentLimit() {
        let c = Self.served(urgent: true)
        #expect(codes(hold(c, on: "2025-10-01")).isEmpty)
        #expect(codes(hold(c, on: "2025-10-02")) == ["interview.held.late"])
    }

    @Test("IV-10: an ordinary approval with meeting fields filled records no collective decision; a major one does")
    func ordinaryNotCollective() throws {
        var f = T.facts(verifiedBy: UUID())
        f.reviews = [.init(by: UUID(), on: T.date("2026-02-12"), passed: true, opinion: "同意")]
        let input = ActionInput(["decision": ["approve"], "opinion": ["同意约谈"], "meetingOn": ["2026-02-13"], "members": ["张组长\n赵副组长\n钱委员"]])
        let deputy = T.actor(ShippedRoles.deputyLeader)
        let ordinary = try ProcedureEngine.perform(InterviewProcedure.self, "approve", on: T.kase("approval", f), input: input,
                                                   context: T.context(deputy, today: "2026-02-13")).get()
        #expect(ordinary.facts.approval?.approved == true && ordinary.facts.approval?.collective == nil)
        #expect(!ordinary.summaryZH.contains("集体决策"))
        let major = try ProcedureEngine.perform(InterviewProcedure.self, "approve", on: T.kase("approval", f, gravity: .major), input: input,
                                                context: T.context(deputy, today: "2026-02-13")).get()
        #expect(major.facts.approval?.collective?.members.count == 3)
    }
}

/// Issue 12 item 6: the document text reads as Chinese and the party's address is prefilled.
@Suite("Interview document text (issue 12 defects)")
struct InterviewDocumentTextTests {
    @Test("The notice reads 经查，你单位安全出口指示灯不亮，涉嫌违反… — no doubled lead-in, subject or stop; the address is prefilled")
    func factsBrief() {
        #expect(InterviewDocuments.brief("经现场核查，该公司安全出口指示灯不亮。") == "安全出口指示灯不亮")
        #expect(InterviewDocuments.brief("经查，当事人未按规定公示年度报告；") == "未按规定公示年度报告")
        #expect(InterviewDocuments.brief("存在安排未取得健康证明的从业人员上岗的问题") == "存在安排未取得健康证明的从业人员上岗的问题")
        #expect(InterviewDocuments.brief("。") == "。")  // nothing left: the officer's text stands
        // the values: the brief in the clause, the full facts elsewhere, the address from the context
        var f = InterviewProcedureTests.facts(verifiedBy: UUID())
        f.verification?.facts = "经现场核查，该公司安全出口指示灯不亮。"
        let context = DocumentPrefillContext(caseNumber: "ZC-IV-2025-0001", gravity: .ordinary, partyUSCC: nil, partyRepresentative: nil,
                                             partyAddress: "江城市中村路88号", names: [:], documents: [], calendar: InterviewProcedureTests.calendar)
        let v = InterviewDocuments.values(f, context)
        #expect("经查，你单位\(v["case.factsBrief"] ?? "")，涉嫌违反" == "经查，你单位安全出口指示灯不亮，涉嫌违反")
        #expect(v["case.facts"] == "经现场核查，该公司安全出口指示灯不亮。")
        #expect(v["party.address"] == "江城市中村路88号")
    }
}
