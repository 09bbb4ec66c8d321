@testable import FengqiaoCore
import Foundation
import Testing

/// complaints.md CP-25 and CP-41 on the pure procedure: a consultation or suggestion is saved as such; a
/// 政府信息公开, 复议, 信访 or discipline item is marked 不适用 and cannot be answered without the channel
/// the submitter is told; a platform item needs its number (CP-43).
@Suite("Inquiries and out-of-scope items (CP-25, CP-41)")
struct InquiryProcedureTests {
    static let office = UUID(), citizen = UUID()
    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
    static func actor(_ code: String) -> Actor {
        let role = ShippedRoles.role(code)!
        return Actor(userID: UUID(), login: code, name: role.nameZH, unitID: office, permissions: role.permissions, roleCodes: [code], visibleUnits: nil)
    }
    static func context(_ a: Actor, _ today: String) -> ProcedureContext {
        ProcedureContext(actor: a, today: date(today), calendar: .shipped, partyNames: [citizen: "刘来信"])
    }
    static func opened(_ kind: String, channel: String = "window", externalNo: String? = nil, on day: String = "2025-09-30") -> Result<Opened<InquiryFacts>, Refusal> {
        var v: [String: String] = ["submitterID": citizen.uuidString, "channel": channel, "receivedOn": day, "kind": kind, "content": "询问预付卡退费的规定"]
        if let externalNo { v["externalNo"] = externalNo }
        return ProcedureEngine.create(InquiryProcedure.self, input: ActionInput(single: v), context: context(actor("complaint-registrar"), day))
    }
    static func answer(_ o: Opened<InquiryFacts>, _ input: [String: String], on day: String) -> Result<Outcome<InquiryFacts>, Refusal> {
        let c = ProcedureCase(id: UUID(), unitID: office, state: "registered", gravity: .ordinary, partyIDs: o.partyIDs, handlerID: nil,
                              openedOn: o.facts.receivedOn, facts: o.facts)
        return ProcedureEngine.perform(InquiryProcedure.self, "answer", on: c, input: ActionInput(single: input), context: context(actor("officer"), day))
    }
    static func codes<T>(_ r: Result<T, Refusal>) -> [String] {
        if case let .failure(f) = r { return f.violations.map(\.code) }
        return []
    }

    @Test("CP-25: a consultation received Tue 2025-09-30 is saved as 咨询 and answered after 国庆 on 2025-10-09 without a channel")
    func consultation() throws {
        let o = try Self.opened("consultation").get()
        #expect(o.clocks.isEmpty && o.partyIDs == [Self.citizen])
        let done = try Self.answer(o, ["answer": "预付卡退费按《单用途商业预付卡管理办法》处理", "answeredOn": "2025-10-09"], on: "2025-10-09").get()
        #expect(done.state == "answered" && done.closedOn == Self.date("2025-10-09"))
    }

    @Test("CP-41: a 信访 item is marked 不适用; answering it without the channel told is refused, with it concluded; dates within receipt and today")
    func outOfScope() throws {
        let o = try Self.opened("petition").get()
        #expect(o.facts.kind.outOfScope && InquiryKind.consultation.outOfScope == false)
        #expect(Self.codes(Self.answer(o, ["answer": "不属于投诉举报", "answeredOn": "2025-10-09"], on: "2025-10-09")) == ["inquiry.channel.required"])
        #expect(Self.codes(Self.answer(o, ["answer": "不属于投诉举报", "channelTold": "本局信访工作机构", "answeredOn": "2025-09-29"], on: "2025-10-09"))
            == ["inquiry.answered.date"])
        let done = try Self.answer(o, ["answer": "不属于投诉举报", "channelTold": "本局信访工作机构", "answeredOn": "2025-10-09"], on: "2025-10-09").get()
        #expect(done.facts.channelTold == "本局信访工作机构")
    }

    @Test("CP-43: a 12315 platform item needs its number; a 投诉站联络员 may register, a 受托调解员 may not")
    func registration() throws {
        #expect(Self.codes(Self.opened("suggestion", channel: "platform")) == ["inquiry.external-no.required"])
        #expect(Self.codes(Self.opened("suggestion", channel: "platform", externalNo: "1500012025093000088")) == [])
        #expect(InquiryProcedure.uniqueKeys(try Self.opened("suggestion", channel: "platform", externalNo: "15000120250930").get().facts).map(\.key)
            == ["platform:15000120250930"])
        let spec = InquiryProcedure.creation
        #expect(spec.permissions.contains(where: Self.actor("complaint-liaison").can))
        #expect(!spec.permissions.contains(where: Self.actor("delegated-mediator").can))
    }
}
