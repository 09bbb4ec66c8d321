import FengqiaoCore
import FengqiaoDocuments
import Foundation
import Vapor

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

/// ST-04: a statistics page's downloads — its tables as CSV (UTF-8 with BOM, one block per table) or
/// XLSX (one sheet per table), or its DOCX — shared by the monthly analysis, the enforcement brief,
/// the quarterly public statistics and the bulk export of complaints.
enum TablesDownload {
    static let xlsxMedia = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The download `format` asks for (`csv`, `xlsx`, `docx`), named `name`; nil: the page itself.
    static func response(format: String?, name: String, tables: [(title: String, rows: [[String]])],
                         document: () -> RenderedDocument) throws -> Response? {
        switch format {
        case "csv":
            var w = CSVWriter(bom: true)
            for table in tables { w.append([table.title]); w.append(contentsOf: table.rows); w.append([]) }
            return file(Data(w.bytes), "text/csv; charset=utf-8", "\(name).csv")
        case "xlsx":
            var w = XLSXWriter()
            for table in tables { w.addSheet(name: table.title, rows: table.rows.map { $0.map { XLSXCell.text($0) } }) }
            return file(try w.data(), xlsxMedia, "\(name).xlsx")
        case "docx":
            return file(try DocxWriter.render(document()), OpenAPIDocument.docxMedia, "\(name).docx")
        default:
            return nil
        }
    }

    /// An attachment with its UTF-8 file name.
    static func file(_ data: Data, _ type: String, _ filename: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union([".", "-"])) ?? filename
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(encoded)")
        return response
    }
}
