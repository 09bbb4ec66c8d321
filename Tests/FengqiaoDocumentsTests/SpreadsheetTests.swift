import Foundation
import Testing
import ZIPFoundation
@testable import FengqiaoDocuments

@Suite("CSV reading")
struct CSVReaderTests {
    private func read(_ text: String) throws -> [[String]] {
        try CSVReader.rows(Array(text.utf8))
    }

    @Test func plainRowsWithLFAndCRLF() throws {
        #expect(try read("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try read("a,b,c\r\n1,2,3\r\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try read("a,b\r1,2") == [["a", "b"], ["1", "2"]])
    }

    @Test func noTrailingNewlineAndEmptyTrailingLines() throws {
        #expect(try read("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try read("a,b\r\n1,2\r\n\r\n\r\n") == [["a", "b"], ["1", "2"]])
        #expect(try read("") == [])
        #expect(try read("\r\n") == [])
    }

    @Test func quotedFields() throws {
        let csv = "名称,地址\r\n\"北京某某有限公司\",\"朝阳区建国路88号, 2层\"\r\n\"他说\"\"你好\"\"\",x\r\n"
        #expect(try read(csv) == [["名称", "地址"], ["北京某某有限公司", "朝阳区建国路88号, 2层"], ["他说\"你好\"", "x"]])
        #expect(try read("\"\",\"\"\"\"\n") == [["", "\""]])
    }

    @Test func newlinesInsideQuotesKeepRecordNumbers() throws {
        let csv = "h1,h2\n\"line1\nline2\",b\r\n\"x\r\ny\",z\nlast,row\n"
        var seen: [(Int, [String])] = []
        try CSVReader.forEachRow(Array(csv.utf8)) { n, f in seen.append((n, f)) }
        #expect(seen.map(\.0) == [1, 2, 3, 4])
        #expect(seen[1].1 == ["line1\nline2", "b"])
        #expect(seen[2].1 == ["x\r\ny", "z"])
        #expect(seen[3].1 == ["last", "row"])
    }

    @Test func emptyFieldsKeepPositions() throws {
        #expect(try read("a,,c\n,,x\n,b,\n") == [["a", "", "c"], ["", "", "x"], ["", "b", ""]])
        #expect(try read("a,b,") == [["a", "b", ""]])
    }

    @Test func blankAndAllEmptyRowsAreSkippedButCounted() throws {
        var numbers: [Int] = []
        try CSVReader.forEachRow(Array("h\n\n,,,\nv\n".utf8)) { n, _ in numbers.append(n) }
        #expect(numbers == [1, 4])
        // rows() is positional: rows[i] is row i + 1, empty rows are [], trailing empty rows dropped.
        #expect(try read("h\n\n,,,\nv\n\n,,\n") == [["h"], [], [], ["v"]])
        #expect(try read("\n\nh\n") == [[], [], ["h"]])
    }

