import FengqiaoCore
import Crypto
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
@testable import FengqiaoDocuments

/// The fast DOCX path (bytes written directly, templates prepared once, a ZIP writer of our own)
/// gives what the string-built renderer gave: the same layout, the same document part and — since
/// verification codes of issued documents are hashes of it (DOC-23) — exactly the same canonical text.
@Suite("Documents: DOCX fast path matches the reference renderer")
struct DocxFastPathTests {
    static let issuer = "中村市场监督管理所"
    static let date = "2025年10月14日"

    /// The documents the canonical-text hashes below were taken from, before the fast path.
    static func pinnedDocument(_ template: DocumentTemplate, draft: Bool) -> RenderedDocument {
        RenderedDocument(
            template: template, number: draft ? "" : "中村\(template.typeWord)〔2025〕12号", issuer: issuer, date: date,
            values: InterviewTemplates.sampleValues(for: template.code),
            verificationCode: draft ? "" : "1A2B3C4D", isDraft: draft
        )
    }

    /// SHA-256 of `DocxWriter.canonicalText` of `pinnedDocument`, as the string-built renderer gave it.
    static let pinnedHashes: [String: String] = [
        "IV-APPROVAL-draft": "da6aefe6057f5bb4526a956b902c3b574d6f443f58d5f188655fa140d1724f03",
        "IV-APPROVAL": "21f3bf790e6d215a8c24fff9526d5a287bbf15544e749a293b9ac1f30aec4bbc",
        "IV-CLUE-REPORT-draft": "f7a4c7d70c9507f8449c93887410c9491cc34f09f4091235908578bab0c46a45",
        "IV-CLUE-REPORT": "28b40c0b221a43d43c3b0b1c77ee9cdd190827785a3bf031623cba059028db83",
        "IV-INSPECTION-draft": "a762234b9f2caf4f9c23e487d9210dd070b2ab3c67510a5997cff8129ae5a863",
        "IV-INSPECTION": "2cd4ea2b79019863868daeee1c0970277b9846fb720d1358a12071416d514dbb",
        "IV-LEDGER-draft": "7f8cc9a0c25891861f0e749f74aad58c72fcc51de7589617a73971e76850dbaf",
        "IV-LEDGER": "2e990282407678ae14b67e3b63ee2f637f9cd23f96462b2bdd1520b73188533d",
        "IV-LEGAL-REVIEW-draft": "9f405a026cb11480315751e7044639a17808634feeefe08abf1b3a8a967159ba",
        "IV-LEGAL-REVIEW": "d327878c29ac7cfe446f09abf85df198ae4d77854e98e38cb59c50b43fecef69",
        "IV-NOTICE-draft": "1c61868e3d7a5328cf8f66624a72766bbe90f76e02f5a51bc3ab0813fc6ddd6a",
        "IV-NOTICE": "6bcf1e13295d43647218f53c1cdc92e40c5a3291f29bb1d434879f3baa1b2233",
        "IV-OUTLINE-draft": "02939489cb1d85c7102d3c9bb4c9212787b44dc6b291213115cae3ae75dab87d",
        "IV-OUTLINE": "04d7ef7e602c4720e706a9e2b0cb157409ff56047dd46a68c2f54210e6e7534c",
        "IV-PASS-draft": "fd36e36643fd4d9a0fa72a2c03d40fbf90267423e80ef925f8d72a257b5a09d1",
        "IV-PASS": "56faaaf4d4e4c6e3aae8f1145bc3f9770dbc53f4660b99dcfcd4adfcdd36552a",
        "IV-PENALTY-NOTICE-draft": "a196c8f76281539f893405d7bfe02415ad2f35b6a4aa072d20d17675ad014c3c",
        "IV-PENALTY-NOTICE": "522bb9cb6605edda4ebafcf8ffeadf769789f96d07bb4f18d80f067323cf64e2",
        "IV-RECORD-draft": "f9ac247156427777248791ee481324f87ecdea6ed290d46b45bc1d313a71163a",
        "IV-RECORD": "ea1232480481a1691aa2f23ad65c5d0cd3de2f7471368124b2234afe7e769c6a",
        "IV-RECT-REPORT-draft": "75f36b385155faf6f9422aa3691927541a82b463c1a1823d584bdcb12f362cec",
        "IV-RECT-REPORT": "e05e0faab04a3d0ef2cdde63c998f61751fb42e80a0138346c201066e7182bc1",
        "IV-RECTIFY-draft": "9a32391283eb88801fce9e51be0847e3a877946ba2b8144fafdb873f3376498b",
        "IV-RECTIFY": "241db2761a45317872639e360a57933f11d83c744675d4661b0a472519764c2e",
    ]

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Values that take the slow paths: CR, tabs, line breaks, trailing blanks, characters XML
    /// cannot carry, characters NFC changes or combines, a grapheme prefix before a trailing space.
    static let awkwardValues: [String] = [
        "甲\r\n乙\r丙\n丁", "第一项\t第二项\t", "行尾空格  \t", "\t 开头", "控制\u{1}字符\u{FFFE}\u{FFFF}",
        "Cafe\u{301} \u{212B}ngstro\u{308}m", "\u{1100}\u{1161}\u{11A8} 한글", "\u{0600} ", "\u{0600}\t",
        "&<>\"' 引号“”‘’ 《》【】〔〕", "emoji 👍🏽 ☑ □", "全角ＡＢＣ１２３　", "\u{2126}\u{FA10}\u{2F800}", "",
        "\n", "\r\n", "末尾换行\n", "甲\n\u{301}乙\n\n", "甲\t\u{301}乙", "\n\u{FF9E}\t\u{200D}\n\u{FE0F}", " \u{3000}\n", "\u{85}\u{A0}", "a\r", "\u{3099}か\u{3099}", "ｶﾞ", "𠀀𪜀 extension", "e\u{301}\t ",
    ]

