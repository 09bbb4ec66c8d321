import Foundation

/// 行政约谈 — interview.md (IV-01…IV-22), seed 003. Reads like its spec page: the states, then each
/// transition with its permission, input, guards and clocks (rule-set `interview` step keys).
public enum InterviewProcedure: Procedure {
    public typealias Facts = InterviewFacts

    public static let caseType = "interview"
    public static let nameZH = "行政约谈"
    public static let ruleSetKey = "interview"
    public static let caseTypeWord = "约案"

    public static let states: [(key: String, nameZH: String)] = [
        ("clue", "线索核查"), ("legalReview", "法制审核"), ("approval", "审批"), ("notice", "通知送达"), ("interview", "实施约谈"),
        ("rectification", "整改"), ("inspection", "整改验收"), ("passed", "验收合格结案"), ("handedOver", "移交行政处罚"),
        ("rejected", "不予约谈"), ("transferred", "移送司法机关"),
    ]
    public static let terminalStates: Set<String> = ["passed", "handedOver", "rejected", "transferred"]
    static let openStates: Set<String> = ["clue", "legalReview", "approval", "notice", "interview", "rectification", "inspection"]

    /// Qualification kinds (PLT-02) the interview rules name.
    public static let interviewerQualification = "interviewer"
    public static let legalQualification = "legal-review"

    // MARK: Transitions

    static let sourceOptions = ClueSource.allCases.map { InputOption($0.rawValue, $0.nameZH) }
    static let categoryOptions = ViolationCategory.allCases.map { InputOption($0.rawValue, $0.nameZH) }
    static let groundOptions = InterviewGround.allCases.map { InputOption($0.rawValue, $0.nameZH) }
    static let modeOptions = InterviewFacts.Mode.allCases.map { InputOption($0.rawValue, $0.nameZH) }

    public static let creation = TransitionSpec("recordClue", "登记约谈线索", from: [], permissions: [.interviewHandle], fields: [
        InputField("partyID", "当事人", .party),
        InputField("title", "案件名称", .text, help: "例如：某某超市消防器材缺失"),
        InputField("source", "线索来源", .choice, options: sourceOptions),
        InputField("description", "线索内容", .textarea),
        InputField("discoveredOn", "线索登记日期", .date, required: false, help: "默认为今天"),
    ], rule: "IV-01")

    public static let verify = TransitionSpec("verify", "提交核查报告（约谈线索核实报告、审批表）", from: ["clue"], permissions: [.interviewHandle], fields: [
        InputField("facts", "核查认定的事实", .textarea),
        InputField("evidence", "证据清单（每行一项）", .lines),
        InputField("provisions", "违反的法律条款", .text),
        InputField("ground", "约谈事由（IV-02）", .choice, options: groundOptions),
        InputField("category", "违法行为类别", .choice, options: categoryOptions),
        InputField("categoryNote", "类别说明（选“其他”时填写）", .text, required: false),
        InputField("necessity", "约谈必要性", .textarea),
        InputField("keyEnterprise", "涉及重点企业（重大）", .checkbox, required: false),
        InputField("groupIncident", "可能引发群体性事件（重大）", .checkbox, required: false),
        InputField("publicSafety", "涉及重大公共安全或社会高度关注（重大）", .checkbox, required: false),
        InputField("urgent", "紧急案件（24小时内约谈）", .checkbox, required: false),
        InputField("notSerious", "确认：违法行为不属于情节严重、可能造成重大危害或需立即采取强制措施的情形", .checkbox, required: false),
        InputField("penaltyRequired", "法律规定应当直接给予行政处罚", .checkbox, required: false),
        InputField("refusedBefore", "当事人曾明确拒绝约谈或无正当理由不到场", .checkbox, required: false),
    ], rule: "IV-03")

    public static let review = TransitionSpec("review", "法制审核", from: ["legalReview"], permissions: [.legalReview], fields: [
        InputField("decision", "审核结论", .choice, options: [InputOption("pass", "通过"), InputOption("return", "退回补正")]),
        InputField("opinion", "审核意见", .textarea),
        InputField("partyQualified", "主体适格", .checkbox, required: false),
        InputField("factsClear", "事实清楚", .checkbox, required: false),
        InputField("evidenceSufficient", "证据充分", .checkbox, required: false),
        InputField("lawCorrect", "适用依据正确", .checkbox, required: false),
        InputField("procedureLawful", "程序合法", .checkbox, required: false),
    ], rule: "IV-11")

    public static let approve = TransitionSpec("approve", "审批", from: ["approval"],
                                               permissions: [.interviewApproveOrdinary, .interviewApproveMajor], fields: [
        InputField("decision", "审批决定", .choice, options: [InputOption("approve", "同意约谈"), InputOption("reject", "不同意约谈")]),
        InputField("opinion", "审批意见", .textarea),
        InputField("meetingOn", "领导小组集体决策会议日期（重大案件）", .date, required: false),
        InputField("members", "出席成员（每行一人）", .lines, required: false),
    ], rule: "IV-10")

    public static let assign = TransitionSpec("assign", "指派约谈人员和整改跟踪人", from: ["clue", "legalReview", "approval", "notice", "interview"],
                                              permissions: [.caseAssign], fields: [
        InputField("interviewers", "约谈人员（两名）", .users),
        InputField("tracker", "整改跟踪人", .user),
    ], rule: "IV-12")

