import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The party field of a new-case form (issue 12: a party is picked by search, not from a list of
/// every party). The form offers only the parties a query found — at most `limit`, each in the
/// user's data scope (X-05, filtered by `PartyRepository.search` in the query itself), named with the
/// identifier as the party list shows it (an ID number masked, X-09) — and the party already chosen.
/// Without JavaScript the field's 查找 button sends its own small GET form (`?partyQuery=`) and the
/// page returns with the matches; `Public/app.js` asks `GET /{path word}/new/parties?q=` as the user
/// types instead, so nothing else typed is lost.
struct PartyPicker: Sendable {
    /// The most parties one search offers.
    static let limit = 20
    /// The query parameter of the new-case page (sent by the field's own GET form, never with the case).
    static let queryField = "partyQuery"

    struct Match: Sendable, Content {
        let id: String
        let label: String
    }

    /// What a search found, or why it did not search.
    struct Result: Sendable, Content {
        let items: [Match]
        /// A note for the user: too short a query, nothing found, more than `limit` found.
        let message: String?
    }

    /// The picker as the field template shows it.
    struct View: Sendable {
        let query: String
        let message: String?
        /// The new-case page, which the field's 查找 form asks again with `?partyQuery=`.
        let pageURL: String
        /// The JSON search the script asks as the user types.
        let searchURL: String
        let matches: [Match]
        /// The party already chosen (from `?party=` or the form as typed), shown even when no query found it.
        let chosen: Match?
    }

    /// `name（identifier）`: the USCC, or the ID number masked, as on the party list.
    static func label(_ p: PartySummary) -> String {
        let identifier = p.uscc ?? p.idNumberMasked
        return p.name + (identifier.map { "（\($0)）" } ?? "")
    }

    /// The parties in the actor's scope matching `query`: a name (two characters or more), a USCC or
    /// an ID number, as the party list searches. An empty query finds nothing: the form never lists
    /// every party.
    static func search(_ req: Request, query raw: String?, actor: Actor) async throws -> Result {
        let query = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if query.isEmpty { return Result(items: [], message: nil) }
        guard SearchTerms.normalise(query).count >= 2, query.count <= 100 else {
            return Result(items: [], message: "请至少输入两个字、完整的统一社会信用代码或身份证号码")
        }
        let found = try await req.parties.search(query, actor: actor, limit: limit + 1)
        let items = found.prefix(limit).map { Match(id: $0.id.uuidString, label: label($0)) }
        let message = found.isEmpty ? "未找到“\(query)”：请换个名称或输入完整的统一社会信用代码、身份证号码"
            : (found.count > limit ? "仅显示前\(limit)个结果，请输入更完整的名称" : nil)
        return Result(items: Array(items), message: message)
    }

    /// The picker of a form: the query's matches and the chosen party, if the actor may see it.
    static func view(_ req: Request, pathWord: String, query: String?, chosen: String?, actor: Actor) async throws -> View {
        let result = try await search(req, query: query, actor: actor)
        var picked: Match?
        if let id = chosen.flatMap(UUID.init(uuidString:)), !result.items.contains(where: { $0.id == id.uuidString }),
           let p = try await req.parties.find(id, actor: actor) {
            picked = Match(id: p.id.uuidString, label: label(p))
        }
        return View(query: query ?? "", message: result.message, pageURL: "/\(pathWord)/new", searchURL: "/\(pathWord)/new/parties",
                    matches: result.items, chosen: picked)
    }
}
