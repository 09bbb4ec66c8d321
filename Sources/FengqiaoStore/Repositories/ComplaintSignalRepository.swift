import FengqiaoCore
import Foundation
import SQLKit

/// CP-35, CP-36 for a newly registered submission: records what later ones compare (complainant key,
/// respondent, receipt date, request) and answers what it says — the earlier complaints to merge with,
/// a cluster on the respondent (the centre head told once per cluster), a 高频 submitter. Every lookup
/// is an equality on an indexed key plus a date range (migration 025), never a scan of the cases.
/// Information only: nothing is merged or refused; a report is always registered and processed.
public struct ComplaintSignalRepository: Sendable {
    public struct Submission: Sendable {
        public let caseID: UUID
        public let caseNumber: String
        /// `complaint` or `report`.
        public let kind: String
        public let unitID: UUID
        /// The complainant's ID number, else phone, as typed; only its blind index is stored.
        public let identity: String
        public let respondentID: UUID
        public let receivedOn: LocalDate
        public let request: String
    }

    public struct Findings: Sendable, Equatable {
        public var mergeWith: [String] = []
        public var cluster: Int?
        public var highFrequency: Int?

        /// As notes on the import's row, each with its rule and stable code.
        public var notes: [FieldError] {
            var out: [FieldError] = []
            if !mergeWith.isEmpty {
                out.append(FieldError(field: "request", rule: "CP-35", code: "complaint.merge.proposed",
                                      messageZH: "同一投诉人就同一被投诉人30日内有相近请求：\(mergeWith.joined(separator: "、"))，建议合并处理（不自动合并）"))
            }
            if let n = cluster {
                out.append(FieldError(field: "respondentName", rule: "CP-35", code: "complaint.cluster",
                                      messageZH: "该被投诉人7日内被投诉\(n)件，已提示中心负责人"))
            }
            if let n = highFrequency {
                out.append(FieldError(field: "complainantName", rule: "CP-36", code: "complaint.high-frequency",
                                      messageZH: "该投诉人12个月内已提交\(n)件，标记为高频（仅供参考，照常办理）"))
            }
            return out
        }
    }

    public let store: Store
    public init(store: Store) { self.store = store }

