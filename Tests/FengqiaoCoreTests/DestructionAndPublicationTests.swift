import Foundation
import Testing

@testable import FengqiaoCore

@Suite("DOC-50/51 archive destruction and DOC-60 publication")
struct DestructionAndPublicationTests {
    // MARK: - Fixtures

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static let proposalID = UUID(uuidString: "6F1D0C1E-2B4A-4C51-9E0B-5A3C2D1E0F01")!
    static let unitID = UUID(uuidString: "0A7E6B1C-11D2-4E33-8F44-55AA66BB77CC")!

    /// Archived cases whose retention's last day was 2025-09-30.
    static func candidate(_ n: Int, retentionEnd: String? = "2025-09-30", holds: [ArchiveHold] = []) -> DestructionCandidate {
        DestructionCandidate(
            caseID: "C-2020-00\(n)", archiveNumber: "F001-2020-D5-000\(n)", title: "关于某商户的行政约谈案卷\(n)",
            retentionEnd: retentionEnd.map(date), holds: holds)
    }

    static func draft() throws -> DestructionProposal {
        try DestructionProposal(id: proposalID, unitID: unitID, proposer: "周档案", proposedOn: date("2025-10-13"))
    }

    /// A list of three cases, reviewed destroy / keep / transfer and approved on 2025-10-24.
    static func approved() throws -> DestructionProposal {
        var p = try draft()
        for n in 1...3 { try p.list(candidate(n), on: date("2025-10-14")) }
        try p.submitForReview(on: date("2025-10-15"))
        try p.review(caseID: "C-2020-001", decision: .destroy, reviewer: "吴审核", on: date("2025-10-20"))
        try p.review(caseID: "C-2020-002", decision: .keep(newDate: date("2030-10-01"), reason: "关联案件尚在监督期"), reviewer: "吴审核", on: date("2025-10-20"))
        try p.review(caseID: "C-2020-003", decision: .transfer(to: "北京市朝阳区档案馆"), reviewer: "吴审核", on: date("2025-10-21"))
        try p.completeReview(on: date("2025-10-21"))
        try p.approve(approver: "郑局长", on: date("2025-10-24"), resolution: "领导小组会议纪要〔2025〕7号")
        return p
    }

    static let supervisors = ["王监销", "陈监销", "刘监销"]
    static let noHolds: [String: [ArchiveHold]] = ["C-2020-001": [], "C-2020-002": [], "C-2020-003": []]

    /// Runs `body`, expecting a DomainError, and returns it.
    static func refusal(_ body: () throws -> Void) -> DomainError? {
        do {
            try body()
            return nil
        } catch let error as DomainError {
            return error
        } catch {
            return nil
        }
    }

    // MARK: - DOC-50 listing

    @Test("DOC-50 a case whose retention has not ended cannot be listed")
    func retentionNotEnded() throws {
        // setup: the last day of retention is 2025-10-14
        var p = try Self.draft()
        let candidate = Self.candidate(1, retentionEnd: "2025-10-14")
        // act
        let error = Self.refusal { try p.list(candidate, on: Self.date("2025-10-14")) }
        let permanent = Self.refusal { try p.list(Self.candidate(2, retentionEnd: nil), on: Self.date("2025-10-15")) }
        // check
        #expect(error?.ruleID == "DOC-50")
        #expect(error?.code == "destruction.list.refused")
        #expect(error?.fields.map(\.code) == ["destruction.item.retention-not-ended"])
        #expect(error?.messageZH.contains("2025年10月14日") == true)
        #expect(permanent?.fields.map(\.code) == ["destruction.item.permanent"])
        #expect(p.items.isEmpty)
        // The day after the last day of retention the case can be listed.
        try p.list(candidate, on: Self.date("2025-10-15"))
        #expect(p.items.map(\.caseID) == ["C-2020-001"])
    }