    public static let serveNotice = TransitionSpec("serveNotice", "约谈通知已送达，确定约谈安排", from: ["notice"], permissions: [.interviewHandle], fields: [
        InputField("scheduledOn", "约谈日期", .date),
        InputField("place", "约谈地点", .text),
        InputField("mode", "约谈方式（IV-16）", .choice, options: modeOptions),
    ], rule: "DOC-31")

    public static let holdInterview = TransitionSpec("holdInterview", "实施约谈（行政约谈记录）", from: ["interview"], permissions: [.interviewHandle], fields: [
        InputField("heldOn", "约谈日期", .date),
        InputField("mode", "约谈方式（IV-16）", .choice, options: modeOptions),
        InputField("recorder", "记录人", .text),
        InputField("agent", "委托代理人（附授权委托书）", .text, required: false),
        InputField("experts", "邀请的专家或技术人员（每行一人，IV-23）", .lines, required: false),
        InputField("findings", "查明的事实（违法行为、条款、证据）", .textarea),
        InputField("statement", "当事人陈述、申辩及承诺", .textarea),
        InputField("items", "整改事项（每行一项）", .lines),
        InputField("deadline", "整改期限", .date, help: "自约谈之日起不超过30日（IV-17）"),
        InputField("certificatesShown", "已出示执法证件", .checkbox, required: false),
        InputField("purposeStated", "已说明约谈目的和依据", .checkbox, required: false),
        InputField("rightsInformed", "已告知当事人陈述、申辩的权利", .checkbox, required: false),
        InputField("refusalConsequenceInformed", "已告知拒不整改的后果", .checkbox, required: false),
        InputField("signature", "当事人签名", .choice, options: [InputOption("signed", "当事人已签名"), InputOption("refused", "当事人拒绝签名")]),
        InputField("witnesses", "见证人（拒签时两名，每行一人）", .lines, required: false),
    ], rule: "IV-13")

    public static let recordAbsence = TransitionSpec("recordAbsence", "当事人拒绝约谈或无正当理由不到场", from: ["interview"], permissions: [.interviewHandle], fields: [
        InputField("on", "日期", .date),
        InputField("reason", "情况说明", .textarea),
    ], rule: "IV-20")

    public static let logContact = TransitionSpec("logContact", "整改跟踪记录（整改跟踪台账）", from: ["rectification"], permissions: [.interviewHandle], fields: [
        InputField("on", "日期", .date),
        InputField("method", "方式", .choice, options: [InputOption("phone", "电话询问"), InputOption("on-site", "现场检查"), InputOption("documents", "查阅资料")]),
        InputField("progress", "整改进展", .textarea),
        InputField("problems", "存在问题", .textarea, required: false),
        InputField("difficult", "整改难度大或周期长，需加密跟踪", .checkbox, required: false),
    ], rule: "IV-18")

    public static let receiveReport = TransitionSpec("receiveReport", "收到整改报告", from: ["rectification"], permissions: [.interviewHandle], fields: [
        InputField("receivedOn", "收到日期", .date),
        InputField("summary", "整改报告摘要（整改前后照片、检测报告、制度等）", .textarea),
    ], rule: "CAL-14")

    public static let inspect = TransitionSpec("inspect", "整改验收", from: ["inspection"], permissions: [.interviewHandle], fields: [
        InputField("on", "验收日期", .date),
        InputField("inspectors", "验收人员（至少两名）", .users),
        InputField("results", "逐项结论（每行一项，依次以“合格”或“不合格”开头）", .lines),
    ], rule: "IV-19")

    public static let handToPenalty = TransitionSpec("handToPenalty", "移交行政处罚", from: ["clue", "rectification", "inspection"],
                                                     permissions: [.interviewHandle], fields: [
        InputField("reason", "移交理由", .textarea),
    ], rule: "IV-04")

    public static let transferCrime = TransitionSpec("transferCrime", "涉嫌犯罪移送公安机关", from: openStates, permissions: [.interviewHandle], fields: [
        InputField("on", "移送日期", .date),
        InputField("authority", "接收机关", .text),
        InputField("summary", "涉嫌犯罪线索", .textarea),
    ], rule: "IV-21")

    public static let recordMediaReport = TransitionSpec("recordMediaReport", "登记媒体反映（48小时内回应）", from: openStates.union(terminalStates),
                                                         permissions: [.interviewHandle], fields: [
        InputField("reportedOn", "媒体报道日期", .date),
        InputField("outlet", "媒体名称", .text),
        InputField("summary", "反映的问题", .textarea),
    ], rule: "IV-25")

    public static let respondMedia = TransitionSpec("respondMedia", "媒体回应", from: openStates.union(terminalStates), permissions: [.interviewHandle], fields: [
        InputField("on", "回应日期", .date),
        InputField("response", "回应内容", .textarea),
    ], rule: "IV-25")

