import FengqiaoCore
import Foundation

extension ProcedureRepository {
    /// The people a case now waits on, told in the transition's write (issue 12 item 6): for each
    /// step open in `state` that needs a permission beyond the handler's (法制审核, 审批), the active
    /// users holding that permission in the case's unit or a unit above it — resolved by permission
    /// and unit, not by role names; the actor is not told of their own act.
    func waitingNotices(state: String, caseID: UUID, unitID: UUID, title: String, number: String?, actor: Actor) async throws -> [(users: [UUID], notice: Notice)] {
        let steps = Worklist.waitingSteps(P.self, state: state, handlerPermissions: P.module.handlerPermissions)
        guard !steps.isEmpty else { return [] }
        let path = try await OrganisationRepository(store: store).tree().path(from: unitID).map(\.id)
        let inbox = NotificationRepository(store: store)
        var out: [(users: [UUID], notice: Notice)] = []
        for step in steps {
            var users = Set<UUID>()
            for permission in step.permissions.sorted(by: { $0.rawValue < $1.rawValue }) {
                users.formUnion(try await inbox.users(withPermission: permission, inUnits: path).map(\.id))
            }
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
