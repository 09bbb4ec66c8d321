@testable import FengqiaoCore
import Foundation
import Testing

/// CP-35, CP-36 on the pure rules: what overlaps, the windows, the thresholds.
@Suite("Complaint signals (CP-35, CP-36)")
struct ComplaintSignalsTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    @Test("CP-35 overlapping requests share half the character pairs of the shorter; unrelated ones do not")
    func overlap() {
        #expect(ComplaintSignals.overlaps("退还货款", "要求退还全部货款"))
        #expect(ComplaintSignals.overlaps("退款。", "退款"))
        #expect(!ComplaintSignals.overlaps("退还货款", "赔礼道歉"))
        #expect(!ComplaintSignals.overlaps("", ""))
    }

    @Test("CP-35 merge within 30日 only: 2025-09-01 with 10-01 yes, with 10-02 no; CP-35 cluster at 5, CP-36 高频 at 10; the windows 09-24…09-30 and 2024-10-01…2025-09-30")
    func windows() {
        let earlier = [ComplaintSignals.Earlier(caseID: UUID(), number: "ZC-TS-2025-0001", receivedOn: Self.d("2025-09-01"), request: "退还货款")]
        #expect(ComplaintSignals.mergeCandidates(receivedOn: Self.d("2025-10-01"), request: "退还货款", earlier: earlier).count == 1)
        #expect(ComplaintSignals.mergeCandidates(receivedOn: Self.d("2025-10-02"), request: "退还货款", earlier: earlier).isEmpty)
        #expect(!ComplaintSignals.isCluster(count: 4) && ComplaintSignals.isCluster(count: 5))
        #expect(!ComplaintSignals.isHighFrequency(count: 9) && ComplaintSignals.isHighFrequency(count: 10))
        #expect(ComplaintSignals.clusterWindowStart(Self.d("2025-09-30")).iso == "2025-09-24")
        #expect(ComplaintSignals.frequencyWindowStart(Self.d("2025-09-30")).iso == "2024-10-01")
    }
}
