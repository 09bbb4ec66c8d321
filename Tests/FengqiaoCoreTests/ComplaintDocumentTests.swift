@testable import FengqiaoCore
import Foundation
import Testing

/// complaints.md "Documents" on the pure procedure: the seven templates and their numbers (DOC-03,
/// DOC-10), what each step issues or requires (DOC-31, CP-22), the prefill from the facts (DOC-02)
/// and CP-08's limit on what a respondent's documents carry.
@Suite("Complaint documents (DOC-03, DOC-10, CP-08, CP-14…CP-23)")
struct ComplaintDocumentTests {
    typealias T = ComplaintProcedureTests

    static func prefill(_ facts: ComplaintFacts, _ template: String, address: String? = nil, names: [UUID: String] = [:]) -> [String: String] {
        let context = DocumentPrefillContext(caseNumber: "ZC-TS-2025-0031", gravity: .ordinary, partyUSCC: nil, partyRepresentative: nil,
                                             partyAddress: address, names: names, documents: [], calendar: T.calendar)
        return ComplaintProcedure.documentValues(facts, template: template, context: context)
    }

    @Test("DOC-03 DOC-10 eight complaint documents, each with its own 文书代字 starting 投 (中村所投终调〔2025〕3号), registered with the procedure")
    func shipped() throws {
        let all = ComplaintTemplates.all
        #expect(all.map(\.code) == ["CP-DISPATCH", "CP-MATERIALS", "CP-ACCEPT", "CP-REJECT", "CP-MEDIATION-NOTICE", "CP-DELEGATION", "CP-TERMINATION", "CP-AGREEMENT"])
        #expect(all.map(\.nameZH) == ["投诉分送通知书", "限期提供材料通知书", "投诉受理决定书", "投诉不予受理决定书", "投诉调解通知书", "委托调解函", "投诉终止调解决定书", "投诉调解书"])
        #expect(all.map(\.typeWord) == ["投分", "投补", "投受", "投不受", "投调通", "投委调", "投终调", "投调"])
        #expect(all.allSatisfy { $0.version == 1 })
        // DOC-30: the party-facing ones carry a 送达回证; the dispatch is signed for and the 调解书 signed on the spot.
        #expect(all.filter(\.needsService).map(\.code) == ["CP-MATERIALS", "CP-ACCEPT", "CP-REJECT", "CP-MEDIATION-NOTICE", "CP-DELEGATION", "CP-TERMINATION"])
        #expect(ComplaintProcedure.module.templates == all)
        #expect(ComplaintProcedure.templateCodes == all.map(\.code))
        // One sequence per unit, type and year: no type word shared with another procedure's document.
        let words = ProcedureRegistry.shipped.templates.map(\.typeWord)
        #expect(Set(words).count == words.count)
        #expect(try DocumentSeries(unitPrefix: "中村所", typeWord: "投终调", year: 2025).number(3).formatted == "中村所投终调〔2025〕3号")
        #expect(ProcedureRegistry.shipped.sampleValues(template: "CP-REJECT")["party.name"] == "林秀英")
        #expect(ProcedureRegistry.shipped.sampleValues(template: "CP-MEDIATION-NOTICE")["party.name"] == "福州市鼓楼区悦享美容有限公司")
    }

