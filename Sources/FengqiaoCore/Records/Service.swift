// Service of documents (送达, DOC-30, DOC-31; 民事诉讼法 第八十七–九十五条). A service record is taken
// as input with every field optional, checked as a whole, and turned into a `ValidServiceRecord`
// whose proof matches its method — so code downstream never meets a post record without a mail
// number.

// MARK: - Method

/// How a document was served (DOC-30).
public enum ServiceMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// 直接送达: handed over; the recipient signs the receipt (民诉法 第八十七条).
    case direct
    /// 邮寄送达: by post; served on the date the receipt is signed (第九十一条).
    case post
    /// 电子送达: with the recipient's prior consent; served when it reaches their system (第九十条).
    case electronic
    /// 留置送达: refused, left at the premises before witnesses (第八十九条).
    case leftAtPremises = "left-at-premises"
    /// 公告送达: published; deemed served 30 days after publication (第九十五条).
    case publicNotice = "public-notice"

    /// 直接送达 … 公告送达.
    public var nameZH: String {
        switch self {
        case .direct: "直接送达"
        case .post: "邮寄送达"
        case .electronic: "电子送达"
        case .leftAtPremises: "留置送达"
        case .publicNotice: "公告送达"
        }
    }

    /// DOC-30: a public notice is deemed served this many days after publication (民诉法 第九十五条).
    public static let publicNoticeDays = 30
}

// MARK: - Input

/// A service record as entered (DOC-30). Every field is optional so that `validate(issuedOn:)` can
/// name everything that is missing at once. Field names are the ones the client sends.
///
/// - `date` / `time`: when the service act took place — handed over, posted, sent, left at the
///   premises, or sent for publication.
/// - direct: `receiptAttachmentID` (the signed 送达回证 scan);
/// - post: `mailNumber`, `deliveredOn` (the date the receipt was signed);
/// - electronic: `consentAttachmentID` and `consentDate` (the recipient's prior written consent),
///   `deliveredOn` and `deliveredTime` (when it reached the recipient's system);
/// - left at premises: `refusalNote` (what was refused and why), `witnesses` (at least one name);
/// - public notice: `publishedOn`, `medium` (newspaper, notice board, website …).
public struct ServiceRecordInput: Sendable, Equatable {
    public var recipient: String?
    public var method: ServiceMethod?
    public var date: LocalDate?
    /// `HH:mm`, optional.
    public var time: String?
    public var receiptAttachmentID: String?
    public var mailNumber: String?
    public var deliveredOn: LocalDate?
    /// `HH:mm`; required for electronic service.
    public var deliveredTime: String?
    public var consentAttachmentID: String?
    public var consentDate: LocalDate?
    public var refusalNote: String?
    public var witnesses: [String]
    public var publishedOn: LocalDate?
    public var medium: String?

    public init(
        recipient: String? = nil, method: ServiceMethod? = nil, date: LocalDate? = nil, time: String? = nil,
        receiptAttachmentID: String? = nil, mailNumber: String? = nil, deliveredOn: LocalDate? = nil,
        deliveredTime: String? = nil, consentAttachmentID: String? = nil, consentDate: LocalDate? = nil,
        refusalNote: String? = nil, witnesses: [String] = [], publishedOn: LocalDate? = nil, medium: String? = nil
    ) {
        self.recipient = recipient
        self.method = method
        self.date = date
        self.time = time
        self.receiptAttachmentID = receiptAttachmentID
        self.mailNumber = mailNumber
        self.deliveredOn = deliveredOn
        self.deliveredTime = deliveredTime
        self.consentAttachmentID = consentAttachmentID
        self.consentDate = consentDate
        self.refusalNote = refusalNote
        self.witnesses = witnesses
        self.publishedOn = publishedOn
        self.medium = medium
    }

