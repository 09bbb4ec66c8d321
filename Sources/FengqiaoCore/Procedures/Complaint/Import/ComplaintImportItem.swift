import Foundation

/// 投诉 / 举报 / 投诉+举报: what a platform or hotline item is (complaints.md, Submission.classification).
/// 咨询、建议 and 不适用 items are not imported as cases (CP-41 is handled at the window).
public enum ImportClassification: String, Sendable, Codable, CaseIterable {
    case complaint, report, mixed

    public var nameZH: String {
        switch self {
        case .complaint: "投诉"
        case .report: "举报"
        case .mixed: "投诉+举报"
        }
    }

    /// Accepts the code or the Chinese name as exports write it (`投诉+举报`, `投诉举报`, `投诉、举报`).
    public init?(text: String) {
        let t = text.replacingOccurrences(of: " ", with: "")
        if let c = ImportClassification(rawValue: t) { self = c; return }
        switch t {
        case "投诉": self = .complaint
        case "举报": self = .report
        case "投诉+举报", "投诉＋举报", "投诉举报", "投诉、举报", "投诉和举报": self = .mixed
        default: return nil
        }
    }

    public var hasComplaint: Bool { self != .report }
    public var hasReport: Bool { self != .complaint }
}

/// One item of the 12315 platform's or hotline's export, typed and checked (CP-43): who complains
/// about whom, on which channel under which number, when it came in, what is asked and why. Building
/// it checks only what the file itself must get right; the complaint's own creating step checks the
/// rest (CP-04, X-02) when the item is registered, so the rules are not written twice.
public struct ComplaintImportItem: Sendable, Equatable, Codable {
    public struct Person: Sendable, Equatable, Codable {
        public var name: String
        public var phone: String?
        public var idNumber: String?
        public var address: String?

        /// As the party register takes it: a natural person.
        public var partyInput: PartyInput { PartyInput(kind: PartyKind.person.rawValue, name: name, idNumber: idNumber, phone: phone, address: address) }
    }

    public struct Business: Sendable, Equatable, Codable {
        public var name: String
        public var uscc: String?
        public var address: String?

        /// As the party register takes it: an enterprise by its USCC, else 其他.
        public var partyInput: PartyInput {
            PartyInput(kind: (uscc == nil ? PartyKind.other : .enterprise).rawValue, name: name, uscc: uscc, address: address)
        }
    }

    public var externalNo: String
    public var channel: ComplaintChannel
    public var receivedOn: LocalDate
    public var knewOn: LocalDate
    public var complainant: Person
    public var respondent: Business
    public var request: String
    public var facts: String
    public var classification: ImportClassification

    /// CP-43: the number is unique per channel — the key a re-import finds the item by.
    public var key: String { "\(channel.rawValue):\(externalNo)" }

    /// The channels whose exports are imported (complaints.md: external_no is required for these).
    public static let channels: [ComplaintChannel] = [.platform, .hotline, .gov12345]

    /// The facts a re-import may still change before the acceptance decision: the content (CP-43).
    public struct Content: Sendable, Equatable {
        public var request: String
        public var statement: String
    }

    public var content: Content { Content(request: request, statement: facts) }

    /// Every problem of a row, each with its field, rule and stable code.
    public struct Problems: Error, Sendable, Equatable {
        public let errors: [FieldError]
    }