    public static let recordObservation = TransitionSpec("recordObservation", "登记监督团观摩（人大代表、政协委员、律师）", from: ["interview", "rectification"],
                                                         permissions: [.interviewHandle], fields: [
        InputField("on", "观摩日期", .date),
        InputField("observers", "观摩人员及身份（每行一人）", .lines),
        InputField("opinions", "监督意见", .textarea),
    ], rule: "IV-25")

    public static let transitions: [TransitionSpec] = [
        verify, review, approve, assign, serveNotice, holdInterview, recordAbsence, logContact, receiveReport, inspect, handToPenalty, transferCrime,
        recordMediaReport, respondMedia, recordObservation,
    ]

    // MARK: Creation

    public static func create(_ input: ActionInput, context: ProcedureContext) -> (title: String, gravity: Gravity, partyIDs: [UUID], facts: InterviewFacts,
                                                                                      clocks: [ClockEffect]) {
        let party = input.uuid("partyID")!
        let on = input.date("discoveredOn") ?? context.today
        let facts = InterviewFacts(partyID: party, partyName: context.partyNames[party] ?? "",
                                   clue: .init(source: ClueSource(rawValue: input.text("source")!)!, description: input.text("description")!,
                                               discoveredOn: on, recordedBy: context.actor.userID))
        // Step 2: verification within 3 working days of the clue; §5.3: the interview starts within 15.
        return (input.text("title")!, .ordinary, [party], facts, [.start(step: "verification", on: on), .start(step: "startTimeliness", on: on)])
    }

    public static func referencedUsers(_ t: TransitionSpec, input: ActionInput, facts: InterviewFacts?) -> [UUID] {
        var ids = input.uuids("interviewers") + input.uuids("inspectors") + [input.uuid("tracker")].compactMap { $0 }
        if let f = facts { ids += f.interviewers }
        return Array(Set(ids))
    }

    // MARK: Guards

    public static func preconditions(_ t: TransitionSpec, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
        let f = c.facts
        let me = context.actor.userID
        var v: [FieldError] = []
        switch t.key {
        case review.key:
            // IV-11: the proposer may not review their own proposal.
            if f.proposer == me {
                v.append(FieldError(field: "actor", rule: "IV-11", code: "interview.review.proposer", messageZH: "提出约谈建议的人员不能进行法制审核"))
            }
        case approve.key:
            // IV-11: neither the proposer nor the legal reviewer of the same case may approve.
            if f.proposer == me {
                v.append(FieldError(field: "actor", rule: "IV-11", code: "interview.approve.proposer", messageZH: "提出约谈建议的人员不能审批本案"))
            }
            if f.reviews.contains(where: { $0.by == me }) {
                v.append(FieldError(field: "actor", rule: "IV-11", code: "interview.approve.reviewer", messageZH: "本案的法制审核人员不能审批本案"))
            }
        case serveNotice.key:
            // DOC-31: only a served notice starts the interview clock.
            if let notice = context.document("IV-NOTICE") {
                if notice.servedOn == nil {
                    v.append(FieldError(field: "IV-NOTICE", rule: "DOC-31", code: "interview.notice.unserved",
                                        messageZH: "《行政约谈通知书》（\(notice.number)）尚未送达，请先登记送达回证"))
                }
            } else {
                v.append(FieldError(field: "IV-NOTICE", rule: "DOC-31", code: "interview.notice.missing", messageZH: "尚未制发《行政约谈通知书》"))
            }
            v += interviewerRules(f.interviewers, on: context.today, case: c, context: context, field: "interviewers")
        case holdInterview.key:
            if !f.interviewers.contains(me) {
                v.append(FieldError(field: "actor", rule: "IV-12", code: "interview.actor.not-interviewer", messageZH: "只有指派的约谈人员可以录入约谈记录"))
            }
        case handToPenalty.key:
            // IV-04: from the clue when the interview is excluded (IV-03), the officer decides with a
            // reason; during rectification only once the deadline has passed (step 11b).
            if c.state == "rectification", let deadline = f.record?.deadline, context.today <= deadline {
                v.append(FieldError(field: "state", rule: "IV-04", code: "interview.handoff.not-overdue",
                                    messageZH: "整改期限（\(deadline.chinese)）尚未届满，不能以逾期为由移交处罚"))
            }
        case respondMedia.key:
            if !f.mediaReports.contains(where: { $0.respondedOn == nil }) {
                v.append(FieldError(field: "state", rule: "IV-25", code: "interview.media.none", messageZH: "没有待回应的媒体反映"))
            }
        case recordObservation.key:
            // IV-25: the panel observes major interviews.
            if c.gravity != .major {
                v.append(FieldError(field: "state", rule: "IV-25", code: "interview.observation.major", messageZH: "监督团观摩限于重大案件的约谈"))
            }
        default:
            break
        }
        return v
    }

