import Foundation

extension InterviewProcedure {
    /// Step 2 (IV-02, IV-03, IV-10): the officer submits the verification report; a ticked major
    /// reason makes the case major; an excluded case is refused with its reasons (IV-04 offers the
    /// hand-off).
    enum Verify: InterviewStep {
        static let facts = TypedField<String>.textarea("facts", "核查认定的事实")
        static let evidence = TypedField<[String]>.lines("evidence", "证据清单（每行一项）")
        static let provisions = TypedField<String>.text("provisions", "违反的法律条款")
        static let ground = TypedField<InterviewGround>.choice("ground", "约谈事由（IV-02）")
        // PLT-16: offered from the violation-category tree in force, not a list fixed in code.
        static let category = TypedField<String>.category("category", "违法行为类别")
        static let categoryNote = TypedField<String>.text("categoryNote", "类别说明（选“其他”时填写）", required: false)
        static let necessity = TypedField<String>.textarea("necessity", "约谈必要性")
        static let keyEnterprise = TypedField<Bool>.checkbox("keyEnterprise", "涉及重点企业（重大）")
        static let groupIncident = TypedField<Bool>.checkbox("groupIncident", "可能引发群体性事件（重大）")
        static let publicSafety = TypedField<Bool>.checkbox("publicSafety", "涉及重大公共安全或社会高度关注（重大）")
        static let urgent = TypedField<Bool>.checkbox("urgent", "紧急案件（24小时内约谈）")
        static let notSerious = TypedField<Bool>.checkbox("notSerious", "确认：违法行为不属于情节严重、可能造成重大危害或需立即采取强制措施的情形")
        static let penaltyRequired = TypedField<Bool>.checkbox("penaltyRequired", "法律规定应当直接给予行政处罚")
        static let refusedBefore = TypedField<Bool>.checkbox("refusedBefore", "当事人曾明确拒绝约谈或无正当理由不到场")

        static let spec = TransitionSpec("verify", "提交核查报告（约谈线索核实报告、审批表）", from: ["clue"], permissions: [.interviewHandle], fields: [
            facts.spec, evidence.spec, provisions.spec, ground.spec, category.spec, categoryNote.spec, necessity.spec, keyEnterprise.spec,
            groupIncident.spec, publicSafety.spec, urgent.spec, notSerious.spec, penaltyRequired.spec, refusedBefore.spec,
        ], rule: "IV-03",
                  issues: ["IV-CLUE-REPORT", "IV-APPROVAL"], to: ["legalReview"])

        struct Input: Sendable {
            let facts: String
            let evidence: [String]
            let provisions: String
            let ground: InterviewGround
            /// The category's code in the tree in force (PLT-16).
            let category: String
            let categoryNote: String?
            let necessity: String
            /// IV-10: the reasons the case is major, as ticked.
            let majorReasons: [String]
            let urgent: Bool
            let notSerious: Bool
            let penaltyRequired: Bool
            let refusedBefore: Bool
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let f = facts(i), let p = provisions(i), let g = ground(i), let c = category(i), let n = necessity(i) else { return nil }
            let reasons = [(keyEnterprise, "涉及重点企业"), (groupIncident, "可能引发群体性事件"), (publicSafety, "涉及重大公共安全或社会高度关注")]
                .filter { $0.0(i) == true }.map(\.1)
            return Input(facts: f, evidence: evidence(i) ?? [], provisions: p, ground: g, category: c, categoryNote: categoryNote(i), necessity: n,
                         majorReasons: reasons, urgent: urgent(i) ?? false, notSerious: notSerious(i) ?? false,
                         penaltyRequired: penaltyRequired(i) ?? false, refusedBefore: refusedBefore(i) ?? false)
        }

        static func check(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            // IV-03 (1): a serious violation is excluded: the officer must declare it is not.
            if !input.notSerious {
                v.append(FieldError(field: notSerious.name, rule: "IV-03", code: "interview.excluded.serious",
                                    messageZH: "须确认违法行为不属于情节严重、可能造成重大危害或需立即采取强制措施的情形；否则不适用约谈"))
            }
            // IV-03 (4): the law requires a penalty directly.
            if input.penaltyRequired {
                v.append(FieldError(field: penaltyRequired.name, rule: "IV-03", code: "interview.excluded.penalty-required",
                                    messageZH: "法律规定应当直接给予行政处罚的，不适用约谈；可移交行政处罚（IV-04）"))
            }
            // IV-03 (3): the party refused or did not attend before.
            if input.refusedBefore {
                v.append(FieldError(field: refusedBefore.name, rule: "IV-03", code: "interview.excluded.refused",
                                    messageZH: "当事人曾明确拒绝约谈或无正当理由不到场，不适用约谈；可移交行政处罚（IV-04）"))
            }
            // IV-03 (2): penalised or interviewed before for the same kind of violation — the earlier cases are named.
            // 同类 is the same category code, not the same sector (see `InterviewProcedure.repeatOffences`).
            var probe = c.facts
            probe.verification = verification(input, context: context)
            let earlier = repeatOffences(probe, context: context)
            if !earlier.isEmpty {
                v.append(FieldError(field: category.name, rule: "IV-03", code: "interview.excluded.repeat",
                                    messageZH: "当事人曾因同类违法行为（\(context.categories.nameZH(input.category) ?? input.category)）被约谈或处罚：" +
                                        earlier.map { "\($0.reference)（\($0.openedOn.chinese)）" }.joined(separator: "、") + "；不适用约谈，可移交行政处罚（IV-04）"))
            }
            if input.category == ViolationCategoryVersion.otherCode && input.categoryNote == nil {
                v.append(FieldError(field: categoryNote.name, rule: "IV-03", code: "interview.category.note", messageZH: "违法行为类别为“其他”时须说明"))
            }
            return v
        }

        static func verification(_ input: Input, context: ProcedureContext) -> InterviewFacts.Verification {
            .init(facts: input.facts, evidence: input.evidence, provisions: input.provisions, ground: input.ground, category: input.category,
                  categoryNote: input.categoryNote, categoryName: context.categories.nameZH(input.category), categoryVersion: context.categories.version,
                  necessity: input.necessity, majorReasons: input.majorReasons, urgent: input.urgent,
                  submittedOn: context.today, by: context.actor.userID)
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            f.verification = verification(input, context: context)
            let gravity: Gravity = input.majorReasons.isEmpty ? .ordinary : .major  // IV-10
            let today = context.today
            return Outcome(state: "legalReview", gravity: gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: "verification", on: today), .start(step: gravity == .major ? "legalReviewMajor" : "legalReview", on: today)],
                           summaryZH: "提交核查报告（\(gravity.nameZH)案件\(input.majorReasons.isEmpty ? "" : "：" + input.majorReasons.joined(separator: "、"))），送法制审核")
        }
    }
}
