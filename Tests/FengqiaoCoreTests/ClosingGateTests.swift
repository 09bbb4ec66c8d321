@testable import FengqiaoCore
import Foundation
import Testing

/// DOC-40 in the engine: a transition that closes a case checks the case file against the documents
/// the procedure requires on that path; an incomplete file closes only with the unit head's override
/// and a reason, which the timeline line keeps.
@Suite("Closing runs the completeness gate (DOC-40)")
struct ClosingGateTests {
    typealias T = InterviewProcedureTests

    static func inspectionCase() -> ProcedureCase<InterviewFacts> {
        var f = T.facts(verifiedBy: UUID())
        f.interviewers = [T.wang.id, T.li.id]
        f.record = .init(heldOn: T.date("2025-09-10"), mode: .onSite, interviewers: f.interviewers, recorder: "李约谈", agent: nil, experts: [],
                         findings: "灭火器缺失", statement: "承诺整改", items: ["配齐灭火器", "建立消防检查制度"],
                         deadline: T.date("2025-10-10"), partySigned: true, witnesses: [])
        return T.kase("inspection", f)
    }

    static func doc(_ code: String, served: Bool) -> DocumentFact {
        DocumentFact(id: UUID(), templateCode: code, number: "中村所〔2025〕1号", issuedOn: T.date("2025-09-10"), void: false,
                     servedOn: served ? T.date("2025-09-10") : nil)
    }

    static func inspect(_ actor: Actor, documents: [DocumentFact], reason: String? = nil) -> Result<Outcome<InterviewFacts>, Refusal> {
        var input: [String: [String]] = ["on": ["2025-10-14"], "inspectors": [T.wang.id.uuidString, T.li.id.uuidString], "results": ["合格 已配齐", "合格 已建立"]]
        if let reason { input["closeOverrideReason"] = [reason] }
        return ProcedureEngine.perform(InterviewProcedure.self, "inspect", on: inspectionCase(), input: ActionInput(input),
                                       context: T.context(actor, today: "2025-10-14", documents: documents))
    }

    func codes(_ r: Result<Outcome<InterviewFacts>, Refusal>) -> [String] {
        if case let .failure(refusal) = r { return refusal.violations.map(\.code) }
        return []
    }

    @Test("DOC-40 an unserved rectification notice and a missing record block closing; the officer's reason is not enough; the head's override closes with the reason on the timeline")
    func gate() throws {
        // setup
        let officer = T.actor(ShippedRoles.officer, id: T.wang.id)
        let head = T.actor(ShippedRoles.unitHead, name: "周所长")
        let partial = [Self.doc("IV-RECTIFY", served: false)]
        // act + check: refused, every gap named
        let refused = Self.inspect(officer, documents: partial)
        #expect(codes(refused) == ["case-file.document.missing", "case-file.document.unserved", "case-file.override.required"])
        if case let .failure(r) = refused { #expect(Set(r.rules) == ["DOC-40"]) }
        #expect(codes(Self.inspect(officer, documents: partial, reason: "纸质件已附卷")) == ["case-file.override.not-permitted"])
        #expect(codes(Self.inspect(head, documents: partial, reason: "  ")) == ["case-file.document.missing", "case-file.document.unserved",
                                                                                 "case-file.override.required"])
        guard case let .success(o) = Self.inspect(head, documents: partial, reason: "约谈记录为纸质签名件，已扫描附卷") else {
            Issue.record("the head's override was refused")
            return
        }
        #expect(o.state == "passed" && o.closedOn == T.date("2025-10-14"))
        #expect(o.summaryZH.contains("约谈记录为纸质签名件") && o.summaryZH.contains("周所长") && o.summaryZH.contains("缺少《行政约谈记录》"))
        // a complete file closes without an override
        let complete = [Self.doc("IV-RECORD", served: false), Self.doc("IV-RECTIFY", served: true)]
        #expect(codes(Self.inspect(officer, documents: complete)).isEmpty)
    }
}
