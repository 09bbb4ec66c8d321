import FengqiaoCore
import Foundation

/// Reads a register extract (CSV or XLSX) into party inputs by its header row (PLT-14). Column
/// names are matched in Chinese or English, so a bureau's own extract works without editing.
public enum PartyImportFile {
    public struct Failure: Error, Sendable {
        public let code: String
        public let messageZH: String
    }

    /// Header aliases → field.
    static let aliases: [String: String] = [
        "类型": "kind", "主体类型": "kind", "市场主体类型": "kind", "kind": "kind",
        "名称": "name", "企业名称": "name", "主体名称": "name", "姓名": "name", "name": "name",
        "统一社会信用代码": "uscc", "信用代码": "uscc", "uscc": "uscc",
        "身份证号": "idNumber", "身份证号码": "idNumber", "公民身份号码": "idNumber", "idnumber": "idNumber", "id_number": "idNumber",
        "法定代表人": "representative", "经营者": "representative", "法定代表人/经营者": "representative", "负责人": "representative", "representative": "representative",
        "电话": "phone", "联系电话": "phone", "phone": "phone",
        "地址": "address", "住所": "address", "经营场所": "address", "address": "address",
        "行业代码": "industry", "行业": "industry", "industry": "industry",
        "营业期限至": "licenceTermEnd", "营业期限": "licenceTermEnd", "licence_term_end": "licenceTermEnd",
    ]

    /// Parses the file; row numbers are those a user sees in a spreadsheet (the header is row 1).
    public static func rows(bytes: [UInt8], filename: String?) throws(Failure) -> [(row: Int, input: PartyInput)] {
        let isXLSX = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || (filename?.lowercased().hasSuffix(".xlsx") ?? false)
        let table: [[String]]
        do {
            table = isXLSX ? try XLSXReader.rows(Data(bytes)) : try CSVReader.rows(bytes)
        } catch let e as SpreadsheetError {
            throw Failure(code: e.code, messageZH: e.messageZH)
        } catch {
            throw Failure(code: "import.unreadable", messageZH: "无法读取文件：\(error)")
        }
        guard let header = table.first else { throw Failure(code: "import.empty", messageZH: "文件为空") }
        var columns: [Int: String] = [:]
        for (i, h) in header.enumerated() {
            let key = h.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}*"))
            if let f = aliases[key] ?? aliases[key.lowercased()] { columns[i] = f }
        }
        guard columns.values.contains("name") else {
            throw Failure(code: "import.header.name", messageZH: "表头中没有“名称”列；第一行应为表头，如：类型,名称,统一社会信用代码,身份证号,法定代表人,电话,地址")
        }
        var out: [(Int, PartyInput)] = []
        out.reserveCapacity(table.count - 1)
        for (n, cells) in table.enumerated().dropFirst() {
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var input = PartyInput(kind: "", name: "")
            for (i, f) in columns where i < cells.count {
                let v = cells[i]
                switch f {
                case "kind": input.kind = v
                case "name": input.name = v
                case "uscc": input.uscc = v
                case "idNumber": input.idNumber = v
                case "representative": input.representative = v
                case "phone": input.phone = v
                case "address": input.address = v
                case "industry": input.industry = v
                case "licenceTermEnd": input.licenceTermEnd = v
                default: break
                }
            }
            // A register extract without a kind column: infer from the identifiers.
            if !columns.values.contains("kind") || input.kind.isEmpty {
                input.kind = (input.uscc?.isEmpty == false) ? PartyKind.enterprise.rawValue : PartyKind.person.rawValue
            }
            out.append((n + 1, input))
        }
        return out
    }
}
