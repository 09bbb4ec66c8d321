import FengqiaoCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FengqiaoDocuments

/// Templates (DOC-01…03), GB/T 9704 layout (DOC-20…23) and every shipped procedure's documents
/// (the twelve interview documents, the complaint track's seven).
@Suite("Documents: templates, DOCX and print view")
struct DocxTests {
    /// Every template the registered procedures ship (DOC-03).
    static let shipped = ProcedureRegistry.shipped.templates

    static let issuer = "中村市场监督管理所"
    static let date = "2025年10月14日"
    static let code = "1A2B3C4D"

    /// A document for issue made from the template's sample values.
    static func document(
        _ template: DocumentTemplate, values: [String: String]? = nil, number: String? = nil,
        verificationCode: String = code, isDraft: Bool = false
    ) -> RenderedDocument {
        RenderedDocument(
            template: template, number: number ?? "中村\(template.typeWord)〔2025〕12号", issuer: issuer, date: date,
            values: values ?? ProcedureRegistry.shipped.sampleValues(template: template.code),
            verificationCode: verificationCode, isDraft: isDraft
        )
    }

    static func part(_ path: String, of data: Data) throws -> String {
        try #require(try DocxPackage.text(path, in: data), "missing part \(path)")
    }

    static func isWellFormed(_ xml: String) -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }

    /// The document part after the stub (the whole body when there is no stub).
    static func mainPart(_ xml: String, hasStub: Bool) -> String {
        guard hasStub, let end = xml.range(of: "</w:sectPr>") else { return xml }
        return String(xml[end.upperBound...])
    }

    /// The `<w:r>…</w:r>` runs whose text contains `text`.
    static func runs(containing text: String, in xml: String) -> [String] {
        xml.components(separatedBy: "<w:r>").dropFirst()
            .map { $0.components(separatedBy: "</w:r>")[0] }
            .filter { $0.contains(text) }
    }

    // MARK: - Templates

    @Suite("Templates")
    struct Templates {
        @Test("DOC-03 the twelve interview documents are shipped, in three classes")
        func twelveShipped() {
            // setup
            let expected: Set<String> = [
                "约谈线索核实报告", "行政约谈审批表", "法制审核意见书", "行政约谈通知书", "约谈提纲", "行政约谈记录",
                "整改通知书", "整改报告", "整改跟踪台账", "整改验收意见书", "整改验收合格书", "行政处罚告知书",
            ]
            // act
            let all = InterviewTemplates.all
            // check
            #expect(all.count == 12)
            #expect(Set(all.map(\.nameZH)) == expected)
            #expect(Set(all.map(\.code)).count == 12)
            #expect(Set(all.map(\.typeWord)).count == 12, "one number sequence per type word")
            #expect(all.filter { $0.docClass == "start" }.count == 3)
            #expect(all.filter { $0.docClass == "implement" }.count == 4)
            #expect(all.filter { $0.docClass == "result" }.count == 5)
            #expect(all.allSatisfy { $0.version == 1 })
        }

        @Test("DOC-01 notices and rectification notices have a stub and need service")
        func stubAndServiceFlags() throws {
            let notice = try #require(InterviewTemplates.template(code: "IV-NOTICE"))
            let rectify = try #require(InterviewTemplates.template(code: "IV-RECTIFY"))
            #expect(notice.hasStub && notice.needsService && notice.typeWord == "约")
            #expect(rectify.hasStub && rectify.needsService)
            #expect(InterviewTemplates.template(code: "IV-OUTLINE")?.needsService == false)
        }

        @Test("DOC-02 every shipped template is valid and uses exactly its declared fields",
              arguments: DocxTests.shipped)
        func shippedTemplatesValid(_ template: DocumentTemplate) {
            #expect(template.problems.isEmpty, "\(template.code): \(template.problems)")
            var used = Set(template.placeholders).subtracting(DocumentTemplate.systemPlaceholders)
            // The 送达回证 of a served document prints the party's address.
            if template.needsService { used.insert("party.address") }
            #expect(used == Set(template.fields.map(\.name)), "\(template.code) declares unused or misses fields")
        }

        @Test("DOC-02 sample values fill every required field of every template", arguments: DocxTests.shipped)
        func samplesComplete(_ template: DocumentTemplate) {
            let values = ProcedureRegistry.shipped.sampleValues(template: template.code)
            #expect(template.missingRequired(values).isEmpty, "\(template.code): \(template.missingRequired(values).map(\.name))")
            if template.code.hasPrefix("IV-") {
                #expect(values["party.name"] == nil || values["party.name"] == "福州市禾丰餐饮管理有限公司")
            }
        }

        @Test("DOC-02 an unknown placeholder is refused when the template is saved")
        func unknownPlaceholderRefused() {
            // setup
            let fields = [FieldSpec("party.name", "当事人名称")]
            let body = "< {{party.name}}：\n你单位{{party.nmae}}应当于{{doc.date}}前整改。"
            // act
            let problems = DocumentTemplate.validate(body: body, fields: fields)
            // check
            #expect(problems == [.unknownPlaceholder(name: "party.nmae", line: 2)])
            #expect(problems[0].messageZH.contains("{{party.nmae}}"))
            #expect(problems[0].code == "template.unknown-placeholder")
        }

        @Test("DOC-02 malformed placeholders, table rows and field names are refused")
        func malformedRefused() {
            let fields = [FieldSpec("party.name", "当事人名称")]
            #expect(DocumentTemplate.validate(body: "{{party name}}", fields: fields)
                == [.malformedPlaceholder(text: "{{party name}}", line: 1)])
            #expect(DocumentTemplate.validate(body: "a\n{{party.name", fields: fields)
                == [.malformedPlaceholder(text: "{{party.name", line: 2)])
            #expect(DocumentTemplate.validate(body: "| a | {{party.name}}", fields: fields) == [.malformedTableRow(line: 1)])
            #expect(DocumentTemplate.validate(body: "x", fields: fields + [FieldSpec("party.name", "重复")])
                == [.duplicateField("party.name")])
            #expect(DocumentTemplate.validate(body: "x", fields: [FieldSpec("doc.number", "文号")])
                == [.invalidFieldName("doc.number")])
            #expect(DocumentTemplate.validate(body: "x", fields: [FieldSpec("当事人", "当事人")])
                == [.invalidFieldName("当事人")])
            #expect(DocumentTemplate.validate(body: "\n \n", fields: fields) == [.emptyBody])
            // Single braces and system placeholders are fine.
            #expect(DocumentTemplate.validate(body: "{a} {{ party.name }} {{doc.number}}", fields: fields).isEmpty)
        }

        @Test("DOC-02 a stub summary with an unknown placeholder is refused too")
        func stubSummaryValidated() {
            var template = InterviewTemplates.notice
            template.stubSummary = "约谈{{party.nam}}"
            #expect(template.problems == [.unknownPlaceholder(name: "party.nam", line: 1)])
        }

        @Test("DOC-02 an empty required field is reported by name and blocks issuing")
        func missingRequiredNamed() throws {
            // setup
            let template = InterviewTemplates.notice
            var values = InterviewTemplates.sampleValues(for: template.code)
            values["party.name"] = nil
            values["interview.place"] = "  \n"
            // act
            let missing = template.missingRequired(values)
            // check
            #expect(missing.map(\.name) == ["party.name", "interview.place"])
            #expect(missing.map(\.labelZH) == ["当事人名称", "约谈地点"])
            #expect(throws: DocumentRenderError.missingRequired(missing)) {
                try DocxWriter.render(DocxTests.document(template, values: values))
            }
            let message = DocumentRenderError.missingRequired(missing).messageZH
            #expect(message.contains("当事人名称") && message.contains("约谈地点"))
            // Optional fields may stay empty.
            var record = InterviewTemplates.sampleValues(for: "IV-RECORD")
            record["interview.others"] = ""
            #expect(InterviewTemplates.record.missingRequired(record).isEmpty)
        }

        @Test("DOC-02 values are inserted as plain text, never as placeholders or markup")
        func valuesArePlainText() {
            // setup
            let template = DocumentTemplate(
                code: "T", nameZH: "测试", docClass: "start",
                fields: [FieldSpec("a", "甲"), FieldSpec("b", "乙")], typeWord: "测",
                body: "< {{a}}：\n{{b}}\n| 名称 | {{a}} |"
            )
            // act
            let text = template.filledText(["a": "{{b}}", "b": "# 不是标题\n| 不是表格 |"])
            // check
            #expect(text == "{{b}}：\n# 不是标题\n| 不是表格 |\n名称\t{{b}}")
            let blocks = template.resolvedBody(["a": "{{b}}", "b": "# 不是标题"])
            #expect(blocks[1] == .paragraph(.body, "# 不是标题"))
        }

        @Test("Template syntax: headings, flush, right, escapes, blank lines and tables")
        func syntax() {
            let body = "# 一、标题\n## （一）小标题\n< 顶格\n> 右对齐\n\\# 井号开头\n\n正文\\n第二段\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |"
            let template = DocumentTemplate(code: "T", nameZH: "测试", docClass: "start", fields: [], typeWord: "测", body: body)
            #expect(template.problems.isEmpty)
            let blocks = template.resolvedBody([:])
            #expect(blocks == [
                .paragraph(.heading1, "一、标题"), .paragraph(.heading2, "（一）小标题"), .paragraph(.flush, "顶格"),
                .paragraph(.right, "右对齐"), .paragraph(.body, "# 井号开头"), .blank, .paragraph(.body, "正文\n第二段"),
                .table(header: true, rows: [
                    [ResolvedCell(text: "甲", isLabel: true), ResolvedCell(text: "乙", isLabel: true)],
                    [ResolvedCell(text: "1", isLabel: true), ResolvedCell(text: "2", isLabel: true)],
                ]),
            ])
        }
    }

    // MARK: - DOCX

    @Suite("DOCX")
    struct Docx {
        @Test("DOC-20 every shipped template renders to a complete, well-formed DOCX", arguments: DocxTests.shipped)
        func everyTemplateRenders(_ template: DocumentTemplate) throws {
            // act
            let data = try DocxWriter.render(DocxTests.document(template))
            // check
            let paths = try DocxPackage.entryPaths(data)
            for required in [
                "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml",
                "word/_rels/document.xml.rels", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml",
            ] {
                #expect(paths.contains(required), "\(template.code): no \(required)")
            }
            #expect(paths.first == "[Content_Types].xml")
            for path in paths {
                let xml = try DocxTests.part(path, of: data)
                #expect(DocxTests.isWellFormed(xml), "\(template.code): \(path) is not well-formed XML")
            }
            let document = try DocxTests.part("word/document.xml", of: data)
            #expect(document.contains(template.nameZH))
        }

        @Test("DOC-20 rendering is reproducible byte for byte")
        func reproducible() throws {
            let doc = DocxTests.document(InterviewTemplates.notice)
            #expect(try DocxWriter.render(doc) == DocxWriter.render(doc))
        }

        @Test("DOC-21 A4 page with GB/T 9704 margins in twips, 22 lines of 28 characters")
        func pageGeometry() throws {
            // check the arithmetic
            #expect(PageGeometry.marginTop == 2098 && PageGeometry.marginBottom == 1984)
            #expect(PageGeometry.marginLeft == 1587 && PageGeometry.marginRight == 1474)
            #expect(PageGeometry.textWidth == 8845 && PageGeometry.textHeight == 12756)  // 156 × 225 mm
            #expect(PageGeometry.linePitch == 579)
            #expect(PageGeometry.textHeight / PageGeometry.linePitch == 22)
            // 28 characters: 16 pt glyphs condensed by 5 twips (0.25 pt) each.
            #expect(PageGeometry.bodyCharacterSpacing == -5)
            #expect(PageGeometry.characterPitch == 315)
            #expect(PageGeometry.textWidth / PageGeometry.characterPitch == 28)
            #expect(PageGeometry.textWidth / (320 - 4) == 27, "condensing by 4 twips would lose a character")
            // check the document
            let data = try DocxWriter.render(DocxTests.document(InterviewTemplates.notice))
            let xml = try DocxTests.part("word/document.xml", of: data)
            #expect(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
            #expect(xml.contains("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""))
            #expect(xml.contains("<w:docGrid w:type=\"lines\" w:linePitch=\"579\"/>"))
            #expect(xml.contains("<w:spacing w:line=\"579\" w:lineRule=\"exact\"/>"))
            // Every section (stub, document, 送达回证) is A4 with the same margins.
            #expect(xml.components(separatedBy: "w:w=\"11906\" w:h=\"16838\"").count - 1 == 3)
        }

        @Test("DOC-21 title in 2号小标宋 (sz 44), body in 3号仿宋 (sz 32), fonts with fallbacks")
        func typeSizesAndFonts() throws {
            // setup
            let data = try DocxWriter.render(DocxTests.document(InterviewTemplates.notice))
            let xml = DocxTests.mainPart(try DocxTests.part("word/document.xml", of: data), hasStub: true)
            // act
            let titleRuns = DocxTests.runs(containing: ">行政约谈通知书<", in: xml)
            let bodyRuns = DocxTests.runs(containing: "本所决定对你单位进行行政约谈", in: xml)
            // check
            #expect(!titleRuns.isEmpty)
            for run in titleRuns {
                #expect(run.contains("<w:sz w:val=\"44\"/>"))
                #expect(run.contains("w:eastAsia=\"方正小标宋简体\""))
            }
            #expect(!bodyRuns.isEmpty)
            for run in bodyRuns {
                #expect(run.contains("<w:sz w:val=\"32\"/>"))
                #expect(run.contains("w:eastAsia=\"仿宋_GB2312\""))
                #expect(run.contains("<w:spacing w:val=\"-5\"/>"))
            }
            let fonts = try DocxTests.part("word/fontTable.xml", of: data)
            #expect(fonts.contains("<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"华文中宋\"/>"))
            #expect(fonts.contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>"))
            let styles = try DocxTests.part("word/styles.xml", of: data)
            #expect(styles.contains("<w:sz w:val=\"32\"/>") && styles.contains("<w:sz w:val=\"44\"/>"))
        }

        @Test("DOC-21 page numbers — N — in 4号宋体 through a PAGE field, odd right and even left")
        func pageNumbers() throws {
            let data = try DocxWriter.render(DocxTests.document(InterviewTemplates.notice))
            let odd = try DocxTests.part("word/footer1.xml", of: data)
            let even = try DocxTests.part("word/footer2.xml", of: data)
            for footer in [odd, even] {
                #expect(footer.contains("<w:fldChar w:fldCharType=\"begin\"/>"))
                #expect(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"))
                #expect(footer.contains(">— </w:t>") && footer.contains("> —</w:t>"))
                #expect(footer.contains("<w:sz w:val=\"28\"/>") && footer.contains("w:eastAsia=\"宋体\""))
            }
            #expect(odd.contains("<w:jc w:val=\"right\"/>") && even.contains("<w:jc w:val=\"left\"/>"))
            let settings = try DocxTests.part("word/settings.xml", of: data)
            #expect(settings.contains("<w:evenAndOddHeaders/>"))
            let xml = try DocxTests.part("word/document.xml", of: data)
            #expect(xml.contains("<w:footerReference w:type=\"default\" r:id=\"rId4\"/>"))
            let rels = try DocxTests.part("word/_rels/document.xml.rels", of: data)
            #expect(rels.contains("Id=\"rId4\"") && rels.contains("Target=\"footer1.xml\""))
        }

        @Test("DOC-21 number under the title, Chinese date and the issuer over a seal area")
        func numberDateAndSeal() throws {
            let data = try DocxWriter.render(DocxTests.document(InterviewTemplates.notice))
            let xml = DocxTests.mainPart(try DocxTests.part("word/document.xml", of: data), hasStub: true)
            let titleAt = try #require(xml.range(of: ">行政约谈通知书</w:t>"))
            let numberAt = try #require(xml.range(of: ">中村约〔2025〕12号</w:t>", range: titleAt.upperBound..<xml.endIndex))
            let numberParagraph = xml[..<numberAt.lowerBound].components(separatedBy: "<w:p>").last ?? ""
            #expect(numberParagraph.contains("<w:jc w:val=\"right\"/>"))
            // The sign-off: two empty lines kept with it for the upper half of the seal, the issuer
            // on a centre tab, the date right-aligned four characters (4 × 315 twips) in.
            let signOff = try #require(xml.range(of: "<w:tab w:val=\"center\""))
            let emptyLines = xml[..<signOff.lowerBound].components(separatedBy: "<w:p>").suffix(3).dropLast()
            #expect(emptyLines.count == 2)
            for line in emptyLines {
                #expect(line.contains("<w:keepNext/>") && !line.contains("<w:t"))
            }
            let after = String(xml[signOff.lowerBound...])
            let issuerAt = try #require(after.range(of: ">中村市场监督管理所</w:t>"))
            let dateAt = try #require(after.range(of: ">2025年10月14日</w:t>"))
            #expect(issuerAt.lowerBound < dateAt.lowerBound)
            let dateParagraph = after[..<dateAt.lowerBound].components(separatedBy: "<w:p>").last ?? ""
            #expect(dateParagraph.contains("<w:ind w:right=\"1260\"/><w:jc w:val=\"right\"/>"))
        }

        @Test("DOC-21 values are XML-escaped and characters XML forbids are dropped")
        func escaping() throws {
            // setup
            var values = InterviewTemplates.sampleValues(for: "IV-NOTICE")
            values["party.name"] = "<script>alert(1)</script> & \"引号\" 'x'\u{1}\u{FFFE}"
            // act
            let doc = DocxTests.document(InterviewTemplates.notice, values: values)
            let data = try DocxWriter.render(doc)
            // check
            for path in try DocxPackage.entryPaths(data) {
                let xml = try DocxTests.part(path, of: data)
                #expect(DocxTests.isWellFormed(xml), "\(path)")
                #expect(!xml.contains("<script>"))
                #expect(!xml.contains("\u{1}") && !xml.contains("\u{FFFE}"))
            }
            let xml = try DocxTests.part("word/document.xml", of: data)
            #expect(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引号&quot; &apos;x&apos;"))
            let html = DocxWriter.html(doc)
            #expect(!html.contains("<script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引号&quot; &#39;x&#39;"))
        }

        @Test("DOC-22 the stub is a separate first part with the same number, recipient and date")
        func stubFirst() throws {
            for template in DocxTests.shipped where template.hasStub {
                // act
                let xml = try DocxTests.part("word/document.xml", of: DocxWriter.render(DocxTests.document(template)))
                // check
                let number = "中村\(template.typeWord)〔2025〕12号"
                let stubTitle = try #require(xml.range(of: ">\(template.nameZH)（存根）</w:t>"), "\(template.code)")
                let firstBreak = try #require(xml.range(of: "<w:sectPr>"))
                let mainTitle = try #require(xml.range(of: ">\(template.nameZH)</w:t>", range: firstBreak.upperBound..<xml.endIndex))
                #expect(stubTitle.lowerBound < firstBreak.lowerBound && firstBreak.lowerBound < mainTitle.lowerBound)
                let stub = String(xml[..<firstBreak.lowerBound])
                #expect(stub.contains(">\(number)</w:t>"))
                #expect(stub.contains(">\(DocxTests.document(template).recipient)</w:t>"), "\(template.code)")
                #expect(stub.contains(">\(DocxTests.date)</w:t>"))
                #expect(stub.contains(">事　　由</w:t>"))
                // The stub section has no page number; the document's pages count from 1.
                let stubSection = xml[firstBreak.lowerBound...].components(separatedBy: "</w:sectPr>")[0]
                #expect(!stubSection.contains("footerReference"))
                #expect(xml.contains("<w:pgNumType w:start=\"1\"/>"))
            }
            let outline = try DocxTests.part("word/document.xml", of: DocxWriter.render(DocxTests.document(InterviewTemplates.outline)))
            #expect(!outline.contains("存根"))
        }

        @Test("DOC-23 the verification line carries the number and the 8-hex code")
        func verificationLine() throws {
            // setup
            let doc = DocxTests.document(InterviewTemplates.notice, verificationCode: "9f86d081")
            // act
            let xml = try DocxTests.part("word/document.xml", of: DocxWriter.render(doc))
            // check
            #expect(xml.contains(">文号 中村约〔2025〕12号　校验码 9F86D081</w:t>"))
            #expect(throws: DocumentRenderError.invalidVerificationCode("XYZ")) {
                try DocxWriter.render(DocxTests.document(InterviewTemplates.notice, verificationCode: "XYZ"))
            }
        }

        @Test("DOC-23 the canonical text is stable, covers the content and excludes the code itself")
        func canonicalText() {
            // setup
            let doc = DocxTests.document(InterviewTemplates.notice, verificationCode: "AAAAAAAA")
            var other = doc
            other.verificationCode = "BBBBBBBB"
            var changed = doc
            changed.values["interview.place"] = "中村市场监督管理所二楼会议室"
            // act
            let text = DocxWriter.canonicalText(doc)
            // check
            #expect(text == DocxWriter.canonicalText(other), "the code cannot be part of what it hashes")
            #expect(text != DocxWriter.canonicalText(changed))
            #expect(text.hasPrefix("fengqiao-document/1\ntemplate: IV-NOTICE v1\nnumber: 中村约〔2025〕12号"))
            #expect(text.contains("--- stub") && text.contains("--- main") && text.contains("--- receipt"))
            #expect(text.contains("中村市场监督管理所三楼约谈室"))
            #expect(!text.contains("AAAAAAAA") && !text.contains("\r"))
        }

        @Test("DOC-30 a served document carries a 送达回证 as its last part")
        func serviceReceipt() throws {
            let notice = try DocxTests.part("word/document.xml", of: DocxWriter.render(DocxTests.document(InterviewTemplates.notice)))
            let receipt = try #require(notice.range(of: ">送达回证</w:t>"))
            let mainTitle = try #require(notice.range(of: ">行政约谈通知书</w:t>"))
            #expect(mainTitle.lowerBound < receipt.lowerBound)
            #expect(notice.contains("□直接送达"))
            let outline = try DocxTests.part("word/document.xml", of: DocxWriter.render(DocxTests.document(InterviewTemplates.outline)))
            #expect(!outline.contains("送达回证"))
        }

        @Test("DOC-10 a document for issue needs its number; a draft prints （草稿）")
        func draft() throws {
            #expect(throws: DocumentRenderError.missingNumber) {
                try DocxWriter.render(DocxTests.document(InterviewTemplates.notice, number: ""))
            }
            let draft = DocxTests.document(InterviewTemplates.notice, values: [:], number: "", verificationCode: "", isDraft: true)
            let xml = try DocxTests.part("word/document.xml", of: DocxWriter.render(draft))
            #expect(xml.contains(">（草稿）</w:t>"))
            #expect(!xml.contains("校验码"))
        }

        @Test("Forms: rows with fewer cells span the rest of the grid")
        func tables() throws {
            let xml = try DocxTests.part("word/document.xml", of: DocxWriter.render(DocxTests.document(InterviewTemplates.approval)))
            #expect(xml.contains("<w:gridCol w:w=\"1800\"/>"))
            #expect(xml.contains("<w:gridSpan w:val=\"3\"/>"))
            #expect(xml.contains(">91350100M000100Y43</w:t>"))
        }
    }

    // MARK: - HTML

    @Suite("HTML print view")
    struct HTML {
        @Test("DOC-20 the print view is A4 with the GB/T 9704 margins and the same parts", arguments: DocxTests.shipped)
        func printView(_ template: DocumentTemplate) {
            let html = DocxWriter.html(DocxTests.document(template))
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"))
            #expect(html.contains("\"方正小标宋简体\", \"华文中宋\""))
            #expect(html.contains("<h1 class=\"title\">\(template.nameZH)</h1>"))
            #expect(html.contains("class=\"page stub\"") == template.hasStub)
            #expect(html.contains("class=\"page receipt\"") == template.needsService)
            #expect(html.contains("校验码 1A2B3C4D"))
        }
    }

    // MARK: - LibreOffice

    @Suite("LibreOffice")
    struct LibreOffice {
        static let soffice = "/usr/bin/soffice"

        @Test("DOC-20 LibreOffice converts every shipped template's DOCX to an A4 PDF", .timeLimit(.minutes(3)))
        func convertsToA4PDF() async throws {
            guard FileManager.default.isExecutableFile(atPath: Self.soffice) else {
                if ProcessInfo.processInfo.environment["FENGQIAO_REQUIRE_LIBREOFFICE"] == "1" {
                    Issue.record("LibreOffice is not installed at \(Self.soffice), so DOC-20 (DOCX opened by LibreOffice, PDF produced) was not checked")
                }
                return
            }
            // setup
            let fm = FileManager.default
            let root = fm.temporaryDirectory.appendingPathComponent("fengqiao-docx-\(UUID().uuidString)")
            let out = root.appendingPathComponent("pdf")
            let home = root.appendingPathComponent("home")
            try fm.createDirectory(at: out, withIntermediateDirectories: true)
            try fm.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? fm.removeItem(at: root) }
            var files: [String] = []
            for template in DocxTests.shipped {
                let url = root.appendingPathComponent("\(template.code).docx")
                try DocxWriter.render(DocxTests.document(template)).write(to: url)
                files.append(url.path)
            }
            // act: one soffice run for all files (start-up dominates the time)
            let result = try await Self.run(
                Self.soffice,
                ["-env:UserInstallation=file://\(root.path)/profile", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", out.path] + files,
                environment: ["HOME": home.path], timeout: .seconds(150)
            )
            // check
            #expect(result.status == 0, "soffice failed: \(result.output)")
            let pdfinfo = "/usr/bin/pdfinfo"
            for template in DocxTests.shipped {
                let pdf = out.appendingPathComponent("\(template.code).pdf")
                #expect(fm.fileExists(atPath: pdf.path), "\(template.code): no PDF")
                guard fm.fileExists(atPath: pdf.path), fm.isExecutableFile(atPath: pdfinfo) else { continue }
                let info = try await Self.run(pdfinfo, [pdf.path], timeout: .seconds(20)).output
                #expect(info.range(of: #"Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)"#, options: .regularExpression) != nil,
                        "\(template.code): \(info)")
                // Stub, document and 送达回证 each start a page.
                let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                    .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
                #expect(pages >= 1 + (template.hasStub ? 1 : 0) + (template.needsService ? 1 : 0), "\(template.code): \(pages) pages")
            }
        }

        /// Runs a program with output to a file (no pipe to fill up), killing it after `timeout`.
        static func run(
            _ path: String, _ arguments: [String], environment: [String: String] = [:], timeout: Duration
        ) async throws -> (status: Int32, output: String) {
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("fengqiao-run-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: log) }
            let handle = try FileHandle(forWritingTo: log)
            defer { try? handle.close() }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = ContinuousClock.now + timeout
            while process.isRunning && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
                Issue.record("\(path) did not finish within \(timeout)")
            }
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return (process.terminationStatus, output)
        }
    }
}