    @Test func bomIsStripped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("统一社会信用代码,名称\n91110000MA01ABCD1X,张三\n".utf8)
        let enc = try CSVReader.forEachRow(bytes) { _, _ in }
        #expect(enc == .utf8WithBOM)
        #expect(try CSVReader.rows(bytes) == [["统一社会信用代码", "名称"], ["91110000MA01ABCD1X", "张三"]])
    }

    @Test func leniencyAndErrors() throws {
        #expect(try read("ab\"c,d\n") == [["ab\"c", "d"]])
        #expect(try read("\"ab\"c,d\n") == [["abc", "d"]])
        #expect(throws: SpreadsheetError.malformed("第2行：引号未闭合")) {
            try read("a,b\n\"open,c\nmore\n")
        }
    }

    @Test func gbkIsDetectedAndDecoded() throws {
        // "名称,地址\n张三,北京\n" in GBK.
        let gbk: [UInt8] = [0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xB5, 0xD8, 0xD6, 0xB7, 0x0A,
                            0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0xB1, 0xB1, 0xBE, 0xA9, 0x0A]
        let enc = try CSVReader.forEachRow(gbk) { _, _ in }
        #expect(enc == .gb18030)
        #expect(try CSVReader.rows(gbk) == [["名称", "地址"], ["张三", "北京"]])
    }

    @Test func nonTextIsRejectedAsNotUTF8() throws {
        // 0xFF can start neither UTF-8 nor GB18030.
        #expect(throws: SpreadsheetError.notUTF8) { try CSVReader.rows([0x41, 0x2C, 0xFF, 0xFF, 0x0A]) }
        // A UTF-8 BOM followed by invalid UTF-8.
        #expect(throws: SpreadsheetError.notUTF8) { try CSVReader.rows([0xEF, 0xBB, 0xBF, 0xD5, 0xC5]) }
        #expect(SpreadsheetError.notUTF8.messageZH == "文件不是UTF-8编码，请另存为UTF-8 CSV")
        #expect(SpreadsheetError.notUTF8.code == "spreadsheet.not-utf8")
    }

    @Test func damagedUTF8IsNotMistakenForGBK() throws {
        // A UTF-8 file cut in the middle of a character on line 3.
        var bytes = Array("名称,地址\n北京某某有限公司,北京市朝阳区\n上海某某有限公司,上海市浦东新区\n".utf8)
        bytes.removeLast(2)
        #expect(throws: SpreadsheetError.malformed("第3行含有无效的UTF-8字符，文件可能已损坏，请重新导出为UTF-8 CSV")) {
            try CSVReader.rows(bytes)
        }
    }

    @Test func utf16WithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "名称,x\n张三,1\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try CSVReader.rows(bytes) == [["名称", "x"], ["张三", "1"]])
    }

    @Test func utf8Validation() {
        func valid(_ b: [UInt8]) -> Bool { b.withUnsafeBufferPointer(CSVReader.isValidUTF8) }
        #expect(valid(Array("abc 统一 😀 é".utf8)))
        #expect(!valid([0xC0, 0x80]))          // overlong NUL
        #expect(!valid([0xED, 0xA0, 0x80]))    // surrogate
        #expect(!valid([0xF4, 0x90, 0x80, 0x80]))  // > U+10FFFF
        #expect(!valid([0xE4, 0xB8]))          // truncated
    }

    @Test func otherDelimiter() throws {
        #expect(try CSVReader.rows(Array("a\tb\n1\t\"2\t3\"\n".utf8), delimiter: 0x09) == [["a", "b"], ["1", "2\t3"]])
    }
}

@Suite("CSV writing")
struct CSVWriterTests {
    @Test func bomCRLFAndQuoting() throws {
        var w = CSVWriter()
        w.append(["名称", "地址"])
        w.append(["a,b", "say \"hi\""])
        w.append(["line1\nline2", " padded", ""])
        let bytes = w.bytes
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "名称,地址\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"line1\nline2\",\" padded\",\r\n")
        #expect(CSVWriter(bom: false).bytes.isEmpty)
    }

    @Test func formulaGuard() throws {
        var w = CSVWriter(bom: false)
        w.append(["=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tx", "-12.5", "+86", "-", "a=b", "=x,y"])
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text == "'=1+2,'+cmd,'-2+3,'@SUM(A1),\"'\tx\",-12.5,+86,-,a=b,\"'=x,y\"\r\n")
        var off = CSVWriter(bom: false, guardFormulas: false)
        off.append(["=1+2"])
        #expect(String(decoding: off.bytes, as: UTF8.self) == "=1+2\r\n")
    }

    @Test func writerOutputReadsBack() throws {
        let rows = [["统一社会信用代码", "名称", "备注"],
                    ["91110000MA01ABCD1X", "北京\"某某\"有限公司", "多行\r\n备注, 含逗号"],
                    ["", "x", ""]]
        var w = CSVWriter(guardFormulas: false)
        w.append(contentsOf: rows)
        #expect(try CSVReader.rows(w.bytes) == rows)
    }
}

