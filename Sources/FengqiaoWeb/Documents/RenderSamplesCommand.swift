import Crypto
import FengqiaoCore
import FengqiaoDocuments
import Foundation
import Vapor

/// `fengqiao documents render-samples DIR`: every shipped template, filled with realistic sample
/// data, as DOCX (and the HTML print view) — the legal department's preview (DOC-03, DOC-20).
struct RenderSamplesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "dir", help: "输出目录") var dir: String
    }
    var help: String { "把所有随系统提供的文书模板用示例数据生成 DOCX / render every shipped template with sample data" }

    func run(using context: CommandContext, signature: Signature) async throws {
        try FileManager.default.createDirectory(atPath: signature.dir, withIntermediateDirectories: true)
        let procedures = context.application.fengqiao.procedures
        for (n, template) in procedures.templates.enumerated() {
            let number = "中村\(template.typeWord)〔2025〕\(n + 1)号"
            var doc = RenderedDocument(template: template, number: number, issuer: "江城市市场监督管理局中村市场监管所",
                                       date: LocalDate(year: 2025, month: 10, day: 14)!.chinese, values: procedures.sampleValues(template: template.code))
            // DOC-23: the first 8 hex of the content hash, so a printed copy matches the stored one.
            doc.verificationCode = String(AuditChain.hex(Array(SHA256.hash(data: Array(DocxWriter.canonicalText(doc).utf8)))).prefix(8))
            let base = "\(signature.dir)/\(String(format: "%02d", n + 1))-\(template.code)-\(template.nameZH)"
            try DocxWriter.render(doc).write(to: URL(fileURLWithPath: base + ".docx"))
            try Data(DocxWriter.html(doc).utf8).write(to: URL(fileURLWithPath: base + ".html"))
            context.console.print("\(number)  \(template.nameZH) → \(base).docx")
        }
    }
}