    /// Documents of every shipped template: as issued, as a draft without values, and with each
    /// awkward value in every field, the number, the issuer and the recipient.
    static func documents() -> [RenderedDocument] {
        var docs: [RenderedDocument] = []
        for template in InterviewTemplates.all {
            docs.append(pinnedDocument(template, draft: false))
            docs.append(pinnedDocument(template, draft: true))
            docs.append(RenderedDocument(template: template, number: "", issuer: issuer, date: date, values: [:], isDraft: true))
            for (n, value) in awkwardValues.enumerated() {
                // Odd ones hold only the awkward value, so they are drafts (required fields may be empty).
                let draft = n % 2 == 1
                var values = InterviewTemplates.sampleValues(for: template.code)
                for key in values.keys { values[key] = value + (draft ? "" : values[key]!) }
                docs.append(RenderedDocument(
                    template: template, number: "中村\(template.typeWord)〔2025〕\(value)12号", issuer: value + issuer,
                    date: date + value, recipient: value, values: values, verificationCode: draft ? "" : "ABCDEF01",
                    isDraft: draft
                ))
            }
        }
        // An issuer too long to centre over the date, written right-aligned instead.
        docs.append(RenderedDocument(
            template: InterviewTemplates.notice, number: "中村约〔2025〕1号", issuer: String(repeating: "江城市市场监督管理局", count: 3),
            date: date, values: InterviewTemplates.sampleValues(for: "IV-NOTICE"), verificationCode: "00000000"
        ))
        return docs
    }

    @Test("DOC-23 the canonical text of every shipped template is unchanged (pinned SHA-256)")
    func canonicalTextPinned() {
        for template in InterviewTemplates.all {
            for draft in [false, true] {
                let key = template.code + (draft ? "-draft" : "")
                let text = DocxWriter.canonicalText(Self.pinnedDocument(template, draft: draft))
                #expect(Self.sha256(text) == Self.pinnedHashes[key], "\(key)")
            }
        }
        #expect(Self.pinnedHashes.count == 2 * InterviewTemplates.all.count)
    }

