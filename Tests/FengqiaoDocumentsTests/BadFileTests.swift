import Foundation
import Testing
import ZIPFoundation
@testable import FengqiaoDocuments

/// Issue 13 item 5, X-06: a bad file is refused with a clear error (a stable code, a Chinese
/// sentence) and yields no rows — truncated, forged or bomb ZIPs, damaged XLSX/DOCX parts, text
/// that is neither UTF-8 nor GB18030, empty files, and files whose name lies about what they are.
/// The ZIP cases go through `ZIPDirectory`, the one reader XLSX, DOCX and archive packages share.
@Suite("Bad files (X-06, issue 13 item 5)")
struct BadFileTests {
    typealias Raw = XLSXDamageTests.RawPart

    /// What the party import makes of the bytes: its stable code, or nil when it read rows.
    static func importCode(_ bytes: [UInt8], filename: String) -> String? {
        do {
            _ = try PartyImportFile.rows(bytes: bytes, filename: filename)
            return nil
        } catch {
            #expect(!error.messageZH.isEmpty)
            return error.code
        }
    }

    /// `count` empty stored entries with distinct names, each at its own offset.
    static func manyEntries(_ count: Int, nameLength: Int = 12) -> Data {
        XLSXDamageTests.rawZIP((0..<count).map { i in
            let name = "xl/" + String(repeating: "a", count: max(0, nameLength - 12)) + String(format: "%05d.xml", i)
            return Raw(name: name, data: [])
        })
    }

    /// Bytes that count how much of them is read.
    final class CountingBytes: RandomAccessBytes {
        let inner: DataBytes
        private(set) var bytesRead = 0
        init(_ data: Data) { inner = DataBytes(data) }
        var size: UInt64 { inner.size }
        func read(at offset: UInt64, count: Int) throws -> Data {
            let data = try inner.read(at: offset, count: count)
            bytesRead += data.count
            return data
        }
        func write(at offset: UInt64, _ bytes: [UInt8]) throws { try inner.write(at: offset, bytes) }
    }

    // MARK: ZIP structure

    @Test("X-06 a ZIP listing more than 10,000 entries is refused from its end record, before the directory is read")
    func tooManyEntries() throws {
        // setup: 10,001 entries (the forged 64 MB upload of the issue lists about 1.1 million).
        let data = Self.manyEntries(10_001)
        let counting = CountingBytes(data)
        // act + check: the reader reads only the file's tail (≤ 64 KB + 22 bytes), not its ~600 KB directory.
        #expect(throws: ZIPFormatError.tooManyEntries(limit: 10_000)) { try ZIPDirectory(counting) }
        #expect(counting.bytesRead <= 22 + 0xFFFF)
        #expect(ZIPFormatError.tooManyEntries(limit: 10_000).code == "zip.too-many-entries")
        // As an upload: a stable code and a sentence saying why.
        #expect(XLSXDamageTests.error(data) == .tooManyParts(10_000))
        #expect(Self.importCode(Array(data), filename: "名册.xlsx") == "spreadsheet.too-many-parts")
        #expect(SpreadsheetError.tooManyParts(10_000).messageZH.contains("10000"))
        // An archive package (ours, verified) may list many more.
        #expect(try ZIPDirectory(DataBytes(data), limits: .archive).records.count == 10_001)
        // At the limit, the directory is read (and this file is refused for having no workbook, not its size).
        #expect(throws: Never.self) { try ZIPDirectory(DataBytes(Self.manyEntries(10_000))) }
    }

    @Test("X-06 a central directory over 4 MB is refused for an upload, however few entries it lists")
    func hugeDirectory() throws {
        // setup: 700 entries with 6,000-byte names: a 4.2 MB directory.
        let data = Self.manyEntries(700, nameLength: 6_000)
        // act + check
        #expect(throws: ZIPFormatError.tooManyEntries(limit: 10_000)) { try ZIPDirectory(DataBytes(data)) }
        #expect(Self.importCode(Array(data), filename: "名册.xlsx") == "spreadsheet.too-many-parts")
        #expect(try ZIPDirectory(DataBytes(data), limits: .archive).records.count == 700)
    }

    @Test("X-06 a truncated XLSX is refused wherever it is cut, with no rows")
    func truncatedXLSX() throws {
        // setup
        let whole = try XLSXDamageTests.written()
        #expect(try XLSXReader.rows(whole) == XLSXDamageTests.writtenRows)
        // act + check: cut at the start, the middle, inside the directory, inside the end record.
        for keep in [4, 30, whole.count / 2, whole.count - 100, whole.count - 10, whole.count - 1] {
            let code = Self.importCode(Array(whole.prefix(keep)), filename: "名册.xlsx")
            #expect(code == "spreadsheet.malformed" || code == "spreadsheet.not-xlsx", "cut to \(keep) bytes: \(code ?? "read")")
        }
    }

