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
}