    public static func check(_ t: TransitionSpec, case c: ProcedureCase<InterviewFacts>?, input: ActionInput, context: ProcedureContext) -> [FieldError] {
        var v: [FieldError] = []
        switch t.key {
        case creation.key:
            if let on = input.date("discoveredOn"), on > context.today {
                v.append(FieldError(field: "discoveredOn", rule: "X-02", code: "interview.clue.future", messageZH: "线索登记日期不能晚于今天"))
            }
            if let p = input.uuid("partyID"), context.partyNames[p] == nil {
                v.append(FieldError(field: "partyID", rule: "IV-01", code: "interview.party.unknown", messageZH: "当事人不存在或不在您的管辖范围内"))
            }
        case verify.key:
            guard let c else { break }
            // IV-03 (1): a serious violation is excluded: the officer must declare it is not.
            if !input.flag("notSerious") {
                v.append(FieldError(field: "notSerious", rule: "IV-03", code: "interview.excluded.serious",
                                    messageZH: "须确认违法行为不属于情节严重、可能造成重大危害或需立即采取强制措施的情形；否则不适用约谈"))
            }
            // IV-03 (4): the law requires a penalty directly.
            if input.flag("penaltyRequired") {
                v.append(FieldError(field: "penaltyRequired", rule: "IV-03", code: "interview.excluded.penalty-required",
                                    messageZH: "法律规定应当直接给予行政处罚的，不适用约谈；可移交行政处罚（IV-04）"))
            }
            // IV-03 (3): the party refused or did not attend before.
            if input.flag("refusedBefore") {
                v.append(FieldError(field: "refusedBefore", rule: "IV-03", code: "interview.excluded.refused",
                                    messageZH: "当事人曾明确拒绝约谈或无正当理由不到场，不适用约谈；可移交行政处罚（IV-04）"))
            }
            // IV-03 (2): penalised or interviewed before for the same kind of violation — the
            // earlier cases are named.
            if let cat = input.text("category").flatMap(ViolationCategory.init(rawValue:)) {
                var probe = c.facts
                probe.verification = .init(facts: "", evidence: [], provisions: "", ground: .otherLaw, category: cat,
                                           categoryNote: input.text("categoryNote"), necessity: "", majorReasons: [], urgent: false,
                                           submittedOn: context.today, by: context.actor.userID)
                let earlier = repeatOffences(probe, context: context)
                if !earlier.isEmpty {
                    v.append(FieldError(field: "category", rule: "IV-03", code: "interview.excluded.repeat",
                                        messageZH: "当事人曾因同类违法行为（\(cat.nameZH)）被约谈或处罚：" +
                                            earlier.map { "\($0.reference)（\($0.openedOn.chinese)）" }.joined(separator: "、") + "；不适用约谈，可移交行政处罚（IV-04）"))
                }
                if cat == .other && input.text("categoryNote") == nil {
                    v.append(FieldError(field: "categoryNote", rule: "IV-03", code: "interview.category.note", messageZH: "违法行为类别为“其他”时须说明"))
                }
            }
        case review.key:
            if input.text("decision") == "pass" {
                let checks = ["partyQualified": "主体适格", "factsClear": "事实清楚", "evidenceSufficient": "证据充分", "lawCorrect": "适用依据正确",
                              "procedureLawful": "程序合法"]
                for (k, name) in checks.sorted(by: { $0.key < $1.key }) where !input.flag(k) {
                    v.append(FieldError(field: k, rule: "IV-11", code: "interview.review.check", messageZH: "审核通过须确认“\(name)”"))
                }
            }
        case approve.key:
            guard let c else { break }
            // IV-10: a major case needs the leader, or the leading group's recorded collective decision.
            if c.gravity == .major {
                let collective = input.date("meetingOn") != nil && input.list("members").count >= 3
                // (An actor with neither approval permission was already refused with PLT-03.)
                if context.actor.can(.interviewApproveOrdinary) && !context.actor.can(.interviewApproveMajor) && !collective {
                    v.append(FieldError(field: "actor", rule: "IV-10", code: "interview.approve.major",
                                        messageZH: "重大案件须由组长审批，或记录领导小组集体决策（会议日期及至少三名出席成员）"))
                }
                if input.date("meetingOn") != nil && input.list("members").count < 3 {
                    v.append(FieldError(field: "members", rule: "IV-10", code: "interview.collective.members", messageZH: "集体决策须记录至少三名出席成员"))
                }
            }
        case assign.key:
            guard let c else { break }
            v += interviewerRules(input.uuids("interviewers"), on: context.today, case: c, context: context, field: "interviewers")
            if let t = input.uuid("tracker"), context.people[t] == nil {
                v.append(FieldError(field: "tracker", rule: "IV-18", code: "interview.tracker.unknown", messageZH: "整改跟踪人不存在"))
            }
        case serveNotice.key:
            if let served = context.document("IV-NOTICE")?.servedOn, let on = input.date("scheduledOn"), on < served {
                v.append(FieldError(field: "scheduledOn", rule: "DOC-31", code: "interview.schedule.before-service", messageZH: "约谈日期不能早于通知书送达日期"))
            }
        case holdInterview.key:
            guard let c else { break }
            let held = input.date("heldOn") ?? context.today
            if held > context.today {
                v.append(FieldError(field: "heldOn", rule: "X-02", code: "interview.held.future", messageZH: "约谈日期不能晚于今天"))
            }
            // IV-12 on the interview date itself.
            v += interviewerRules(c.facts.interviewers, on: held, case: c, context: context, field: "interviewers")
            // IV-13: every act at the start of the interview is ticked.
            let acts = [("certificatesShown", "出示执法证件"), ("purposeStated", "说明约谈目的和依据"), ("rightsInformed", "告知陈述、申辩的权利"),
                        ("refusalConsequenceInformed", "告知拒不整改的后果")]
            for (k, name) in acts where !input.flag(k) {
                v.append(FieldError(field: k, rule: "IV-13", code: "interview.record.rights", messageZH: "记录须确认已“\(name)”"))
            }
            // IV-14: the party signs, or its refusal is witnessed by two.
            if input.text("signature") == "refused" && Set(input.list("witnesses")).count < 2 {
                v.append(FieldError(field: "witnesses", rule: "IV-14", code: "interview.record.witnesses",
                                    messageZH: "当事人拒绝签名的，须在记录中注明并由两名见证人签名"))
            }
            // IV-17: at most 30 days from the interview, and after it.
            if let deadline = input.date("deadline") {
                let days = deadline.ordinal - held.ordinal
                if days > 30 {
                    v.append(FieldError(field: "deadline", rule: "IV-17", code: "interview.rectification.too-long",
                                        messageZH: "整改期限为\(days)日，超过自约谈之日起30日的上限（最迟\(LocalDate(ordinal: held.ordinal + 30).chinese)）"))
                } else if days <= 0 {
                    v.append(FieldError(field: "deadline", rule: "IV-17", code: "interview.rectification.before", messageZH: "整改期限须晚于约谈日期"))
                }
            }
        case receiveReport.key:
            if let on = input.date("receivedOn"), on > context.today {
                v.append(FieldError(field: "receivedOn", rule: "X-02", code: "interview.report.future", messageZH: "收到日期不能晚于今天"))
            }
        case inspect.key:
            guard let c else { break }
            // IV-19: at least two inspectors, a conclusion for every item.
            let inspectors = Set(input.uuids("inspectors"))
            if inspectors.count < 2 {
                v.append(FieldError(field: "inspectors", rule: "IV-19", code: "interview.inspection.two", messageZH: "验收须有两名以上执法人员"))
            }
            let items = c.facts.record?.items ?? []
            let results = input.list("results")
            if results.count != items.count {
                v.append(FieldError(field: "results", rule: "IV-19", code: "interview.inspection.per-item",
                                    messageZH: "须对每一整改事项作出结论：共\(items.count)项，填写了\(results.count)项"))
            } else if results.contains(where: { parseResult($0) == nil }) {
                v.append(FieldError(field: "results", rule: "IV-19", code: "interview.inspection.conclusion", messageZH: "每项结论须以“合格”或“不合格”开头"))
            }
        default:
            break
        }
        return v
    }