    /// The item from a row's cells by field (`ComplaintImportItem.Field`), or every problem of the row.
    /// What needs no database is checked here, before any of the item is written: the dates as the
    /// complaint's registration checks them (X-02, CP-04) and both parties as the register checks them
    /// (PLT-10, PLT-11, PLT-15), so a refused row leaves no party behind.
    public static func parse(_ cells: [Field: String], today: LocalDate) -> Result<ComplaintImportItem, Problems> {
        var errors: [FieldError] = []
        func text(_ f: Field) -> String? {
            guard let v = cells[f]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }
        func required(_ f: Field, rule: String) -> String {
            guard let v = text(f) else {
                errors.append(FieldError(field: f.rawValue, rule: rule, code: "import.\(f.rawValue).required", messageZH: "“\(f.labelZH)”不能为空"))
                return ""
            }
            return v
        }
        func date(_ f: Field) -> LocalDate {
            guard let raw = text(f) else {
                errors.append(FieldError(field: f.rawValue, rule: "CP-04", code: "import.\(f.rawValue).required", messageZH: "“\(f.labelZH)”不能为空"))
                return LocalDate(ordinal: 0)
            }
            guard let d = parseDate(raw) else {
                errors.append(FieldError(field: f.rawValue, rule: "X-06", code: "import.date.invalid",
                                         messageZH: "“\(f.labelZH)”应为日期（如 2025-09-26），现为“\(raw)”"))
                return LocalDate(ordinal: 0)
            }
            return d
        }
        var channel = ComplaintChannel.platform
        if let raw = text(.channel) {
            if let c = channels.first(where: { $0.nameZH == raw || $0.rawValue == raw || ($0 == .gov12345 && raw == "12345") }) {
                channel = c
            } else {
                errors.append(FieldError(field: Field.channel.rawValue, rule: "CP-43", code: "import.channel.invalid",
                                         messageZH: "来源渠道“\(raw)”无效，应为：" + channels.map(\.nameZH).joined(separator: "、")))
            }
        } else {
            errors.append(FieldError(field: Field.channel.rawValue, rule: "CP-43", code: "import.channel.required", messageZH: "“来源渠道”不能为空"))
        }
        let externalNo = text(.externalNo) ?? ""
        if externalNo.isEmpty {
            errors.append(FieldError(field: Field.externalNo.rawValue, rule: "CP-43", code: "complaint.external-no.required",
                                     messageZH: "\(channel.nameZH)来件须填写平台编号"))
        } else if externalNo.count > 64 {
            errors.append(FieldError(field: Field.externalNo.rawValue, rule: "X-06", code: "import.externalNo.too-long", messageZH: "平台编号不能超过64个字符"))
        }
        var classification = ImportClassification.complaint
        if let raw = text(.classification) {
            if let c = ImportClassification(text: raw) { classification = c } else {
                errors.append(FieldError(field: Field.classification.rawValue, rule: "CP-41", code: "import.classification.invalid",
                                         messageZH: "件类型“\(raw)”无法导入，应为：投诉、举报或投诉+举报（咨询、建议等请在窗口处理）"))
            }
        }
        let received = date(.receivedOn)
        // A report alone needs no date of knowledge; a complaint does (CP-04).
        let knew = classification.hasComplaint ? date(.knewOn) : (text(.knewOn).flatMap(parseDate) ?? received)
        let complainant = Person(name: required(.complainantName, rule: "CP-04"), phone: text(.complainantPhone), idNumber: text(.complainantIDNumber),
                                 address: text(.complainantAddress))
        if complainant.phone == nil && complainant.idNumber == nil && !complainant.name.isEmpty {
            errors.append(FieldError(field: Field.complainantPhone.rawValue, rule: "CP-04", code: "import.complainant.contact",
                                     messageZH: "投诉人须有联系电话或身份证号码"))
        }
        let respondent = Business(name: required(.respondentName, rule: "CP-04"), uscc: text(.respondentUSCC), address: text(.respondentAddress))
        let request = classification.hasComplaint ? required(.request, rule: "CP-04") : (text(.request) ?? "")
        let facts = required(.facts, rule: classification.hasComplaint ? "CP-04" : "CP-25")
        if errors.isEmpty {
            errors += ComplaintProcedure.Register.dateChecks(receivedOn: received, knewOn: knew, today: today)
            for (field, input) in [(Field.complainantIDNumber, complainant.partyInput), (Field.respondentUSCC, respondent.partyInput)] {
                if case let .failure(e) = PartyRules.validate(input, today: today) {
                    errors += e.fields.map { FieldError(field: field.rawValue, rule: $0.rule, code: $0.code, messageZH: "\(field.labelZH)：\($0.messageZH)") }
                }
            }
        }
        guard errors.isEmpty else { return .failure(Problems(errors: errors)) }
        return .success(ComplaintImportItem(externalNo: externalNo, channel: channel, receivedOn: received, knewOn: knew, complainant: complainant,
                                            respondent: respondent, request: request, facts: facts, classification: classification))
    }

    /// `2025-09-26`, `2025/9/26`, `2025.09.26`, `20250926`, `2025年9月26日`, or a date-time whose date part is one of these.
    public static func parseDate(_ raw: String) -> LocalDate? {
        var t = raw.trimmingCharacters(in: .whitespaces)
        if let space = t.firstIndex(where: { $0 == " " || $0 == "T" }) { t = String(t[..<space]) }
        t = t.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-").replacingOccurrences(of: "日", with: "")
            .replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        let parts = t.split(separator: "-")
        if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) { return LocalDate(year: y, month: m, day: d) }
        if parts.count == 1, t.count == 8, let v = Int(t) { return LocalDate(year: v / 10000, month: (v / 100) % 100, day: v % 100) }
        return nil
    }
}
