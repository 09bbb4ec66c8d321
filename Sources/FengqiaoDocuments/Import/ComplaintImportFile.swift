import FengqiaoCore
import Foundation

/// Reads the 12315 platform's or hotline's export (CP-43) — CSV, XLSX or JSON, one item per row —
/// into rows of cells by field, each with its raw text kept whole (nothing a user uploaded is lost).
/// Columns are matched by their header (`ComplaintImportItem.Field.named`); unknown columns stay in
/// the raw row. A JSON file is an array of objects (or `{"items": […]}`) keyed like the headers.
public enum ComplaintImportFile {
    public struct Failure: Error, Sendable, Equatable {
        public let code: String
        public let messageZH: String
    }

    public typealias Row = ComplaintImportRawRow

    public enum Format: String, Sendable { case csv, xlsx, json }

    /// The format by magic bytes, then by file name.
    public static func format(bytes: [UInt8], filename: String?) -> Format {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        let name = filename?.lowercased() ?? ""
        if name.hasSuffix(".xlsx") { return .xlsx }
        if name.hasSuffix(".json") { return .json }
        let first = bytes.drop(while: { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }).first
        return first == UInt8(ascii: "[") || first == UInt8(ascii: "{") ? .json : .csv
    }

    public static func rows(bytes: [UInt8], filename: String?) throws(Failure) -> [Row] {
        switch format(bytes: bytes, filename: filename) {
        case .json: return try jsonRows(bytes)
        case .xlsx, .csv:
            let table: [[String]]
            do {
                table = format(bytes: bytes, filename: filename) == .xlsx ? try XLSXReader.rows(Data(bytes)) : try CSVReader.rows(bytes)
            } catch let e as SpreadsheetError {
                throw Failure(code: e.code, messageZH: e.messageZH)
            } catch {
                throw Failure(code: "import.unreadable", messageZH: "无法读取文件：\(error)")
            }
            return try tableRows(table)
        }
    }

    static func tableRows(_ table: [[String]]) throws(Failure) -> [Row] {
        guard let header = table.first else { throw Failure(code: "import.empty", messageZH: "文件为空") }
        let names = header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}")) }
        let fields = names.map(ComplaintImportItem.Field.named)
        guard fields.contains(.externalNo) else {
            throw Failure(code: "import.header.external-no",
                          messageZH: "表头中没有“平台编号”列；第一行应为表头，如：平台编号,来源渠道,收到日期,投诉人姓名,投诉人电话,被投诉人名称,投诉请求,事实与理由,知道权益受损日期,件类型")
        }
        var out: [Row] = []
        for (n, cells) in table.enumerated().dropFirst() {
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var raw: [String: String] = [:]
            for (i, v) in cells.enumerated() {
                var name = i < names.count && !names[i].isEmpty ? names[i] : "列\(i + 1)"
                // Two columns with one header are both kept.
                while raw[name] != nil { name += "#" }
                raw[name] = v
            }
            out.append(Row(number: n + 1, raw: encode(raw)))
        }
        return out
    }

    static func jsonRows(_ bytes: [UInt8]) throws(Failure) -> [Row] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw Failure(code: "import.json.invalid", messageZH: "JSON 格式不正确")
        }
        let items: [Any]
        if let a = object as? [Any] { items = a } else if let o = object as? [String: Any], let a = o["items"] as? [Any] { items = a } else {
            throw Failure(code: "import.json.shape", messageZH: "JSON 应为对象数组，或 {\"items\": [...]}")
        }
        return items.enumerated().map { i, item in
            var raw: [String: String] = [:]
            for (k, v) in item as? [String: Any] ?? [:] {
                let text: String
                switch v {
                case let s as String: text = s
                case is NSNull: text = ""
                default: text = "\(v)"
                }
                raw[k] = text
            }
            return Row(number: i + 1, raw: encode(raw))
        }
    }

    static func encode(_ raw: [String: String]) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: e.encode(raw), as: UTF8.self)) ?? "{}"
    }
}
