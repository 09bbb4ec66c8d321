import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// `fengqiao token revoke --id ID` or `--login L --name NAME`: revokes one API token; it is refused from
/// the next request on (PLT-33). Audited like every write.
struct TokenRevokeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "id", help: "令牌 ID（创建时显示）") var id: String?
        @Option(name: "login", help: "令牌所属用户") var login: String?
        @Option(name: "name", help: "令牌名称") var name: String?
    }
    var help: String { "吊销一个 API 令牌，立即失效 / revoke one API token (PLT-33)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let store = app.fengqiao.store(app.db)
        let access = AccessRepository(store: store)
        var target = signature.id.flatMap(UUID.init(uuidString:))
        if target == nil, let login = signature.login, let name = signature.name {
            guard let user = try await OrganisationRepository(store: store).user(login: login) else {
                context.console.error("用户 \(login) 不存在")
                throw ExitCode(2)
            }
            let live = try await access.tokens(userID: user.id).filter { $0.name == name && $0.revokedAt == nil }
            guard live.count == 1, let only = live.first else {
                context.console.error(live.isEmpty ? "用户 \(login) 没有名为“\(name)”的有效令牌" : "名为“\(name)”的有效令牌不止一个，请给出令牌 ID")
                throw ExitCode(2)
            }
            target = only.id
        }
        guard let id = target else {
            context.console.error("需要令牌 ID，或 --login 与 --name")
            throw ExitCode(2)
        }
        do {
            try await access.revokeToken(id, context: cliContext("token revoke"))
        } catch let e as DomainError where e.kind == .notFound {
            context.console.error("令牌 \(id.uuidString) 不存在")
            throw ExitCode(2)
        }
        context.console.print("令牌 \(id.uuidString) 已吊销")
    }
}