    @Test("DOC-23 the canonical text equals the reference definition, awkward values included")
    func canonicalTextMatchesReference() {
        for doc in Self.documents() {
            #expect(DocxWriter.canonicalText(doc) == LegacyDocx.canonicalText(doc), "\(doc.template.code) \(doc.recipient.debugDescription)")
        }
    }

    @Test("The layout of a prepared template equals the layout made from the template itself")
    func layoutMatchesReference() {
        for doc in Self.documents() {
            #expect(Layout(doc).parts == LegacyDocx.parts(doc), "\(doc.template.code) \(doc.recipient.debugDescription)")
        }
        for template in InterviewTemplates.all {
            let prepared = PreparedTemplate(template)
            let values = InterviewTemplates.sampleValues(for: template.code)
            #expect(prepared.problems == template.problems)
            #expect(prepared.resolvedBody(values) == template.resolvedBody(values))
            #expect(prepared.resolvedStubSummary(values) == template.resolvedStubSummary(values))
        }
    }

    @Test("DOC-20 word/document.xml is byte for byte the string-built reference")
    func documentPartMatchesReference() throws {
        for doc in Self.documents() {
            let data = try DocxWriter.render(doc)
            let xml = try #require(try DocxPackage.text("word/document.xml", in: data))
            let reference = LegacyDocx.documentXML(LegacyDocx.parts(doc))
            #expect(xml == reference, "\(doc.template.code) \(doc.recipient.debugDescription)")
            #expect(XMLParser(data: Data(xml.utf8)).parse(), "\(doc.template.code) \(doc.recipient.debugDescription)")
        }
    }

    @Test("DOC-21 special characters are escaped even when a combining mark follows them")
    func escapingBeforeCombiningMarks() throws {
        var values = InterviewTemplates.sampleValues(for: "IV-NOTICE")
        values["party.name"] = "A&\u{301}B<\u{301}"
        let doc = RenderedDocument(template: InterviewTemplates.notice, number: "中村约〔2025〕1号", issuer: Self.issuer,
                                   date: Self.date, values: values, verificationCode: "00000000")
        let xml = try #require(try DocxPackage.text("word/document.xml", in: DocxWriter.render(doc)))
        #expect(xml.contains("A&amp;\u{301}B&lt;\u{301}"))
        #expect(XMLParser(data: Data(xml.utf8)).parse())
    }