    /// DOC-30: checks the record of service of a document issued on `issuedOn` and returns it as a
    /// `ValidServiceRecord`, or throws `DomainError.invalid` listing *every* problem (field, rule,
    /// Chinese message).
    ///
    /// Beyond each method's proof: no date may precede the document's issue date; the delivery or
    /// publication date may not precede the service act; electronic service needs the recipient's
    /// written consent dated on or before the service act (so before the delivery too).
    public func validate(issuedOn: LocalDate) throws(DomainError) -> ValidServiceRecord {
        var errors: [FieldError] = []
        func fail(_ field: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: field, rule: "DOC-30", code: "service.\(code)", messageZH: message))
        }
        func text(_ value: String?, _ field: String, _ code: String, _ message: String) -> String {
            let t = RecordText.trimmed(value ?? "")
            if t.isEmpty { fail(field, code, message) }
            return t
        }
        func required(_ value: LocalDate?, _ field: String, _ code: String, _ message: String) -> LocalDate? {
            if value == nil { fail(field, code, message) }
            return value
        }
        /// A proof date cannot precede the document's issue, nor the service act.
        func notBefore(_ proof: LocalDate?, _ field: String, _ code: String, _ what: String) {
            guard let proof else { return }
            if proof < issuedOn {
                fail(field, "\(code).before-issue", "\(what)（\(proof.chinese)）早于文书签发日期（\(issuedOn.chinese)）")
            } else if let date, proof < date {
                fail(field, "\(code).before-service", "\(what)（\(proof.chinese)）早于送达日期（\(date.chinese)）")
            }
        }

        let recipient = text(recipient, "recipient", "recipient.required", "请填写受送达人")
        if method == nil { fail("method", "method.required", "请选择送达方式") }
        if date == nil { fail("date", "date.required", "请填写送达日期") }
        if let date, date < issuedOn {
            fail("date", "date.before-issue", "送达日期（\(date.chinese)）早于文书签发日期（\(issuedOn.chinese)）")
        }
        var time: String?
        if let t = self.time.map(RecordText.trimmed), !t.isEmpty {
            if RecordText.isClockTime(t) { time = t } else { fail("time", "time.invalid", "送达时间应为“时:分”格式，如 09:30") }
        }

        var proof: ServiceProof?
        switch method {
        case nil:
            break
        case .direct:
            let receipt = text(
                receiptAttachmentID, "receiptAttachmentID", "receipt.required",
                "直接送达须上传受送达人签收的送达回证扫描件")
            proof = .direct(receiptAttachmentID: receipt)
        case .post:
            let mail = text(mailNumber, "mailNumber", "mail-number.required", "邮寄送达须填写邮件号")
            let delivered = required(deliveredOn, "deliveredOn", "delivered-on.required", "邮寄送达须填写签收（妥投）日期")
            notBefore(delivered, "deliveredOn", "delivered-on", "签收日期")
            if let delivered { proof = .post(mailNumber: mail, deliveredOn: delivered) }
        case .electronic:
            let consent = text(
                consentAttachmentID, "consentAttachmentID", "consent.required",
                "电子送达须上传受送达人事先同意电子送达的书面确认")
            let consentOn = required(consentDate, "consentDate", "consent-date.required", "请填写受送达人书面同意电子送达的日期")
            let delivered = required(deliveredOn, "deliveredOn", "delivered-on.required", "电子送达须填写到达受送达人系统的日期")
            let deliveredAt = RecordText.trimmed(deliveredTime ?? "")
            if deliveredAt.isEmpty {
                fail("deliveredTime", "delivered-time.required", "电子送达须填写到达受送达人系统的时间（时:分）")
            } else if !RecordText.isClockTime(deliveredAt) {
                fail("deliveredTime", "delivered-time.invalid", "到达时间应为“时:分”格式，如 09:30")
            }
            notBefore(delivered, "deliveredOn", "delivered-on", "到达日期")
            // DOC-30: the consent must come first — on or before the service act, hence before delivery.
            if let consentOn, let reference = date ?? delivered, consentOn > reference {
                fail(
                    "consentDate", "consent.after-service",
                    "电子送达须事先取得受送达人书面同意：同意日期（\(consentOn.chinese)）晚于送达日期（\(reference.chinese)）")
            }
            if let consentOn, let delivered, RecordText.isClockTime(deliveredAt) {
                proof = .electronic(consentAttachmentID: consent, consentDate: consentOn, deliveredOn: delivered, deliveredTime: deliveredAt)
            }
        case .leftAtPremises:
            let note = text(refusalNote, "refusalNote", "refusal-note.required", "留置送达须记明拒收事由和日期")
            // 民诉法 第八十九条: the witnesses sign the receipt; the record names at least one.
            let names = witnesses.map(RecordText.trimmed).filter { !$0.isEmpty }
            if names.isEmpty { fail("witnesses", "witness.required", "留置送达须记录至少一名见证人姓名") }
            proof = .leftAtPremises(refusalNote: note, witnesses: names)
        case .publicNotice:
            let published = required(publishedOn, "publishedOn", "published-on.required", "公告送达须填写公告发布日期")
            let mediumText = text(medium, "medium", "medium.required", "公告送达须填写公告载体（如报纸名称、公告栏、网站）")
            notBefore(published, "publishedOn", "published-on", "公告日期")
            if let published { proof = .publicNotice(publishedOn: published, medium: mediumText) }
        }

        guard errors.isEmpty, let method, let date, let proof else { throw DomainError.invalid(errors) }
        return ValidServiceRecord(recipient: recipient, method: method, date: date, time: time, proof: proof)
    }
}

