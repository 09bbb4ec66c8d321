@testable import FengqiaoCore
import Foundation
import Testing

/// CP-43 on the pure item: a platform or hotline row read by its headers into a typed item, with every
/// problem of the row named by field, rule and stable code before anything is written.
@Suite("Complaint import item (CP-43, CP-04, CP-07)")
struct ComplaintImportItemTests {
    typealias F = ComplaintImportItem.Field
    static let today = LocalDate(iso: "2025-09-30")!

    static let good: [F: String] = [
        .externalNo: "P2025092600001", .channel: "全国12315平台", .receivedOn: "2025-09-26", .complainantName: "张消费", .complainantPhone: "13900001111",
        .respondentName: "江城市惠民超市有限公司", .respondentUSCC: DemoData.uscc(serial: 6161), .request: "退还货款", .facts: "购买的牛奶已过保质期",
        .knewOn: "2025年9月25日", .classification: "投诉+举报",
    ]

    @Test("CP-43 a good row: channel by its Chinese name, dates in any usual form, 投诉+举报 read as mixed, keyed by channel and number")
    func good() throws {
        let item = try ComplaintImportItem.parse(Self.good, today: Self.today).get()
        #expect(item.channel == .platform && item.receivedOn.iso == "2025-09-26" && item.knewOn.iso == "2025-09-25")
        #expect(item.classification == .mixed && item.classification.hasComplaint && item.classification.hasReport)
        #expect(item.key == "platform:P2025092600001")
        #expect(item.respondent.partyInput.kind == "enterprise" && item.complainant.partyInput.kind == "person")
        #expect(ComplaintImportItem.parseDate("2025/9/26")?.iso == "2025-09-26" && ComplaintImportItem.parseDate("20250926")?.iso == "2025-09-26")
        #expect(ComplaintImportItem.parseDate("2025-09-26 14:30:00")?.iso == "2025-09-26" && ComplaintImportItem.parseDate("9/26") == nil)
    }

    @Test("CP-43 CP-04 X-02 PLT-10 bad rows: each problem with its field, rule and code — no number, an unknown channel, knew after received, received in the future, a wrong USCC check digit, 咨询")
    func bad() {
        func codes(_ cells: [F: String]) -> [String] {
            guard case let .failure(e) = ComplaintImportItem.parse(cells, today: Self.today) else { return [] }
            return e.errors.map { "\($0.field) \($0.rule) \($0.code)" }
        }
        var noNumber = Self.good
        noNumber[.externalNo] = " "
        #expect(codes(noNumber) == ["externalNo CP-43 complaint.external-no.required"])
        var channel = Self.good
        channel[.channel] = "微信"
        #expect(codes(channel) == ["channel CP-43 import.channel.invalid"])
        var knew = Self.good
        knew[.knewOn] = "2025-09-27"
        #expect(codes(knew) == ["knewOn CP-04 complaint.knew.after-received"])
        var future = Self.good
        future[.receivedOn] = "2025-10-01"
        future[.knewOn] = "2025-09-01"
        #expect(codes(future) == ["receivedOn X-02 complaint.received.future"])
        var uscc = Self.good
        let valid = DemoData.uscc(serial: 6161)
        uscc[.respondentUSCC] = String(valid.dropLast()) + (valid.hasSuffix("0") ? "1" : "0")
        #expect(codes(uscc).first?.hasPrefix("respondentUSCC PLT-10") == true)
        var consult = Self.good
        consult[.classification] = "咨询"
        #expect(codes(consult) == ["classification CP-41 import.classification.invalid"])
        var noContact = Self.good
        noContact[.complainantPhone] = nil
        #expect(codes(noContact) == ["complainantPhone CP-04 import.complainant.contact"])
        var date = Self.good
        date[.receivedOn] = "九月"
        #expect(codes(date) == ["receivedOn X-06 import.date.invalid"])
    }

    @Test("CP-43 the raw row is kept whole and read back by its headers, Chinese or English")
    func rawRow() {
        let row = ComplaintImportRawRow(number: 2, raw: #"{"external_no":"H1","来源渠道":"12315热线","备注":"保留"}"#)
        #expect(row.cells[.externalNo] == "H1" && row.cells[.channel] == "12315热线" && row.cells.count == 2)
        #expect(F.named("投诉人电话") == .complainantPhone && F.named("\u{FEFF}平台编号") == .externalNo && F.named("备注") == nil)
    }
}
