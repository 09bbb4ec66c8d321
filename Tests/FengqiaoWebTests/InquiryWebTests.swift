import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// CP-25, CP-41, CP-43 through the API on SQLite and PostgreSQL: a 12315 platform item that is a 信访 matter
/// is saved as 不适用 under its platform number, answered with the channel told after 国庆, and its number is
/// never registered twice — neither as an inquiry nor as a complaint's twin.
@Suite("Inquiries through the API (CP-25, CP-41, CP-43)", .serialized)
struct InquiryWebTests {
    struct Body: Encodable {
        let version: Int
        let input: [String: [String]]
    }

    @Test("CP-41 CP-43: a platform 信访 item received Tue 2025-09-30 is marked 不适用, answered 10-09 with the channel told; its number is refused a second time")
    func outOfScope() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let citizen = try await env.parties.create(PartyInput(kind: "person", name: "刘来信", phone: "13700003333"), unitID: s.officeA.id,
                                                       actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA)
            let item: [String: [String]] = ["submitterID": [citizen.id.uuidString], "channel": ["platform"], "externalNo": ["1500012025093000088"],
                                            "receivedOn": ["2025-09-30"], "kind": ["petition"], "content": ["反映小区物业收费问题，要求上级督办"]]
            let created = try await env.request(.POST, "/api/v1/inquiries", token: a, json: item)
            #expect(created.status == .created || created.status == .ok)
            let id = try #require(try RegistryTests.json(created)["id"] as? String)
            let again = try await env.request(.POST, "/api/v1/inquiries", token: a, json: item)
            #expect(again.status == .unprocessableEntity && again.body.string.contains("inquiry.external-no.duplicate"))

            env.moveClock(to: "2025-10-09")
            let bare = try await env.request(.POST, "/api/v1/inquiries/\(id)/actions/answer", token: a,
                                             json: Body(version: 1, input: ["answer": ["不属于投诉举报处理范围"], "answeredOn": ["2025-10-09"]]))
            #expect(bare.status == .unprocessableEntity && bare.body.string.contains("inquiry.channel.required"))
            let answered = try await env.request(.POST, "/api/v1/inquiries/\(id)/actions/answer", token: a, json: Body(version: 1, input: [
                "answer": ["不属于投诉举报处理范围"], "channelTold": ["向本局信访工作机构提出信访事项"], "answeredOn": ["2025-10-09"],
            ]))
            #expect(answered.status == .ok)
            let json = try RegistryTests.json(answered)
            #expect(json["state"] as? String == "answered" && json["closedOn"] as? String == "2025-10-09")
        }
    }
}