@Suite("XLSX")
struct XLSXTests {
    @Test func roundTripWithChineseTextNumbersAndGaps() throws {
        for shared in [true, false] {
            var writer = XLSXWriter()
            writer.usesSharedStrings = shared
            writer.addSheet(name: "当事人", rows: [
                ["统一社会信用代码", "名称", "注册资本", "人数", "备注"],
                [.text("91110000MA01ABCD1X"), .text("北京某某科技有限公司"), .number(1_000_000), .integer(12), .text("")],
                [.text(""), .text("张三 & <李四> \"王五\""), .number(0.1 + 0.2), .integer(-7), .text("多行\n文本\r\n")],
                [.text("110101199003077777"), .integer(110_101_199_003_077_777), .number(2.5), .text("  前后空格  ")],
            ])
            writer.addSheet(name: "第二页", rows: [["x"]])
            let data = try writer.data()

            #expect(try XLSXReader.sheetNames(data) == ["当事人", "第二页"])
            let rows = try XLSXReader.rows(data)
            #expect(rows == [
                ["统一社会信用代码", "名称", "注册资本", "人数", "备注"],
                ["91110000MA01ABCD1X", "北京某某科技有限公司", "1000000", "12"],
                ["", "张三 & <李四> \"王五\"", "0.3", "-7", "多行\n文本\r\n"],
                ["110101199003077777", "110101199003077777", "2.5", "  前后空格  "],
            ], "sharedStrings=\(shared)")
            #expect(try XLSXReader.rows(data, sheet: "第二页") == [["x"]])
            #expect(throws: SpreadsheetError.missingSheet("没有")) { try XLSXReader.rows(data, sheet: "没有") }
        }
    }

    @Test func emptyCellsKeepColumnPositionsAndRowNumbers() throws {
        var writer = XLSXWriter()
        writer.addSheet(name: "S", rows: [
            ["A", "B", "C", "D"],
            [.text(""), .text(""), .text("c2")],
            [],
            [.text("a4"), .text(""), .text(""), .text("d4")],
        ])
        var seen: [(Int, [String])] = []
        try XLSXReader.forEachRow(try writer.data()) { n, f in seen.append((n, f)) }
        #expect(seen.map(\.0) == [1, 2, 4])
        #expect(seen.map(\.1) == [["A", "B", "C", "D"], ["", "", "c2"], ["a4", "", "", "d4"]])
        #expect(try XLSXReader.rows(try writer.data()) == [["A", "B", "C", "D"], ["", "", "c2"], [], ["a4", "", "", "d4"]])
    }

    @Test func illegalCharactersAndEscapesAreHandled() throws {
        var writer = XLSXWriter()
        writer.addSheet(name: "a/b:c*?[x]", rows: [["bell\u{07}nul\u{00}end\u{FFFE}", "literal _x0041_ stays"]])
        writer.addSheet(name: "A/B:C*?[X]", rows: [["dup"]])
        #expect(writer.sheetNames == ["a_b_c___x_", "A_B_C___X_ (2)"])
        let data = try writer.data()
        #expect(try XLSXReader.rows(data) == [["bellnulend", "literal _x0041_ stays"]])
        #expect(try XLSXReader.rows(data, sheet: "A_B_C___X_ (2)") == [["dup"]])
    }

    @Test func outputIsReproducible() throws {
        var writer = XLSXWriter()
        writer.addSheet(name: "统计", rows: [["项目", "数量"], ["立案", 42]])
        #expect(try writer.data() == (try writer.data()))
    }

    @Test func emptyWorkbookStillValid() throws {
        let data = try XLSXWriter().data()
        #expect(try XLSXReader.sheetNames(data) == ["Sheet1"])
        #expect(try XLSXReader.rows(data) == [])
    }

    @Test func notXLSX() throws {
        #expect(throws: SpreadsheetError.notXLSX) { try XLSXReader.rows(Data("a,b\n".utf8)) }
        #expect(throws: SpreadsheetError.notXLSX) { try XLSXReader.rows(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) }
        #expect(throws: SpreadsheetError.notXLSX) { try XLSXReader.rows(Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0])) }
        #expect(SpreadsheetError.notXLSX.code == "spreadsheet.not-xlsx")
    }

    @Test func numberRendering() {
        func r(_ s: String) -> String { XLSXReader.renderNumber(Array(s.utf8)) }
        #expect(r("42") == "42")
        #expect(r("-7") == "-7")
        #expect(r("110101199003077777") == "110101199003077777")
        #expect(r("1.10101199003077E+17") == "110101199003077000")
        #expect(r("12.0") == "12")
        #expect(r("1E3") == "1000")
        #expect(r("0.30000000000000004") == "0.3")
        #expect(r("3.3000000000000003") == "3.3")
        #expect(r("0.99999999999999989") == "1")
        #expect(r("1.5E-3") == "0.0015")
        #expect(r("-0.5") == "-0.5")
        #expect(r("1E+300") == "1E+300")
        #expect(r("NaN") == "NaN")
    }

    @Test func dates() {
        #expect(XLSXReader.renderDate(serial: 44927, kind: .date, date1904: false) == "2023-01-01")
        #expect(XLSXReader.renderDate(serial: 1, kind: .date, date1904: false) == "1900-01-01")
        #expect(XLSXReader.renderDate(serial: 61, kind: .date, date1904: false) == "1900-03-01")
        #expect(XLSXReader.renderDate(serial: 0, kind: .date, date1904: true) == "1904-01-01")
        #expect(XLSXReader.renderDate(serial: 44927.75, kind: .dateTime, date1904: false) == "2023-01-01 18:00:00")
        #expect(XLSXReader.renderDate(serial: 0.5, kind: .time, date1904: false) == "12:00:00")
        #expect(CellStyles.classify(formatCode: "yyyy/m/d") == .date)
        #expect(CellStyles.classify(formatCode: "yyyy\"年\"m\"月\"d\"日\"") == .date)
        #expect(CellStyles.classify(formatCode: "h:mm") == .time)
        #expect(CellStyles.classify(formatCode: "yyyy-mm-dd hh:mm:ss") == .dateTime)
        #expect(CellStyles.classify(formatCode: "0.00E+00") == nil)
        #expect(CellStyles.classify(formatCode: "#,##0.00\"元\";[Red]-#,##0.00") == nil)
        #expect(CellStyles.classify(formatCode: "General") == nil)
    }

    /// A hand-made workbook in the shape Excel writes: rich text runs, phonetic runs, inline strings,
    /// booleans, errors, formula strings, a date style, prefixed namespaces, relationships with
    /// absolute targets, a hidden first sheet and cells without references.
    @Test func excelShapedWorkbook() throws {
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let parts: [(String, String)] = [
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(ns)" xmlns:r="\(rel)"><workbookPr/>\
                <sheets><sheet name="隐藏" sheetId="1" state="hidden" r:id="rId2"/><sheet name="登记 &amp; 名册" sheetId="2" r:id="rId1"/></sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(rel)/worksheet" Target="/xl/worksheets/data.xml"/>\
                <Relationship Id="rId2" Type="\(rel)/worksheet" Target="worksheets/hidden.xml"/>\
                <Relationship Id="rId3" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/>\
                <Relationship Id="rId4" Type="\(rel)/styles" Target="styles.xml"/></Relationships>
                """),
            ("xl/sharedStrings.xml", """
                <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(ns)" count="3" uniqueCount="3">\
                <si><t>名称</t></si>\
                <si><r><rPr><b/></rPr><t>北京</t></r><r><t xml:space="preserve"> 某某 </t></r><rPh sb="0" eb="2"><t>ベイジン</t></rPh></si>\
                <si><t>a_x000D__x000A_b &lt;c&gt; &#x4E2D;&#22269;</t></si></sst>
                """),
            ("xl/styles.xml", """
                <styleSheet xmlns="\(ns)"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>\
                <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
                <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>
                """),
            ("xl/worksheets/hidden.xml", "<worksheet xmlns=\"\(ns)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>hidden</t></is></c></row></sheetData></worksheet>"),
            ("xl/worksheets/data.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <x:worksheet xmlns:x="\(ns)"><x:dimension ref="A1:F3"/><x:sheetData>
                <x:row r="1" spans="1:6"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:r><x:t>内</x:t></x:r><x:r><x:t>联</x:t></x:r></x:is></x:c></x:row>
                <!-- comment -->
                <x:row r="3"><x:c r="B3" t="s"><x:v>1</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c>\
                <x:c r="E3" t="str"><x:f>A1&amp;"x"</x:f><x:v>名称x</x:v></x:c><x:c r="F3" s="1"><x:v>44927</x:v></x:c><x:c r="G3" s="2"><x:v>45000.5</x:v></x:c></x:row>
                <x:row r="4"><x:c r="A4" t="s"><x:v>2</x:v></x:c><x:c r="B4"><x:v><![CDATA[12.50]]></x:v></x:c><x:c r="C4" s="1"/></x:row>
                </x:sheetData></x:worksheet>
                """),
        ]
        let data = try XLSXWriter.zip(parts.map { (path: $0.0, bytes: Array($0.1.utf8)) })
        #expect(try XLSXReader.sheetNames(data) == ["隐藏", "登记 & 名册"])
        var seen: [(Int, [String])] = []
        try XLSXReader.forEachRow(data) { n, f in seen.append((n, f)) }
        #expect(seen.map(\.0) == [1, 3, 4])
        #expect(seen.map(\.1) == [
            ["名称", "", "内联"],
            ["", "北京 某某 ", "TRUE", "#N/A", "名称x", "2023-01-01", "2023-03-15"],
            ["a\r\nb <c> 中国", "12.5"],
        ])
        #expect(try XLSXReader.rows(data, sheet: "隐藏") == [["hidden"]])
        #expect(try XLSXReader.rows(data, sheet: "登记 & 名册").map(\.count) == [3, 0, 7, 2])
    }

    @Test func partSizeLimit() throws {
        var writer = XLSXWriter()
        writer.addSheet(name: "S", rows: Array(repeating: ["一二三四五六七八九十"], count: 50))
        let package = try XLSXPackage(try writer.data(), limit: 1000)
        #expect(throws: SpreadsheetError.self) { try package.read("xl/worksheets/sheet1.xml") }
        #expect(try package.read("XL/Workbook.xml") != nil)  // case-insensitive lookup, small part fine
        #expect(try package.read("xl/missing.xml") == nil)
        #expect(SpreadsheetError.tooLarge("x").code == "spreadsheet.too-large")
    }

    @Test func doctypeIsRefused() throws {
        let bytes = Array("<!DOCTYPE x [<!ENTITY a \"b\">]><sst><si><t>&a;</t></si></sst>".utf8)
        #expect(throws: SpreadsheetError.self) { try XLSXReader.parseSharedStrings(bytes, part: "xl/sharedStrings.xml") }
    }
}