    /// Records the submission and answers CP-35 and CP-36 for it; a cluster alert goes to the centre
    /// heads (those who dispatch, in the unit and the units above) once per cluster, and a cluster of
    /// 20 to the 分管局长 once more.
    public func record(_ s: Submission, context: AuditContext) async throws -> Findings {
        let key = store.crypto.blindIndex("complainant:" + s.identity.filter { !$0.isWhitespace && $0 != "-" }.uppercased())
        var f = Findings()
        if s.kind == ComplaintProcedure.caseType {
            let earlier = try await rows(where: "complainant_key", SQLBind(key), from: s.receivedOn.adding(days: -ComplaintSignals.mergeWindowDays),
                                         to: s.receivedOn.adding(days: ComplaintSignals.mergeWindowDays), columns: ["respondent_id", "kind"])
                .filter { (try? $0.decode(column: "respondent_id", as: UUID.self)) == s.respondentID && (try? $0.decode(column: "kind", as: String.self)) == s.kind }
                .map { r in
                    ComplaintSignals.Earlier(caseID: try r.decode(column: "case_id", as: UUID.self), number: try r.decode(column: "case_number", as: String.self),
                                             receivedOn: LocalDate(iso: try r.decode(column: "received_on", as: String.self)) ?? s.receivedOn,
                                             request: try r.decode(column: "request", as: String.self))
                }
            f.mergeWith = ComplaintSignals.mergeCandidates(receivedOn: s.receivedOn, request: s.request, earlier: earlier).map(\.number)
        }
        let year = try await rows(where: "complainant_key", SQLBind(key), from: ComplaintSignals.frequencyWindowStart(s.receivedOn), to: s.receivedOn,
                                  columns: []).count + 1
        if ComplaintSignals.isHighFrequency(count: year) { f.highFrequency = year }
        var alert: (count: Int, users: [UUID])?
        var escalation: (count: Int, users: [UUID])?
        if s.kind == ComplaintProcedure.caseType {
            let start = ComplaintSignals.clusterWindowStart(s.receivedOn)
            let recent = try await rows(where: "respondent_id", SQLBind(s.respondentID), from: start, to: s.receivedOn, columns: ["kind"])
                .filter { (try? $0.decode(column: "kind", as: String.self)) == s.kind }.count + 1
            if ComplaintSignals.isCluster(count: recent) {
                f.cluster = recent
                // Once per cluster: no alert on this respondent within the window already.
                let sent = try await store.sql.select().column("alerted_on").from("complaint_cluster_alerts").where("respondent_id", .equal, SQLBind(s.respondentID))
                    .where("alerted_on", .greaterThanOrEqual, SQLBind(start.iso)).first()
                if sent == nil { alert = (recent, try await centreHeads(s.unitID)) }
                // ≥20 within the window: the 分管局长 too, once per cluster (the escalation's row counts ≥20).
                if ComplaintSignals.isEscalatedCluster(count: recent) {
                    let escalated = try await store.sql.select().column("alerted_on").from("complaint_cluster_alerts")
                        .where("respondent_id", .equal, SQLBind(s.respondentID)).where("alerted_on", .greaterThanOrEqual, SQLBind(start.iso))
                        .where("count", .greaterThanOrEqual, SQLBind(ComplaintSignals.clusterEscalationThreshold)).first()
                    if escalated == nil { escalation = (recent, try await leaders(s.unitID)) }
                }
            }
        }
        let findings = f
        let alertNow = alert, escalationNow = escalation
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "complaint_signals")
                .columns("case_id", "case_number", "kind", "unit_id", "complainant_key", "respondent_id", "received_on", "request", "merge_with", "high_frequency")
                .values(SQLBind(s.caseID), SQLBind(s.caseNumber), SQLBind(s.kind), SQLBind(s.unitID), SQLBind(key), SQLBind(s.respondentID),
                        SQLBind(s.receivedOn.iso), SQLBind(s.request), SQLBind(findings.mergeWith.isEmpty ? nil : findings.mergeWith.joined(separator: " ")),
                        SQLBind(findings.highFrequency != nil))
                .run()
            if let alert = alertNow {
                try await tx.sql.insert(into: "complaint_cluster_alerts").columns("respondent_id", "alerted_on", "case_id", "count", "created_at")
                    .values(SQLBind(s.respondentID), SQLBind(s.receivedOn.iso), SQLBind(s.caseID), SQLBind(alert.count), SQLBind(tx.now)).run()
                try await NotificationRepository.insert(tx, alert.users, Notice(
                    kind: "complaint.cluster", title: "群体性投诉提示（CP-35）",
                    body: "同一被投诉人7日内已有\(alert.count)件投诉（最新：\(s.caseNumber)），请关注是否为群体性投诉。", link: "/cases/\(s.caseID.uuidString)"))
            }
            if let up = escalationNow {
                try await tx.sql.insert(into: "complaint_cluster_alerts").columns("respondent_id", "alerted_on", "case_id", "count", "created_at")
                    .values(SQLBind(s.respondentID), SQLBind(s.receivedOn.iso), SQLBind(s.caseID), SQLBind(up.count), SQLBind(tx.now)).run()
                try await NotificationRepository.insert(tx, up.users, Notice(
                    kind: "complaint.cluster.escalated", title: "群体性投诉升级（CP-35）：7日内已达\(up.count)件",
                    body: "同一被投诉人7日内已有\(up.count)件投诉（最新：\(s.caseNumber)），已达\(ComplaintSignals.clusterEscalationThreshold)件，请分管局长督办。",
                    link: "/cases/\(s.caseID.uuidString)"))
            }
        }
        return findings
    }

    /// The signals of one key over a date range (inclusive), by the index on (key, received_on, case_id).
    private func rows(where column: String, _ value: SQLBind, from: LocalDate, to: LocalDate, columns: [String]) async throws -> [any SQLRow] {
        try await store.sql.select().columns(["case_id", "case_number", "received_on", "request"] + columns).from("complaint_signals")
            .where(SQLIdentifier(column), .equal, value)
            .where("received_on", .greaterThanOrEqual, SQLBind(from.iso)).where("received_on", .lessThanOrEqual, SQLBind(to.iso)).all()
    }

    /// The responsible leaders over a unit (the 分管局长, `Escalation.leader`, CAL-41): a large cluster's escalation.
    private func leaders(_ unit: UUID) async throws -> [UUID] {
        let org = OrganisationRepository(store: store)
        return try await NotificationRepository(store: store).leaders(over: unit, tree: try await org.tree())
    }

    /// The centre heads over a unit: who dispatches complaints there or above (CP-35's alert).
    private func centreHeads(_ unit: UUID) async throws -> [UUID] {
        let path = try await OrganisationRepository(store: store).tree().path(from: unit).map(\.id)
        return try await NotificationRepository(store: store).users(withPermission: .complaintDispatch, inUnits: path).map(\.id)
    }
}