    @Test("DOC-50 a case under hold cannot be listed")
    func holdBlocksListing() throws {
        // setup
        var p = try Self.draft()
        let held = Self.candidate(1, holds: [ArchiveHold(kind: .pendingLitigation, note: "（2025）京0105行初123号")])
        // act
        let error = Self.refusal { try p.list(held, on: Self.date("2025-10-14")) }
        // check
        #expect(error?.ruleID == "DOC-50")
        #expect(error?.fields.map(\.code) == ["destruction.item.on-hold"])
        #expect(error?.messageZH.contains("未决诉讼（（2025）京0105行初123号）") == true)
        #expect(error?.messageZH.contains("F001-2020-D5-0001") == true)
        #expect(p.items.isEmpty)
        // A released hold no longer blocks.
        let released = Self.candidate(1, holds: [ArchiveHold(kind: .pendingLitigation, note: "（2025）京0105行初123号", isReleased: true)])
        try p.list(released, on: Self.date("2025-10-14"))
        #expect(p.items.count == 1)
    }

    @Test("DOC-50 every reason a case cannot be listed is named at once")
    func allListingFailures() throws {
        // setup
        var p = try Self.draft()
        let candidate = Self.candidate(
            1, retentionEnd: "2026-01-01",
            holds: [
                ArchiveHold(kind: .reconsideration, note: "朝复字〔2025〕3号"),
                ArchiveHold(kind: .petition, note: "重复信访"),
                ArchiveHold(kind: .other, note: "已解除", isReleased: true),
            ])
        // act
        let error = Self.refusal { try p.list(candidate, on: Self.date("2025-10-14")) }
        // check
        #expect(error?.fields.count == 3)
        #expect(error?.fields.allSatisfy { $0.rule == "DOC-50" } == true)
        #expect(error?.messageZH.contains("行政复议") == true)
        #expect(error?.messageZH.contains("信访事项") == true)
        #expect(error?.messageZH.contains("2026年1月1日") == true)
        #expect(error?.messageZH.contains("已解除") == false)
    }

    @Test("DOC-50 a case is listed only once")
    func listedOnce() throws {
        var p = try Self.draft()
        try p.list(Self.candidate(1), on: Self.date("2025-10-14"))
        let error = Self.refusal { try p.list(Self.candidate(1), on: Self.date("2025-10-14")) }
        #expect(error?.fields.map(\.code) == ["destruction.item.duplicate"])
        #expect(p.items.count == 1)
    }

    // MARK: - DOC-50 review and approval

    @Test("DOC-50 the list goes to approval only when every item is reviewed")
    func reviewComplete() throws {
        // setup
        var p = try Self.draft()
        for n in 1...3 { try p.list(Self.candidate(n), on: Self.date("2025-10-14")) }
        try p.submitForReview(on: Self.date("2025-10-15"))
        try p.review(caseID: "C-2020-001", decision: .destroy, reviewer: "吴审核", on: Self.date("2025-10-20"))
        // act
        let early = Self.refusal { try p.approve(approver: "郑局长", on: Self.date("2025-10-24")) }
        let incomplete = Self.refusal { try p.completeReview(on: Self.date("2025-10-21")) }
        // check
        #expect(early?.kind == .conflict)
        #expect(early?.code == "destruction.state")
        #expect(early?.ruleID == "DOC-50")
        #expect(incomplete?.fields.map(\.code) == ["destruction.review.missing", "destruction.review.missing"])
        #expect(incomplete?.messageZH.contains("C-2020-002") == true)
        #expect(incomplete?.messageZH.contains("C-2020-003") == true)
        #expect(p.status == .underReview)
        // Once every item has a decision the review completes.
        try p.review(caseID: "C-2020-002", decision: .destroy, reviewer: "吴审核", on: Self.date("2025-10-20"))
        try p.review(caseID: "C-2020-003", decision: .destroy, reviewer: "吴审核", on: Self.date("2025-10-20"))
        try p.completeReview(on: Self.date("2025-10-21"))
        #expect(p.status == .reviewed)
    }