    @Test("X-06 a ZIP bomb: a part over the file's inflate budget is refused before it is inflated")
    func bombEntry() throws {
        // setup: a 40 MB worksheet of spaces deflates to about 40 KB; the file's budget is 100 times
        // its size, at least 32 MB.
        let sheet = [UInt8](repeating: 0x20, count: 40 << 20)
        let deflated = try XLSXDamageTests.deflated(sheet)
        let parts = XLSXDamageTests.rawParts { part in
            if part.name == "xl/worksheets/sheet1.xml" { part = Raw(name: part.name, method: 8, data: deflated, content: sheet) }
        }
        let data = XLSXDamageTests.rawZIP(parts)
        #expect(data.count < 100_000)
        // act + check
        #expect(XLSXReader.maxTotalBytes(compressed: data.count) == 32 << 20)
        #expect(XLSXDamageTests.error(data) == .tooLarge("文件各部分解压后合计超过32 MB"))
        #expect(Self.importCode(Array(data), filename: "名册.xlsx") == "spreadsheet.too-large")
        // The budget grows with the file, up to 512 MB.
        #expect(XLSXReader.maxTotalBytes(compressed: 1 << 20) == 100 << 20)
        #expect(XLSXReader.maxTotalBytes(compressed: 1 << 30) == 512 << 20)
    }

    @Test("X-06 a non-recursive ZIP bomb (entries sharing one deflate stream) is refused as a whole")
    func overlappingBomb() throws {
        // setup: one 1 MB deflate stream (about 1 KB), listed by 2,000 entries: 2 GB declared.
        let content = [UInt8](repeating: 0x41, count: 1 << 20)
        let deflated = try XLSXDamageTests.deflated(content)
        let entries = (0..<2_000).map { i in
            Raw(name: String(format: "xl/worksheets/sheet%d.xml", i), method: 8, data: i == 0 ? deflated : [],
                compressedSize: UInt64(deflated.count), content: content, offset: 0)
        }
        let data = XLSXDamageTests.rawZIP(entries)
        // act + check
        #expect(throws: ZIPFormatError.expansionTooLarge) { try ZIPDirectory(DataBytes(data), limits: .archive) }
        #expect(ZIPFormatError.expansionTooLarge.code == "zip.expansion-too-large")
        #expect(Self.importCode(Array(data), filename: "名册.xlsx") == "spreadsheet.too-large")
        #expect(ArchivePackage.verify(data).problems == [.notAZip])
    }

    // MARK: XLSX parts

    @Test("X-06 an XLSX with its worksheet missing, garbled, or with broken shared strings is refused")
    func damagedParts() throws {
        func without(_ name: String) -> Data {
            XLSXDamageTests.rawZIP(XLSXDamageTests.rawParts().filter { $0.name != name })
        }
        func replacing(_ name: String, with text: String) -> Data {
            XLSXDamageTests.rawZIP(XLSXDamageTests.rawParts { if $0.name == name { $0 = Raw(name: name, data: Array(text.utf8)) } })
        }
        let sheet = "xl/worksheets/sheet1.xml", strings = "xl/sharedStrings.xml"
        let ns = XLSXDamageTests.ns
        let cases: [(String, Data)] = [
            ("worksheet missing", without(sheet)),
            ("workbook missing", without("xl/workbook.xml")),
            ("shared strings missing", without(strings)),
            ("worksheet not XML", replacing(sheet, with: "这不是XML")),
            ("worksheet cut inside a row", replacing(sheet, with: "<worksheet xmlns=\"\(ns)\"><sheetData><row r=\"1\"><c r=\"A1\"")),
            ("shared strings not closed", replacing(strings, with: "<sst xmlns=\"\(ns)\"><si><t>名称")),
        ]
        for (label, data) in cases {
            // act
            let code = Self.importCode(Array(data), filename: "名册.xlsx")
            // check
            #expect(code?.hasPrefix("spreadsheet.") == true, "\(label): \(code ?? "read rows")")
        }
        // A shared string part that is not UTF-8.
        var parts = XLSXDamageTests.rawParts()
        let gbk: [UInt8] = Array("<sst xmlns=\"\(ns)\" count=\"2\"><si><t>".utf8) + [0xC3, 0xFB, 0xB3, 0xC6]
            + Array("</t></si><si><t>x</t></si></sst>".utf8)
        parts[parts.firstIndex { $0.name == strings }!] = Raw(name: strings, data: gbk)
        #expect(Self.importCode(Array(XLSXDamageTests.rawZIP(parts)), filename: "名册.xlsx") == "spreadsheet.malformed")
    }

