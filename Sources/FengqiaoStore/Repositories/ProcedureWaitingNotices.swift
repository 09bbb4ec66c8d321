import FengqiaoCore
import Foundation

extension ProcedureRepository {
    /// The people a case now waits on, told in the transition's write (issue 12 item 6): for each
    /// step the case waits on in `state` that needs a permission beyond the handler's (法制审核, 审批,
    /// 指派), the active users holding it through an assignment covering the case's unit (PLT-05: the
    /// unit, a unit above it, or all) — by permission and unit, not role names; the actor is not told.
    func waitingNotices(state: String, caseID: UUID, unitID: UUID, title: String, number: String?, actor: Actor) async throws -> [(users: [UUID], notice: Notice)] {
        let steps = Worklist.waitingSteps(P.self, state: state, handlerPermissions: P.module.handlerPermissions)
        guard !steps.isEmpty else { return [] }
        let tree = try await OrganisationRepository(store: store).tree()
        let inbox = NotificationRepository(store: store)
        var out: [(users: [UUID], notice: Notice)] = []
        for step in steps {
            var users = Set(try await inbox.holders(of: step.permissions, covering: unitID, tree: tree))
            users.remove(actor.userID)
            guard !users.isEmpty else { continue }
            out.append((users.sorted { $0.uuidString < $1.uuidString },
                        Notice(kind: "case.waiting", title: "\(P.nameZH)：待您办理“\(step.transition.nameZH)”",
                               body: "\(number ?? "")《\(title)》已转至“\(P.stateNameZH(state))”，等待您办理\(step.transition.nameZH)。",
                               link: "/cases/\(caseID.uuidString)")))
        }
        return out
    }

    /// Someone the case waits on from this transition who did not wait on it before (CP-17: the
    /// delegated mediator a mediation was just handed to) is told in their inbox; the actor is not.
    func handedOver(from before: [UUID], to after: [UUID], caseID: UUID, record: CaseRecord, summaryZH: String, actor: Actor) -> [(users: [UUID], notice: Notice)] {
        let users = Set(after).subtracting(before).subtracting([actor.userID]).sorted { $0.uuidString < $1.uuidString }
        guard !users.isEmpty else { return [] }
        return [(users, Notice(kind: "case.handed-over", title: "\(P.nameZH)：交由您办理",
                               body: "\(record.number ?? "")《\(record.title)》：\(summaryZH)。", link: "/cases/\(caseID.uuidString)"))]
    }

    /// The notices a transition addresses to permission holders in given units (`UnitNotice`, CP-42).
    func unitNotices(_ notices: [UnitNotice], caseID: UUID) async throws -> [(users: [UUID], notice: Notice)] {
        let inbox = NotificationRepository(store: store)
        var out: [(users: [UUID], notice: Notice)] = []
        for n in notices {
            var users = Set<UUID>()
            for p in n.permissions.sorted(by: { $0.rawValue < $1.rawValue }) {
                users.formUnion(try await inbox.users(withPermission: p, inUnits: n.unitIDs).map(\.id))
            }
            guard !users.isEmpty else { continue }
            out.append((users.sorted { $0.uuidString < $1.uuidString },
                        Notice(kind: "case.unit-notice", title: n.titleZH, body: n.bodyZH, link: "/cases/\(caseID.uuidString)")))
        }
        return out
    }
}