    /// IV-12: exactly two interviewers, both holding a valid interviewer qualification on `date`, at
    /// least one holding legal-review, none in conflict with the party (PLT-06).
    static func interviewerRules(_ ids: [UUID], on date: LocalDate, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext,
                                 field: String) -> [FieldError] {
        var v: [FieldError] = []
        let unique = Array(Set(ids))
        if unique.count != 2 {
            v.append(FieldError(field: field, rule: "IV-12", code: "interview.interviewers.two", messageZH: "约谈须由两名约谈人员进行（已指派\(unique.count)名）"))
            return v
        }
        let people = unique.compactMap { context.people[$0] }
        if people.count != 2 {
            v.append(FieldError(field: field, rule: "IV-12", code: "interview.interviewers.unknown", messageZH: "约谈人员不存在"))
            return v
        }
        for p in people.sorted(by: { $0.name < $1.name }) {
            if !p.holds(interviewerQualification, on: date) {
                v.append(FieldError(field: field, rule: "IV-12", code: "interview.interviewer.unqualified",
                                    messageZH: "\(p.name)在\(date.chinese)不具有有效的约谈人员资格"))
            }
            if !p.conflictParties.isDisjoint(with: c.partyIDs) {
                v.append(FieldError(field: field, rule: "PLT-06", code: "conflict.of-interest", messageZH: "\(p.name)与当事人存在利害关系，应当回避"))
            }
        }
        if !people.contains(where: { $0.holds(legalQualification, on: date) }) {
            v.append(FieldError(field: field, rule: "IV-12", code: "interview.interviewers.legal", messageZH: "两名约谈人员中至少一名须具有法制审核资格"))
        }
        return v
    }

    /// IV-03 (2), IV-22: earlier concluded interviews or penalty cases of the party in the same category.
    public static func repeatOffences(_ f: InterviewFacts, context: ProcedureContext) -> [PriorCase] {
        guard let cat = f.verification?.category else { return [] }
        let key = cat == .other ? "other:\(f.verification?.categoryNote ?? "")" : cat.rawValue
        return context.partyHistory.filter { $0.concluded && $0.category == key && ["interview", "penalty"].contains($0.caseType) }
    }

    /// The stored category key of a case (for the party history).
    public static func category(_ f: InterviewFacts) -> String? {
        guard let v = f.verification else { return nil }
        return v.category == .other ? "other:\(v.categoryNote ?? "")" : v.category.rawValue
    }

    /// Whether the interview reached a result that counts for IV-03 (2), IV-22: it was held.
    public static func countsAsPrior(_ f: InterviewFacts) -> Bool { f.record != nil }