    @Test("X-06 a file named .xlsx that is not one, and empty files, are refused")
    func notWhatTheNameSays() throws {
        // CSV text, a PDF, a legacy .xls (OLE2), and nothing at all, each named .xlsx.
        let csv = Array("名称,地址\n张三,北京\n".utf8)
        let pdf = Array("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".utf8)
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        for (label, bytes) in [("CSV", csv), ("PDF", pdf), ("OLE2 .xls", ole), ("empty", [])] {
            #expect(Self.importCode(bytes, filename: "名册.xlsx") == "spreadsheet.not-xlsx", "\(label)")
        }
        #expect(SpreadsheetError.notXLSX.messageZH.contains("另存为.xlsx"))
        // An empty CSV, and one with only blank lines or only a BOM: "文件为空".
        for bytes in [[], Array("\n\n".utf8), [0xEF, 0xBB, 0xBF]] as [[UInt8]] {
            #expect(Self.importCode(bytes, filename: "名册.csv") == "import.empty")
        }
    }

    // MARK: CSV encodings

    @Test("X-06 a CSV in GB18030/GBK is read as such; invalid bytes are refused, never stored as mojibake")
    func csvEncodings() throws {
        // GBK (Excel's "CSV" on a Chinese Windows): read, not garbled.
        let gbk: [UInt8] = [0xC3, 0xFB, 0xB3, 0xC6, 0x0A, 0xD5, 0xC5, 0xC8, 0xFD, 0x0A]  // 名称\n张三\n
        let rows = try PartyImportFile.rows(bytes: gbk, filename: "名册.csv")
        #expect(rows.map(\.input.name) == ["张三"])
        // Bytes that are neither UTF-8 nor GB18030: refused.
        #expect(Self.importCode([0x41, 0x2C, 0xFF, 0xFF, 0x0A], filename: "名册.csv") == "spreadsheet.not-utf8")
        // UTF-8 damaged on one line: refused naming the line, no row of the file read.
        var damaged = Array("名称,地址\n北京某某有限公司,北京市\n上海某某有限公司,上海市浦东新区\n".utf8)
        damaged.removeLast(2)
        #expect(Self.importCode(damaged, filename: "名册.csv") == "spreadsheet.malformed")
        // UTF-16 without a BOM (NUL bytes): refused.
        let utf16 = Array("名称\n张三\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(Self.importCode(utf16, filename: "名册.csv") != nil)
    }

    // MARK: DOCX

    @Test("X-06 a DOCX without word/document.xml, with malformed XML, or cut short is refused")
    func damagedDOCX() throws {
        // setup: a sound DOCX passes.
        let good = XLSXDamageTests.rawZIP([
            Raw(name: "[Content_Types].xml", data: Array("<Types/>".utf8)),
            Raw(name: "word/document.xml", data: Array("<w:document xmlns:w=\"urn:w\"><w:body><w:p/></w:body></w:document>".utf8)),
        ])
        #expect(throws: Never.self) { try DocxPackage.check(good) }
        func code(_ data: Data) -> String? {
            do { try DocxPackage.check(data); return nil } catch { return error.code }
        }
        // act + check
        let noDocument = XLSXDamageTests.rawZIP([Raw(name: "[Content_Types].xml", data: Array("<Types/>".utf8))])
        #expect(code(noDocument) == "docx.no-document")
        for xml in ["<w:document><w:body>", "<a></b>", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>", "\u{0}<x/>"] {
            let bad = XLSXDamageTests.rawZIP([Raw(name: "word/document.xml", data: Array(xml.utf8))])
            #expect(code(bad) == "docx.malformed", "\(xml)")
        }
        let notUTF8 = XLSXDamageTests.rawZIP([Raw(name: "word/document.xml", data: [0x3C, 0x78, 0x3E, 0xFF, 0x3C, 0x2F, 0x78, 0x3E])])
        #expect(code(notUTF8) == "docx.malformed")
        for keep in [0, 10, good.count / 2, good.count - 5] {
            #expect(code(good.prefix(keep)) == "docx.damaged", "cut to \(keep)")
        }
        #expect(code(Data("not a docx".utf8)) == "docx.damaged")
        #expect(code(Self.manyEntries(10_001)) == "docx.damaged")
    }

    // MARK: Archive packages

    @Test("X-06 a truncated archive package is reported, never crashes")
    func truncatedArchive() throws {
        // setup
        let package = try ArchivePackage.write(entries: [ArchiveEntry(path: "a.txt", data: Data("abc".utf8))],
                                               meta: ArchiveMeta(packageID: "p", createdAt: "2026-01-01T00:00:00Z", caseNumbers: []))
        #expect(ArchivePackage.verify(package).problems.isEmpty)
        // act + check
        for keep in [0, 22, package.count / 2, package.count - 1] {
            #expect(!ArchivePackage.verify(package.prefix(keep)).problems.isEmpty, "cut to \(keep)")
        }
    }
}