    @Test("The steps declare their documents: dispatch, materials, the decision, the notice, the 调解书 and the termination; serveTermination requires it served (CP-22, DOC-30)")
    func declared() {
        func spec(_ key: String) -> TransitionSpec? { ComplaintProcedure.transition(key) }
        #expect(spec("dispatch")?.issues == ["CP-DISPATCH"])
        #expect(spec("proposeDecision")?.issues == ["CP-MATERIALS"])
        #expect(spec("approveDecision")?.issues == ["CP-ACCEPT", "CP-REJECT"])
        #expect(spec("recordConsents")?.issues == ["CP-MEDIATION-NOTICE"])
        #expect(spec("recordOutcome")?.issues == ["CP-AGREEMENT"])
        #expect(spec("decideTermination")?.issues == ["CP-TERMINATION"])
        #expect(spec("serveTermination")?.requires == [.served("CP-TERMINATION", rule: "CP-22")])
        // DOC-01: the case offers the documents of the steps around its state.
        #expect(ComplaintProcedure.offeredTemplates(state: "registered") == ["CP-DISPATCH"])
        #expect(ComplaintProcedure.offeredTemplates(state: "awaitingDecision") == ["CP-MATERIALS"])
        #expect(ComplaintProcedure.offeredTemplates(state: "rejected") == ["CP-ACCEPT", "CP-REJECT"])
        #expect(ComplaintProcedure.offeredTemplates(state: "terminating") == ["CP-TERMINATION"])
        #expect(ComplaintProcedure.offeredTemplates(state: "mediating").contains("CP-MEDIATION-NOTICE"))
    }

    @Test("CP-08 X-09: the documents a respondent receives have no field for the complainant's phone, ID number or address; the respondent's notice is prefilled with the complainant's name only")
    func respondentSide() throws {
        // setup: a complaint accepted and consented to
        var c = try T.registered(received: "2025-09-01")
        (c, _) = try T.take("receive", c, by: T.officer, on: "2025-09-01")
        (c, _) = try T.take("proposeDecision", c, by: T.officer, on: "2025-09-02", ["decision": "accept"])
        (c, _) = try T.take("approveDecision", c, by: T.head, on: "2025-09-03", ["verdict": "approve"])
        // check: the templates, field by field
        for template in ComplaintTemplates.respondentSide {
            let complainantFields = template.fields.map(\.name).filter { $0.hasPrefix("complainant.") }
            #expect(complainantFields == ["complainant.name"], "\(template.code): \(complainantFields)")
            // Phones and addresses only of the office (contact.*), the addressee (party.*) and the respondent.
            let personal = template.fields.map(\.name).filter { name in ["phone", "idnumber", "address", "uscc"].contains { name.lowercased().contains($0) } }
            #expect(personal.allSatisfy { $0.hasPrefix("contact.") || $0.hasPrefix("party.") || $0.hasPrefix("respondent.") }, "\(template.code): \(personal)")
        }
        // act: the notice's prefill, addressed to the respondent with the respondent's own address
        #expect(ComplaintProcedure.addressee(c.facts, template: "CP-MEDIATION-NOTICE") == T.shop)
        #expect(ComplaintProcedure.addressee(c.facts, template: "CP-ACCEPT") == T.consumer)
        let notice = Self.prefill(c.facts, "CP-MEDIATION-NOTICE", address: "江城市中村路88号")
        // check
        #expect(notice["party.name"] == "江城市惠民超市")
        #expect(notice["party.address"] == "江城市中村路88号")
        #expect(notice["complainant.name"] == "张消费")
        #expect(notice.keys.filter { $0.hasPrefix("complainant.") } == ["complainant.name"])
        #expect(notice["decision.date"] == "2025年9月3日")
    }

