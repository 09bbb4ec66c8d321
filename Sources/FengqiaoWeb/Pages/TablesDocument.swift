import FengqiaoCore
import FengqiaoDocuments
import Foundation

/// A statistics report as a draft DOCX (ST-04): a heading of label/value lines, then each table with its
/// rows, cell by cell — the monthly analysis (CP-38) and the enforcement brief alike.
enum TablesDocument {
    static func render(code: String, nameZH: String, typeWord: String, heading: [(label: String, value: String)], tables: [(title: String, rows: [[String]])],
                       date: String) -> RenderedDocument {
        var values: [String: String] = [:]
        var body = ""
        for (i, h) in heading.enumerated() {
            values["h\(i)"] = h.value
            body += "< \(h.label)：{{h\(i)}}\n"
        }
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        for (t, table) in tables.enumerated() {
            body += "# \(numerals[min(t, numerals.count - 1)])、\(table.title)\n"
            for (r, row) in table.rows.enumerated() {
                body += "|" + row.enumerated().map { c, cell in
                    let name = "t\(t)_r\(r)_c\(c)"
                    values[name] = cell.isEmpty ? " " : cell
                    return " {{\(name)}} "
                }.joined(separator: "|") + "|\n"
                if r == 0 { body += "|" + row.map { _ in "---" }.joined(separator: "|") + "|\n" }
            }
        }
        let template = DocumentTemplate(code: code, nameZH: nameZH, docClass: "statistics", fields: values.keys.sorted().map { FieldSpec($0, $0, required: false) },
                                        typeWord: typeWord, sealed: false, body: body)
        return RenderedDocument(template: template, number: "", issuer: "", date: date, recipient: "", values: values, isDraft: true)
    }
}
