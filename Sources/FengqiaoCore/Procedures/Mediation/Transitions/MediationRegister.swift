import Foundation

extension MediationProcedure {
    /// Step 1 (MD-11, MD-12): the window registers a request or a 排查 finding on the day received —
    /// the registration date is the day of saving and never changes; the case number is its
    /// registration number. The five analysis fields (source, provider, subject, object, nature) are
    /// required here, so triage never waits for them. The centre then has 1 working day to triage.
    public enum Register: Creation {
        public typealias Facts = MediationFacts
        static let source = TypedField<MediationSource>.choice("source", "信息来源")
        static let providerName = TypedField<String>.text("providerName", "提供人姓名", help: "排查发现的，填写发现人", maxLength: 60)
        static let providerRelation = TypedField<String>.text("providerRelation", "提供人与纠纷的关系", help: "如：申请人本人、近亲属、排查人员", maxLength: 60)
        static let applicant = TypedField<UUID>.party("applicant", "申请人（甲方）")
        static let respondent = TypedField<UUID>.party("respondent", "被申请人（乙方）")
        static let objectKind = TypedField<MediationObjectKind>.choice("objectKind", "涉及客体种类")
        static let objectDescription = TypedField<String>.textarea("objectDescription", "涉及客体描述")
        static let amount = TypedField<Int>.number("amountYuan", "涉及金额（元）", required: false)
        static let location = TypedField<String>.text("location", "纠纷发生地", required: false, maxLength: 120)
        static let nature = TypedField<MediationNature>.choice("nature", "问题性质分类")
        static let scope = TypedField<MediationScope>.choice("scope", "纠纷范围（MD-19）")
        static let disputedUnit = TypedField<String>.text("disputedUnit", "被争议行为所属单位代码", required: false,
                                                          help: "行政纠纷必填：该单位人员不得担任调解员（MD-09）", maxLength: 32)
        static let claim = TypedField<String>.textarea("claim", "调解请求")
        static let simple = TypedField<Bool>.checkbox("simple", "简易程序（事实清楚、金额小，当场或次日办结，MD-38）")

        public static let spec = TransitionSpec("register", "登记矛盾纠纷", from: [], permissions: [.mediationRegister],
                                                fields: [source.spec, providerName.spec, providerRelation.spec, applicant.spec, respondent.spec, objectKind.spec,
                                                         objectDescription.spec, amount.spec, location.spec, nature.spec, scope.spec, disputedUnit.spec,
                                                         claim.spec, simple.spec],
                                                rule: "MD-11", issues: ["MD-REGISTER"], to: ["registered"])

        public struct Input: Sendable {
            let source: MediationSource
            let provider: MediationFacts.Provider
            let applicant: UUID
            let respondent: UUID
            let object: MediationFacts.Object
            let nature: MediationNature
            let scope: MediationScope
            let disputedUnit: String?
            let claim: String
            let simple: Bool
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let s = source(i), let pn = providerName(i), let pr = providerRelation(i), let a = applicant(i), let r = respondent(i), let k = objectKind(i),
                  let d = objectDescription(i), let n = nature(i), let sc = scope(i), let c = claim(i) else { return nil }
            return Input(source: s, provider: .init(name: pn, relation: pr), applicant: a, respondent: r,
                         object: .init(kind: k, description: d, amountFen: amount(i).map { $0 * 100 }, location: location(i)), nature: n, scope: sc,
                         disputedUnit: disputedUnit(i), claim: c, simple: simple(i) ?? false)
        }

        public static func check(_ input: Input, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if input.applicant == input.respondent {
                v.append(MediationRules.refusal(respondent.name, "MD-12", "mediation.parties.same", "申请人和被申请人不能是同一当事人"))
            }
            if let fen = input.object.amountFen, fen < 0 {
                v.append(MediationRules.refusal(amount.name, "MD-12", "mediation.amount.negative", "涉及金额不能为负数"))
            }
            for (field, id) in [(applicant.name, input.applicant), (respondent.name, input.respondent)] where context.partyNames[id] == nil {
                v.append(MediationRules.refusal(field, "MD-12", "mediation.party.unknown", "当事人不存在或不在您的管辖范围内"))
            }
            if input.scope.administrative && input.disputedUnit == nil {
                v.append(MediationRules.refusal(disputedUnit.name, "MD-09", "mediation.disputed-unit.missing", "行政纠纷须填写被争议行为所属单位"))
            }
            if input.scope.administrative, let code = input.disputedUnit, !context.units.units.isEmpty, !context.units.units.values.contains(where: { $0.code == code }) {
                v.append(MediationRules.refusal(disputedUnit.name, "MD-09", "mediation.disputed-unit.unknown", "没有代码为\(code)的单位"))
            }
            return v
        }

        public static func create(_ input: Input, context: ProcedureContext) -> Opened<MediationFacts> {
            let a = context.partyNames[input.applicant] ?? "", r = context.partyNames[input.respondent] ?? ""
            let facts = MediationFacts(registeredOn: context.today, source: input.source, provider: input.provider, applicantID: input.applicant,
                                       applicantName: a, respondentID: input.respondent, respondentName: r, object: input.object, nature: input.nature,
                                       scope: input.scope, disputedUnitCode: input.scope.administrative ? input.disputedUnit : nil, claim: input.claim,
                                       simple: input.simple)
            return Opened(title: "\(a)与\(r)\(input.nature.nameZH)", partyIDs: [input.applicant, input.respondent], facts: facts,
                          clocks: [.start(step: "triage", on: context.today), MediationProcedure.monthWatch(from: context.today)])
        }
    }
}