    @Test("DOC-50 keep needs a later date and a reason, transfer needs a recipient, review needs a reviewer")
    func reviewDecisions() throws {
        // setup
        var p = try Self.draft()
        try p.list(Self.candidate(1), on: Self.date("2025-10-14"))
        try p.submitForReview(on: Self.date("2025-10-15"))
        // act
        let keep = Self.refusal {
            try p.review(caseID: "C-2020-001", decision: .keep(newDate: Self.date("2025-10-20"), reason: "  "), reviewer: "吴审核", on: Self.date("2025-10-20"))
        }
        let transfer = Self.refusal {
            try p.review(caseID: "C-2020-001", decision: .transfer(to: ""), reviewer: " ", on: Self.date("2025-10-20"))
        }
        let unknown = Self.refusal {
            try p.review(caseID: "C-2099-999", decision: .destroy, reviewer: "吴审核", on: Self.date("2025-10-20"))
        }
        // check
        #expect(keep?.fields.map(\.code) == ["destruction.decision.keep-date", "destruction.decision.keep-reason"])
        #expect(transfer?.fields.map(\.code).sorted() == ["destruction.decision.transfer-to", "destruction.reviewer.missing"])
        #expect(unknown?.fields.map(\.code) == ["destruction.item.unknown"])
        #expect(p.items[0].review == nil)
    }

    @Test("DOC-50 approval by the leading group needs the approver and a decision date")
    func approvalNeedsApprover() throws {
        // setup
        var p = try Self.draft()
        try p.list(Self.candidate(1), on: Self.date("2025-10-14"))
        try p.submitForReview(on: Self.date("2025-10-15"))
        try p.review(caseID: "C-2020-001", decision: .destroy, reviewer: "吴审核", on: Self.date("2025-10-20"))
        try p.completeReview(on: Self.date("2025-10-21"))
        // act
        let error = Self.refusal { try p.approve(approver: "", on: Self.date("2025-10-20")) }
        // check
        #expect(error?.fields.map(\.field) == ["approver", "decidedOn"])
        #expect(p.status == .reviewed)
        #expect(p.approval == nil)
        try p.approve(approver: "郑局长", on: Self.date("2025-10-24"))
        #expect(p.approval == DestructionApproval(approver: "郑局长", decidedOn: Self.date("2025-10-24"), resolution: ""))
    }

    @Test("DOC-50 a rejected list ends there")
    func rejection() throws {
        var p = try Self.draft()
        try p.list(Self.candidate(1), on: Self.date("2025-10-14"))
        try p.submitForReview(on: Self.date("2025-10-15"))
        try p.reject(by: "郑局长", on: Self.date("2025-10-16"), reason: "保管期限表已调整，重新核对")
        #expect(p.status == .rejected)
        #expect(p.rejection?.reason == "保管期限表已调整，重新核对")
        let error = Self.refusal { try p.review(caseID: "C-2020-001", decision: .destroy, reviewer: "吴审核", on: Self.date("2025-10-20")) }
        #expect(error?.code == "destruction.state")
    }