// MARK: - Valid record

/// The proof a service method needs (DOC-30), one case per method.
public enum ServiceProof: Sendable, Hashable {
    case direct(receiptAttachmentID: String)
    case post(mailNumber: String, deliveredOn: LocalDate)
    case electronic(consentAttachmentID: String, consentDate: LocalDate, deliveredOn: LocalDate, deliveredTime: String)
    case leftAtPremises(refusalNote: String, witnesses: [String])
    case publicNotice(publishedOn: LocalDate, medium: String)
}

/// A checked service record (DOC-30); only `ServiceRecordInput.validate(issuedOn:)` makes one.
public struct ValidServiceRecord: Sendable, Hashable {
    /// Who was served.
    public let recipient: String
    public let method: ServiceMethod
    /// The day of the service act, and its time when recorded (`HH:mm`).
    public let date: LocalDate
    public let time: String?
    /// The method's proof.
    public let proof: ServiceProof

    init(recipient: String, method: ServiceMethod, date: LocalDate, time: String?, proof: ServiceProof) {
        self.recipient = recipient
        self.method = method
        self.date = date
        self.time = time
        self.proof = proof
    }

    /// DOC-30/31: the day the document counts as served, which starts the clocks that run "from
    /// service": the day of the act (direct, left at premises), the day the receipt was signed
    /// (post), the day it reached the recipient's system (electronic), publication + 30 days (public
    /// notice).
    ///
    /// The 30 days of a public notice are not rolled to a working day: this is the day service is
    /// deemed made, not the last day for anyone to act; a clock started by it rolls its own end.
    public var effectiveServiceDate: LocalDate {
        switch proof {
        case .direct, .leftAtPremises: date
        case .post(_, let deliveredOn): deliveredOn
        case .electronic(_, _, let deliveredOn, _): deliveredOn
        case .publicNotice(let publishedOn, _): publishedOn.adding(days: ServiceMethod.publicNoticeDays)
        }
    }
}

// MARK: - Clock start (DOC-31)

/// Questions about a document's service records as a whole (DOC-31).
public enum ServiceRecords {
    /// DOC-31: the service date that starts a clock "from service" for one recipient: the earliest
    /// effective service date among that recipient's records. Throws when there is none — an
    /// unserved document cannot start such a clock. Pass only the records of the recipient whose
    /// clock is asked for.
    public static func clockStart(_ records: [ValidServiceRecord]) throws(DomainError) -> LocalDate {
        guard let first = records.map(\.effectiveServiceDate).min() else {
            throw DomainError(
                .invalid, code: "service.not-served", messageZH: "文书尚未送达，不能起算以送达为起点的期限", ruleID: "DOC-31",
                fields: [FieldError(field: "service", rule: "DOC-31", code: "service.not-served", messageZH: "文书尚未送达")])
        }
        return first
    }
}