/// PLT-14: an uploaded .xlsx is untrusted. A damaged or forged one must be refused with a
/// `SpreadsheetError` — never a hang, a crash or a read past the data (ZIPFoundation's own reader does
/// all three on such files, so `XLSXReader` reads the ZIP with `ZIPDirectory`). There is no timer:
/// these tests simply have to finish.
@Suite("XLSX: damaged uploads (PLT-14)")
struct XLSXDamageTests {
    /// A workbook written by `XLSXWriter`, with shared strings, and the rows it reads back as.
    static func written() throws -> Data {
        var writer = XLSXWriter()
        writer.addSheet(name: "当事人", rows: [
            ["名称", "统一社会信用代码", "人数"],
            [.text("北京某某科技有限公司"), .text("91110000MA01ABCD1X"), .integer(12)],
            [.text("张三"), .text(""), .number(2.5)],
        ])
        return try writer.data()
    }

    static let writtenRows = [
        ["名称", "统一社会信用代码", "人数"],
        ["北京某某科技有限公司", "91110000MA01ABCD1X", "12"],
        ["张三", "", "2.5"],
    ]

    // MARK: A workbook assembled byte by byte

    static let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// The parts of a small workbook, in ZIP order.
    static let parts: [(name: String, text: String)] = [
        ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("_rels/.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """),
        ("xl/workbook.xml", """
            <workbook xmlns="\(ns)" xmlns:r="\(rel)"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
        ("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="\(rel)/styles" Target="styles.xml"/></Relationships>
            """),
        ("xl/styles.xml", """
            <styleSheet xmlns="\(ns)"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>\
            <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>
            """),
        ("xl/sharedStrings.xml", """
            <sst xmlns="\(ns)" count="2" uniqueCount="2"><si><t>名称</t></si><si><r><t>北京某某</t></r><r><t>有限公司</t></r></si></sst>
            """),
        ("xl/worksheets/sheet1.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="\(ns)"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr">\
            <is><t>人数</t></is></c><c r="C1" t="str"><v>成立日期</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c>\
            <c r="B2"><v>12</v></c><c r="C2" s="1"><v>44927</v></c></row></sheetData></worksheet>
            """),
    ]
    static let partRows = [["名称", "人数", "成立日期"], ["北京某某有限公司", "12", "2023-01-01"]]

    /// One entry of a ZIP assembled byte by byte.
    struct RawPart: CustomTestStringConvertible {
        var name: String
        var method: UInt64 = 0
        var flags: UInt64 = 0x0800
        /// The entry's data as stored (deflated when `method` is 8).
        var data: [UInt8]
        /// Declared uncompressed size; the length of `content` when nil.
        var size: UInt64? = nil
        /// Declared compressed size; the length of `data` when nil.
        var compressedSize: UInt64? = nil
        /// The uncompressed bytes, for the declared CRC-32 and size; `data` when nil.
        var content: [UInt8]? = nil
        /// Declared local header offset; the real one when nil.
        var offset: UInt64? = nil
        /// What the test is about, for its name.
        var label = ""

        var testDescription: String { label.isEmpty ? name : "\(name): \(label)" }
    }

    /// Little-endian bytes of `value`.
    static func le(_ value: UInt64, _ bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// CRC-32 by ZIPFoundation, not by the code under test.
    static func crc(_ bytes: [UInt8]) -> UInt64 { UInt64(Data(bytes).crc32(checksum: 0)) }

    /// A ZIP assembled byte by byte, for damage no ZIP library would write. `end` changes the end
    /// record (count, directory size, directory offset) before it is written.
    static func rawZIP(_ entries: [RawPart],
                       end: (inout (count: UInt64, size: UInt64, offset: UInt64)) -> Void = { _ in }) -> Data {
        var out: [UInt8] = [], directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let content = entry.content ?? entry.data
            let common = le(entry.flags, 2) + le(entry.method, 2) + le(0, 4) + le(crc(content), 4)
                + le(entry.compressedSize ?? UInt64(entry.data.count), 4) + le(entry.size ?? UInt64(content.count), 4)
                + le(UInt64(name.count), 2) + le(0, 2)
            let offset = entry.offset ?? UInt64(out.count)
            out += le(0x0403_4B50, 4) + le(20, 2) + common + name + entry.data
            directory += le(0x0201_4B50, 4) + le(0x031E, 2) + le(20, 2) + common + le(0, 2) + le(0, 2) + le(0, 2)
                + le(0o100644 << 16, 4) + le(offset, 4) + name
        }
        var record = (count: UInt64(entries.count), size: UInt64(directory.count), offset: UInt64(out.count))
        end(&record)
        let tail = le(0x0605_4B50, 4) + le(0, 4) + le(record.count, 2) + le(record.count, 2) + le(record.size, 4)
            + le(record.offset, 4) + le(0, 2)
        return Data(out + directory + tail)
    }

    /// The workbook's parts, stored (method 0), with `change` applied to each.
    static func rawParts(_ change: (inout RawPart) -> Void = { _ in }) -> [RawPart] {
        parts.map { part in
            var raw = RawPart(name: part.name, data: Array(part.text.utf8))
            change(&raw)
            return raw
        }
    }

    /// A deflate stream of one stored block (a valid stream; no compression library involved).
    static func storedBlock(_ bytes: [UInt8], final: Bool = true) -> [UInt8] {
        let length = UInt64(bytes.count)
        return [final ? 0x01 : 0x00] + le(length, 2) + le(~length & 0xFFFF, 2) + bytes
    }

    /// Deflated by ZIPFoundation (zlib), as other tools write it.
    static func deflated(_ bytes: [UInt8]) throws -> [UInt8] {
        let data = Data(bytes)
        var out = Data()
        _ = try Data.compress(size: Int64(data.count), bufferSize: 16 << 10, provider: { position, size in
            data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
        }, consumer: { out.append($0) })
        return [UInt8](out)
    }

    /// Reads the data: whether it was refused, or the rows. Only a `SpreadsheetError` may come out.
    static func attempt(_ data: Data, _ comment: @autoclosure () -> String,
                        sourceLocation: SourceLocation = #_sourceLocation) -> (refused: Bool, rows: [[String]]?) {
        do {
            return (false, try XLSXReader.rows(data))
        } catch is SpreadsheetError {
            return (true, nil)
        } catch {
            Issue.record("\(comment()): not a SpreadsheetError: \(error)", sourceLocation: sourceLocation)
            return (true, nil)
        }
    }

    /// The error `XLSXReader.rows` throws, or nil.
    static func error(_ data: Data) -> SpreadsheetError? {
        do {
            _ = try XLSXReader.rows(data)
            return nil
        } catch let error as SpreadsheetError {
            return error
        } catch {
            Issue.record("not a SpreadsheetError: \(error)")
            return nil
        }
    }

    // MARK: Tests

    @Test("PLT-14 a hand-made XLSX reads, stored or deflated (so the damaged ones below fail for their damage)")
    func handMadeReads() throws {
        // setup
        let stored = Self.rawZIP(Self.rawParts())
        let storedBlocks = Self.rawZIP(Self.rawParts { $0.method = 8; $0.content = $0.data; $0.data = Self.storedBlock($0.data) })
        let zlib = Self.rawZIP(try Self.parts.map { part in
            RawPart(name: part.name, method: 8, data: try Self.deflated(Array(part.text.utf8)), content: Array(part.text.utf8))
        })
        // act / check
        for data in [stored, storedBlocks, zlib] {
            #expect(try XLSXReader.rows(data) == Self.partRows)
            #expect(try XLSXReader.sheetNames(data) == ["名册"])
        }
        #expect(try XLSXReader.rows(try Self.written()) == Self.writtenRows)
    }

    @Test("PLT-14 a damaged XLSX upload is refused, never hangs or crashes: cut anywhere")
    func cutAnywhere() throws {
        // setup
        let data = try Self.written()
        // act / check: every prefix is refused; one too short to be a ZIP is "not an XLSX".
        for length in 0..<data.count {
            let expected = length < 22 ? SpreadsheetError.notXLSX : .malformed(XLSXPackage.damagedZIP)
            #expect(Self.error(data.prefix(length)) == expected, "cut at \(length)")
        }
        // Bytes lost in the middle: the end record survives, every offset after the gap is wrong.
        for gap in [1, 7, 100] {
            for start in stride(from: 0, to: data.count - gap, by: 1) {
                var damaged = data
                damaged.removeSubrange(start..<start + gap)
                #expect(Self.attempt(damaged, "\(gap) bytes lost at \(start)").refused, "\(gap) bytes lost at \(start)")
            }
        }
    }

    @Test("PLT-14 a damaged XLSX upload is refused, never hangs or crashes: bytes changed")
    func bytesChanged() throws {
        // setup
        let data = try Self.written()
        // act / check: every byte changed three ways. Some bytes do not matter to the reader (about a
        // quarter: dates, version fields, the local headers' copies of the sizes and CRC-32, and
        // [Content_Types].xml, which it does not read): those files read as before. Any other answer
        // is a refusal, never different rows.
        var refusals = 0
        for index in data.indices {
            for value in Set([0x00, 0xFF, data[index] ^ 0x01]) where value != data[index] {
                var damaged = data
                damaged[index] = value
                let result = Self.attempt(damaged, "byte \(index) = \(value)")
                if result.refused { refusals += 1 }
                if let rows = result.rows { #expect(rows == Self.writtenRows, "byte \(index) = \(value)") }
            }
        }
        #expect(refusals > 2 * data.count)
        // Random bits flipped, 1 to 8 at a time, with a fixed seed.
        var random = SplitMix64(seed: 14)
        for round in 0..<1_000 {
            var damaged = data
            for _ in 0..<(1 + random.next() % 8) {
                let index = Int(random.next() % UInt64(data.count))
                damaged[index] ^= UInt8(1) << (random.next() % 8)
            }
            guard damaged != data else { continue }
            if let rows = Self.attempt(damaged, "round \(round)").rows {
                #expect(rows == Self.writtenRows, "round \(round)")
            }
        }
    }

    @Test("PLT-14 a damaged XLSX upload is refused, never hangs or crashes: damaged XML in a sound ZIP")
    func damagedXML() {
        // A forged file can hold broken XML with the right sizes and CRCs: the XML readers must cope.
        // Every byte of every part read is changed two ways (taken in turn from `values`) and cut there.
        let values: [UInt8] = [0x00, 0xFF, UInt8(ascii: "<"), UInt8(ascii: "\""), UInt8(ascii: "&"), UInt8(ascii: "/"), 0xE4]
        for (partIndex, part) in Self.parts.enumerated() where part.name != "[Content_Types].xml" {
            let text = Array(part.text.utf8)
            for index in text.indices {
                for value in [values[index % values.count], values[(index + 3) % values.count]] where value != text[index] {
                    var parts = Self.rawParts()
                    parts[partIndex].data[index] = value
                    _ = Self.attempt(Self.rawZIP(parts), "\(part.name) byte \(index) = \(value)")
                }
                // Cut short, as a well-formed ZIP entry.
                var parts = Self.rawParts()
                parts[partIndex].data.removeLast(text.count - index)
                _ = Self.attempt(Self.rawZIP(parts), "\(part.name) cut at \(index)")
            }
        }
    }

    /// Damaged entries for the parts the reader reads, by kind of damage.
    static func damagedEntries() throws -> [RawPart] {
        var out: [RawPart] = []
        for part in parts.dropFirst() {
            let content = Array(part.text.utf8)
            let half = content.count / 2
            let zlib = try deflated(content)
            func raw(_ label: String, _ data: [UInt8], method: UInt64 = 8) -> RawPart {
                RawPart(name: part.name, method: method, data: data, content: content, label: label)
            }
            out += [
                // ZIPFoundation's extract loops for ever on these: the stream needs more than the entry holds.
                raw("deflate stream stops inside a stored block", Array(storedBlock(content, final: false).prefix(5 + half))),
                raw("deflate stream stops inside a 64 KB stored block", [0x00, 0xFF, 0xFF, 0x00, 0x00] + content),
                raw("final stored block cut short", Array(storedBlock(content).prefix(5 + half))),
                raw("zlib stream cut in half", Array(zlib.prefix(zlib.count / 2))),
                raw("zlib stream cut to one byte", Array(zlib.prefix(1))),
                raw("not deflate at all", [0xFF, 0xFF, 0xFF, 0xFF]),
                raw("empty deflate entry", []),
                // Inflates to more than it declares.
                { var r = raw("declared too small", zlib); r.size = UInt64(half); return r }(),
                // Inflates to less than it declares.
                { var r = raw("declared too large", zlib); r.size = UInt64(content.count + 1); return r }(),
                // Same size, other bytes: only the CRC-32 tells.
                raw("wrong bytes, right size", Array(content.reversed()), method: 0),
                // ZIPFoundation's in-memory reader traps on an offset past the end.
                { var r = raw("local header offset past the end", content, method: 0); r.offset = 0x7FFF_FFF0; return r }(),
                { var r = raw("local header offset inside the data", content, method: 0); r.offset = 7; return r }(),
                { var r = raw("compressed size past the end", content, method: 0); r.compressedSize = 0x7FFF_0000; return r }(),
                { var r = raw("compressed size of 4 GB − 2", zlib); r.compressedSize = 0xFFFF_FFFE; return r }(),
                raw("bzip2, which is not read", content, method: 12),
                { var r = raw("encrypted", content, method: 0); r.flags |= 1; return r }(),
            ]
        }
        return out
    }

    @Test("PLT-14 a damaged XLSX upload is refused, never hangs or crashes: damaged entries", arguments: try damagedEntries())
    func damagedEntry(_ entry: RawPart) {
        // setup: the workbook with one part replaced by the damaged entry.
        let parts = Self.rawParts().map { $0.name == entry.name ? entry : $0 }
        // act
        let error = Self.error(Self.rawZIP(parts))
        // check: refused as malformed, naming the part.
        #expect(error?.code == "spreadsheet.malformed")
        #expect(error?.messageZH.contains(entry.name) == true, "\(String(describing: error))")
    }

    @Test("PLT-14 a damaged XLSX upload is refused, never hangs or crashes: damaged central directory")
    func damagedDirectory() {
        let parts = Self.rawParts()
        let cases: [(String, (inout (count: UInt64, size: UInt64, offset: UInt64)) -> Void)] = [
            ("directory offset past the end", { $0.offset = 0xFFFF_0000 }),
            ("directory offset one byte late", { $0.offset += 1 }),
            ("directory longer than the file", { $0.size = 0x00FF_FFFF }),
            ("directory shorter than its records", { $0.size -= 10 }),
            ("more records than the directory holds", { $0.count += 1 }),
            ("ZIP64 marker without a ZIP64 record", { $0.offset = 0xFFFF_FFFF }),
        ]
        #expect(Self.error(Self.rawZIP(parts)) == nil)
        for (label, change) in cases {
            #expect(Self.error(Self.rawZIP(parts, end: change)) == .malformed(XLSXPackage.damagedZIP), "\(label)")
        }
        // A directory with no file in it.
        #expect(Self.error(Self.rawZIP([])) == .notXLSX)
        #expect(Self.error(Self.rawZIP([RawPart(name: "xl/", data: [])])) == .notXLSX)
    }

    @Test("PLT-14 a part larger than the limits is refused before it is inflated")
    func sizeLimits() throws {
        // One part declaring more than `maxPartBytes`: refused on the declared size alone (reading it
        // would have found the size wrong instead).
        let sheet = "xl/worksheets/sheet1.xml"
        var parts = Self.rawParts()
        parts[parts.count - 1].size = UInt64(XLSXReader.maxPartBytes) + 1
        // (A file of 2 KB declaring 512 MB is now refused as a whole, by the expansion bound, X-06.)
        #expect(Self.error(Self.rawZIP(parts))?.code == "spreadsheet.too-large", "\(sheet)")
        // The parts read from one file together.
        let data = try Self.written()
        let package = try XLSXPackage(data, limit: 1 << 20, totalLimit: 1_500)
        let workbook = try #require(try package.read("xl/workbook.xml"))
        #expect(workbook.count < 1_500)
        #expect(throws: SpreadsheetError.tooLarge("文件各部分解压后合计超过0 MB")) {
            for _ in 0..<10 { _ = try package.read("xl/workbook.xml") }
        }
    }

    @Test("PLT-14 the CRC-32 that checks each part is ZIP's")
    func crc32() {
        func ours(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBytes { ZIPDirectory.crc32(0, $0) } }
        #expect(ours(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(ours([]) == 0)
        var random = SplitMix64(seed: 32)
        for length in [1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1_000, 65_537] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(ours(bytes) == Data(bytes).crc32(checksum: 0), "length \(length)")
            // In pieces, as chunks come from the inflater.
            let split = length / 3
            let pieces = bytes[..<split].withUnsafeBytes { first in
                bytes[split...].withUnsafeBytes { ZIPDirectory.crc32(ZIPDirectory.crc32(0, first), $0) }
            }
            #expect(pieces == ours(bytes), "length \(length) in two pieces")
        }
    }
}

/// A small deterministic generator (SplitMix64), so damage tests are the same on every run.
private struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
