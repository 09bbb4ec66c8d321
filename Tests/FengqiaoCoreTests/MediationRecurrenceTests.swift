import FengqiaoCore
import Foundation
import Testing

/// MD-48 and the 7-day duplicate warning, in the core: the keys a registration is compared by, and
/// the windows.
@Suite("Mediation recurrence keys (MD-48)")
struct MediationRecurrenceTests {
    @Test("MD-48: keys — the respondent; the nature with the object (spaces and punctuation aside); the parties in either order with the object for the duplicate")
    func keys() throws {
        let a = try MF.registered(on: "2025-10-09").facts
        let r = try #require(MediationProcedure.recurrence(a))
        #expect(r.on == MF.date("2025-10-09"))
        #expect(r.counted.map(\.labelZH) == ["同一被申请人", "同一问题性质（\(a.nature.nameZH)）和客体"])
        #expect(r.counted[0].value == "respondent:\(a.respondentID.uuidString)")
        // The same dispute typed again with other spacing and punctuation, the parties swapped: the same keys.
        var b = a
        (b.applicantID, b.respondentID) = (a.respondentID, a.applicantID)
        b.object.description = " " + a.object.description.map { String($0) }.joined(separator: " ") + "。"
        #expect(b.object.description != a.object.description)
        let s = try #require(MediationProcedure.recurrence(b))
        #expect(s.duplicate == r.duplicate && s.counted[1].value == r.counted[1].value)
        // Another object or another nature: other keys.
        var c = a
        c.object.description += "（二期）"
        #expect(MediationProcedure.recurrence(c)?.duplicate != r.duplicate)
        var d = a
        d.nature = a.nature == .price ? .quality : .price
        #expect(MediationProcedure.recurrence(d)?.counted[1].value != r.counted[1].value)
        #expect(MediationProcedure.recurrence(d)?.counted[0].value == r.counted[0].value)
    }

    @Test("MD-48: the 90-day window counts both ends (2025-12-31 reaches back to 10-03); 3 flag, 2 do not; the duplicate window reaches 7 days back")
    func windows() throws {
        let rule = try #require(MediationProcedure.module.recurrence)
        #expect(rule.windowStart(MF.date("2025-12-31")) == MF.date("2025-10-03"))
        #expect(rule.flags(3) && !rule.flags(2))
        #expect(rule.duplicateStart(MF.date("2025-10-09")) == MF.date("2025-10-02"))
        let found = RecurrenceFound(flags: [.init(labelZH: "同一被申请人", count: 3)], duplicates: ["ZC-TJ-2025-0007"])
        let rows = found.rowsZH(rule)
        #expect(rows.map(\.label) == ["多发矛盾（MD-48）", "可能重复登记"])
        #expect(rows[0].value == "同一被申请人90日内登记3件" && rows[1].value.contains("ZC-TJ-2025-0007"))
        // The case page shows them with the facts.
        var f = try MF.registered(on: "2025-10-09").facts
        f.recurrence = found
        #expect(MediationProcedure.factsZH(f, names: [:]).contains { $0.label == "多发矛盾（MD-48）" })
    }
}
