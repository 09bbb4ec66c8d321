import Foundation

// The interview's demo (issue 5 item 7): interviews in every state, each played through the real
// procedure on its own dates. Two run across holidays: one across the 2026 Spring Festival (passed,
// revisited), one across the 2026 National Day (handed to penalty). Open cases are dated back from
// today. The demo users: 李明 zc_officer and 王芳 zc_officer2 (interviewers; 王芳 also legal
// review), the office head zc_head, the legal department's legal, the deputy and the chief. Each
// input names its fields through the transitions' typed fields, so a renamed field cannot drift.

extension InterviewProcedure {
    static func demoPlan(_ ctx: DemoContext) -> DemoPlan {
        guard ctx.parties.count >= 14 else { return DemoPlan() }
        let today = ctx.today
        var n = 3
        func party() -> DemoContext.Party {
            n += 1
            return ctx.parties[n]
        }
        let qualified = LocalDate(year: 2024, month: 1, day: 2) ?? today, expires = LocalDate(year: 2028, month: 12, day: 31)
        // Played in date order, so case numbers follow the clue dates.
        var cases = [demoCase(ctx, party(), "春节前后消防器材整改", clue: LocalDate(year: 2026, month: 2, day: 10) ?? today, upTo: "passed", revisit: true)]
        cases.append(demoCase(ctx, party(), "国庆前后标签标识整改", clue: LocalDate(year: 2026, month: 9, day: 24) ?? today, upTo: "handedOver", category: "labelling"))
        for (title, days, state, category, major) in [
            ("计量器具未检定", 42, "inspection", ViolationCategoryVersion.otherCode, false), ("餐厅环境卫生不达标", 24, "rectification", "environment", false),
            ("噪声扰民（审批未同意）", 20, "rejected", "noise", false), ("商场消防通道堵塞（重大）", 16, "approval", "fire-equipment", true),
            ("价格标示不规范", 9, "interview", "price", false), ("年报未按时公示", 5, "notice", "annual-report", false),
            ("食品安全制度不健全", 3, "legalReview", "food", false), ("消防器材缺失", 1, "clue", "fire-equipment", false),
        ] {
            cases.append(demoCase(ctx, party(), title, clue: today.adding(days: -days), upTo: state, major: major, category: category))
        }
        return DemoPlan(
            qualifications: [("zc_officer", interviewerQualification), ("zc_officer2", interviewerQualification), ("zc_officer2", "legal-review")].map {
                DemoPlan.Qualification($0.0, $0.1, issuer: "江城市市场监督管理局", obtainedOn: qualified, expiresOn: expires)
            },
            // Cases of 李明 with a running clock in each colour and an issued notice, for the deadlines page.
            clockCases: [DemoClockCase(title: "示例：某餐饮店食品安全线索核查", step: "verification", daysAgo: 12),
                         DemoClockCase(title: "示例：整改材料验收", step: "inspection", daysAgo: 4),
                         DemoClockCase(title: "示例：约谈后整改期限", step: "rectification", daysAgo: 0, issue: "IV-NOTICE")],
            cases: cases)
    }