    @Test("DOC-50 steps out of order are refused")
    func outOfOrder() throws {
        var p = try Self.draft()
        #expect(Self.refusal { try p.submitForReview(on: Self.date("2025-10-15")) }?.fields.map(\.code) == ["destruction.items.empty"])
        #expect(
            Self.refusal { try p.review(caseID: "C-2020-001", decision: .destroy, reviewer: "吴审核", on: Self.date("2025-10-20")) }?.code == "destruction.state")
        #expect(
            Self.refusal { try p.destroy(supervisors: Self.supervisors, on: Self.date("2025-10-28"), place: "本所", method: "粉碎", currentHolds: Self.noHolds) }?
                .code == "destruction.state")
        #expect(
            Self.refusal { _ = try DestructionProposal(id: Self.proposalID, unitID: Self.unitID, proposer: " ", proposedOn: Self.date("2025-10-13")) }?.ruleID
                == "DOC-50")
        #expect(p.status == .draft)
    }

    // MARK: - DOC-50 destruction

    @Test("DOC-50 destruction needs three distinct supervisors, a date, a place and a method")
    func destructionConditions() throws {
        // setup
        var p = try Self.approved()
        let before = p
        // act: two distinct names only, a date before approval, no place, no method
        let error = Self.refusal {
            try p.destroy(
                supervisors: ["王监销", " 王监销 ", "王 监销", "陈监销", ""], on: Self.date("2025-10-23"),
                place: " ", method: "", currentHolds: Self.noHolds)
        }
        // check
        #expect(error?.ruleID == "DOC-50")
        #expect(error?.code == "destruction.destroy.refused")
        #expect(error?.fields.map(\.field) == ["supervisors", "destroyedOn", "place", "method"])
        #expect(error?.messageZH.contains("至少三名监销人") == true)
        #expect(p == before)
        #expect(p.status == .approved)
        // Three distinct supervisors, and it goes through.
        try p.destroy(supervisors: Self.supervisors, on: Self.date("2025-10-28"), place: "朝阳分局档案室", method: "碎纸机粉碎", currentHolds: Self.noHolds)
        #expect(p.status == .destroyed)
    }

    @Test("DOC-50 a hold that arrives after listing stops destruction until the case is withdrawn")
    func holdAfterListing() throws {
        // setup
        var p = try Self.approved()
        let holds: [String: [ArchiveHold]] = ["C-2020-001": [ArchiveHold(kind: .petition, note: "朝信〔2025〕88号")]]
        // act
        let held = Self.refusal {
            try p.destroy(supervisors: Self.supervisors, on: Self.date("2025-10-28"), place: "朝阳分局档案室", method: "碎纸机粉碎", currentHolds: holds)
        }
        let unknown = Self.refusal {
            try p.destroy(supervisors: Self.supervisors, on: Self.date("2025-10-28"), place: "朝阳分局档案室", method: "碎纸机粉碎", currentHolds: [:])
        }
        // check
        #expect(held?.fields.map(\.code) == ["destruction.item.on-hold"])
        #expect(held?.messageZH.contains("信访事项（朝信〔2025〕88号）") == true)
        #expect(unknown?.fields.map(\.code) == ["destruction.item.holds-unknown"])
        #expect(p.status == .approved)
        #expect(p.record == nil)
        // Withdrawn, the held case stays on the list and is not destroyed; nothing is left to destroy.
        try p.withdraw(caseID: "C-2020-001", by: "周档案", on: Self.date("2025-10-27"), reason: "新发生信访事项")
        #expect(p.items.count == 3)
        let empty = Self.refusal {
            try p.destroy(supervisors: Self.supervisors, on: Self.date("2025-10-28"), place: "朝阳分局档案室", method: "碎纸机粉碎", currentHolds: holds)
        }
        #expect(empty?.fields.map(\.code) == ["destruction.items.none-to-destroy"])
    }

    @Test("DOC-50 only items decided destroy are destroyed; DOC-51 the record keeps list, approval and supervisors")
    func destructionRecord() throws {
        // setup
        var p = try Self.approved()
        // act
        let record = try p.destroy(
            supervisors: ["王监销", "陈监销", "刘监销", "王监销"], on: Self.date("2025-10-28"),
            place: "朝阳分局档案室", method: "碎纸机粉碎", currentHolds: Self.noHolds)
        // check
        #expect(p.status == .destroyed)
        #expect(p.record == record)
        #expect(record.destroyedCaseIDs == ["C-2020-001"])
        #expect(record.retained.map(\.caseID) == ["C-2020-002", "C-2020-003"])
        #expect(record.retained.map(\.decision) == [.keep(newDate: Self.date("2030-10-01"), reason: "关联案件尚在监督期"), .transfer(to: "北京市朝阳区档案馆")])
        #expect(record.supervisors == ["王监销", "陈监销", "刘监销"])
        #expect(record.approval == DestructionApproval(approver: "郑局长", decidedOn: Self.date("2025-10-24"), resolution: "领导小组会议纪要〔2025〕7号"))
        #expect(record.proposalID == Self.proposalID)
        #expect(record.unitID == Self.unitID)
        #expect(record.proposer == "周档案")
        #expect(record.destroyedOn == Self.date("2025-10-28"))
        #expect(record.destroyed[0].archiveNumber == "F001-2020-D5-0001")
        #expect(record.destroyed[0].title == "关于某商户的行政约谈案卷1")
        #expect(record.destroyed[0].reviewer == "吴审核")
        let text = record.linesZH.joined(separator: "\n")
        #expect(record.linesZH.first == "档案销毁记录")
        for expected in [
            "2025年10月28日", "朝阳分局档案室", "碎纸机粉碎", "郑局长", "王监销、陈监销、刘监销", "F001-2020-D5-0001",
            "继续保存至2030年10月1日", "移交北京市朝阳区档案馆",
        ] {
            #expect(text.contains(expected), "record lacks \(expected)")
        }
        // The record is permanent: the proposal cannot be destroyed twice.
        let again = Self.refusal {
            try p.destroy(supervisors: Self.supervisors, on: Self.date("2025-10-29"), place: "本所", method: "粉碎", currentHolds: Self.noHolds)
        }
        #expect(again?.code == "destruction.state")
        #expect(p.record == record)
    }

    @Test("DOC-51 the record survives encoding unchanged")
    func recordCodable() throws {
        var p = try Self.approved()
        try p.destroy(supervisors: Self.supervisors, on: Self.date("2025-10-28"), place: "朝阳分局档案室", method: "碎纸机粉碎", currentHolds: Self.noHolds)
        let data = try JSONEncoder().encode(p)
        let decoded = try JSONDecoder().decode(DestructionProposal.self, from: data)
        #expect(decoded == p)
        #expect(decoded.record?.destroyedCaseIDs == ["C-2020-001"])
    }

    // MARK: - DOC-60 publication

    static let consumer = PublicationMasker.Person(
        name: "李明华", idNumbers: ["11010519491231002X"], phones: ["13812345678"], addresses: ["北京市朝阳区建国路88号2单元301"])
    static let company = "北京某某餐饮管理有限公司"
    static let companyUSCC = "91110105MA01ABCD2X"

    static let publishedCase = """
        2025年10月14日，消费者李明华（身份证号11010519491231002X，联系电话138 1234 5678，住北京市朝阳区建国路88号2单元301）\
        向本所投诉称，其在北京某某餐饮管理有限公司（统一社会信用代码91110105MA01ABCD2X）办理的储值卡余额3,000元无法使用。\
        该公司此前已因同类问题被约谈（中村约〔2025〕12号）。经调解，双方自愿达成协议：北京某某餐饮管理有限公司于2025年10月31日前\
        向李明华退还预付款3,000元，李明华收到款项后不再就此事投诉。
        """

    @Test("DOC-60 masking removes every personal identifier")
    func publishedCaseMasked() {
        // setup
        let masker = PublicationMasker(persons: [Self.consumer], organisations: [Self.company])
        // act
        let masked = masker.mask(text: Self.publishedCase)
        // check: no identifier survives
        for leaked in ["李明华", "明华", "11010519491231002X", "002X", "138 1234 5678", "1234 5678", "建国路", "88号", "2单元", "301"] {
            #expect(!masked.contains(leaked), "\(leaked) survived: \(masked)")
        }
        #expect(masker.check(text: masked).isEmpty)
        // what makes the case useful stays
        for kept in [Self.company, Self.companyUSCC, "2025年10月14日", "2025年10月31日", "3,000元", "中村约〔2025〕12号", "北京市朝阳区"] {
            #expect(masked.contains(kept), "\(kept) was masked: \(masked)")
        }
        #expect(
            masked.hasPrefix(
                "2025年10月14日，消费者李某（身份证号[身份证号已隐去]，联系电话[电话已隐去]，住北京市朝阳区****）向本所投诉称"))
        #expect(masked.contains("向李某退还预付款3,000元，李某收到款项后"))
    }

    @Test("DOC-60 the scan finds identifiers nobody listed")
    func unlistedIdentifiersFound() {
        // setup: only the name is known
        let masker = PublicationMasker(persons: [.init(name: "李明华")], organisations: [Self.company])
        // act
        let leaks = masker.check(text: Self.publishedCase)
        let masked = masker.mask(text: Self.publishedCase)
        // check
        #expect(leaks.map(\.kind) == [.personName, .idNumber, .phone, .address, .personName, .personName])
        #expect(leaks.map(\.text) == ["李明华", "11010519491231002X", "138 1234 5678", "建国路88号2单元301", "李明华", "李明华"])
        #expect(leaks[0].offset == Array(Self.publishedCase).firstIndex(of: "李")!)
        #expect(masked == masker.mask(text: Self.publishedCase) && masker.check(text: masked).isEmpty)
        #expect(masked.contains("住北京市朝阳区****）"))
    }

    @Test(
        "DOC-60 names become surname + 某, compound surnames keep both characters",
        arguments: ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木"])
    func compoundSurname(_ surname: String) {
        #expect(PublicationMasker.compoundSurnames.contains(surname))
        #expect(PublicationMasker.publishedName(surname + "娜娜") == surname + "某")
        #expect(PublicationMasker.publishedName(surname + "明") == surname + "某")
    }

    @Test("DOC-60 names are masked wherever they occur")
    func namesMasked() {
        let masker = PublicationMasker(persons: [.init(name: "张三"), .init(name: "欧阳娜娜"), .init(name: "王")])
        let masked = masker.mask(text: "申请人张三与被申请人欧阳娜娜到场，张三陈述意见，王先生旁听。")
        #expect(masked == "申请人张某与被申请人欧阳某到场，张某陈述意见，王先生旁听。")
    }

    @Test("DOC-60 two persons with the same surname stay distinguishable")
    func sameSurname() {
        let masker = PublicationMasker(persons: [.init(name: "李明华"), .init(name: "李强"), .init(name: "张伟")])
        #expect(masker.mask(text: "李明华与李强、张伟") == "李某甲与李某乙、张某")
    }

    @Test(
        "DOC-60 ID numbers in free text are removed, new and old, in any case and grouping",
        arguments: [
            "身份证号11010519491231002X。",
            "身份证号11010519491231002x。",
            "证件号：440524188001010014，",
            "证件号 110105 19491231 002X，",
            "身份证号：110105 1949 1231 002X，",
            "老身份证号110105491231002，",
            "身份证号１１０１０５１９４９１２３１００２Ｘ。",
        ])
    func idNumbers(_ text: String) {
        let masker = PublicationMasker(persons: [])
        let masked = masker.mask(text: text)
        #expect(masked.contains(PublicationMasker.idNumberPlaceholder), "\(masked)")
        #expect(masked.allSatisfy { !$0.isNumber }, "\(masked)")
        #expect(masker.check(text: text).map(\.kind) == [.idNumber])
    }

    @Test(
        "DOC-60 phone numbers in any common writing are removed",
        arguments: [
            "手机13812345678。", "手机138-1234-5678。", "手机138 1234 5678。", "手机+86 138 1234 5678。", "手机8613812345678。",
            "座机010-62345678。", "座机(0571)88886666。", "座机（0571）8888 6666。", "座机0571-8888 6666。", "联系电话：8765 4321。",
            "手机１３８１２３４５６７８。",
        ])
    func phones(_ text: String) {
        let masker = PublicationMasker(persons: [])
        let masked = masker.mask(text: text)
        #expect(masked == String(text.prefix(2)) + (text.hasPrefix("联系电话") ? "电话：" : "") + PublicationMasker.phonePlaceholder + "。")
        #expect(masker.check(text: text).map(\.kind) == [.phone])
    }

    @Test(
        "DOC-60 addresses keep the district and lose the rest",
        arguments: [
            ("住浙江省杭州市西湖区文三路90号3幢。", "住浙江省杭州市西湖区****。"),
            ("住所：江苏省苏州市昆山市玉山镇人民路1号", "住所：江苏省苏州市昆山市****"),
            ("家住浙江省义乌市稠城街道幸福小区3幢201室，", "家住浙江省义乌市****，"),
            ("现住湖北省武汉市洪山区珞喻路1037号5号楼B座1203，", "现住湖北省武汉市洪山区****，"),
            ("居住在光华里5号院3-2-301。", "居住在****。"),
            ("住朝阳区建国路八十八号。", "住朝阳区****。"),
            ("经营场所为该小区3号商铺", "经营场所为该****商铺"),
            ("住内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇团结村三组", "住内蒙古自治区呼伦贝尔市鄂温克族自治旗****"),
        ])
    func addresses(_ text: String, _ expected: String) {
        let masker = PublicationMasker(persons: [])
        #expect(masker.mask(text: text) == expected)
        #expect(masker.check(text: text).map(\.kind) == [.address])
    }

    @Test("DOC-60 dates, case and document numbers, USCCs, amounts and hotlines are not masked")
    func notPersonal() {
        // setup
        let text = """
            2025年10月14日（2025-10-14）收到中村约〔2025〕12号、京朝市监调〔2025〕3号文书；当事人北京某某餐饮管理有限公司\
            （统一社会信用代码91110105MA01ABCD2X，另一主体914403001922038216）退还3,000元，涉案金额13500000000元、\
            人民币12,345.67元，依据《消费者权益保护法》第五十五条、第12号公告，投诉电话12315，共3人次，1-3项，快递运单号SF13812345678，发票号码22345678。
            """
        let masker = PublicationMasker(persons: [Self.consumer], organisations: [Self.company])
        // act
        let masked = masker.mask(text: text)
        // check
        #expect(masked == text)
        #expect(masker.check(text: text).isEmpty)
    }

    @Test("DOC-60 organisation names are kept even when a person's name is inside them")
    func organisationsKept() {
        let masker = PublicationMasker(persons: [.init(name: "李明华")], organisations: ["朝阳区李明华小吃店"])
        #expect(masker.mask(text: "李明华经营的朝阳区李明华小吃店") == "李某经营的朝阳区李明华小吃店")
    }

    @Test("DOC-60 listed identifiers are removed even when no pattern would find them")
    func listedIdentifiers() {
        // setup: a local number without area code or keyword, an ID with an impossible date,
        // an address without a house number
        let person = PublicationMasker.Person(
            name: "赵六", idNumbers: ["110105194913310021"], phones: ["62345678"],
            addresses: ["浙江省义乌市稠城街道幸福小区"])
        let masker = PublicationMasker(persons: [person])
        let text = "赵六（110105194913310021，62345678）居于浙江省义乌市稠城街道幸福小区，常去稠城街道幸福小区东门。"
        // act
        let masked = masker.mask(text: text)
        // check
        #expect(masked == "赵某（[身份证号已隐去]，[电话已隐去]）居于浙江省义乌市****，常去****东门。")
        #expect(masker.check(text: masked).isEmpty)
        #expect(masker.check(text: text).map(\.kind) == [.personName, .idNumber, .phone, .address, .address])
    }
}
