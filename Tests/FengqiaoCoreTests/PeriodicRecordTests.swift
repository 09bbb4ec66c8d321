@testable import FengqiaoCore
import Foundation
import Testing

/// MD-44: the 联席会议 each half-year and the Q4 inspection — windows, status and the record's checks.
@Suite("Yearly records (MD-44)")
struct PeriodicRecordTests {
    static let rules = MediationProcedure.module.periodicRecords
    static func rule(_ key: String) -> PeriodicRecordRule { rules.first { $0.key == key }! }
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test("MD-44: mediation owes the first half's 联席会议 (01-01…06-30), the second half's (07-01…12-31) and the Q4 inspection (10-01…12-31); on Mon 2026-12-07 the first half unrecorded is missed, the others pending; on 2027-01-04 all three are missed")
    func windowsAndStatus() {
        #expect(Self.rules.map(\.key) == ["jointMeetingH1", "jointMeetingH2", "inspection"] && Self.rules.allSatisfy { $0.rule == "MD-44" })
        #expect(Self.rule("jointMeetingH1").window(2026) == Self.day("2026-01-01")...Self.day("2026-06-30"))
        #expect(Self.rule("inspection").window(2026) == Self.day("2026-10-01")...Self.day("2026-12-31"))
        let december = Self.rules.map { PeriodicRecordStatus.of(nil, rule: $0, year: 2026, today: Self.day("2026-12-07")) }
        #expect(december == [.missed, .pending, .pending])
        #expect(Self.rules.map { PeriodicRecordStatus.of(nil, rule: $0, year: 2026, today: Self.day("2027-01-04")) } == [.missed, .missed, .missed])
        let entry = PeriodicRecordEntry(key: "inspection", year: 2026, heldOn: Self.day("2026-12-03"), attendees: "检查组", note: "检查")
        #expect(PeriodicRecordStatus.of(entry, rule: Self.rule("inspection"), year: 2026, today: Self.day("2027-01-04")).textZH == "已记录（2026-12-03）")
    }

    static func codes(_ key: String, _ heldOn: String, attendees: String = "孙局长", note: String = "汇报上半年工作") -> [String] {
        switch PeriodicRecordEntry.validate(rule(key), year: 2026, heldOn: heldOn, attendees: attendees, note: note, today: day("2026-12-07")) {
        case .success: []
        case let .failure(e): e.fields.map(\.code)
        }
    }

    @Test("MD-44: a record is held within its window of the year, not after today, with who attended and what happened")
    func validation() {
        #expect(Self.codes("jointMeetingH1", "2026-06-30").isEmpty && Self.codes("inspection", "2026-10-01").isEmpty)
        #expect(Self.codes("jointMeetingH1", "2026-07-01") == ["periodic.day.window"])
        #expect(Self.codes("inspection", "2026-09-30") == ["periodic.day.window"])
        #expect(Self.codes("inspection", "2026-12-08") == ["periodic.day.future"])
        #expect(Self.codes("jointMeetingH2", "2026-13-01") == ["periodic.day.invalid"])
        #expect(Self.codes("jointMeetingH2", "2026-08-01", attendees: " ", note: "") == ["periodic.attendees.required", "periodic.note.required"])
    }
}
