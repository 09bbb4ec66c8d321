@testable import FengqiaoCore
import Foundation
import Testing

/// MD-02: a mediator's origin and the attestation of 第四条.
@Suite("Mediator origin (MD-02)")
struct MediatorOriginTests {
    static let day = LocalDate(iso: "2026-03-02")!

    static func codes(_ origin: String?, _ capacity: String? = nil, note: String? = nil, attested: Bool = true, basis: String? = "经所务会研究") -> [String] {
        switch MediatorProfile.validate(origin: origin, capacity: capacity, capacityNote: note, attested: attested, basis: basis, on: day) {
        case .success: []
        case let .failure(e): e.fields.map(\.code)
        }
    }

    @Test("MD-02: staff, engaged or invited in a capacity; an invited one needs the capacity (and what 其他 is), no one else takes one; 第四条 confirmed with its basis")
    func validation() throws {
        #expect(Self.codes("staff").isEmpty && Self.codes("engaged").isEmpty && Self.codes("invited", "lawyer").isEmpty)
        #expect(Self.codes(nil) == ["mediator.origin.required"] && Self.codes("judge") == ["mediator.origin.required"])
        #expect(Self.codes("invited") == ["mediator.capacity.required"])
        #expect(Self.codes("staff", "lawyer") == ["mediator.capacity.not-invited"])
        #expect(Self.codes("invited", "other") == ["mediator.capacity.other"] && Self.codes("invited", "other", note: "社区主任").isEmpty)
        #expect(Self.codes("staff", attested: false) == ["mediator.attestation.required"])
        #expect(Self.codes("staff", basis: "  ") == ["mediator.attestation.basis"])
        let profile = try MediatorProfile.validate(origin: "invited", capacity: "other", capacityNote: "社区主任", attested: true, basis: "街道推荐", on: Self.day).get()
        #expect(profile.labelZH == "特邀（其他：社区主任）" && profile.recordedOn == Self.day)
        #expect(try MediatorProfile.validate(origin: "staff", capacity: nil, capacityNote: "x", attested: true, basis: "b", on: Self.day).get().capacityNote == nil)
    }

    @Test("MD-01, MD-02: a list is filed only when each of its unfiled mediators has an origin recorded — those without are named")
    func filing() {
        let a = PersonFact(id: UUID(), name: "钱未登", unitID: UUID(), active: true, qualifications: [])
        let b = PersonFact(id: UUID(), name: "吴调解", unitID: a.unitID, active: true, qualifications: [])
        let profile = MediatorProfile(origin: .staff, capacity: nil, capacityNote: nil, attestation: "x", recordedOn: Self.day)
        let refused = MediatorProfile.missing([a, b], profiles: [b.id: profile])
        #expect(refused.map(\.code) == ["mediation.mediator.no-origin"] && refused.first?.messageZH.hasPrefix("钱未登尚未登记") == true)
        #expect(MediatorProfile.missing([a, b], profiles: [a.id: profile, b.id: profile]).isEmpty)
    }
}
