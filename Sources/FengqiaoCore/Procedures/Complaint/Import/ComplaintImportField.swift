import Foundation

extension ComplaintImportItem {
    /// The columns of a platform or hotline export (CP-43), matched by their header in Chinese or English.
    public enum Field: String, Sendable, CaseIterable, Codable {
        case externalNo, channel, receivedOn, complainantName, complainantPhone, complainantIDNumber, complainantAddress
        case respondentName, respondentUSCC, respondentAddress, request, facts, knewOn, classification

        public var labelZH: String {
            switch self {
            case .externalNo: "平台编号"
            case .channel: "来源渠道"
            case .receivedOn: "收到日期"
            case .complainantName: "投诉人姓名"
            case .complainantPhone: "投诉人电话"
            case .complainantIDNumber: "投诉人身份证号码"
            case .complainantAddress: "投诉人地址"
            case .respondentName: "被投诉人名称"
            case .respondentUSCC: "被投诉人统一社会信用代码"
            case .respondentAddress: "被投诉人地址"
            case .request: "投诉请求"
            case .facts: "事实与理由"
            case .knewOn: "知道权益受损日期"
            case .classification: "件类型"
            }
        }

        /// Header texts of the platform's, the hotline's and our own template, lower-cased.
        static let aliases: [String: Field] = {
            var out: [String: Field] = [:]
            let table: [(Field, [String])] = [
                (.externalNo, ["平台编号", "投诉举报编号", "工单编号", "登记编号", "编号", "external_no", "externalno"]),
                (.channel, ["来源渠道", "渠道", "来源", "channel"]),
                (.receivedOn, ["收到日期", "接收日期", "登记日期", "received_on", "receivedon"]),
                (.complainantName, ["投诉人", "投诉人姓名", "投诉举报人", "举报人", "complainant_name", "complainantname"]),
                (.complainantPhone, ["投诉人电话", "联系电话", "投诉人联系电话", "complainant_phone", "complainantphone"]),
                (.complainantIDNumber, ["投诉人身份证号码", "投诉人身份证号", "身份证号码", "身份证号", "complainant_id_number", "complainantidnumber"]),
                (.complainantAddress, ["投诉人地址", "联系地址", "complainant_address", "complainantaddress"]),
                (.respondentName, ["被投诉人", "被投诉人名称", "被投诉举报人", "被举报人", "respondent_name", "respondentname"]),
                (.respondentUSCC, ["被投诉人统一社会信用代码", "统一社会信用代码", "respondent_uscc", "respondentuscc"]),
                (.respondentAddress, ["被投诉人地址", "经营地址", "respondent_address", "respondentaddress"]),
                (.request, ["投诉请求", "诉求", "request"]),
                (.facts, ["事实与理由", "投诉内容", "举报内容", "内容", "facts"]),
                (.knewOn, ["知道权益受损日期", "知道或应当知道权益受损日期", "knew_on", "knewon"]),
                (.classification, ["件类型", "类型", "分类", "classification"]),
            ]
            for (f, names) in table { for n in names { out[n] = f } }
            return out
        }()

        /// The field a header names, or nil (the column is kept in the raw row only).
        public static func named(_ header: String) -> Field? {
            let key = header.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}*"))
            return aliases[key] ?? aliases[key.lowercased()] ?? Field(rawValue: key)
        }
    }
}

/// One uploaded row, kept whole (CP-43: nothing a user uploaded is lost): its number as the user
/// sees it and its cells by header, as sorted-key JSON. The item is read from it when it is imported.
public struct ComplaintImportRawRow: Sendable, Equatable {
    /// The row number a user sees (header = row 1); for JSON, the item's position + 1.
    public let number: Int
    /// Header → cell, as sorted-key JSON.
    public let raw: String

    public init(number: Int, raw: String) {
        self.number = number
        self.raw = raw
    }

    /// The cells by field; the first non-empty cell wins when two headers name the same field.
    public var cells: [ComplaintImportItem.Field: String] { Self.cells(raw: raw) }

    public static func cells(raw: String) -> [ComplaintImportItem.Field: String] {
        guard let dict = try? JSONDecoder().decode([String: String].self, from: Data(raw.utf8)) else { return [:] }
        var out: [ComplaintImportItem.Field: String] = [:]
        for (k, v) in dict.sorted(by: { $0.key < $1.key }) {
            guard let f = ComplaintImportItem.Field.named(k) else { continue }
            if out[f]?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { out[f] = v }
        }
        return out
    }
}