    @Test("DOC-02 prefill: the rejection's ground of 办法第十五条, the termination's of 第二十一条 with its date, dates in Chinese, the materials deadline before accept_due")
    func prefilled() throws {
        // setup: received Mon 2025-09-01, accept_due 09-10 (scenario 3)
        var c = try T.registered(received: "2025-09-01", knew: "2022-08-01")
        (c, _) = try T.take("receive", c, by: T.officer, on: "2025-09-01")
        #expect(ComplaintDocuments.acceptanceDue(c.facts, calendar: T.calendar) == T.date("2025-09-10"))
        let materials = Self.prefill(c.facts, "CP-MATERIALS", address: "江城市东街1号")
        #expect(materials["party.name"] == "张消费")
        #expect(materials["complaint.receivedDate"] == "2025年9月1日")
        #expect(materials["materials.deadline"] == "2025年9月8日")
        // act: rejected on ground (4)
        var rejected = c
        (rejected, _) = try T.take("proposeDecision", rejected, by: T.officer, on: "2025-09-02",
                                   ["decision": "reject", "ground": "4", "reason": "你于2022年8月1日即已知道权益受到侵害"])
        (rejected, _) = try T.take("approveDecision", rejected, by: T.head, on: "2025-09-03", ["verdict": "approve"])
        let rejection = Self.prefill(rejected.facts, "CP-REJECT")
        #expect(rejection["reject.ground"] == "第（四）项规定的“知道或者应当知道权益受到侵害之日起超过三年”")
        #expect(rejection["reject.reason"] == "你于2022年8月1日即已知道权益受到侵害。")
        #expect(rejection["decision.date"] == "2025年9月3日")
        #expect(rejection["complaint.request"] == "退还购买过期牛奶的货款并赔偿。")
        // act: accepted instead, then terminated on ground (3) — the respondent refused
        (c, _) = try T.take("proposeDecision", c, by: T.officer, on: "2025-09-02", ["decision": "accept"])
        (c, _) = try T.take("approveDecision", c, by: T.head, on: "2025-09-03", ["verdict": "approve"])
        (c, _) = try T.take("recordConsents", c, by: T.officer, on: "2025-09-05", ["complainantConsentOn": "2025-09-04", "respondentRefused": "on"])
        (c, _) = try T.take("decideTermination", c, by: T.head, on: "2025-09-08", ["ground": "3"])
        let termination = Self.prefill(c.facts, "CP-TERMINATION")
        // check
        #expect(termination["termination.ground"] == "第（三）项规定的“无正当理由不参加调解，或者被投诉人明确拒绝调解”")
        #expect(termination["termination.date"] == "2025年9月8日")
        #expect(termination["party.name"] == "江城市惠民超市")
        #expect(ComplaintTemplates.termination.missingRequired(termination).map(\.name) == ["party.address"])
    }

    @Test("DOC-40: a complaint concludes with its acceptance decision served and, for an agreement, its 调解书 in the file — else only with the head's override")
    func closingFile() throws {
        var c = try T.registered(received: "2025-09-01")
        (c, _) = try T.take("receive", c, by: T.officer, on: "2025-09-01")
        (c, _) = try T.take("proposeDecision", c, by: T.officer, on: "2025-09-02", ["decision": "accept"])
        (c, _) = try T.take("approveDecision", c, by: T.head, on: "2025-09-03", ["verdict": "approve"])
        (c, _) = try T.take("recordConsents", c, by: T.officer, on: "2025-09-05", ["complainantConsentOn": "2025-09-04", "respondentConsentOn": "2025-09-05"])
        let agreement = ["outcome": "agreement", "complainantSigned": "on", "respondentSigned": "on"]
        let unserved = T.doc("CP-ACCEPT", issued: "2025-09-03")
        let codes = T.refusal("recordOutcome", c, by: T.officer, on: "2025-09-10", agreement, documents: [unserved])
        #expect(codes.contains("case-file.override.required"))
        #expect(ComplaintProcedure.requiredDocuments(c.facts, state: "concluded") == ["CP-ACCEPT"])
        let served = T.doc("CP-ACCEPT", issued: "2025-09-03", served: "2025-09-04")
        #expect(!T.refusal("recordOutcome", c, by: T.officer, on: "2025-09-10", agreement, documents: [served]).isEmpty)
        let (done, _) = try T.take("recordOutcome", c, by: T.officer, on: "2025-09-10", agreement,
                                   documents: [served, T.doc("CP-AGREEMENT", issued: "2025-09-10")])
        #expect(ComplaintProcedure.fileDocuments(done.facts, state: done.state).map(\.code) == ["CP-ACCEPT", "CP-AGREEMENT"])
        // The head closes an incomplete file with a reason (DOC-40).
        let (overridden, o) = try T.take("recordOutcome", c, by: T.head, on: "2025-09-10", ["outcome": "withdrawn", "closeOverrideReason": "投诉人当场撤回，受理决定书未及送达"])
        #expect(overridden.state == "concluded")
        #expect(o.summaryZH.contains("投诉受理决定书"))
    }
}
