import Foundation

/// Who else stands behind a complaint (CP-05, CP-06): the other complainants of a joint complaint
/// with their recorded consent and at most two representatives, and an agent with an original power
/// of attorney and a valid ID. The agent's ID number is kept masked.
public struct ComplaintRepresentation: Codable, Sendable, Equatable {
    public struct Agent: Codable, Sendable, Equatable {
        public var name: String
        /// The ID number as shown, masked (`1101**********002X`).
        public var idNumberMasked: String
    }

    /// The complainants besides the one registered as the case's party (CP-06).
    public var otherComplainants: [String] = []
    public var representatives: [String] = []
    public var agent: Agent?

    public init(otherComplainants: [String] = [], representatives: [String] = [], agent: Agent? = nil) {
        self.otherComplainants = otherComplainants
        self.representatives = representatives
        self.agent = agent
    }

    public var isJoint: Bool { !otherComplainants.isEmpty }

    /// The most representatives a joint complaint may name (joint_reps_max, 办法 11).
    public static let maxRepresentatives = 2

    /// CP-05, CP-06 on what the form gave; the representation to keep when nothing is wrong.
    static func check(others: [String], representatives: [String], jointConsent: Bool, agentName: String?, agentID: String?, poaOriginal: Bool,
                      today: LocalDate, fields: (representatives: String, consent: String, agentID: String, poa: String)) -> Result<ComplaintRepresentation, Refusals> {
        var v: [FieldError] = []
        if representatives.count > maxRepresentatives {
            v.append(FieldError(field: fields.representatives, rule: "CP-06", code: "complaint.representatives.too-many", messageZH: "共同投诉代表人不得超过2名"))
        }
        if !representatives.isEmpty && others.isEmpty {
            v.append(FieldError(field: fields.representatives, rule: "CP-06", code: "complaint.representatives.not-joint",
                                messageZH: "只有共同投诉（投诉人2人以上）才推选代表人"))
        }
        if !others.isEmpty && !jointConsent {
            v.append(FieldError(field: fields.consent, rule: "CP-06", code: "complaint.joint.consent", messageZH: "共同投诉须记录各投诉人同意共同投诉"))
        }
        var agent: Agent?
        if let name = agentName {
            if let raw = agentID, let id = try? IDNumber(raw, today: today) {
                agent = Agent(name: name, idNumberMasked: id.masked)
            } else {
                v.append(FieldError(field: fields.agentID, rule: "CP-05", code: "complaint.agent.id", messageZH: "委托代理人须提供有效的身份证号码"))
            }
            if !poaOriginal {
                v.append(FieldError(field: fields.poa, rule: "CP-05", code: "complaint.agent.poa",
                                    messageZH: "委托代理人须提交载明委托事项、权限和期限并经委托人签名的授权委托书原件"))
            }
        }
        if !v.isEmpty { return .failure(Refusals(v)) }
        return .success(ComplaintRepresentation(otherComplainants: others, representatives: representatives, agent: agent))
    }

    /// Every unmet rule, as an error value.
    struct Refusals: Error {
        let errors: [FieldError]
        init(_ errors: [FieldError]) { self.errors = errors }
    }
}