    /// IV-12: only an assigned interviewer records the interview, so both see the case in their own
    /// worklist while it waits for the interview, whoever handles it.
    public static func waitingOn(_ f: InterviewFacts, state: String) -> [UUID] {
        state == "interview" ? f.interviewers : []
    }

    static func parseResult(_ line: String) -> Bool? {
        if line.hasPrefix("不合格") || line.lowercased().hasPrefix("fail") { return false }
        if line.hasPrefix("合格") || line.lowercased().hasPrefix("pass") { return true }
        return nil
    }

    // MARK: Display

    public static var templateCodes: [String] { InterviewDocuments.codes }

    public static func documentValues(_ f: InterviewFacts, context: DocumentPrefillContext) -> [String: String] {
        InterviewDocuments.values(f, context)
    }

    public static func factsZH(_ f: InterviewFacts, names: [UUID: String]) -> [(label: String, value: String)] {
        func name(_ id: UUID?) -> String { id.flatMap { names[$0] } ?? "" }
        var out: [(String, String)] = [
            ("当事人", f.partyName), ("线索来源", f.clue.source.nameZH), ("线索内容", f.clue.description), ("线索登记日期", f.clue.discoveredOn.chinese),
        ]
        if let v = f.verification {
            out += [("违法行为类别", v.category.nameZH + (v.categoryNote.map { "（\($0)）" } ?? "")), ("约谈事由", v.ground.nameZH), ("核查事实", v.facts),
                    ("证据", v.evidence.joined(separator: "；")), ("违反条款", v.provisions)]
            if !v.majorReasons.isEmpty { out.append(("重大案件情形", v.majorReasons.joined(separator: "、"))) }
            if v.urgent { out.append(("紧急程度", "紧急（24小时内约谈）")) }
        }
        for r in f.reviews { out.append(("法制审核", "\(r.on.chinese) \(name(r.by)) \(r.passed ? "通过" : "退回")：\(r.opinion)")) }
        if let a = f.approval {
            out.append(("审批", "\(a.on.chinese) \(name(a.by)) \(a.approved ? "同意" : "不同意")：\(a.opinion)"
                + (a.collective.map { "（领导小组\($0.meetingOn.chinese)集体决策，出席：\($0.members.joined(separator: "、"))）" } ?? "")))
        }
        if !f.interviewers.isEmpty { out.append(("约谈人员", f.interviewers.map(name).joined(separator: "、"))) }
        if let t = f.tracker { out.append(("整改跟踪人", name(t))) }
        if let n = f.notice {
            out.append(("约谈通知", "\(n.documentNumber)，\(n.servedOn.chinese)送达；\(n.scheduledOn.chinese) \(n.place)（\(n.mode.nameZH)）"))
        }
        if let r = f.record {
            out += [("约谈实施", "\(r.heldOn.chinese)（\(r.mode.nameZH)），记录人 \(r.recorder)" + (r.partySigned ? "，当事人已签名" : "，当事人拒签，见证人：\(r.witnesses.joined(separator: "、"))")),
                    ("整改事项", r.items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "；")), ("整改期限", r.deadline.chinese)]
            if !r.experts.isEmpty { out.append(("邀请专家", r.experts.joined(separator: "、"))) }
        }
        for c in f.ledger {
            out.append(("整改跟踪", "\(c.on.chinese) \(name(c.by))：\(c.progress)" + (c.problems.map { "；问题：\($0)" } ?? "") + (c.difficult ? "（加密跟踪）" : "")))
        }
        if let r = f.report { out.append(("整改报告", "\(r.receivedOn.chinese)收到：\(r.summary)")) }
        if let i = f.inspection {
            out.append(("整改验收", "\(i.on.chinese)，验收人 \(i.inspectors.map(name).joined(separator: "、"))：\(i.remarks.joined(separator: "；"))"))
        }
        if let h = f.handoff { out.append(("移交行政处罚", "\(h.on.chinese)：\(h.reason)（\(h.rule)）")) }
        if let t = f.crimeTransfer { out.append(("涉嫌犯罪移送", "\(t.on.chinese) 移送\(t.authority)：\(t.summary)")) }
        for m in f.mediaReports {
            out.append(("媒体反映", "\(m.reportedOn.chinese) \(m.outlet)：\(m.summary)" + (m.respondedOn.map { "；\($0.chinese)回应：\(m.response ?? "")" } ?? "（待回应）")))
        }
        for o in f.observations { out.append(("监督团观摩", "\(o.on.chinese) \(o.observers.joined(separator: "、"))：\(o.opinions)")) }
        return out
    }

    // MARK: Outcomes

    public static func apply(_ t: TransitionSpec, case c: ProcedureCase<InterviewFacts>, input: ActionInput, context: ProcedureContext) -> Outcome<InterviewFacts> {
        var f = c.facts
        let today = context.today
        let me = context.actor.userID
        var out = Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: t.nameZH)
        let major = c.gravity == .major
        switch t.key {
        case verify.key:
            var reasons: [String] = []
            if input.flag("keyEnterprise") { reasons.append("涉及重点企业") }
            if input.flag("groupIncident") { reasons.append("可能引发群体性事件") }
            if input.flag("publicSafety") { reasons.append("涉及重大公共安全或社会高度关注") }
            f.verification = .init(facts: input.text("facts")!, evidence: input.list("evidence"), provisions: input.text("provisions")!,
                                   ground: InterviewGround(rawValue: input.text("ground")!)!, category: ViolationCategory(rawValue: input.text("category")!)!,
                                   categoryNote: input.text("categoryNote"), necessity: input.text("necessity")!, majorReasons: reasons,
                                   urgent: input.flag("urgent"), submittedOn: today, by: me)
            let gravity: Gravity = reasons.isEmpty ? .ordinary : .major  // IV-10
            out.gravity = gravity
            out.state = "legalReview"
            out.clocks = [.end(step: "verification", on: today), .start(step: gravity == .major ? "legalReviewMajor" : "legalReview", on: today)]
            out.summaryZH = "提交核查报告（\(gravity.nameZH)案件\(reasons.isEmpty ? "" : "：" + reasons.joined(separator: "、"))），送法制审核"
        case review.key:
            let passed = input.text("decision") == "pass"
            f.reviews.append(.init(by: me, on: today, passed: passed, opinion: input.text("opinion")!))
            let step = major ? "legalReviewMajor" : "legalReview"
            if passed {
                out.state = "approval"
                out.clocks = [.end(step: step, on: today), .start(step: major ? "approvalMajor" : "approval", on: today)]
                out.summaryZH = "法制审核通过"
            } else {
                out.state = "clue"
                out.clocks = [.end(step: step, on: today), .start(step: "verification", on: today)]
                out.summaryZH = "法制审核退回补正：\(input.text("opinion")!)"
            }
        case approve.key:
            let approved = input.text("decision") == "approve"
            let collective = input.date("meetingOn").map { InterviewFacts.CollectiveDecision(meetingOn: $0, members: input.list("members")) }
            f.approval = .init(by: me, on: today, approved: approved, opinion: input.text("opinion")!, collective: collective)
            let step = major ? "approvalMajor" : "approval"
            if approved {
                out.state = "notice"
                out.clocks = [.end(step: step, on: today), .start(step: "notice", on: today)]
                out.summaryZH = "审批同意约谈" + (collective.map { "（领导小组\($0.meetingOn.chinese)集体决策）" } ?? "")
            } else {
                out.state = "rejected"
                out.clocks = [.end(step: step, on: today)]
                out.closedOn = today
                out.summaryZH = "审批不同意约谈：\(input.text("opinion")!)"
            }
        case assign.key:
            f.interviewers = input.uuids("interviewers")
            f.tracker = input.uuid("tracker")
            out.handlerID = f.tracker ?? c.handlerID
            let names = f.interviewers.compactMap { context.people[$0]?.name }
            out.summaryZH = "指派约谈人员：\(names.joined(separator: "、"))；整改跟踪人：\(f.tracker.flatMap { context.people[$0]?.name } ?? "")"
        case serveNotice.key:
            let doc = context.document("IV-NOTICE")!
            let served = doc.servedOn!
            f.notice = .init(documentNumber: doc.number, issuedOn: doc.issuedOn, servedOn: served, scheduledOn: input.date("scheduledOn")!,
                             place: input.text("place")!, mode: InterviewFacts.Mode(rawValue: input.text("mode")!)!)
            out.state = "interview"
            // Step 7: held within 5 working days of service; urgent cases within 24 hours.
            out.clocks = [.end(step: "notice", on: served),
                          .start(step: f.verification?.urgent == true ? "interviewUrgent" : "interview", on: served)]
            out.summaryZH = "《行政约谈通知书》\(doc.number)于\(served.chinese)送达；约谈定于\(f.notice!.scheduledOn.chinese)在\(f.notice!.place)"
        case holdInterview.key:
            let held = input.date("heldOn")!
            let deadline = input.date("deadline")!
            f.record = .init(heldOn: held, mode: InterviewFacts.Mode(rawValue: input.text("mode")!)!, interviewers: f.interviewers,
                             recorder: input.text("recorder")!, agent: input.text("agent"), experts: input.list("experts"), findings: input.text("findings")!,
                             statement: input.text("statement")!, items: input.list("items"), deadline: deadline,
                             partySigned: input.text("signature") == "signed", witnesses: input.list("witnesses"))
            out.state = "rectification"
            // CAL-14: the party's report is due the 3rd working day before the rectification deadline.
            out.clocks = [.end(step: f.verification?.urgent == true ? "interviewUrgent" : "interview", on: held), .end(step: "startTimeliness", on: held),
                          .start(step: "rectificationReport", on: deadline)]
            out.summaryZH = "实施约谈（\(f.record!.mode.nameZH)），整改\(f.record!.items.count)项，期限\(deadline.chinese)"
        case recordAbsence.key:
            let on = input.date("on")!
            f.absence = input.text("reason")!
            f.handoff = .init(on: on, reason: "当事人拒绝约谈或无正当理由不到场：\(f.absence!)", rule: "IV-20")
            out.state = "handedOver"
            out.closedOn = on
            out.linked = [penaltyCase(f, failure: "拒绝接受约谈或无正当理由未到场", context: context)]
            out.summaryZH = "当事人拒绝约谈或无正当理由不到场，移交行政处罚（IV-20）"
        case logContact.key:
            f.ledger.append(.init(on: input.date("on")!, by: me, method: input.text("method")!, progress: input.text("progress")!,
                                  problems: input.text("problems"), difficult: input.flag("difficult")))
            out.summaryZH = "整改跟踪：\(input.text("progress")!)" + (input.flag("difficult") ? "（需加密跟踪）" : "")
        case receiveReport.key:
            let on = input.date("receivedOn")!
            f.report = .init(receivedOn: on, summary: input.text("summary")!)
            out.state = "inspection"
            out.clocks = [.end(step: "rectificationReport", on: on), .start(step: "inspection", on: on)]
            out.summaryZH = "收到整改报告（\(on.chinese)）"
        case inspect.key:
            let on = input.date("on")!
            let lines = input.list("results")
            let inspection = InterviewFacts.Inspection(on: on, inspectors: input.uuids("inspectors"), results: lines.map { parseResult($0) ?? false },
                                                       remarks: lines)
            f.inspection = inspection
            out.clocks = [.end(step: "inspection", on: on)]
            out.closedOn = on
            if inspection.passed {
                out.state = "passed"
                out.summaryZH = "整改验收合格，结案（不予行政处罚）"
            } else {
                let failed = inspection.results.enumerated().filter { !$0.element }.map { "第\($0.offset + 1)项" }
                f.handoff = .init(on: on, reason: "整改验收不合格：\(failed.joined(separator: "、"))", rule: "IV-19")
                out.state = "handedOver"
                out.linked = [penaltyCase(f, failure: "经验收，整改事项\(failed.joined(separator: "、"))不合格", context: context)]
                out.summaryZH = "整改验收不合格（\(failed.joined(separator: "、"))），移交行政处罚"
            }
        case handToPenalty.key:
            let reason = input.text("reason")!
            f.handoff = .init(on: today, reason: reason, rule: "IV-04")
            out.state = "handedOver"
            out.closedOn = today
            let failure = c.state == "rectification" ? "逾期未完成整改" : reason
            out.linked = [penaltyCase(f, failure: failure, context: context)]
            out.summaryZH = "移交行政处罚：\(reason)"
        case recordMediaReport.key:
            let on = input.date("reportedOn")!
            f.mediaReports.append(.init(reportedOn: on, outlet: input.text("outlet")!, summary: input.text("summary")!))
            // IV-25: a response within 48 hours (an hour-based clock, CAL-13).
            out.clocks = [.start(step: "mediaResponse", on: on)]
            out.leaderNoticeZH = "\(input.text("outlet")!)反映约谈案件“\(f.partyName)”的问题，须于48小时内回应（IV-25）"
            out.summaryZH = "媒体反映（\(input.text("outlet")!)）：\(input.text("summary")!)"
        case respondMedia.key:
            let on = input.date("on")!
            if let i = f.mediaReports.firstIndex(where: { $0.respondedOn == nil }) {
                f.mediaReports[i].respondedOn = on
                f.mediaReports[i].response = input.text("response")!
            }
            out.clocks = [.end(step: "mediaResponse", on: on)]
            out.summaryZH = "回应媒体：\(input.text("response")!)"
        case recordObservation.key:
            f.observations.append(.init(on: input.date("on")!, observers: input.list("observers"), opinions: input.text("opinions")!))
            out.summaryZH = "监督团观摩：\(input.list("observers").joined(separator: "、"))"
        case transferCrime.key:
            let on = input.date("on")!
            f.crimeTransfer = .init(on: on, authority: input.text("authority")!, summary: input.text("summary")!)
            out.state = "transferred"
            out.closedOn = on
            out.summaryZH = "涉嫌犯罪，移送\(input.text("authority")!)（IV-21），并向上级报告"
            out.leaderNoticeZH = "约谈案件“\(f.partyName)”发现涉嫌犯罪线索，已于\(on.chinese)移送\(input.text("authority")!)（IV-21）"
        default:
            break
        }
        out.facts = f
        return out
    }

    /// IV-04, step 11b: the penalty case, with 《行政处罚告知书》 prefilled and the interview record
    /// attached as evidence.
    static func penaltyCase(_ f: InterviewFacts, failure: String, context: ProcedureContext) -> LinkedCaseEffect {
        var values: [String: String] = [
            "party.name": f.partyName,
            "penalty.failure": failure,
            "case.facts": f.verification?.facts ?? f.clue.description,
            "case.evidence": (f.verification?.evidence ?? []).enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"),
            "case.provisions": f.verification?.provisions ?? "",
        ]
        if let r = f.record {
            values["interview.date"] = r.heldOn.chinese
            values["rectify.deadline"] = r.deadline.chinese
        }
        if let i = f.inspection { values["inspection.date"] = i.on.chinese }
        if let n = context.document("IV-RECTIFY")?.number { values["rectify.noticeNumber"] = n }
        if let n = context.document("IV-RECORD")?.number { values["record.number"] = n }
        let cat = Self.category(f)
        return LinkedCaseEffect(caseType: "penalty", caseTypeWord: "罚案", title: "\(f.partyName)涉嫌违法行政处罚案（由行政约谈移交）", relation: "handed-over-to",
                                prefill: ["IV-PENALTY-NOTICE": values], evidence: ["IV-RECORD"], category: cat)
    }
}