    /// One interview from the clue to `upTo`, each step on a working day after the previous one.
    static func demoCase(_ ctx: DemoContext, _ party: DemoContext.Party, _ title: String, clue: LocalDate, upTo target: String, major: Bool = false,
                         category: String = "fire-equipment", revisit: Bool = false) -> DemoCase {
        let order = ["clue", "legalReview", "approval", "notice", "interview", "rectification", "inspection", "passed", "handedOver", "rejected"]
        func reached(_ s: String) -> Bool {
            if target == "rejected" { return ["clue", "legalReview", "approval"].contains(s) }
            return (order.firstIndex(of: s) ?? 99) <= (order.firstIndex(of: target) ?? 0)
        }
        var day = clue
        func next(_ workdays: Int = 1) -> LocalDate {
            day = ctx.workdays(workdays, after: day)
            return day
        }
        let officer = "zc_officer"
        var steps: [DemoStep] = [.open(as: officer, on: clue, input: [
            RecordClue.party.name: [party.id.uuidString], RecordClue.title.name: ["\(party.name)\(title)"],
            RecordClue.source.name: [ClueSource.inspection.rawValue], RecordClue.description.name: ["日常检查发现：\(title)"],
        ])]
        // DOC-40: each step's document goes into the file as the step is taken (案卷文书完整率).
        func issue(_ code: String, on day: LocalDate, served: Bool = false) {
            var values = InterviewTemplates.sampleValues(for: code)
            values["party.name"] = party.name
            steps.append(.issue(as: officer, on: day, template: code, values: values, recipient: party.name))
            if served {
                steps.append(.servePost(as: officer, on: day, recipient: party.name, posted: day, mailNumber: "11876\(code.count)\(100_000 + day.ordinal % 100_000)"))
            }
        }
        guard reached("legalReview") else { return DemoCase(steps) }
        let code = major ? "safety-rules" : category
        steps.append(.act(as: officer, on: next(), key: Verify.spec.key, input: [
            Verify.facts.name: ["经现场检查，\(title)"], Verify.evidence.name: ["现场检查笔录\n现场照片"], Verify.ground.name: [InterviewGround.firstMinor.rawValue],
            // PLT-16: the category from the shipped tree, its legal basis as the provisions violated.
            Verify.provisions.name: [ViolationCategoryVersion.shipped.node(code)?.legalBasis ?? "相关法律法规"],
            Verify.category.name: [code], Verify.categoryNote.name: [code == ViolationCategoryVersion.otherCode ? "计量器具" : ""],
            Verify.necessity.name: ["初次违法，可通过约谈督促改正"], Verify.notSerious.name: ["on"], Verify.publicSafety.name: [major ? "on" : ""],
        ]))
        issue("IV-CLUE-REPORT", on: day)
        guard reached("approval") else { return DemoCase(steps) }
        steps.append(.act(as: "legal", on: next(), key: Review.spec.key, input: ticked(Review.points).merging([
            Review.decision.name: [Review.Decision.pass.rawValue], Review.opinion.name: ["主体适格，事实清楚，证据充分，适用依据正确，程序合法"],
        ]) { $1 }))
        issue("IV-LEGAL-REVIEW", on: day)
        guard reached("notice") || target == "rejected" else { return DemoCase(steps) }
        if target == "rejected" {
            steps.append(.act(as: "deputy", on: next(), key: Approve.spec.key, input: [
                Approve.decision.name: [Approve.Decision.reject.rawValue], Approve.opinion.name: ["已自行整改到位，不予约谈"],
            ]))
            issue("IV-APPROVAL", on: day)
            return DemoCase(steps)
        }
        steps.append(.act(as: major ? "chief" : "deputy", on: next(), key: Approve.spec.key, input: [
            Approve.decision.name: [Approve.Decision.approve.rawValue], Approve.opinion.name: ["同意约谈"],
        ]))
        issue("IV-APPROVAL", on: day)
        steps.append(.act(as: "zc_head", on: day, key: Assign.spec.key, input: [
            Assign.interviewers.name: [ctx.user(officer), ctx.user("zc_officer2")], Assign.tracker.name: [ctx.user(officer)],
        ]))
        guard reached("interview") else { return DemoCase(steps) }
        // The notice, issued and served by post.
        var values = InterviewTemplates.sampleValues(for: "IV-NOTICE")
        values["party.name"] = party.name
        let posted = next()
        steps.append(.issue(as: officer, on: posted, template: "IV-NOTICE", values: values, recipient: party.name))
        steps.append(.servePost(as: officer, on: next(), recipient: party.name, posted: posted, mailNumber: "1187654\(100_000 + clue.ordinal % 100_000)"))
        steps.append(.act(as: officer, on: day, key: ServeNotice.spec.key, input: [
            ServeNotice.scheduledOn.name: [ctx.workdays(2, after: day).iso], ServeNotice.place.name: ["中村所三楼会议室"],
            modeField.name: [InterviewFacts.Mode.onSite.rawValue],
        ]))
        guard reached("rectification") else { return DemoCase(steps) }
        let held = next(2), deadline = held.adding(days: 28)
        steps.append(.act(as: officer, on: held, key: HoldInterview.spec.key, input: ticked(HoldInterview.acts.map(\.field)).merging([
            HoldInterview.heldOn.name: [held.iso], modeField.name: [InterviewFacts.Mode.onSite.rawValue], HoldInterview.recorder.name: ["王芳"],
            HoldInterview.findings.name: ["\(title)，当事人对事实无异议"], HoldInterview.statement.name: ["承认违法事实，承诺按期整改"],
            HoldInterview.items.name: ["立即纠正违法行为\n建立日常自查制度\n组织员工培训"], HoldInterview.deadline.name: [deadline.iso],
            HoldInterview.signature.name: [HoldInterview.Signature.signed.rawValue],
        ]) { $1 }))
        // DOC-40: the record and the rectification notice (served by post) go into the file.
        for code in ["IV-RECORD", "IV-RECTIFY"] {
            var values = InterviewTemplates.sampleValues(for: code)
            values["party.name"] = party.name
            steps.append(.issue(as: officer, on: held, template: code, values: values, recipient: party.name))
        }
        steps.append(.servePost(as: officer, on: held, recipient: party.name, posted: held, mailNumber: "1187655\(100_000 + held.ordinal % 100_000)"))
        let contacted = next(3)
        steps.append(.act(as: officer, on: contacted, key: LogContact.spec.key, input: [
            LogContact.on.name: [contacted.iso], LogContact.method.name: [LogContact.Method.phone.rawValue], LogContact.progress.name: ["已着手整改，预计按期完成"],
        ]))
        guard reached("inspection") else { return DemoCase(steps) }
        day = ctx.calendar.due(before: deadline, count: 4).date
        steps.append(.act(as: officer, on: day, key: ReceiveReport.spec.key, input: [
            ReceiveReport.receivedOn.name: [day.iso], ReceiveReport.summary.name: ["已完成全部整改事项，附整改前后照片"],
        ]))
        guard reached("passed") else { return DemoCase(steps) }
        let inspected = next(2)
        let results = target == "handedOver" ? ["合格 已纠正", "不合格 自查制度未建立", "合格 已培训"] : ["合格 已纠正", "合格 已建立制度", "合格 已培训"]
        steps.append(.act(as: officer, on: inspected, key: Inspect.spec.key, input: [
            Inspect.on.name: [inspected.iso], Inspect.inspectors.name: [ctx.user(officer), ctx.user("zc_officer2")], Inspect.results.name: results,
        ]))
        issue("IV-INSPECTION", on: inspected, served: true)
        if target == "passed" { issue("IV-PASS", on: inspected, served: true) }
        // ST-21: a revisit three weeks after closing feeds the year's satisfaction (ST-06).
        if revisit, inspected.adding(days: 21) <= ctx.today {
            steps.append(.revisit(as: officer, on: inspected.adding(days: 21), method: "phone", answer: "satisfied",
                                  scores: ["effect": "5", "conduct": "5", "service": "4"], note: "灭火器已配齐并定期检查，店主对约谈和验收表示认可"))
        }
        return DemoCase(steps)
    }

    /// Every box of `fields` ticked, as a form submits them.
    static func ticked(_ fields: [TypedField<Bool>]) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.name, ["on"]) })
    }
}
