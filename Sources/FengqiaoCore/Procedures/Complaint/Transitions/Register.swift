import Foundation

extension ComplaintProcedure {
    /// Step 1 (CP-02, CP-04): the 受理员 registers the complaint — complainant and respondent, the
    /// channel (external number for platform, hotline and 12345 items), the receipt date binding the
    /// rule set, the day the complainant knew of the harm, the request and the facts.
    public enum Register: Creation {
        public typealias Facts = ComplaintFacts

        static let complainant = TypedField<UUID>.party("complainantID", "投诉人")
        static let respondent = TypedField<UUID>.party("respondentID", "被投诉人")
        static let channel = TypedField<ComplaintChannel>.choice("channel", "来源渠道")
        static let externalNo = TypedField<String>.text("externalNo", "平台编号", required: false, help: "全国12315平台、12315热线、12345转办件必填", maxLength: 64)
        static let receivedOn = TypedField<LocalDate>.date("receivedOn", "收到日期")
        static let knewOn = TypedField<LocalDate>.date("knewOn", "知道或应当知道权益受损日期")
        static let request = TypedField<String>.textarea("request", "投诉请求")
        static let statement = TypedField<String>.textarea("statement", "事实与理由", help: "口头投诉由工作人员记录")
        static let otherComplainants = TypedField<[String]>.lines("otherComplainants", "其他共同投诉人", required: false, help: "共同投诉时填写，每行一人")
        static let jointConsent = TypedField<Bool>.checkbox("jointConsent", "各投诉人已同意共同投诉")
        static let representatives = TypedField<[String]>.lines("representatives", "代表人", required: false, help: "共同投诉推选的代表人，每行一人，至多2名")
        static let agentName = TypedField<String>.text("agentName", "委托代理人", required: false, maxLength: 50)
        static let agentID = TypedField<String>.text("agentIDNumber", "代理人身份证号码", required: false, maxLength: 18)
        static let poaOriginal = TypedField<Bool>.checkbox("poaOriginal", "已收到授权委托书原件")

        public static let spec = TransitionSpec("register", "登记投诉", from: [], permissions: [.complaintRegister],
                                                fields: [complainant.spec, respondent.spec, channel.spec, externalNo.spec, receivedOn.spec, knewOn.spec,
                                                         request.spec, statement.spec, otherComplainants.spec, jointConsent.spec, representatives.spec,
                                                         agentName.spec, agentID.spec, poaOriginal.spec], rule: "CP-04")

        public struct Input: Sendable {
            let complainant: UUID
            let respondent: UUID
            let channel: ComplaintChannel
            let externalNo: String?
            let receivedOn: LocalDate
            let knewOn: LocalDate
            let request: String
            let statement: String
            let others: [String]
            let jointConsent: Bool
            let representatives: [String]
            let agentName: String?
            let agentID: String?
            let poaOriginal: Bool
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let c = complainant(i), let r = respondent(i), let ch = channel(i), let rec = receivedOn(i), let k = knewOn(i), let q = request(i),
                  let s = statement(i) else { return nil }
            return Input(complainant: c, respondent: r, channel: ch, externalNo: externalNo(i), receivedOn: rec, knewOn: k, request: q, statement: s,
                         others: otherComplainants(i) ?? [], jointConsent: jointConsent(i) ?? false, representatives: representatives(i) ?? [],
                         agentName: agentName(i), agentID: agentID(i), poaOriginal: poaOriginal(i) ?? false)
        }

        /// CP-05, CP-06: the joint complainants, representatives and agent the form names.
        static func representation(_ input: Input, today: LocalDate) -> Result<ComplaintRepresentation, ComplaintRepresentation.Refusals> {
            ComplaintRepresentation.check(others: input.others, representatives: input.representatives, jointConsent: input.jointConsent,
                                          agentName: input.agentName, agentID: input.agentID, poaOriginal: input.poaOriginal, today: today,
                                          fields: (representatives.name, jointConsent.name, agentID.name, poaOriginal.name))
        }

        /// X-02, CP-04: received by today; known no later than received. Also checked on an imported
        /// item before anything of it is written (CP-43).
        public static func dateChecks(receivedOn on: LocalDate, knewOn knew: LocalDate, today: LocalDate) -> [FieldError] {
            var v: [FieldError] = []
            if on > today {
                v.append(FieldError(field: receivedOn.name, rule: "X-02", code: "complaint.received.future", messageZH: "收到日期不能晚于今天"))
            }
            if knew > on {
                v.append(FieldError(field: knewOn.name, rule: "CP-04", code: "complaint.knew.after-received", messageZH: "知道权益受损日期不能晚于收到日期"))
            }
            return v
        }

        public static func check(_ input: Input, context: ProcedureContext) -> [FieldError] {
            var v = dateChecks(receivedOn: input.receivedOn, knewOn: input.knewOn, today: context.today)
            if input.channel.needsExternalNumber && input.externalNo == nil {
                v.append(FieldError(field: externalNo.name, rule: "CP-43", code: "complaint.external-no.required",
                                    messageZH: "\(input.channel.nameZH)来件须填写平台编号"))
            }
            if input.complainant == input.respondent {
                v.append(FieldError(field: respondent.name, rule: "CP-04", code: "complaint.respondent.same", messageZH: "被投诉人不能与投诉人相同"))
            }
            if case let .failure(r) = representation(input, today: context.today) { v += r.errors }
            for (field, id) in [(complainant.name, input.complainant), (respondent.name, input.respondent)] where context.partyNames[id] == nil {
                v.append(FieldError(field: field, rule: "CP-04", code: "complaint.party.unknown", messageZH: "当事人不存在或不在您的管辖范围内"))
            }
            return v
        }

        public static func create(_ input: Input, context: ProcedureContext) -> Opened<ComplaintFacts> {
            let c = context.partyNames[input.complainant] ?? "", r = context.partyNames[input.respondent] ?? ""
            var facts = ComplaintFacts(complainantID: input.complainant, complainantName: c, respondentID: input.respondent, respondentName: r,
                                       channel: input.channel, externalNo: input.externalNo, receivedOn: input.receivedOn, knewOn: input.knewOn,
                                       request: input.request, statement: input.statement, registeredUnitID: context.actor.unitID)
            facts.representation = (try? representation(input, today: context.today).get()) ?? ComplaintRepresentation()
            // CP-02: the rule set in force on the receipt date binds the complaint for life.
            return Opened(title: "\(c)投诉\(r)", partyIDs: [input.complainant, input.respondent], facts: facts, clocks: [], ruleDate: input.receivedOn)
        }
    }
}
