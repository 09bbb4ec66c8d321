import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation

/// Interviews for the demo in every state (issue 5 item 7), each played through the real procedure
/// on its own dates — so the clocks, documents, timeline and audit trail are what users would get.
/// Two of them run across holidays: one across the 2026 Spring Festival (passed), one across the 2026
/// National Day (handed to penalty). Dates are relative to today where the case is still open.
enum DemoInterviews {
    struct Cast {
        let officer: Actor
        let officer2: Actor
        let head: Actor
        let legal: Actor
        let deputy: Actor
        let chief: Actor
    }

    static func seed(_ store: Store, officeID: UUID, context ctx: AuditContext) async throws {
        let org = OrganisationRepository(store: store)
        func actor(_ login: String) async throws -> Actor? {
            guard let u = try await org.user(login: login) else { return nil }
            return try await org.actor(for: u)
        }
        guard let officer = try await actor("zc_officer"), let officer2 = try await actor("zc_officer2"), let head = try await actor("zc_head"),
              let legal = try await actor("legal"), let deputy = try await actor("deputy"), let chief = try await actor("chief") else { return }
        // IV-12: both office officers are qualified interviewers; 王芳 also holds legal review.
        for (id, kinds) in [(officer.userID, ["interviewer"]), (officer2.userID, ["interviewer", "legal-review"])] {
            for kind in kinds {
                _ = try await org.addQualification(userID: id, kind: kind, issuer: "江城市市场监督管理局", obtainedOn: LocalDate(iso: "2024-01-02")!,
                                                   expiresOn: LocalDate(iso: "2028-12-31")!, context: ctx)
            }
        }
        let cast = Cast(officer: officer, officer2: officer2, head: head, legal: legal, deputy: deputy, chief: chief)
        let parties = try await PartyRepository(store: store).search(nil, actor: officer, limit: 40)
        guard parties.count >= 12 else { return }
        let today = store.clock.todayInBeijing
        var n = 0
        func party() -> PartySummary {
            n += 1
            return parties[n + 3]
        }
        // Open cases, their steps running from recent dates.
        // Closed cases across the holidays: approved Fri 2026-02-13, the notice due 02-24 after the
        // Spring Festival (interview.md scenario 2); and a rectification across the 2026 National Day.
        // Played in date order, so case numbers follow the clue dates.
        let passed = try await play(store, cast, party(), "春节前后消防器材整改", clue: LocalDate(iso: "2026-02-10")!, upTo: "passed", ctx: ctx)
        // ST-21: its revisit a few weeks after closing feeds the year's satisfaction (ST-06).
        if let closed = try await CaseRepository(store: store).find(passed, actor: cast.officer)?.closedOn, closed.adding(days: 21) <= today {
            _ = try await RevisitRepository(store: store).record(
                caseID: passed, on: closed.adding(days: 21).iso, method: InterviewRevisit.Method.phone.rawValue,
                answer: InterviewRevisit.Answer.satisfied.rawValue, scores: ["effect": "5", "conduct": "5", "service": "4"],
                note: "灭火器已配齐并定期检查，店主对约谈和验收表示认可", actor: cast.officer, context: ctx)
        }
        _ = try await play(store, cast, party(), "国庆前后标签标识整改", clue: LocalDate(iso: "2026-09-24")!, upTo: "handedOver", category: .labelling, ctx: ctx)
        // Open cases, one in each state, their steps running from recent dates.
        _ = try await play(store, cast, party(), "计量器具未检定", clue: today.adding(days: -42), upTo: "inspection", category: .other, ctx: ctx)
        _ = try await play(store, cast, party(), "餐厅环境卫生不达标", clue: today.adding(days: -24), upTo: "rectification", category: .environment, ctx: ctx)
        _ = try await play(store, cast, party(), "噪声扰民（审批未同意）", clue: today.adding(days: -20), upTo: "rejected", category: .noise, ctx: ctx)
        _ = try await play(store, cast, party(), "商场消防通道堵塞（重大）", clue: today.adding(days: -16), upTo: "approval", major: true, ctx: ctx)
        _ = try await play(store, cast, party(), "价格标示不规范", clue: today.adding(days: -9), upTo: "interview", category: .price, ctx: ctx)
        _ = try await play(store, cast, party(), "年报未按时公示", clue: today.adding(days: -5), upTo: "notice", category: .annualReport, ctx: ctx)
        _ = try await play(store, cast, party(), "食品安全制度不健全", clue: today.adding(days: -3), upTo: "legalReview", category: .food, ctx: ctx)
        _ = try await play(store, cast, party(), "消防器材缺失", clue: today.adding(days: -1), upTo: "clue", ctx: ctx)
    }

