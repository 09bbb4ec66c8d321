import Foundation
import Testing

@testable import FengqiaoCore

/// Test dates are literals; a typo should fail loudly, not silently pass.
private func day(_ iso: String) -> LocalDate {
    guard let d = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

/// The domain error a throwing call refused with, or nil when it succeeded. (Closures infer
/// untyped `throws`, so any other error is recorded as a failure.)
private func refusal<T>(_ body: () throws -> T) -> DomainError? {
    do {
        _ = try body()
        return nil
    } catch let error as DomainError {
        return error
    } catch {
        Issue.record("expected a DomainError, got \(error)")
        return nil
    }
}

private func number(_ prefix: String, _ word: String, _ year: Int, _ serial: Int) -> DocumentNumber {
    do { return try DocumentNumber(unitPrefix: prefix, typeWord: word, year: year, serial: serial) } catch {
        fatalError("bad test number: \(error.messageZH)")
    }
}

@Suite("Documents and archives (DOC-10…DOC-50)")
struct RecordsTests {
    // MARK: - DOC-10 numbers

    @Suite("DOC-10 document numbers")
    struct Numbers {
        @Test("DOC-10 number format: 中村约〔2025〕12号")
        func format() throws {
            let n = try DocumentNumber(unitPrefix: "中村", typeWord: "约", year: 2025, serial: 12)
            #expect(n.formatted == "中村约〔2025〕12号")
            #expect(n.description == "中村约〔2025〕12号")
            // No leading zeros, no 第, full year.
            #expect(try DocumentNumber(unitPrefix: "中村", typeWord: "约改", year: 2025, serial: 1).formatted == "中村约改〔2025〕1号")
            #expect(try DocumentNumber(unitPrefix: "中村", typeWord: "约", year: 2026, serial: 1000).formatted == "中村约〔2026〕1000号")
            #expect(try DocumentSeries(unitPrefix: "中村", typeWord: "约", year: 2025).heading == "中村约〔2025〕")
        }

        @Test("DOC-10 a number parses back to itself given the unit prefix or the type word")
        func roundTrip() throws {
            for (prefix, word) in [("中村", "约"), ("中村", "约改"), ("中村", "罚告"), ("深市监", "调登")] {
                for serial in [1, 9, 10, 12, 200, 1_000_000] {
                    let n = number(prefix, word, 2025, serial)
                    #expect(DocumentNumber(parsing: n.formatted, unitPrefix: prefix) == n)
                    #expect(DocumentNumber(parsing: n.formatted, typeWord: word) == n)
                }
            }
            // The split between prefix and type word needs context: both readings are valid numbers.
            let text = "中村约改〔2025〕3号"
            #expect(DocumentNumber(parsing: text, unitPrefix: "中村")?.typeWord == "约改")
            #expect(DocumentNumber(parsing: text, unitPrefix: "中村约")?.typeWord == "改")
            let parts = try #require(DocumentNumber.Parts(parsing: text))
            #expect(parts == DocumentNumber.Parts(parsing: "中村约改〔2025〕3号"))
            #expect((parts.codeWords, parts.year, parts.serial) == ("中村约改", 2025, 3))
        }

        @Test(
            "DOC-10 only the exact form parses: no 第, no leading zeros, six-corner brackets, full year",
            arguments: [
                "中村约〔2025〕第12号", "中村约〔2025〕012号", "中村约〔2025〕0号", "中村约[2025]12号", "中村约(2025)12号",
                "中村约（2025）12号", "中村约〔25〕12号", "中村约〔02025〕12号", "中村约〔2025〕12", "中村约〔２０２５〕12号",
                "中村约〔2025〕１２号", "中村约〔2025〕 12号", "中村约 〔2025〕12号", "〔2025〕12号", "中村〔2025〕12号",
                "东村约〔2025〕12号", "中村约〔2025〕12号 ", "中村约〔2025〕-1号", "中村约2025〕12号", "",
            ])
        func strictParse(_ text: String) {
            #expect(DocumentNumber(parsing: text, unitPrefix: "中村") == nil)
        }

        @Test("DOC-10 parsing by type word refuses another type and an empty prefix")
        func parseByTypeWord() {
            #expect(DocumentNumber(parsing: "中村约〔2025〕12号", typeWord: "改") == nil)
            #expect(DocumentNumber(parsing: "约〔2025〕12号", typeWord: "约") == nil)
            #expect(DocumentNumber(parsing: "中村约〔2025〕12号", typeWord: "约")?.unitPrefix == "中村")
        }

        @Test("DOC-10 bad parts are refused together, each with its field, rule and a Chinese message")
        func validation() throws {
            let e = try #require(refusal { try DocumentNumber(unitPrefix: " ", typeWord: "约〔", year: 25, serial: 0) })
            #expect(e.kind == .invalid)
            #expect(e.ruleID == "DOC-10")
            #expect(e.fields.map(\.field) == ["unitPrefix", "typeWord", "year", "serial"])
            #expect(
                e.fields.map(\.code) == [
                    "document.number.unit-prefix.required", "document.number.type-word.invalid",
                    "document.number.year.invalid", "document.number.serial.invalid",
                ])
            #expect(e.fields.allSatisfy { $0.rule == "DOC-10" && !$0.messageZH.isEmpty })
            #expect(e.fields[1].messageZH.contains("约〔"))
        }

        @Test(
            "DOC-10 code words may not hold digits, brackets, spaces or 号",
            arguments: [
                "约1", "约１", "约2025", "(约)", "【约】", "约 改", "约\u{3000}", "号", "约[", "约》", "约\u{200B}",
            ])
        func forbiddenTypeWords(_ word: String) {
            let e = refusal { try DocumentNumber(unitPrefix: "中村", typeWord: word, year: 2025, serial: 1) }
            #expect(e?.fields.map(\.field) == ["typeWord"])
            let p = refusal { try DocumentSeries(unitPrefix: word, typeWord: "约", year: 2025) }
            #expect(p?.fields.map(\.field) == ["unitPrefix"])
        }

        @Test("DOC-10 lengths: a unit prefix of 12 characters and a type word of 6 are the limit")
        func lengths() {
            #expect(
                refusal { try DocumentSeries(unitPrefix: String(repeating: "中", count: 12), typeWord: String(repeating: "约", count: 6), year: 2025) } == nil)
            #expect(
                refusal { try DocumentSeries(unitPrefix: String(repeating: "中", count: 13), typeWord: "约", year: 2025) }?.fields.first?.code
                    == "document.number.unit-prefix.too-long")
            #expect(
                refusal { try DocumentSeries(unitPrefix: "中村", typeWord: String(repeating: "约", count: 7), year: 2025) }?.fields.first?.code
                    == "document.number.type-word.too-long")
            // Chinese numerals may appear in a unit's code word (e.g. 一所).
            #expect(refusal { try DocumentSeries(unitPrefix: "中村一所", typeWord: "约", year: 2025) } == nil)
        }

        @Test("DOC-10 one sequence per unit, type and year")
        func series() throws {
            let s = try DocumentSeries(unitPrefix: "中村", typeWord: "约", year: 2025)
            #expect(try s.number(12) == number("中村", "约", 2025, 12))
            #expect(number("中村", "约", 2025, 12).series == s)
            #expect(number("中村", "约", 2025, 13).series == s)
            #expect(number("中村", "约改", 2025, 12).series != s)
            #expect(number("中村", "约", 2026, 12).series != s)
            #expect(number("东村", "约", 2025, 12).series != s)
            #expect(refusal { try s.number(0) }?.fields.map(\.code) == ["document.number.serial.invalid"])
            #expect(number("中村", "约", 2025, 9) < number("中村", "约", 2025, 10))
        }
    }

    // MARK: - DOC-12 reserved blocks

    @Suite("DOC-12 pre-printed forms")
    struct PreprintedForms {
        let series = try! DocumentSeries(unitPrefix: "中村", typeWord: "罚当", year: 2025)

        @Test("DOC-12 a block is first…last with first ≥ 1, last ≥ first and at most 1000 numbers")
        func blockValidation() throws {
            let block = try ReservedBlock(series: series, first: 1, last: 1000)
            #expect(block.count == 1000)
            #expect(block.description == "中村罚当〔2025〕1—1000号")
            #expect(try ReservedBlock(series: series, first: 7, last: 7).count == 1)
            #expect(refusal { try ReservedBlock(series: series, first: 0, last: 10) }?.fields.map(\.code) == ["document.reserved-block.first.invalid"])
            #expect(refusal { try ReservedBlock(series: series, first: 10, last: 9) }?.fields.map(\.code) == ["document.reserved-block.last.before-first"])
            #expect(refusal { try ReservedBlock(series: series, first: 1, last: 1001) }?.fields.map(\.code) == ["document.reserved-block.too-large"])
            #expect(refusal { try ReservedBlock(series: series, first: 501, last: 1500) } == nil)
            let e = try #require(refusal { try ReservedBlock(series: series, first: -5, last: -9) })
            #expect(e.fields.map(\.field) == ["first", "last"])
            #expect(e.fields.allSatisfy { $0.rule == "DOC-12" })
        }

        @Test("DOC-12 contains: the block's serials of its own series only; overlapping blocks are detected")
        func contains() throws {
            let block = try ReservedBlock(series: series, first: 101, last: 150)
            #expect(!block.contains(100))
            #expect(block.contains(101))
            #expect(block.contains(150))
            #expect(!block.contains(151))
            #expect(block.contains(try series.number(120)))
            #expect(!block.contains(number("中村", "罚当", 2026, 120)))
            #expect(!block.contains(number("中村", "约", 2025, 120)))
            #expect(block.overlaps(try ReservedBlock(series: series, first: 150, last: 160)))
            #expect(block.overlaps(try ReservedBlock(series: series, first: 1, last: 101)))
            #expect(!block.overlaps(try ReservedBlock(series: series, first: 151, last: 160)))
            let nextYear = try DocumentSeries(unitPrefix: "中村", typeWord: "罚当", year: 2026)
            #expect(!block.overlaps(try ReservedBlock(series: nextYear, first: 101, last: 150)))
            #expect(refusal { try block.form(151) }?.fields.map(\.code) == ["document.form.not-reserved"])
            #expect(try block.form(101).number.formatted == "中村罚当〔2025〕101号")
        }

        @Test("DOC-12 a form is used once; a used or voided form cannot be used again")
        func useOnce() throws {
            let block = try ReservedBlock(series: series, first: 1, last: 50)
            var form = try block.form(7)
            #expect(form.use == .unused)
            try form.recordUse(caseRef: " ZC-PN-2025-0003 ", on: day("2025-10-14"))
            #expect(form.use == .used(caseRef: "ZC-PN-2025-0003", on: day("2025-10-14")))
            let again = try #require(refusal { try form.recordUse(caseRef: "ZC-PN-2025-0004", on: day("2025-10-15")) })
            #expect(again.kind == .conflict)
            #expect(again.code == "document.form.already-used")
            #expect(again.ruleID == "DOC-12")
            #expect(form.use == .used(caseRef: "ZC-PN-2025-0003", on: day("2025-10-14")))

            var spoilt = try block.form(8)
            try spoilt.void(reason: "填写错误")
            #expect(spoilt.use == .voided(reason: "填写错误", caseRef: nil))
            #expect(refusal { try spoilt.recordUse(caseRef: "ZC-PN-2025-0004", on: day("2025-10-15")) }?.code == "document.form.voided")
            #expect(refusal { try spoilt.void(reason: "再次作废") }?.code == "document.form.voided")
        }

        @Test("DOC-12 voiding needs a reason; a used form voided keeps its case")
        func voiding() throws {
            let block = try ReservedBlock(series: series, first: 1, last: 50)
            var form = try block.form(9)
            let e = try #require(refusal { try form.void(reason: "  \u{3000}") })
            #expect(e.fields.map(\.code) == ["document.form.void-reason-required"])
            #expect(e.fields.first?.rule == "DOC-12")
            #expect(form.use == .unused)
            try form.recordUse(caseRef: "ZC-PN-2025-0003", on: day("2025-03-02"))
            try form.void(reason: "当事人信息有误，已重新制作")
            #expect(form.use == .voided(reason: "当事人信息有误，已重新制作", caseRef: "ZC-PN-2025-0003"))
            #expect(form.use.nameZH == "已作废")
        }

        @Test("DOC-12 using a form needs a case and a date in the number's year")
        func useChecks() throws {
            var form = try ReservedBlock(series: series, first: 1, last: 50).form(10)
            let e = try #require(refusal { try form.recordUse(caseRef: "", on: day("2026-01-05")) })
            #expect(e.fields.map(\.code) == ["document.form.case-required", "document.form.wrong-year"])
            #expect(form.use == .unused)
            #expect(refusal { try form.recordUse(caseRef: "ZC-PN-2025-0009", on: day("2025-12-31")) } == nil)
        }
    }

    // MARK: - DOC-42, DOC-43 retention and archive numbers

    @Suite("DOC-42 and DOC-43 retention and archive numbers")
    struct RetentionTests {
        @Test("DOC-43 retention codes D5, D10, D30, Y with Chinese names and years")
        func codes() {
            #expect(RetentionCode.allCases.map(\.rawValue) == ["D5", "D10", "D30", "Y"])
            #expect(RetentionCode.allCases.map(\.nameZH) == ["定期5年", "定期10年", "定期30年", "永久"])
            #expect(RetentionCode.allCases.map(\.years) == [5, 10, 30, nil])
            #expect(RetentionCode.d30 < .permanent)
            #expect(RetentionCode.d5 < .d10)
            #expect([RetentionCode.permanent, .d5, .d30, .d10].sorted() == [.d5, .d10, .d30, .permanent])
        }

        @Test("DOC-43 defaults: ordinary D5, major D10, livelihood (民生保障) permanent")
        func defaults() {
            let p = RetentionPolicy.standard
            #expect(p.code(caseType: "interview", gravity: .ordinary) == .d5)
            #expect(p.code(caseType: "interview", gravity: .major) == .d10)
            #expect(p.code(caseType: "interview", gravity: .livelihood) == .permanent)
            #expect(p.code(caseType: "mediation", gravity: .ordinary) == .d5)
        }

        @Test("DOC-43 an office's schedule overrides per case type and gravity; nil restores the default")
        func overrides() throws {
            let p = try RetentionPolicy.standard
                .setting(.d30, for: "mediation", gravity: .major)
                .setting(.d10, for: " mediation ", gravity: .ordinary)
            #expect(p.code(caseType: "mediation", gravity: .major) == .d30)
            #expect(p.code(caseType: "mediation", gravity: .ordinary) == .d10)
            #expect(p.code(caseType: "interview", gravity: .major) == .d10)  // other types keep defaults
            #expect(p.code(caseType: "mediation", gravity: .livelihood) == .permanent)
            let reset = try p.setting(nil, for: "mediation", gravity: .major)
            #expect(reset.code(caseType: "mediation", gravity: .major) == .d10)
            #expect(reset.overrides.count == 1)
            let e = try #require(refusal { try p.setting(.d5, for: "  ", gravity: .ordinary) })
            #expect(e.fields.map(\.field) == ["caseType"])
            #expect(e.ruleID == "DOC-43")
        }

        @Test("DOC-42 archive number J012-2025-D10-0007: four-digit zero-padded item, parses back")
        func archiveNumber() throws {
            let n = try ArchiveNumber(fonds: "J012", year: 2025, retention: .d10, item: 7)
            #expect(n.formatted == "J012-2025-D10-0007")
            #expect(ArchiveNumber(parsing: "J012-2025-D10-0007") == n)
            for code in RetentionCode.allCases {
                for item in [1, 9, 10, 999, 1000, 9999] {
                    let a = try ArchiveNumber(fonds: "0451", year: 2031, retention: code, item: item)
                    #expect(a.formatted.split(separator: "-").last?.count == 4)
                    #expect(ArchiveNumber(parsing: a.formatted) == a)
                }
            }
            #expect(try ArchiveNumber(fonds: "J012", year: 2025, retention: .permanent, item: 1234).formatted == "J012-2025-Y-1234")
        }

        @Test(
            "DOC-42 archive numbers parse only in their exact form",
            arguments: [
                "J012-2025-D10-7", "J012-2025-D10-00007", "J012-2025-D10-0000", "j012-2025-D10-0007", "J012-2025-d10-0007",
                "J012-2025-D7-0007", "J012-25-D10-0007", "J-012-2025-D10-0007", "J012-2025-D10", "-2025-D10-0007",
                "J012 -2025-D10-0007", "J012-2025-D10-０００７", "J012—2025—D10—0007", "",
            ])
        func strictArchiveParse(_ text: String) {
            #expect(ArchiveNumber(parsing: text) == nil)
        }

        @Test("DOC-42 bad archive-number parts are refused together")
        func archiveValidation() throws {
            let e = try #require(refusal { try ArchiveNumber(fonds: "J-01", year: 25, retention: .d5, item: 10_000) })
            #expect(e.fields.map(\.field) == ["fonds", "year", "item"])
            #expect(e.fields.allSatisfy { $0.rule == "DOC-42" })
            #expect(refusal { try ArchiveNumber(fonds: "", year: 2025, retention: .d5, item: 0) }?.fields.map(\.field) == ["fonds", "item"])
        }

        @Test("DOC-43 retention is counted from 1 January of the year after archiving")
        func retentionEnds() {
            #expect(Retention.retentionEnds(archivedOn: day("2025-03-10"), code: .d5) == day("2030-12-31"))
            #expect(Retention.retentionEnds(archivedOn: day("2025-01-01"), code: .d5) == day("2030-12-31"))
            #expect(Retention.retentionEnds(archivedOn: day("2025-12-31"), code: .d10) == day("2035-12-31"))
            #expect(Retention.retentionEnds(archivedOn: day("2024-02-29"), code: .d30) == day("2054-12-31"))
            #expect(Retention.retentionEnds(archivedOn: day("2025-03-10"), code: .permanent) == nil)
        }

        @Test("DOC-50 a file is due for destruction only after its retention, never when permanent or on hold")
        func destruction() {
            let archived = day("2025-03-10")
            #expect(!Retention.isDueForDestruction(archivedOn: archived, code: .d5, today: day("2030-12-31")))
            #expect(Retention.isDueForDestruction(archivedOn: archived, code: .d5, today: day("2031-01-01")))
            #expect(!Retention.isDueForDestruction(archivedOn: archived, code: .d10, today: day("2031-01-01")))
            #expect(!Retention.isDueForDestruction(archivedOn: archived, code: .permanent, today: day("2999-01-01")))
            #expect(!Retention.isDueForDestruction(archivedOn: archived, code: .d5, today: day("2031-01-01"), underHold: true))
            // A review kept the file with a new date.
            #expect(!Retention.isDueForDestruction(archivedOn: archived, code: .d5, today: day("2032-06-30"), keptUntil: day("2032-06-30")))
            #expect(Retention.isDueForDestruction(archivedOn: archived, code: .d5, today: day("2032-07-01"), keptUntil: day("2032-06-30")))
        }
    }

    // MARK: - DOC-30, DOC-31 service

    @Suite("DOC-30 and DOC-31 service")
    struct ServiceTests {
        let cal = WorkCalendar.shipped
        let issued = day("2025-09-26")

        @Test("DOC-30 methods: raw values and Chinese names")
        func methods() {
            #expect(ServiceMethod.allCases.map(\.rawValue) == ["direct", "post", "electronic", "left-at-premises", "public-notice"])
            #expect(ServiceMethod.allCases.map(\.nameZH) == ["直接送达", "邮寄送达", "电子送达", "留置送达", "公告送达"])
            #expect(ServiceMethod(rawValue: "left-at-premises") == .leftAtPremises)
        }

        @Test("DOC-30 an empty record lists recipient, method and date at once")
        func empty() throws {
            let e = try #require(refusal { try ServiceRecordInput().validate(issuedOn: issued) })
            #expect(e.kind == .invalid)
            #expect(e.fields.map(\.field) == ["recipient", "method", "date"])
            #expect(e.fields.allSatisfy { $0.rule == "DOC-30" && $0.code.hasPrefix("service.") && !$0.messageZH.isEmpty })
        }

        @Test(
            "DOC-30 each method lists every missing proof field",
            arguments: [
                (ServiceMethod.direct, ["recipient", "receiptAttachmentID"]),
                (.post, ["recipient", "mailNumber", "deliveredOn"]),
                (.electronic, ["recipient", "consentAttachmentID", "consentDate", "deliveredOn", "deliveredTime"]),
                (.leftAtPremises, ["recipient", "refusalNote", "witnesses"]),
                (.publicNotice, ["recipient", "publishedOn", "medium"]),
            ])
        func missingProof(_ method: ServiceMethod, _ fields: [String]) throws {
            let input = ServiceRecordInput(recipient: "  ", method: method, date: day("2025-09-29"), witnesses: ["", " "])
            let e = try #require(refusal { try input.validate(issuedOn: issued) })
            #expect(e.fields.map(\.field) == fields)
            #expect(e.fields.allSatisfy { $0.rule == "DOC-30" })
        }

        @Test("DOC-30 direct service: the signed receipt; served on the day")
        func direct() throws {
            let r = try ServiceRecordInput(
                recipient: "某某商行", method: .direct, date: day("2025-09-29"), time: "09:30",
                receiptAttachmentID: "att-1"
            ).validate(issuedOn: issued)
            #expect(r.proof == .direct(receiptAttachmentID: "att-1"))
            #expect(r.time == "09:30")
            #expect(r.effectiveServiceDate == day("2025-09-29"))
        }

        @Test("DOC-30 post: mail number and delivery date; served on the delivery date")
        func post() throws {
            let r = try ServiceRecordInput(
                recipient: "某某商行", method: .post, date: day("2025-09-26"), mailNumber: "1151234567890",
                deliveredOn: day("2025-09-30")
            ).validate(issuedOn: issued)
            #expect(r.proof == .post(mailNumber: "1151234567890", deliveredOn: day("2025-09-30")))
            #expect(r.effectiveServiceDate == day("2025-09-30"))
            // Delivered before it was posted.
            let e = refusal {
                try ServiceRecordInput(
                    recipient: "某某商行", method: .post, date: day("2025-09-29"), mailNumber: "1151234567890",
                    deliveredOn: day("2025-09-28")
                ).validate(issuedOn: issued)
            }
            #expect(e?.fields.map(\.code) == ["service.delivered-on.before-service"])
        }

        @Test("DOC-30 electronic service needs prior written consent dated on or before the service")
        func electronic() throws {
            func input(consent: LocalDate?) -> ServiceRecordInput {
                ServiceRecordInput(
                    recipient: "某某商行", method: .electronic, date: day("2025-09-29"), deliveredOn: day("2025-09-29"),
                    deliveredTime: "15:02", consentAttachmentID: "att-consent", consentDate: consent)
            }
            let r = try input(consent: day("2025-09-29")).validate(issuedOn: issued)
            #expect(r.effectiveServiceDate == day("2025-09-29"))
            #expect(
                r.proof
                    == .electronic(
                        consentAttachmentID: "att-consent", consentDate: day("2025-09-29"),
                        deliveredOn: day("2025-09-29"), deliveredTime: "15:02"))
            #expect(try input(consent: day("2025-03-01")).validate(issuedOn: issued).method == .electronic)
            let late = try #require(refusal { try input(consent: day("2025-09-30")).validate(issuedOn: issued) })
            #expect(late.fields.map(\.code) == ["service.consent.after-service"])
            #expect(late.fields.first?.field == "consentDate")
            #expect(refusal { try input(consent: nil).validate(issuedOn: issued) }?.fields.map(\.field) == ["consentDate"])
            var noConsentFile = input(consent: day("2025-09-01"))
            noConsentFile.consentAttachmentID = nil
            #expect(refusal { try noConsentFile.validate(issuedOn: issued) }?.fields.map(\.field) == ["consentAttachmentID"])
            var badTime = input(consent: day("2025-09-01"))
            badTime.deliveredTime = "3:02 pm"
            #expect(refusal { try badTime.validate(issuedOn: issued) }?.fields.map(\.code) == ["service.delivered-time.invalid"])
        }

        @Test("DOC-30 left at premises: the refusal note and at least one witness")
        func leftAtPremises() throws {
            let r = try ServiceRecordInput(
                recipient: "某某商行", method: .leftAtPremises, date: day("2025-09-29"),
                refusalNote: "负责人拒绝签收", witnesses: [" 李某（社区工作人员） ", ""]
            ).validate(issuedOn: issued)
            #expect(r.proof == .leftAtPremises(refusalNote: "负责人拒绝签收", witnesses: ["李某（社区工作人员）"]))
            #expect(r.effectiveServiceDate == day("2025-09-29"))
            let e = refusal {
                try ServiceRecordInput(
                    recipient: "某某商行", method: .leftAtPremises, date: day("2025-09-29"),
                    refusalNote: "负责人拒绝签收", witnesses: []
                ).validate(issuedOn: issued)
            }
            #expect(e?.fields.map(\.code) == ["service.witness.required"])
        }

        @Test("DOC-30 public notice is deemed served 30 days after publication")
        func publicNotice() throws {
            let r = try ServiceRecordInput(
                recipient: "某某商行", method: .publicNotice, date: day("2025-09-26"),
                publishedOn: day("2025-09-26"), medium: "市场监管局网站"
            ).validate(issuedOn: issued)
            #expect(r.effectiveServiceDate == day("2025-10-26"))
            #expect(r.proof == .publicNotice(publishedOn: day("2025-09-26"), medium: "市场监管局网站"))
            // Across a leap day: 2028-02-15 + 30 days.
            let leap = try ServiceRecordInput(
                recipient: "某某商行", method: .publicNotice, date: day("2028-02-15"),
                publishedOn: day("2028-02-15"), medium: "公告栏"
            ).validate(issuedOn: day("2028-02-01"))
            #expect(leap.effectiveServiceDate == day("2028-03-16"))
        }

        @Test("DOC-30 no service before the document was issued")
        func beforeIssue() throws {
            let e = try #require(
                refusal {
                    try ServiceRecordInput(recipient: "某某商行", method: .direct, date: day("2025-09-25"), receiptAttachmentID: "att-1")
                        .validate(issuedOn: issued)
                })
            #expect(e.fields.map(\.code) == ["service.date.before-issue"])
            #expect(e.fields.first?.messageZH.contains("2025年9月26日") == true)
            let published = refusal {
                try ServiceRecordInput(
                    recipient: "某某商行", method: .publicNotice, date: day("2025-09-26"),
                    publishedOn: day("2025-09-20"), medium: "公告栏"
                ).validate(issuedOn: issued)
            }
            #expect(published?.fields.map(\.code) == ["service.published-on.before-issue"])
            // On the day of issue is fine.
            #expect(
                refusal {
                    try ServiceRecordInput(recipient: "某某商行", method: .direct, date: issued, receiptAttachmentID: "att-1").validate(issuedOn: issued)
                } == nil)
        }

        @Test("DOC-30 time is HH:mm", arguments: ["9:30", "24:00", "12:60", "0930", "09:3a", "０９:３０"])
        func badTime(_ time: String) {
            let e = refusal {
                try ServiceRecordInput(
                    recipient: "某某商行", method: .direct, date: day("2025-09-29"), time: time,
                    receiptAttachmentID: "att-1"
                ).validate(issuedOn: issued)
            }
            #expect(e?.fields.map(\.code) == ["service.time.invalid"])
        }

        @Test("DOC-30 all problems of one record are listed together")
        func everything() throws {
            let e = try #require(
                refusal {
                    try ServiceRecordInput(
                        method: .electronic, date: day("2025-09-20"), time: "25:00", deliveredOn: day("2025-09-19"),
                        consentDate: day("2025-09-21")
                    ).validate(issuedOn: issued)
                })
            #expect(
                e.fields.map(\.code) == [
                    "service.recipient.required", "service.date.before-issue", "service.time.invalid", "service.consent.required",
                    "service.delivered-time.required", "service.delivered-on.before-issue", "service.consent.after-service",
                ])
        }

        @Test("DOC-31 an unserved document cannot start a clock; the service date does (interview within 5 working days)")
        func clockStart() throws {
            let e = try #require(refusal { try ServiceRecords.clockStart([]) })
            #expect(e.code == "service.not-served")
            #expect(e.ruleID == "DOC-31")
            // Notice posted Fri 2025-09-26, delivered Tue 09-30: the interview is due 5 working days
            // later, across National Day (10-01…10-08 off, Sat 10-11 worked): 10-09, 10-10, 10-11, 10-13, 10-14.
            let post = try ServiceRecordInput(
                recipient: "某某商行", method: .post, date: day("2025-09-26"), mailNumber: "1151234567890",
                deliveredOn: day("2025-09-30")
            ).validate(issuedOn: issued)
            let notice = try ServiceRecordInput(
                recipient: "某某商行", method: .publicNotice, date: day("2025-09-26"),
                publishedOn: day("2025-09-26"), medium: "公告栏"
            ).validate(issuedOn: issued)
            let start = try ServiceRecords.clockStart([notice, post])
            #expect(start == day("2025-09-30"))
            let rule = try #require(ShippedRuleSets.interview.rule("interview"))
            #expect(rule.due(from: start, in: cal).date == day("2025-10-14"))
        }
    }

    // MARK: - DOC-40 completeness

    @Suite("DOC-40 case file completeness")
    struct CompletenessTests {
        let required = [
            RequiredDocument(code: "IV-APPROVAL", nameZH: "行政约谈审批表", needsService: false),
            RequiredDocument(code: "IV-NOTICE", nameZH: "行政约谈通知书", needsService: true),
            RequiredDocument(code: "IV-RECORD", nameZH: "行政约谈记录", needsService: false),
            RequiredDocument(code: "IV-RECTIFY", nameZH: "整改通知书", needsService: true),
        ]

        func makeActor(_ permissions: Set<Permission>) -> FengqiaoCore.Actor {
            FengqiaoCore.Actor(
                userID: UUID(), login: "head", name: "王某", unitID: UUID(), permissions: permissions,
                roleCodes: ["unit-head"], visibleUnits: nil)
        }

        var complete: [CaseDocument] {
            [
                CaseDocument(code: "IV-APPROVAL", number: number("中村", "约审", 2025, 3), state: .issued, served: false),
                CaseDocument(code: "IV-NOTICE", number: number("中村", "约", 2025, 12), state: .issued, served: true),
                CaseDocument(code: "IV-RECORD", number: number("中村", "约记", 2025, 4), state: .issued, served: false),
                CaseDocument(code: "IV-RECTIFY", number: number("中村", "约改", 2025, 2), state: .issued, served: true),
            ]
        }

        @Test("DOC-40 a file with every required document issued and served is complete")
        func isComplete() throws {
            let report = CompletenessReport(required: required, documents: complete)
            #expect(report.isComplete)
            #expect(report.missing.isEmpty && report.drafts.isEmpty && report.unserved.isEmpty)
            #expect(try report.clearance(override: nil) == .complete)
        }

        @Test("DOC-40 missing, draft and unserved documents are listed in the case type's order")
        func gaps() {
            let docs = [
                CaseDocument(code: "IV-NOTICE", number: number("中村", "约", 2025, 12), state: .issued, served: false),
                CaseDocument(code: "IV-RECORD", number: nil, state: .draft, served: false),
                CaseDocument(code: "IV-OUTLINE", number: number("中村", "约纲", 2025, 1), state: .issued, served: false),
            ]
            let report = CompletenessReport(required: required, documents: docs)
            #expect(!report.isComplete)
            #expect(report.missing.map(\.code) == ["IV-APPROVAL", "IV-RECTIFY"])
            #expect(report.drafts.map(\.code) == ["IV-RECORD"])
            #expect(report.unserved.map(\.code) == ["IV-NOTICE"])
            #expect(report.unserved.first?.numbers == [number("中村", "约", 2025, 12)])
            #expect(
                report.fieldErrors.map(\.code) == [
                    "case-file.document.missing", "case-file.document.missing", "case-file.document.draft", "case-file.document.unserved",
                ])
            #expect(report.fieldErrors.map(\.field) == ["documents.IV-APPROVAL", "documents.IV-RECTIFY", "documents.IV-RECORD", "documents.IV-NOTICE"])
            #expect(report.fieldErrors.last?.messageZH == "《行政约谈通知书》中村约〔2025〕12号尚未送达")
        }

        @Test("DOC-40 voided documents do not count as present")
        func voided() {
            var docs = complete
            docs[1] = CaseDocument(code: "IV-NOTICE", number: number("中村", "约", 2025, 12), state: .void, served: true)
            #expect(CompletenessReport(required: required, documents: docs).missing.map(\.code) == ["IV-NOTICE"])
            docs.append(CaseDocument(code: "IV-NOTICE", number: nil, state: .draft, served: false))
            let report = CompletenessReport(required: required, documents: docs)
            #expect(report.missing.isEmpty)
            #expect(report.drafts.map(\.code) == ["IV-NOTICE"])
            docs.append(CaseDocument(code: "IV-NOTICE", number: number("中村", "约", 2025, 13), state: .issued, served: true))
            #expect(CompletenessReport(required: required, documents: docs).isComplete)
        }

        @Test("DOC-40 every issued copy of a served template needs its service; unserved copies of others do not matter")
        func everyCopyServed() {
            var docs = complete
            docs.append(CaseDocument(code: "IV-NOTICE", number: number("中村", "约", 2025, 14), state: .issued, served: false))
            let report = CompletenessReport(required: required, documents: docs)
            #expect(report.unserved.map(\.code) == ["IV-NOTICE"])
            #expect(report.unserved.first?.numbers == [number("中村", "约", 2025, 14)])
            // IV-APPROVAL and IV-RECORD are unserved but need no service.
            #expect(CompletenessReport(required: required + [required[0]], documents: complete).isComplete)
        }

        @Test("DOC-40 closing an incomplete file needs a head's override with a reason")
        func override() throws {
            let report = CompletenessReport(required: required, documents: Array(complete.dropLast()))
            let refused = try #require(refusal { try report.clearance(override: nil) })
            #expect(refused.code == "case-file.incomplete")
            #expect(refused.ruleID == "DOC-40")
            #expect(refused.fields.map(\.field) == ["documents.IV-RECTIFY"])
            #expect(refused.messageZH.contains("缺少《整改通知书》"))

            let officer = makeActor([.caseHandle])
            let notHead = try #require(refusal { try report.clearance(override: ClosingOverride(approver: officer, reason: "当事人已注销")) })
            #expect(notHead.kind == .forbidden)
            #expect(notHead.ruleID == "DOC-40")

            let head = makeActor([.caseHandle, .caseCloseOverride])
            let noReason = try #require(refusal { try report.clearance(override: ClosingOverride(approver: head, reason: " \n ")) })
            #expect(noReason.kind == .invalid)
            #expect(noReason.fields.map(\.code) == ["case-file.override.reason-required"])
            #expect(noReason.ruleID == "DOC-40")

            let cleared = try report.clearance(override: ClosingOverride(approver: head, reason: " 当事人已注销，无法送达整改通知书 "))
            #expect(cleared == .overridden(by: ClosingOverride(approver: head, reason: "当事人已注销，无法送达整改通知书"), gaps: report))
        }
    }

    // MARK: - DOC-41 archiving deadlines

    @Suite("DOC-41 archiving deadlines")
    struct ArchivingTests {
        let cal = WorkCalendar.shipped

        /// Day-by-day reference count, independent of the calendar's table arithmetic.
        func naiveWorkdays(after start: LocalDate, _ n: Int) -> LocalDate {
            var d = start, k = 0
            while k < n {
                d = d.adding(days: 1)
                if cal.isWorkday(d) { k += 1 }
            }
            return d
        }

        @Test("DOC-41 interview closed Fri 2025-09-26: electronic file due 2025-10-16, paper 2025-11-13 (National Day, make-up days count)")
        func interviewAcrossNationalDay() {
            // Sun 09-28 and Sat 10-11 are make-up working days; 10-01…10-08 are off. The 10 working days
            // after 09-26 are 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13, 10-14, 10-15, 10-16.
            #expect(cal.isWorkday(day("2025-09-28")))
            #expect(cal.isWorkday(day("2025-10-11")))
            #expect(!cal.isWorkday(day("2025-10-08")))
            let due = ArchivingLimits.interview.dueDates(closedOn: day("2025-09-26"), calendar: cal)
            #expect(due.electronic == DueDate(date: day("2025-10-16"), provisional: false))
            #expect(due.paper == DueDate(date: day("2025-11-13"), provisional: false))
            #expect(due.electronic.date == naiveWorkdays(after: day("2025-09-26"), 10))
            #expect(due.paper.date == naiveWorkdays(after: day("2025-09-26"), 30))
        }

        @Test("DOC-41 working days do not count the closing day, even when it is a rest day")
        func closingOnRestDay() {
            // Closed on Wed 2025-10-01 (National Day): the first working day counted is 10-09.
            let due = ArchivingLimits.interview.dueDates(closedOn: day("2025-10-01"), calendar: cal)
            #expect(due.electronic.date == day("2025-10-21"))
            #expect(due.electronic.date == naiveWorkdays(after: day("2025-10-01"), 10))
            // Closed on Fri 2025-10-10: 10-11 (Sat, make-up) is the first.
            #expect(ArchivingLimits.interview.dueDates(closedOn: day("2025-10-10"), calendar: cal).electronic.date == day("2025-10-23"))
        }

        @Test("DOC-41 mediation: 30 days after the conclusion, a rest-day end rolls to the next working day")
        func mediation() {
            // mediation.md scenario 1 variant A: agreement signed 2025-10-20 → volume due 2025-11-19.
            #expect(ArchivingLimits.mediation.dueDates(closedOn: day("2025-10-20"), calendar: cal).electronic.date == day("2025-11-19"))
            // 2025-09-01 + 30 days = 2025-10-01 (National Day) → rolls to Thu 2025-10-09.
            let rolled = ArchivingLimits.mediation.dueDates(closedOn: day("2025-09-01"), calendar: cal)
            #expect(rolled.electronic.date == day("2025-10-09"))
            // 2025-09-12 + 30 = Sun 2025-10-12 → Mon 10-13; paper still 30 working days.
            let sunday = ArchivingLimits.mediation.dueDates(closedOn: day("2025-09-12"), calendar: cal)
            #expect(sunday.electronic.date == day("2025-10-13"))
            #expect(sunday.paper.date == naiveWorkdays(after: day("2025-09-12"), 30))
        }

        @Test("DOC-41 the limits come from the procedures' rule sets")
        func fromRuleSets() {
            #expect(ArchivingLimits(ruleSet: ShippedRuleSets.interview) == .interview)
            #expect(ArchivingLimits(ruleSet: ShippedRuleSets.mediation) == .mediation)
            #expect(ArchivingLimits(ruleSet: ShippedRuleSets.petition) == nil)
            #expect(ArchivingLimits.interview.electronic.count == 10 && ArchivingLimits.interview.electronic.unit == .workday)
            #expect(ArchivingLimits.mediation.electronic.count == 30 && ArchivingLimits.mediation.electronic.unit == .day)
            #expect(ArchivingLimits.mediation.paper.count == 30 && ArchivingLimits.mediation.paper.unit == .workday)
        }

        @Test("DOC-41 a limit is a positive count of working days, days or months, counted forward")
        func validation() throws {
            let e = try #require(
                refusal {
                    try ArchivingLimits(
                        electronic: TimeLimitRule(24, .hour, from: "case.closed", citation: "x"),
                        paper: TimeLimitRule(0, .workday, from: "case.closed", countsBack: true, citation: "x"))
                })
            #expect(e.fields.map(\.field) == ["electronic.unit", "paper.count", "paper.countsBack"])
            #expect(e.fields.allSatisfy { $0.rule == "DOC-41" })
            #expect(
                refusal {
                    try ArchivingLimits(electronic: TimeLimitRule(1, .month, from: "case.closed", citation: "x"), paper: ArchivingLimits.defaultPaper)
                } == nil)
        }

        @Test("DOC-41 a due date in a year the calendar does not cover is provisional (CAL-03)")
        func provisional() {
            let due = ArchivingLimits.interview.dueDates(closedOn: day("2026-12-24"), calendar: cal)
            #expect(due.electronic.provisional)
            #expect(due.electronic.date == day("2027-01-07"))
            #expect(!ArchivingLimits.interview.dueDates(closedOn: day("2026-11-02"), calendar: cal).electronic.provisional)
        }
    }
}

/// The archiving limits the shipped rule sets name (DOC-41), written out as the tests expect them.
extension ArchivingLimits {
    /// Interviews (interview.md step 12): electronic file within 10 working days of closing, paper
    /// within 30 working days.
    static let interview = try! ArchivingLimits(
        electronic: TimeLimitRule(10, .workday, from: "case.closed", citation: "方案 §6.2：结案后10个工作日内完成电子归档"),
        paper: TimeLimitRule(30, .workday, from: "case.closed", citation: "方案 §6.2：纸质档案30个工作日内装订成册"))

    /// Mediation (MD-37): the file within 30 days of the conclusion, a rest-day end rolled forward
    /// (民诉法 第八十五条); paper within 30 working days (DOC-41).
    static let mediation = try! ArchivingLimits(
        electronic: TimeLimitRule(30, .day, from: "case.closed", citation: "seed 000 §四 第三条：调解终结后30日内立卷；MD-37"),
        paper: defaultPaper)
}
