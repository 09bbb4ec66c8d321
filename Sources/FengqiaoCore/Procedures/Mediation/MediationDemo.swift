import Foundation

// The mediation demo (issue 15 item 9): disputes in every state, written against the demo bureau's
// 行政调解中心 (TJZX) and 中村所 (ZC) — one dispatched and returned across the National Day and then
// terminated, a joint mediation, a major dispute over the Spring Festival, an agreement performed
// and revisited by the centre, and the window's fresh registrations.

extension MediationProcedure {
    /// The roles mediation.md names that the bureau's users do not cover.
    static let demoUsers = [
        DemoUser("tj_clerk", "何窗口", unit: "TJZX", role: "mediation-clerk"),
        DemoUser("tj_centre", "郑中心", unit: "TJZX", role: "mediation-centre"),
        DemoUser("tj_director", "钱主任", unit: "BGS", role: "mediation-director"),
    ]

    static func demoPlan(_ ctx: DemoContext) -> DemoPlan {
        // The centre's window registers the parties that walk in (its own, in its scope).
        let walkIns = ctx.unitParties["TJZX"] ?? []
        let people = walkIns.filter { $0.kind == .person }, businesses = walkIns.filter { $0.kind != .person }
        guard people.count >= 6, businesses.count >= 12, ctx.users["tj_centre"] != nil, ctx.users["tj_director"] != nil else { return DemoPlan() }
        let today = ctx.today, cal = ctx.calendar
        // Two consecutive terms (连选连任, MD-03) from 5 January last year, trained on the 10th (MD-04).
        let firstTerm = LocalDate(year: today.year - 1, month: 1, day: 5) ?? today
        let secondTerm = MediatorEligibility.termEnd(start: firstTerm).adding(days: 1)
        let trained = firstTerm.adding(days: 5)
        let mediators = ["mediator", "zc_officer", "zc_officer2", "tj_centre"]
        let qualifications = mediators.flatMap { login in
            [DemoPlan.Qualification(login, MediatorEligibility.termKind, issuer: "江城市市场监督管理局行政调解工作领导小组", obtainedOn: firstTerm,
                                    expiresOn: MediatorEligibility.termEnd(start: firstTerm)),
             DemoPlan.Qualification(login, MediatorEligibility.termKind, issuer: "江城市市场监督管理局行政调解工作领导小组（续聘）", obtainedOn: secondTerm,
                                    expiresOn: MediatorEligibility.termEnd(start: secondTerm)),
             DemoPlan.Qualification(login, MediatorEligibility.trainingKind, issuer: "江城市市场监督管理局法制科（岗前培训考核合格）", obtainedOn: trained, expiresOn: nil),
             // MD-01: the units' lists filed with 法制科 on the first term's day.
             DemoPlan.Qualification(login, MediatorEligibility.filedKind, issuer: "江城市市场监督管理局法制科（调解员名单备案）", obtainedOn: firstTerm, expiresOn: nil)]
        }
        func wd(_ n: Int, _ day: LocalDate) -> LocalDate { n >= 0 ? ctx.workdays(n, after: day) : (0..<(-n)).reduce(day) { d, _ in cal.previousWorkday(onOrBefore: d.adding(days: -1)) } }
        func open(_ i: Int, on day: LocalDate, _ claim: String, object: String, nature: MediationNature = .contract, scope: MediationScope = .civil,
                  amount: Int = 5000, source: MediationSource = .visit, respondent: Int? = nil) -> DemoStep {
            var input: [String: [String]] = [
                Register.source.name: [source.rawValue], Register.providerName.name: [people[i % people.count].name],
                Register.providerRelation.name: ["申请人本人"], Register.applicant.name: [people[i % people.count].id.uuidString],
                Register.respondent.name: [businesses[(respondent ?? i + 5) % businesses.count].id.uuidString], Register.objectKind.name: [MediationObjectKind.contract.rawValue],
                Register.objectDescription.name: [object], Register.amount.name: [String(amount)], Register.nature.name: [nature.rawValue],
                Register.scope.name: [scope.rawValue], Register.claim.name: [claim], Register.location.name: ["江城区中村街道"],
            ]
            if scope.administrative { input[Register.disputedUnit.name] = ["ZFK"] }
            return .open(as: "tj_clerk", on: day, input: input)
        }
        func act(_ login: String, _ day: LocalDate, _ key: String, _ input: [String: String] = [:]) -> DemoStep {
            .act(as: login, on: day, key: key, input: input.mapValues { [$0] })
        }
        func consents(_ login: String, _ day: LocalDate) -> [DemoStep] {
            [act(login, day, RecordConsent.spec.key, [RecordConsent.side.name: MediationSide.applicant.rawValue, RecordConsent.on.name: day.iso,
                                                     RecordConsent.form.name: ConsentForm.written.rawValue]),
             act(login, day, RecordConsent.spec.key, [RecordConsent.side.name: MediationSide.respondent.rawValue, RecordConsent.on.name: day.iso,
                                                     RecordConsent.form.name: ConsentForm.oralRecord.rawValue])]
        }
        func withdraw(_ day: LocalDate, _ reason: String) -> DemoStep {
            act("mediator", day, ConcludeWithoutAgreement.spec.key, [ConcludeWithoutAgreement.ending.name: PlainEnding.withdrawn.rawValue,
                ConcludeWithoutAgreement.on.name: day.iso, ConcludeWithoutAgreement.investigation.name: reason, ConcludeWithoutAgreement.result.name: "申请人撤回调解申请"])
        }
        func atCentre(_ day: LocalDate) -> [DemoStep] {
            [act("tj_centre", day, MediateAtCentre.spec.key), act("tj_centre", day, AssignMediators.spec.key, [AssignMediators.mediators.name: ctx.user("mediator")])]
        }
        func dispatchToZC(_ day: LocalDate, approved: LocalDate) -> [DemoStep] {
            [act("tj_centre", day, ProposeDispatch.spec.key, [ProposeDispatch.unit.name: "ZC", ProposeDispatch.basis.name: "经营场所在中村所辖区，合同格式条款监管属中村所职责（谁主管谁负责）"]),
             act("tj_director", approved, ApproveDispatch.spec.key, [ApproveDispatch.verdict.name: DispatchVerdict.approve.rawValue]),
             act("zc_head", approved, AssignMediators.spec.key, [AssignMediators.mediators.name: "\(ctx.user("zc_officer"))\n\(ctx.user("zc_officer2"))"])]
        }
        func session(_ login: String, _ day: LocalDate, place: String = "行政调解中心调解室") -> DemoStep {
            act(login, day, HoldSession.spec.key, [HoldSession.on.name: day.iso, HoldSession.place.name: place,
                                                   HoldSession.attendees.name: "申请人本人\n被申请人委托代理人\n调解员", HoldSession.record.name: "双方陈述纠纷经过，调解员核对合同及付款凭证，释明相关法律规定。"])
        }
        func agree(_ login: String, _ day: LocalDate, due: LocalDate) -> [DemoStep] {
            [.issueFromCase(as: login, on: day, template: "MD-AGREEMENT", values: [
                "agreement.terms": "一、被申请人返还申请人多收款项；二、被申请人向申请人赔礼道歉。",
                "agreement.obligations": "被申请人：返还多收款项，于\(due.chinese)前履行"]),
             .servePost(as: login, on: day, recipient: "", posted: day, mailNumber: "当场签收"),
             act(login, day, ConcludeAgreement.spec.key, [
                ConcludeAgreement.signedOn.name: day.iso, ConcludeAgreement.terms.name: "被申请人返还多收款项并赔礼道歉",
                ConcludeAgreement.obligations.name: "被申请人|返还多收款项|\(due.iso)", ConcludeAgreement.investigation.name: "核对合同、付款凭证，多收费用属实",
                ConcludeAgreement.result.name: "双方自愿达成调解协议", ConcludeAgreement.allSigned.name: "on", ConcludeAgreement.checklist.name: "on"])]
        }

        // The National Day of the latest October past: dispatched before it, returned after it, terminated.
        let octYear = today.month >= 11 ? today.year : today.year - 1
        let beforeHoliday = cal.previousWorkday(onOrBefore: LocalDate(year: octYear, month: 9, day: 30) ?? today)
        let registeredSep = wd(-3, beforeHoliday), afterHoliday = cal.nextWorkday(onOrAfter: LocalDate(year: octYear, month: 10, day: 1) ?? today)
        // The Spring Festival of this year (or last, if not yet past): the first week-long rest in Jan–Mar.
        func springFestival(_ year: Int) -> LocalDate? {
            guard let first = LocalDate(year: year, month: 1, day: 10) else { return nil }
            return (0..<70).lazy.map { first.adding(days: $0) }.first { d in (0..<7).allSatisfy { !cal.isWorkday(d.adding(days: $0)) } }
        }
        let festival = springFestival(today.year).flatMap { $0.adding(days: 40) < today ? $0 : nil } ?? springFestival(today.year - 1) ?? today.adding(days: -300)
        // Flagged the working day before the last one before the holiday, so the 专题报告 is due on that last day (MD-33).
        let lastBefore = cal.previousWorkday(onOrBefore: festival.adding(days: -1)), reopened = cal.nextWorkday(onOrAfter: festival)
        let flagged = cal.previousWorkday(onOrBefore: lastBefore.adding(days: -1))
        let agreedMajor = wd(5, reopened)

        let recent = wd(-12, today), older = wd(-30, today)
        return DemoPlan(qualifications: qualifications, cases: [
            // MD-48: the same beauty salon twice before — another customer's withdrawn request six weeks ago, and this applicant's
            // own four working days ago, withdrawn to negotiate first — so today's registration is its third in 90 days (多发矛盾)
            // and the same parties and object again within 7 days (a warning linking the earlier one).
            DemoCase([open(12, on: wd(-30, today), "要求美容店退还预付卡余额1800元", object: "美容预付卡服务合同", respondent: 5)] + atCentre(wd(-30, today))
                     + [withdraw(wd(-29, today), "美容店已退还余额")]),
            DemoCase([open(0, on: wd(-4, today), "要求美容店退还预付卡余额3200元", object: "美容预付卡服务合同", source: .call)] + atCentre(wd(-4, today))
                     + [withdraw(wd(-3, today), "申请人表示先与美容店自行协商")]),
            // 已登记待分流: registered at the window today.
            DemoCase([open(0, on: today, "要求美容店退还预付卡余额3200元", object: "美容预付卡服务合同", source: .call)]),
            // 分流待审批: proposed to 中村所 yesterday.
            DemoCase([open(1, on: wd(-1, today), "要求家具店更换开裂的餐桌或退款", object: "实木餐桌买卖", source: .visit),
                      act("tj_centre", wd(-1, today), ProposeDispatch.spec.key, [ProposeDispatch.unit.name: "ZC", ProposeDispatch.basis.name: "商品质量纠纷，经营者在中村所辖区"])]),
            // 待受理: dispatched and approved, one party has consented.
            DemoCase([open(2, on: wd(-3, today), "要求驾校退还未培训部分学费", object: "驾驶培训服务合同")] + dispatchToZC(wd(-3, today), approved: wd(-2, today))
                     + [act("zc_officer", wd(-1, today), RecordConsent.spec.key, [RecordConsent.side.name: MediationSide.applicant.rawValue,
                                                                                 RecordConsent.on.name: wd(-1, today).iso, RecordConsent.form.name: ConsentForm.written.rawValue])]),
            // 调解中: at the centre, one session held.
            DemoCase([open(3, on: wd(-6, today), "要求装修公司修复墙面开裂并退还增项费用", object: "住房装修工程合同", amount: 38000)] + atCentre(wd(-6, today))
                     + consents("mediator", wd(-5, today)) + [session("mediator", wd(-2, today))]),
            // 中止计时: waiting for an appraisal of the goods.
            DemoCase([open(4, on: recent, "要求电器店退还故障空调货款", object: "空调买卖", nature: .quality, amount: 4600)] + atCentre(recent)
                     + consents("mediator", wd(1, recent)) + [act("mediator", wd(3, recent), SuspendMediation.spec.key, [
                        SuspendMediation.reason.name: MediationPauseReason.appraisal.rawValue, SuspendMediation.from.name: wd(3, recent).iso])]),
            // 会办: the leading group's decision, the joint meeting's minutes, a joint session.
            DemoCase([open(5, on: recent, "32户业主要求物业公司退还多收的公共能耗费", object: "物业服务收费", nature: .price, amount: 96000)]
                     + [act("chief", wd(1, recent), DecideJoint.spec.key, [DecideJoint.decisionRef.name: "江市监调领〔\(today.year)〕2号", DecideJoint.units.name: "ZC\nZFK"]),
                        act("tj_centre", wd(1, recent), AssignMediators.spec.key, [AssignMediators.mediators.name: ctx.user("mediator")])]
                     + consents("mediator", wd(2, recent))
                     + [act("tj_centre", wd(3, recent), RecordJointMeeting.spec.key, [RecordJointMeeting.heldOn.name: wd(3, recent).iso,
                                                                                     RecordJointMeeting.minutes.name: "局长室牵头；中村所核查收费台账；业务执法科审查收费依据；调解中心组织调解。"]),
                        session("mediator", wd(4, recent), place: "局三楼会议室")]),
            // 回流 across the National Day, then terminated by the centre; the notice waits to be served.
            DemoCase([open(6, on: registeredSep, "要求培训机构退还课程费用", object: "课外培训服务合同", amount: 12800)] + dispatchToZC(registeredSep, approved: wd(1, registeredSep))
                     + consents("zc_officer", beforeHoliday) + [session("zc_officer", afterHoliday, place: "中村所调解室"),
                        act("zc_officer", wd(1, afterHoliday), ReturnToCentre.spec.key, [ReturnToCentre.reason.name: "被申请人明确表示不接受任何退费方案，无法达成协议",
                                                                                         ReturnToCentre.attempts.name: "节前征得双方同意，节后组织调解一次"]),
                        act("tj_centre", wd(3, afterHoliday), DecideTermination.spec.key, [DecideTermination.reason.name: "经调解双方分歧较大，未能达成协议",
                            "remedies": MediationRemedy.civilSuit.rawValue + "\n" + MediationRemedy.otherMediation.rawValue,
                            DecideTermination.investigation.name: "核对培训合同及缴费凭证，调解一次", DecideTermination.result.name: "调解不成，终止调解"])]),
            // 已回流中心: 中村所 returns a dispute whose parties declared no agreement possible (MD-17); the centre decides next.
            DemoCase([open(11, on: wd(-8, today), "要求婚纱摄影店退还定金", object: "婚纱摄影服务合同", amount: 3000)]
                     + dispatchToZC(wd(-8, today), approved: wd(-7, today)) + consents("zc_officer", wd(-6, today))
                     + [session("zc_officer", wd(-4, today), place: "中村所调解室"),
                        act("zc_officer", wd(-2, today), ReturnToCentre.spec.key, [ReturnToCentre.reason.name: "双方当事人均表示不可能达成协议",
                                                                                   ReturnToCentre.attempts.name: "组织调解一次，释明定金罚则"])]),
            // A major dispute flagged before the Spring Festival, reported, and settled by agreement after it.
            DemoCase([open(7, on: flagged, "业主要求开发商按约交房并支付违约金", object: "商品房交付", nature: .contract, amount: 640000, source: .petitionTransfer),
                      act("tj_centre", flagged, FlagMajor.spec.key, [FlagMajor.reason.name: "涉及40余户业主，存在集体上访风险"]),
                      .issueFromCase(as: "tj_centre", on: flagged, template: "MD-MAJOR", values: [
                        "major.risk": "节日期间可能发生集体上访。", "major.measures": "已安排专人对接业主代表。", "major.plan": "节后第一个工作日组织会商。"]),
                      act("tj_centre", lastBefore, SubmitMajorReport.spec.key),
                      // MD-33: the 工作预案 before the next session.
                      act("tj_centre", lastBefore, RecordMajorPlan.spec.key, [RecordMajorPlan.plan.name: "节后第一个工作日组织会商，分组接待业主代表，联系街道做好稳控"])]
                     + atCentre(flagged) + consents("mediator", reopened)
                     + [session("mediator", wd(2, reopened))] + agree("mediator", agreedMajor, due: wd(10, agreedMajor))
                     // MD-33: the 效能评估 within 30 日 of the conclusion.
                     + [act("tj_centre", wd(12, agreedMajor), EvaluateMajor.spec.key, [EvaluateMajor.evaluation.name: "协议已按期履行，业主未再集体上访；节前预案和专人对接有效"])]),
            // 已结案: an agreement performed, checked, reported and revisited by the centre.
            DemoCase([open(8, on: older, "要求健身房退还剩余会员费", object: "健身服务合同", amount: 2600)] + atCentre(older) + consents("mediator", wd(1, older))
                     + [session("mediator", wd(3, older))] + agree("mediator", wd(4, older), due: wd(8, older))
                     + [act("mediator", wd(9, older), CheckPerformance.spec.key, [CheckPerformance.status.name: MediationObligation.Status.performed.rawValue]),
                        .revisit(as: "tj_centre", on: wd(12, older), method: "phone", answer: "satisfied",
                                 scores: ["performance": "5", "attitude": "5", "law": "4", "procedure": "5"], note: "已按协议收到退款，对调解员态度和调解程序满意")]),
            // 已结案: the applicant withdrew.
            DemoCase([open(9, on: older, "要求快递网点赔偿丢失的包裹", object: "快递服务合同", amount: 900)] + atCentre(older)
                     + [act("mediator", wd(2, older), ConcludeWithoutAgreement.spec.key, [ConcludeWithoutAgreement.ending.name: PlainEnding.withdrawn.rawValue,
                        ConcludeWithoutAgreement.on.name: wd(2, older).iso, ConcludeWithoutAgreement.investigation.name: "快递网点已主动赔偿",
                        ConcludeWithoutAgreement.result.name: "申请人撤回调解申请"])]),
            // 不予受理: a neighbours' dispute outside the bureau's functions.
            DemoCase([open(10, on: wd(-2, today), "要求邻居拆除占用公共通道的杂物", object: "邻里通行纠纷", nature: .other, amount: 0),
                      act("tj_centre", wd(-2, today), DeclineRequest.spec.key, [DeclineRequest.reason.name: "邻里通行纠纷与市场监管职能无关",
                                                                               DeclineRequest.channel.name: "向所在社区人民调解委员会申请调解"])]),
        ])
    }
}