    /// Plays one interview from the clue to `upTo`, each step on a working day after the previous one.
    static func play(_ base: Store, _ cast: Cast, _ party: PartySummary, _ title: String, clue: LocalDate, upTo target: String, major: Bool = false,
                     category: ViolationCategory = .fireEquipment, ctx: AuditContext) async throws -> UUID {
        let calendar = try await CalendarRepository(store: base).current()
        var day = clue
        func store() -> Store {
            // 10:00 Beijing on `day`.
            base.with(clock: .fixed(Date(timeIntervalSince1970: Double(day.ordinal) * 86_400 + 2 * 3600)))
        }
        func next(_ workdays: Int = 1) { day = calendar.due(from: day, count: workdays, unit: .workday).date }
        func act(_ actor: Actor, _ key: String, _ input: [String: [String]], id: UUID) async throws {
            _ = try await ProcedureRepository(store: store(), InterviewProcedure.self).perform(key, caseID: id, input: ActionInput(input), expectedVersion: nil,
                                                                                              actor: actor, context: AuditContext(actor: actor, clientAddress: nil, requestID: "demo"))
        }
        let order = ["clue", "legalReview", "approval", "notice", "interview", "rectification", "inspection", "passed", "handedOver", "rejected"]
        func reached(_ s: String) -> Bool {
            if target == "rejected" { return ["clue", "legalReview", "approval"].contains(s) }
            return (order.firstIndex(of: s) ?? 99) <= (order.firstIndex(of: target) ?? 0)
        }
        let record = try await ProcedureRepository(store: store(), InterviewProcedure.self).open(ActionInput(single: [
            "partyID": party.id.uuidString, "title": "\(party.name)\(title)", "source": "inspection", "description": "日常检查发现：\(title)",
        ]), actor: cast.officer, context: ctx)
        let id = record.id
        guard reached("legalReview") else { return id }
        next()
        var verify: [String: [String]] = [
            "facts": ["经现场检查，\(title)"], "evidence": ["现场检查笔录\n现场照片"], "provisions": ["相关法律法规"], "ground": ["first-minor"],
            "category": [major ? ViolationCategory.safetyRules.rawValue : category.rawValue], "categoryNote": [category == .other ? "计量器具" : ""],
            "necessity": ["初次违法，可通过约谈督促改正"], "notSerious": ["on"],
        ]
        if major { verify["publicSafety"] = ["on"] }
        try await act(cast.officer, "verify", verify, id: id)
        guard reached("approval") else { return id }
        next()
        try await act(cast.legal, "review", ["decision": ["pass"], "opinion": ["主体适格，事实清楚，证据充分，适用依据正确，程序合法"], "partyQualified": ["on"],
                                            "factsClear": ["on"], "evidenceSufficient": ["on"], "lawCorrect": ["on"], "procedureLawful": ["on"]], id: id)
        guard reached("notice") || target == "rejected" else { return id }
        next()
        if target == "rejected" {
            try await act(cast.deputy, "approve", ["decision": ["reject"], "opinion": ["已自行整改到位，不予约谈"]], id: id)
            return id
        }
        try await act(major ? cast.chief : cast.deputy, "approve", ["decision": ["approve"], "opinion": ["同意约谈"]], id: id)
        try await act(cast.head, "assign", ["interviewers": [cast.officer.userID.uuidString, cast.officer2.userID.uuidString],
                                            "tracker": [cast.officer.userID.uuidString]], id: id)
        guard reached("interview") else { return id }
        // The notice, issued and served by post.
        next()
        var values = InterviewTemplates.sampleValues(for: "IV-NOTICE")
        values["party.name"] = party.name
        let doc = try await DocumentService(store: store()).issue(caseID: id, templateCode: "IV-NOTICE", values: values, recipient: party.name,
                                                                    actor: cast.officer, context: ctx)
        let posted = day
        next()
        _ = try await DocumentRepository(store: store()).recordService(doc.id, ServiceRecordInput(recipient: party.name, method: .post, date: posted,
                                                                                                  mailNumber: "1187654\(100_000 + clue.ordinal % 100_000)",
                                                                                                  deliveredOn: day), actor: cast.officer, context: ctx)
        try await act(cast.officer, "serveNotice", ["scheduledOn": [calendar.due(from: day, count: 2, unit: .workday).date.iso], "place": ["中村所三楼会议室"],
                                                    "mode": ["on-site"]], id: id)
        guard reached("rectification") else { return id }
        next(2)
        let held = day
        let deadline = held.adding(days: 28)
        try await act(cast.officer, "holdInterview", [
            "heldOn": [held.iso], "mode": ["on-site"], "recorder": ["王芳"], "findings": ["\(title)，当事人对事实无异议"], "statement": ["承认违法事实，承诺按期整改"],
            "items": ["立即纠正违法行为\n建立日常自查制度\n组织员工培训"], "deadline": [deadline.iso], "certificatesShown": ["on"], "purposeStated": ["on"],
            "rightsInformed": ["on"], "refusalConsequenceInformed": ["on"], "signature": ["signed"],
        ], id: id)
        // DOC-40: the record and the rectification notice (served by post) go into the file.
        for code in ["IV-RECORD", "IV-RECTIFY"] {
            var values = InterviewTemplates.sampleValues(for: code)
            values["party.name"] = party.name
            let d = try await DocumentService(store: store()).issue(caseID: id, templateCode: code, values: values, recipient: party.name,
                                                                  actor: cast.officer, context: ctx)
            if code == "IV-RECTIFY" {
                _ = try await DocumentRepository(store: store()).recordService(d.id, ServiceRecordInput(recipient: party.name, method: .post, date: held,
                                                                                                        mailNumber: "1187655\(100_000 + held.ordinal % 100_000)",
                                                                                                        deliveredOn: held), actor: cast.officer, context: ctx)
            }
        }
        next(3)
        try await act(cast.officer, "logContact", ["on": [day.iso], "method": ["phone"], "progress": ["已着手整改，预计按期完成"]], id: id)
        guard reached("inspection") else { return id }
        day = calendar.due(before: deadline, count: 4).date
        try await act(cast.officer, "receiveReport", ["receivedOn": [day.iso], "summary": ["已完成全部整改事项，附整改前后照片"]], id: id)
        guard reached("passed") else { return id }
        next(2)
        let results = target == "handedOver" ? ["合格 已纠正", "不合格 自查制度未建立", "合格 已培训"] : ["合格 已纠正", "合格 已建立制度", "合格 已培训"]
        try await act(cast.officer, "inspect", ["on": [day.iso], "inspectors": [cast.officer.userID.uuidString, cast.officer2.userID.uuidString],
                                                "results": results], id: id)
        return id
    }
}