    @Test("DOC-02 a required field counts as empty exactly when its trimmed value is empty")
    func blankValues() {
        for value in Self.awkwardValues + [" ", "\u{3000}", "\u{A0}\u{2003}", "\t\n\r", "\u{85}", "x", "\u{200B}", "　甲　"] {
            #expect(TextLines.isBlank(value, newlines: true) == value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                    "\(value.debugDescription)")
            #expect(TextLines.isBlank(value, newlines: false) == value.trimmingCharacters(in: .whitespaces).isEmpty,
                    "\(value.debugDescription)")
            #expect(TextLines.split(value) == value.components(separatedBy: "\n").map { $0[...] }, "\(value.debugDescription)")
            #expect(TextLines.newlinesAsSpaces(value) == value.replacingOccurrences(of: "\n", with: " "), "\(value.debugDescription)")
            #expect(XMLText.escape(value) == LegacyDocx.escape(value), "\(value.debugDescription)")
        }
    }

    @Test("The byte-wise canonical join leaves every character it accepts as NFC leaves it")
    func simpleCharactersAreNFCStable() {
        var scalars: [Unicode.Scalar] = []
        for v in UInt32(0)...0x3134F where CanonicalText.isSimple(v) {
            guard let s = Unicode.Scalar(v) else { continue }
            scalars.append(s)
            #expect(s.properties.canonicalCombiningClass == .notReordered, "U+\(String(v, radix: 16))")
        }
        #expect(scalars.count > 90_000)
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        let all = String(text)
        #expect(all.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(all.unicodeScalars))
        for s in scalars {
            let one = String(Character(s))
            #expect(one.precomposedStringWithCanonicalMapping == one, "U+\(String(s.value, radix: 16))")
        }
        // A few that are not accepted: they change under NFC, combine, or are grapheme prefixes.
        for v: UInt32 in [0x0D, 0x0300, 0x0600, 0x1161, 0x2000, 0x2126, 0x3099, 0xAC00, 0xF900, 0xFA10, 0x2F800] {
            #expect(!CanonicalText.isSimple(v), "U+\(String(v, radix: 16))")
        }
    }

    @Test("DOC-20 the package is a ZIP that ZIPFoundation and the checked reader both read, CRCs included")
    func packageReadable() throws {
        let doc = Self.pinnedDocument(InterviewTemplates.notice, draft: false)
        let data = try DocxWriter.render(doc)
        let expected = [
            "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml",
            "word/fontTable.xml", "word/_rels/document.xml.rels", "word/footer1.xml", "word/footer2.xml",
            "word/footer3.xml", "docProps/core.xml", "docProps/app.xml",
        ]
        // ZIPFoundation, checking each entry's CRC-32 as it extracts.
        let archive = try Archive(data: data, accessMode: .read)
        #expect(archive.map(\.path) == expected)
        var texts: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            #expect(entry.type == .file)
            texts[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        #expect(texts["word/styles.xml"] == OOXML.styles)
        #expect(texts["word/footer1.xml"] == OOXML.footer(oddPage: true))
        #expect(texts["word/footer3.xml"] == OOXML.emptyFooter)
        #expect(texts["docProps/core.xml"] == OOXML.coreProperties(doc))
        #expect(texts["[Content_Types].xml"] == OOXML.contentTypes)
        // The project's checked reader, with the CRC-32 checked against the central directory.
        let zip = DataBytes(data)
        let directory = try ZIPDirectory(zip)
        #expect(directory.records.map(\.path) == expected)
        for record in directory.records {
            var bytes = Data()
            try ZIPDirectory.read(record, from: zip, limit: 1 << 20) { bytes.append($0) }
            #expect(bytes.withUnsafeBytes { ZIPDirectory.crc32(0, $0) } == record.crc32, "\(record.path)")
            #expect(UInt64(bytes.count) == record.uncompressedSize)
            #expect(String(decoding: bytes, as: UTF8.self) == texts[record.path])
            #expect(!record.isSymlink && !record.isDirectory)
        }
        // A fixed timestamp, 2020-01-01 00:00, in every local header and directory record.
        let bytes = [UInt8](data)
        for record in directory.records {
            let p = Int(record.localHeaderOffset)
            #expect(Array(bytes[(p + 10)..<(p + 14)]) == [0x00, 0x00, 0x21, 0x50])
        }
        #expect(archive.allSatisfy { $0.fileAttributes[.modificationDate] != nil })
    }

    @Test("DOC-20 rendering on many threads at once gives the same bytes")
    func concurrentRendersAgree() async throws {
        let docs = InterviewTemplates.all.map { Self.pinnedDocument($0, draft: false) }
        let expected = try docs.map { try DocxWriter.render($0) }
        try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for round in 0..<8 {
                for (i, doc) in docs.enumerated() where (i + round) % 2 == 0 {
                    group.addTask { (i, try DocxWriter.render(doc)) }
                }
            }
            for try await (i, data) in group {
                #expect(data == expected[i], "\(docs[i].template.code)")
            }
        }
    }

    @Test("DOC-02 a template changed under the same code and version is checked again, not taken from the cache")
    func preparedTemplateCacheFollowsChanges() throws {
        var template = InterviewTemplates.notice
        let doc = Self.pinnedDocument(template, draft: false)
        _ = try DocxWriter.render(doc)
        template.body += "\n{{party.nmae}}"
        var changed = doc
        changed.template = template
        #expect(throws: DocumentRenderError.invalidTemplate(template.problems)) { try DocxWriter.render(changed) }
        #expect(throws: DocumentRenderError.invalidTemplate(template.problems)) { try DocxWriter.check(changed) }
        // And back: the shipped template renders again.
        #expect(try DocxWriter.render(doc) == DocxWriter.render(doc))
        let xml = try #require(try DocxPackage.text("word/document.xml", in: DocxWriter.render(doc)))
        #expect(!xml.contains("party.nmae"))
    }
}
